// The author's preview of one briefing: load → validate → resolve → charts → html, the stages of the build up to
// the HTML, without PDF or workbook. previewPage() makes what the server sends, which differs from the built file
// only in the response: a panel listing the latest problems above the last good page, and a one-line script that
// reloads the page after each rebuild. The built page's Content-Security-Policy meta forbids scripts, so the
// response drops that meta and sends the same policy as a header that also allows that one script by nonce.
import { basename, normalize } from 'node:path';
import { checkBriefing } from '../driver/check.js';
import type { Progress } from '../driver/effects.js';
import { countLine, formatDiagnostics, hasErrors, unreported, type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';
import type { BriefingReader } from '../model/loaded.js';
import { drawCharts } from '../stages/charts/index.js';
import { addPhoneCharts } from '../stages/phone-charts/index.js';
import { escapeHtml } from '../model/escape.js';
import { renderHtml } from '../stages/html/index.js';
import { MONO_FONT, type DocumentFonts } from '../theme/fonts.js';
import type { Templates } from '../theme/templates.js';

export interface PreviewEffects {
  reader: BriefingReader;
  templates(): Promise<Templates>;
  fonts(): Promise<DocumentFonts>;
  toolVersion: string;
  progress: Progress;
}

export interface PreviewBuild {
  briefing: string;
  /** The page, when the briefing has no error and every stage ran. */
  html?: string;
  /** What the author must see: diagnostics as a compiler prints them, or why a stage failed. */
  problems?: string;
  /** In a few words, for the progress line: "2 errors, 1 warning". */
  summary: string;
  /** What the checks found, and the checked files' texts, for the terminal. */
  diagnostics: Diagnostic[];
  texts: ReadonlyMap<string, string>;
}

export async function buildPreview(dir: string, effects: PreviewEffects): Promise<PreviewBuild> {
  const briefing = basename(normalize(dir));
  const timed = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
    effects.progress.start(briefing, stage);
    const started = performance.now();
    const result = await run();
    effects.progress.stage(briefing, stage, performance.now() - started);
    return result;
  };
  let stage = 'validate';
  try {
    const checked = await timed(stage, () => checkBriefing(dir, effects.reader));
    const found = (diagnostics: typeof checked.diagnostics) => ({
      summary: countLine(diagnostics),
      diagnostics,
      texts: checked.texts,
      ...(diagnostics.length > 0 ? { problems: formatDiagnostics(diagnostics, checked.texts) } : {}),
    });
    if (hasErrors(checked.diagnostics) || !checked.resolved) return { briefing, ...found(checked.diagnostics) };
    const resolved = checked.resolved;
    // The build's stages, each one's diagnostics added to the one log.
    const log = <T>({ value, diagnostics }: StageResult<T>) => (checked.diagnostics.push(...unreported(diagnostics, checked.diagnostics)), value);
    stage = 'charts';
    const charts = log(await timed(stage, () => drawCharts(resolved)));
    stage = 'html';
    const [templates, fonts] = await Promise.all([effects.templates(), effects.fonts()]);
    const page = log(await timed(stage, () => renderHtml({ briefing: resolved, charts, templates, fonts, pageSize: 'a4', toolVersion: effects.toolVersion })));
    stage = 'phone-charts';
    const { html } = log(await timed(stage, () => addPhoneCharts({ briefing: resolved, charts, html: page })));
    return { briefing, html, ...found(checked.diagnostics) };
  } catch (error) {
    // A broken template or an unexpected failure: the author sees it and the last good page stays up.
    const reason = `the ${stage} stage failed: ${(error as Error).message}`;
    return { briefing, problems: reason, summary: reason, diagnostics: [], texts: new Map() };
  }
}

export interface PreviewState {
  briefing: string;
  /** The last good page, if any build succeeded yet. */
  html?: string;
  /** Problems of the latest build. */
  problems?: string;
  /** Whether the latest build failed (the page is then an older one). */
  stale: boolean;
  /** Counts rebuilds, so a page that loaded before the latest one reloads as soon as it connects. */
  version: number;
}

export const EVENTS_PATH = '/__briefpress/events';

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">\s*/i;

export function previewPage(state: PreviewState, nonce: string): { html: string; csp: string } {
  const base = state.html ?? `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(state.briefing)}: preview</title>\n</head>\n<body>\n</body>\n</html>\n`;
  const policy = CSP_META.exec(base)?.[1];
  const script = `<script nonce="${nonce}">new EventSource(${JSON.stringify(`${EVENTS_PATH}?since=${state.version}`)}).addEventListener("reload", () => location.reload());</script>\n`;
  const html = base
    .replace(CSP_META, '')
    .replace(/<body[^>]*>/i, (body) => `${body}\n${problemsPanel(state)}`)
    .replace(/<\/body>/i, `${script}</body>`);
  return { html, csp: [policy, `script-src 'nonce-${nonce}'`, "connect-src 'self'"].filter(Boolean).join('; ') };
}

function problemsPanel({ problems, stale, html }: PreviewState): string {
  if (!problems) return '';
  const heading = !stale
    ? 'Rebuilt, with warnings:'
    : html
      ? 'Not rebuilt: fix these and save. Below is the last good preview.'
      : 'Not built yet: fix these and save.';
  const box = `position:sticky;top:0;z-index:10;margin:0;padding:12px 16px;font:13px/1.45 '${MONO_FONT}',monospace;white-space:pre-wrap;`;
  const colours = stale ? 'background:#fff1f0;color:#5c0b06;border-bottom:3px solid #c3291c;' : 'background:#fff8e5;color:#4d3800;border-bottom:3px solid #b88a00;';
  return `<aside id="briefpress-problems" role="alert" style="${box}${colours}"><strong>${heading}</strong>\n${escapeHtml(problems)}</aside>\n`;
}
