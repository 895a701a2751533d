// The stage contract (docs/design.md): every folder under pipeline/stages/ is one stage whose index.ts exports one
// entry function, returning its value and its diagnostics (StageResult). The types are held by the table below,
// which the type check reads; the count of functions by importing each index.ts.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StageResult } from '../../pipeline/diagnostics/diagnostic.js';
import { drawCharts } from '../../pipeline/stages/charts/index.js';
import { renderHtml } from '../../pipeline/stages/html/index.js';
import { loadBriefing } from '../../pipeline/stages/load/index.js';
import { buildManifest } from '../../pipeline/stages/manifest/index.js';
import { renderPdf } from '../../pipeline/stages/pdf/index.js';
import { addPhoneCharts } from '../../pipeline/stages/phone-charts/index.js';
import { resolveBriefing } from '../../pipeline/stages/resolve/index.js';
import { validateBriefing } from '../../pipeline/stages/validate/index.js';
import { buildWorkbook } from '../../pipeline/stages/workbook/index.js';

type Entry = (input: never, ...rest: never[]) => StageResult<unknown> | Promise<StageResult<unknown>>;

/** Each stage's entry function, by folder: a stage whose entry returns anything else fails the type check. */
const ENTRIES = {
  load: loadBriefing,
  validate: validateBriefing,
  resolve: resolveBriefing,
  charts: drawCharts,
  html: renderHtml,
  'phone-charts': addPhoneCharts,
  pdf: renderPdf,
  workbook: buildWorkbook,
  manifest: buildManifest,
} satisfies Record<string, Entry>;

describe('the stage contract', () => {
  it('names every stage folder, and only those', () => {
    const folders = readdirSync('pipeline/stages', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(Object.keys(ENTRIES).sort()).toEqual(folders.sort());
  });

  it.each(Object.entries(ENTRIES))('%s: its index.ts exports one function, the entry', async (folder, entry) => {
    const exported = (await import(`../../pipeline/stages/${folder}/index.ts`)) as Record<string, unknown>;
    const functions = Object.entries(exported).filter(([, value]) => typeof value === 'function');
    expect(functions.map(([name]) => name)).toEqual([entry.name]);
  });
});
