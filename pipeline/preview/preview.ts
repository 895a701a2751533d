// The author's preview of one briefing: load → validate → charts → html, the first stages of the build,
// without PDF or workbook. previewPage() makes what the server sends, which differs from the built file only
// in the response: a panel listing the latest problems above the last good page, and a one-line script that
// reloads the page after each rebuild. The built page's Content-Security-Policy meta forbids scripts, so the
// response drops that meta and sends the same policy as a header that also allows that one script by nonce.
import { basename, normalize } from 'node:path';
import { renderCharts } from '../stages/charts/index.js';
import { countLine, formatDiagnostics, hasErrors } from '../diagnostics/diagnostic.js';
import { renderHtml } from '../stages/html/index.js';
import { escapeHtml } from '../stages/html/markdown.js';
import type { Progress } from '../cli/progress.js';
import type { Templates } from '../theme/templates.js';
import { checkBriefings } from '../build/check.js';
import type { BriefingReader } from '../model/loaded.js';

export interface PreviewEffects {
  reader: BriefingReader;
  templates(): Promise<Templates>;
  fontCss(): Promise<string>;
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
    const checked = await timed(stage, () => checkBriefings([dir], effects.reader));
    const problems = checked.diagnostics.length > 0 ? formatDiagnostics(checked.diagnostics, checked.texts) : undefined;
    const summary = countLine(checked.diagnostics);
    if (hasErrors(checked.diagnostics)) return { briefing, summary, ...(problems ? { problems } : {}) };
    const validated = checked.briefings[0]!;
    stage = 'charts';
    const charts = await timed(stage, () => renderCharts(validated));
    stage = 'html';
    const [templates, fontCss] = await Promise.all([effects.templates(), effects.fontCss()]);
    const html = await timed(stage, () => renderHtml({ briefing: validated, charts, templates, fontCss, pageSize: 'a4', toolVersion: effects.toolVersion }));
    return { briefing, html, summary, ...(problems ? { problems } : {}) };
  } catch (error) {
    // A broken template or an unexpected failure: the author sees it and the last good page stays up.
    const reason = `the ${stage} stage failed: ${(error as Error).message}`;
    return { briefing, problems: reason, summary: reason };
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
  const box = `position:sticky;top:0;z-index:10;margin:0;padding:12px 16px;font:13px/1.45 'IBM Plex Mono',monospace;white-space:pre-wrap;`;
  const colours = stale ? 'background:#fff1f0;color:#5c0b06;border-bottom:3px solid #c3291c;' : 'background:#fff8e5;color:#4d3800;border-bottom:3px solid #b88a00;';
  return `<aside id="briefpress-problems" role="alert" style="${box}${colours}"><strong>${heading}</strong>\n${escapeHtml(problems)}</aside>\n`;
}
