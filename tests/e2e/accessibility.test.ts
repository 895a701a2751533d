// The HTML as assistive technology and validators see it: axe-core in Chromium, html-validate on the source.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { HtmlValidate } from 'html-validate';
import { findBrowser, launchBrowser } from '../../pipeline/build/browser.js';
import { renderCharts } from '../../pipeline/stages/charts/index.js';
import { fontFaceCss } from '../../pipeline/theme/fonts.js';
import { renderHtml } from '../../pipeline/stages/html/index.js';
import { loadTemplates } from '../../pipeline/theme/templates.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let browser: Browser;
let html: string;

beforeAll(async () => {
  const briefing = await loadDefaultBriefing();
  html = renderHtml({ briefing, charts: (await renderCharts(briefing)).charts, templates: await loadTemplates(), fontCss: await fontFaceCss(), pageSize: 'a4', toolVersion: 'test' });
  browser = await launchBrowser(await findBrowser());
});
afterAll(async () => {
  await browser?.close();
});

async function axeViolations(width: number, colorScheme: 'light' | 'dark', markup = html): Promise<AxeViolation[]> {
  const page = await browser.newPage();
  try {
    // The document forbids scripts; the test, not the document, runs axe.
    await page.setBypassCSP(true);
    await page.setViewport({ width, height: 900 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
    await page.setContent(markup, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  } finally {
    await page.close();
  }
}

const serious = (violations: AxeViolation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

describe('accessibility', () => {
  it('axe-core finds no serious or critical violation on a desktop screen', async () => {
    expect(serious(await axeViolations(1280, 'light'))).toEqual([]);
  });

  it('axe-core finds no serious or critical violation on a phone in dark mode', async () => {
    expect(serious(await axeViolations(390, 'dark'))).toEqual([]);
  });

  it('would catch a violation (the check is live)', async () => {
    const broken = html.replace('<main id="content">', '<main id="content"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
    expect(serious(await axeViolations(1280, 'light', broken)).map((v) => v.id)).toContain('image-alt');
  });

  it('html-validate reports no error with its recommended rules', async () => {
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    const errors = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
    expect(errors).toEqual([]);
  });
});
