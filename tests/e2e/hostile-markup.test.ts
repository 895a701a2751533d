// Briefing text that tries to end its context: the title, classification and section titles reach the page's
// <style> as CSS strings (the running header and footer), and must print as text there, never as markup.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { printCss } from '../../pipeline/stages/html/print-css.js';
import { changedBriefing, loadDefaultBriefing } from '../support/default-briefing.js';
import { pdfText } from '../support/pdf-tools.js';
import { htmlOf, pdfOf } from '../support/stages.js';

const BREAKOUT = `Q4 "review" \\ </style><a href='javascript:alert(1)'>x</a><meta http-equiv=refresh content='3;url=http://127.0.0.1:9/'><style>`;

/** The page's markup with the content of every <style> element removed, as an HTML parser would split it. */
const outsideStyles = (html: string) => html.replace(/<style[^>]*>[\s\S]*?<\/style>/gi, '<style></style>');

/** The element names of a page in order, outside <style>: what a parser builds, whatever the text says. */
const elements = (html: string) => [...outsideStyles(html).matchAll(/<([a-z][a-z0-9-]*)/gi)].map((m) => m[1]);

let hostile: ResolvedBriefing;
let html: string;
let plainHtml: string;

beforeAll(async () => {
  const briefing = await loadDefaultBriefing();
  hostile = changedBriefing(briefing, {
    meta: { ...briefing.meta, title: BREAKOUT, classification: BREAKOUT },
    sections: briefing.briefing.sections.map((section) => ({ ...section, title: `${section.title} ${BREAKOUT}` })),
  });
  const render = (b: ResolvedBriefing) => htmlOf(b);
  html = await render(hostile);
  plainHtml = await render(briefing);
});

describe('markup in text that lands in CSS', () => {
  it('cannot end the string, the rule or the <style> element', () => {
    const css = printCss({ pageSize: 'a4', title: BREAKOUT, classification: BREAKOUT });
    expect(css).not.toMatch(/[<>']/);
    // a backslash only ever starts a hex escape, so none escapes a quote
    expect(css).not.toMatch(/\\(?![0-9a-f]+ )/);
    expect(css.match(/"/g)!.length % 2).toBe(0);
  });

  it('leaves the page with no live link, refresh or extra element', () => {
    expect(elements(html)).toEqual(elements(plainHtml));
    expect(outsideStyles(html)).not.toMatch(/href=['"]?javascript:|http-equiv=['"]?refresh/i);
  });

  it('prints the text literally in the running header and footer', async () => {
    const browser = await launchBrowser(await findBrowser());
    let pdf: Uint8Array;
    try {
      ({ pdf } = await pdfOf({ briefing: hostile, html, browser, pageSize: 'a4' }));
    } finally {
      await browser.close();
    }
    const path = join(mkdtempSync(join(tmpdir(), 'briefpress-markup-')), 'hostile.pdf');
    writeFileSync(path, pdf);
    const text = pdfText(path).replace(/\s+/g, ' ');
    // the footer sets the classification in capitals: this text can only come from the margin box
    expect(text).toContain('Q4 "REVIEW" \\ </STYLE><A HREF=\'JAVASCRIPT:ALERT(1)\'>X</A>');
  });
});
