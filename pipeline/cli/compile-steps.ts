// What `npm run compile` (scripts/compile.mjs) runs from the bundles it has just written: the hash of their code,
// which builds read instead of hashing 7 MB (driver/file-effects.ts), and the work whose compiled functions the V8 code
// cache records (bundle-loader.ts), one cache set per process: `validate`; or a whole build, then the stages a
// build runs on its worker thread (check, charts, html, workbook), run here again in this thread, since a worker is
// an isolate of its own, whose compiled functions this thread's cache cannot hold.
import { findBrowser } from '../driver/browser.js';
import { checkBriefing } from '../driver/check.js';
import { fileReader } from '../driver/file-reader.js';
import { renderDocuments } from '../driver/render.js';
import { TOOL_VERSION } from '../driver/version.js';
import { loadDocumentFonts } from '../theme/fonts.js';
import { loadTemplates } from '../theme/templates.js';
import type { CacheSet } from './bundle-loader.js';
import type { CliIo } from './io.js';
import { run } from './run.js';

export { writeCodeDigest } from '../driver/file-effects.js';

/** Runs what `set` is recorded from on `briefingDir`, writing into `outDir` (the PDF too when a browser is found); throws when a command fails. */
export async function exercise(set: CacheSet, briefingDir: string, outDir: string): Promise<void> {
  let said = '';
  const io: CliIo = { stdout: { write: (text: string) => (said += text) }, stderr: { write: (text: string) => (said += text) }, env: process.env, stopRequested: () => new Promise(() => {}) };
  const command = async (...argv: string[]) => {
    const code = await run(argv, io);
    if (code !== 0) throw new Error(`briefpress ${argv.join(' ')} exited with ${code}:\n${said}`);
  };
  if (set === 'validate') return command('validate', briefingDir, '--quiet');
  const pdf = await findBrowser().then(() => true, () => false);
  await command('build', briefingDir, '--out', outDir, '--force', '--quiet', ...(pdf ? [] : ['--outputs', 'html,xlsx']));
  const checked = await checkBriefing(briefingDir, fileReader);
  if (!checked.resolved) throw new Error(`${briefingDir} did not validate`);
  const report = { start: () => {}, stage: () => {} };
  const [templates, fonts] = await Promise.all([loadTemplates(), loadDocumentFonts()]);
  await renderDocuments({ briefing: checked.resolved, pageSize: 'a4', workbook: true, toolVersion: TOOL_VERSION }, { templates, fonts, report }, () => {});
}
