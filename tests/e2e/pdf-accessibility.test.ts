// A PDF/UA-1 structural audit of every briefing under data/, printed as the build prints it and read back
// with readers that share no code with the writer: pikepdf (tests/support/pdf_audit.py), poppler's
// pdfinfo -struct-text and pdftotext.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { findBrowser, launchBrowser } from '../../pipeline/driver/browser.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { loadDefaultBriefing } from '../support/default-briefing.js';
import { pdfAudit, pdfStructureText, pdfText, writeTemp, type PdfAudit } from '../support/pdf-tools.js';
import { htmlOf, pdfOf } from '../support/stages.js';

const BRIEFINGS = readdirSync('data').sort();

interface Printed {
  briefing: ResolvedBriefing;
  pdf: Uint8Array;
  audit: PdfAudit;
  structureText: string;
  text: string;
}

let browser: Browser;
const printed = new Map<string, Printed>();

async function print(briefing: ResolvedBriefing): Promise<Uint8Array> {
  return (await pdfOf({ briefing, html: await htmlOf(briefing), browser, pageSize: 'a4', creator: 'briefpress test' })).pdf;
}

beforeAll(async () => {
  browser = await launchBrowser(await findBrowser());
  for (const id of BRIEFINGS) {
    const briefing = await loadDefaultBriefing(join('data', id));
    const pdf = await print(briefing);
    const path = writeTemp(`${id}.pdf`, pdf);
    printed.set(id, { briefing, pdf, audit: pdfAudit(path), structureText: pdfStructureText(path), text: pdfText(path) });
  }
}, 240_000);
afterAll(async () => {
  await browser?.close();
});

describe.each(BRIEFINGS)('the PDF of %s, read by independent readers', (id) => {
  const get = () => printed.get(id)!;

  it('gives every Figure alternative text, and one Figure per chart and image', () => {
    const { audit, briefing } = get();
    expect(audit.structure.figures.length).toBeGreaterThanOrEqual(briefing.charts.length);
    expect(audit.structure.figures.filter((alt) => !alt?.trim())).toEqual([]);
    for (const chart of briefing.charts) expect(audit.structure.figures).toContain(chart.alt);
  });

  it('uses only standard structure types, or types its role map sends to standard ones', () => {
    const { structure } = get().audit;
    expect(structure.unmapped).toEqual([]);
    expect(structure.remappedStandard).toEqual([]);
  });

  it('tags tables as Table without a Figure around them, and list items as Lbl and LBody', () => {
    const { structure } = get().audit;
    expect(structure.types.Table ?? 0).toBeGreaterThanOrEqual(get().briefing.tables.length);
    expect(structure.tablesInFigures).toBe(0);
    expect(structure.listItems.length).toBeGreaterThan(0);
    for (const kids of structure.listItems) expect(kids.filter((kid) => kid !== 'Lbl')).toEqual(['LBody']);
  });

  it('gives every link annotation /Contents and a Link element as its structure parent', () => {
    const { links } = get().audit;
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !link.contents?.trim() || link.structParent !== 'Link')).toEqual([]);
  });

  it('marks every text-showing and painting operator as content or artifact', () => {
    const { content } = get().audit;
    expect(content.text).toBeGreaterThan(0);
    expect(content).toMatchObject({ unmarkedText: 0, unmarkedPainting: 0 });
  });

  it('carries XMP metadata claiming PDF/UA-1, the language, the title shown as the window title', () => {
    const { audit, briefing } = get();
    const description = briefing.description;
    // the short description is the summary's first sentence
    expect(briefing.summary.replace(/\s+/g, ' ').startsWith(description)).toBe(true);
    expect(description).toMatch(/[.!?]$/);
    expect(audit.xmp).toEqual({ title: briefing.documentTitle, creator: briefing.meta.author ?? null, description, language: briefing.meta.language, pdfuaPart: '1', subtype: '/XML' });
    expect(audit.xmp!.description!.length).toBeLessThan(300);
    expect(audit).toMatchObject({ lang: briefing.meta.language, marked: true, displayDocTitle: true });
    // PDF/UA-1 wants the XMP's dc:language to say what the catalog's /Lang says.
    expect(audit.xmp!.language).toBe(audit.lang);
  });

  it('has every heading, word for word, as a bookmark, in order', () => {
    const { audit, briefing } = get();
    const sections = briefing.sections.map((section) => `${section.number} ${section.title.replace(/\s+/g, ' ')}`);
    const expected = [briefing.meta.title, 'Key figures', 'Executive summary', 'Contents', ...sections, 'Sources'];
    // Headings inside a section's prose are bookmarks too; these must all be there, in this order.
    expect(audit.bookmarks.filter((title) => expected.includes(title))).toEqual(expected);
  });

  it('keeps word spaces at line breaks in the structure text and in pdftotext', () => {
    const { structureText, text, briefing } = get();
    // Each takeaway of the summary wraps over several lines: a space lost at any line break fails this.
    for (const takeaway of briefing.takeaways) expect(structureText.replace(/\s+/g, ' ')).toContain(takeaway);
    for (const glued of ['runMLSecOps', 'inAugust', 'machinelearning']) {
      expect(structureText).not.toContain(glued);
      expect(text).not.toContain(glued);
    }
  });
});

describe('pdf tagging', () => {
  it('gives the same bytes for the same input', async () => {
    const { briefing, pdf } = printed.get(BRIEFINGS[0]!)!;
    const again = await print(briefing);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(pdf))).toBe(0);
  });
});
