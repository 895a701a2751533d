// The checks on each data point (pipeline/stages/validate/checks/data-points.ts), run through load and validate
// on the default briefing with one data point added or changed.
import { describe, expect, it } from 'vitest';
import { loadBriefing } from '../../../../pipeline/stages/load/index.js';
import { validateBriefing } from '../../../../pipeline/stages/validate/index.js';
import { defaultFile, editDefault, FIXTURE_DIR, memoryBriefing } from '../../../support/memory-briefing.js';

async function diagnose(changes: Record<string, string>) {
  const { value: loaded, diagnostics } = await loadBriefing(FIXTURE_DIR, memoryBriefing(changes));
  return [...diagnostics, ...validateBriefing(loaded).diagnostics].map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
}

/** The default briefing with one more data point, which no prose states, with `fields` (YAML lines) from line 51. */
const withPoint = (...fields: string[]) =>
  diagnose({ 'data-points.yaml': `${defaultFile('data-points.yaml')}  - id: added-point\n    label: "Added"\n${fields.map((f) => `    ${f}\n`).join('')}    period: { label: "2024", start: 2024-01-01, end: 2024-12-31 }\n    source: nebulai-2024\n` });

describe('checkDataPoints', () => {
  it('accepts a percentage from 0 to 100 inclusive and refuses one just outside (BP302)', async () => {
    for (const value of ['0', '100', '99.9']) expect(await withPoint(`value: ${value}`, 'decimals: 1', 'unit: percent'), value).toEqual([]);
    expect(await withPoint('value: 100.5', 'decimals: 1', 'unit: percent')).toEqual(['51:12 BP302 data point "added-point" is a percentage of 100.5, outside 0–100']);
    expect(await withPoint('value: -0.5', 'decimals: 1', 'unit: percent')).toEqual(['51:12 BP302 data point "added-point" is a percentage of -0.5, outside 0–100']);
  });

  it('lets a change in percent go past 100', async () => {
    expect(await withPoint('value: 140', 'decimals: 0', 'unit: percent', 'change: true')).toEqual([]);
  });

  it('refuses a currency on a unit that is not currency, and a currency amount without one (BP314)', async () => {
    const percent = await diagnose(editDefault('data-points.yaml', 'value: 37.3\n    decimals: 1\n    unit: percent\n', 'value: 37.3\n    decimals: 1\n    unit: percent\n    currency: USD\n'));
    expect(percent).toEqual(['39:15 BP314 "ai-market-cagr-2023-2030" names a currency but its unit is percent']);
    expect(await withPoint('value: 4.2', 'decimals: 1', 'unit: count', 'currency: EUR')).toEqual(['54:15 BP314 "added-point" names a currency but its unit is count']);
    expect(await withPoint('value: 4.2', 'decimals: 1', 'unit: currency')).toEqual(['53:11 BP314 "added-point" is a currency amount without "currency" (an ISO 4217 code)']);
    expect(await withPoint('value: 4.2', 'decimals: 1', 'unit: currency', 'currency: EUR')).toEqual([]);
  });
});
