// Every glyph of every output comes from a font the project ships: built with the CLI, each briefing under data/
// and one that writes the characters analysts use beyond Latin-1, read back with pdffonts and from the HTML.
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_FONT, MONO_FONT } from '../../pipeline/theme/fonts.js';
import { inRanges, mappedCodePoints } from '../../pipeline/theme/sfnt.js';
import { ANALYST_CHARACTERS } from '../support/analyst-characters.js';
import { briefpress, type CliRun } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { embeddedFonts } from '../support/embedded-fonts.js';
import { pdfFonts, pdfText } from '../support/pdf-tools.js';

const PROBE = 'analyst-characters';
const briefings = readdirSync('data').filter((id) => existsSync(join('data', id, 'briefing.yaml')));
/** PostScript names of the shipped families, as pdffonts prints them after the subset tag: IBMPlexSans-Bold… */
const SHIPPED = new RegExp(`^[A-Z]{6}\\+(${[DOCUMENT_FONT, MONO_FONT].map((f) => f.replace(/ /g, '')).join('|')})-\\w+$`);

let out: string;
let run: CliRun;
const output = (id: string, ext: string) => join(out, id, `${id}.${ext}`);

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'briefpress-fonts-'));
  const probe = join(work, PROBE);
  cpSync(DEFAULT_BRIEFING_DIR, probe, { recursive: true });
  appendFileSync(join(probe, 'sections/01-trends.md'), `\nAnalysts write: ${ANALYST_CHARACTERS}.\n`);
  out = join(work, 'out');
  run = await briefpress(['build', ...briefings.map((id) => join('data', id)), probe, '--out', out, '--outputs', 'pdf,html']);
});

describe('fonts in the outputs', () => {
  it('builds every briefing and the one with the characters', () => {
    expect(run.stderr).not.toMatch(/error/);
    expect(run.status).toBe(0);
  });

  it.each([...briefings, PROBE])('%s: its PDF embeds only fonts the project ships', (id) => {
    const names = pdfFonts(output(id, 'pdf')).map((f) => f.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !SHIPPED.test(name))).toEqual([]);
  });

  it('the characters reach the PDF as text', () => {
    expect(pdfText(output(PROBE, 'pdf')).replace(/\s+/g, ' ')).toContain(ANALYST_CHARACTERS.split(' Ελλάδα')[0]);
  });

  it.each([...briefings, PROBE])('%s: its HTML embeds a face that draws every character the page shows', (id) => {
    const html = readFileSync(output(id, 'html'), 'utf8');
    const regular = embeddedFonts(html).find((f) => f.face === `${DOCUMENT_FONT} 400 normal`)!;
    const drawn = mappedCodePoints(regular.font);
    const shown = html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#x?[0-9a-f]+;/gi, ' ');
    const missing = [...new Set(shown)].filter((char) => !/\s/.test(char) && !inRanges(drawn, char.codePointAt(0)!));
    expect(missing).toEqual([]);
  });
});
