// The HTML as assistive technology and validators see it: axe-core in Chromium, html-validate on the source.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { HtmlValidate } from 'html-validate';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';
import { htmlOf } from '../support/stages.js';

const require = createRequire(import.meta.url);

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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
  html = await htmlOf(briefing);
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

  it('axe-core finds no serious or critical violation on a phone, or on a desktop screen in dark mode', async () => {
    expect(serious(await axeViolations(390, 'light'))).toEqual([]);
    expect(serious(await axeViolations(1280, 'dark'))).toEqual([]);
  });

  it('would catch a violation (the check is live)', async () => {
    const broken = html.replace('<main id="content">', '<main id="content"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
    expect(serious(await axeViolations(1280, 'light', broken)).map((v) => v.id)).toContain('image-alt');
  });

  it('html-validate reports no error with its recommended rules', async () => {
    // The <title> is the document's title with its subtitle, as a reader's tab and bookmarks should name it; the
    // recommended 70 characters (a search engine's cut) would drop the subtitle of most briefings.
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': ['error', { maxlength: 120 }] } }).validateString(html);
    const errors = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
    expect(errors).toEqual([]);
  });
});

/** The smallest text on screen, in CSS px: the charts' labels as scaled to their box, and the page's notes. */
async function smallestText(width: number, colorScheme: 'light' | 'dark') {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height: 900 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
    await page.setContent(html, { waitUntil: 'load' });
    return await page.evaluate(() => {
      const visible = (el: Element) => (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const charts = Array.from(document.querySelectorAll('.chart-graphic svg')).filter(visible).map((svg) => {
        const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
        return Math.min(...Array.from(svg.querySelectorAll('text')).map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
      });
      const notes = Array.from(document.querySelectorAll('.figure-source, .key-figure-meta, .backlinks')).filter(visible).map((el) => parseFloat(getComputedStyle(el).fontSize));
      return { chartCount: charts.length, chartText: Math.min(...charts), note: Math.min(...notes) };
    });
  } finally {
    await page.close();
  }
}

describe('charts on screen', () => {
  it('are readable on a 390 px phone: no chart label smaller than the smallest note', async () => {
    const { chartCount, chartText, note } = await smallestText(390, 'light');
    expect(chartCount).toBeGreaterThan(0);
    expect(chartText).toBeGreaterThanOrEqual(note);
  });

  it('are no white boxes in dark mode: no chart paints a background of its own', () => {
    expect(html).not.toMatch(/<svg[^>]*>\s*<rect[^>]*fill="(white|#fff|#ffffff)"/i);
  });
});
