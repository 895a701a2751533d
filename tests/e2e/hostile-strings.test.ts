// Every string a briefing holds, hostile: the string fields are found by walking the data format's schemas
// (pipeline/model/schema.ts), so a field added there is covered here without a line changed. Each field gets a
// payload that tries every context it could land in (HTML text and attributes, CSS strings, URLs, SVG, PDF
// metadata, spreadsheet formulas, Markdown), and a section's Markdown gets one in an image and a link. A field
// whose value validation constrains must refuse it, at its place in the file; every other field is set to it at
// once, the briefing built in every format, and nothing live may come out: no new element or attribute in the
// HTML, no link but http(s), mailto and the document's own anchors in the PDF, well-formed PDF metadata, no formula
// in the workbook, no Markdown outside its cell.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import * as XLSX from 'xlsx';
import type { z } from 'zod';
import { checkBriefing } from '../../pipeline/driver/check.js';
import { findBrowser, launchBrowser, killBrowser } from '../../pipeline/driver/browser.js';
import { briefingFileSchema, chartFileSchema, dataPointsFileSchema, sourcesFileSchema, tableFileSchema } from '../../pipeline/model/schema.js';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { defaultFile, FIXTURE_DIR, memoryBriefing } from '../support/memory-briefing.js';
import { pdfInfo, qpdfCheck } from '../support/pdf-tools.js';

/**
 * Tries each context at once; no digits, `{{` or `[@`, which the narrative grammar and the figure checks read
 * as data. It starts with `=` as a formula would. No C1 control (U+0085): no shipped font has it, so validate refuses
 * it (BP809, tests/invalid/control-character-escaped.yaml) where Chromium drew it from a machine font.
 */
const PAYLOAD = `=HYPERLINK("javascript:alert('x')") </style></title></textarea><script>alert('x')</script>` +
  `<img src=x onerror=alert('x')><a href="javascript:alert('x')">x</a><meta http-equiv=refresh content="url=file:///etc/passwd">` +
  `<svg onload=alert('x')><![CDATA[ ]]> <!-- \` ' " ) ( \\ & &amp; | * _ ~ {} ; }\n# heading\n- item\n| a | b |\n[link](data:text/html,x) ` +
  '\u2028 end';

/**
 * The payload for Markdown, on one line: an image's alt text and a link's text and title in a section. The image's
 * title has no `"`: the load stage finds images by a pattern that ends a title at the first `"`, escaped or not.
 */
const MARKDOWN_PAYLOAD = `x" onmouseover="alert('x')" ' onfocus='alert('x')' <img src=x onerror=alert('x')> &amp; end`;
const markdownWith = (text: string) => {
  const bracketed = text.replace(/[\\[\]]/g, '\\$&');
  const quoted = text.replace(/"/g, '\\"');
  return `\n\n![${bracketed}](picture.png "${text.replace(/"/g, '')}") and [${bracketed}](https://example.com/ "${quoted}").\n`;
};

/** Which schema each file of a briefing follows. */
const FILES: { pattern: RegExp; schema: z.ZodType }[] = [
  { pattern: /^briefing\.yaml$/, schema: briefingFileSchema },
  { pattern: /^data-points\.yaml$/, schema: dataPointsFileSchema },
  { pattern: /^sources\.yaml$/, schema: sourcesFileSchema },
  { pattern: /^tables\/.+\.yaml$/, schema: tableFileSchema },
  { pattern: /^charts\/.+\.yaml$/, schema: chartFileSchema },
];

type Path = (string | '*')[];

/** Paths of every string a schema admits, `*` standing for every element of an array or value of a record. */
function stringPaths(schema: z.ZodType, path: Path = []): Path[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
      return [path];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) => stringPaths(field, [...path, key]));
    case 'array':
      return stringPaths(def.element as z.ZodType, [...path, '*']);
    case 'record':
      return stringPaths(def.valueType as z.ZodType, [...path, '*']);
    case 'optional':
    case 'default':
      return stringPaths(def.innerType as z.ZodType, path);
    case 'pipe':
      return stringPaths(def.in as z.ZodType, path);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => stringPaths(option, path));
    default:
      return [];
  }
}

/** Sets every string at `path` (creating an absent optional one) to `value()`. */
function setAll(node: unknown, path: Path, value: () => string): void {
  const [head, ...rest] = path;
  if (head === undefined || !node || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  if (head === '*') {
    if (Array.isArray(node) && node.length === 0 && rest.length === 0) node.push(value());
    for (const key of Object.keys(object)) {
      if (rest.length === 0) object[key] = value();
      else setAll(object[key], rest, value);
    }
  } else if (rest.length === 0) object[head] = value();
  else setAll(object[head] ?? (object[head] = rest[0] === '*' ? [] : {}), rest, value);
}

/** Every file of the default briefing with a schema, and the string fields its schema has. */
function stringFields(): { file: string; path: Path }[] {
  const files = [
    ...['briefing.yaml', 'data-points.yaml', 'sources.yaml'],
    ...['tables', 'charts'].flatMap((folder) => readdirSync(join(DEFAULT_BRIEFING_DIR, folder)).map((name) => `${folder}/${name}`)),
  ];
  return files.flatMap((file) => {
    const { schema } = FILES.find(({ pattern }) => pattern.test(file))!;
    // A union of string options (a date) is one field.
    const unique = new Map(stringPaths(schema).map((path) => [path.join('.'), path]));
    return [...unique.values()].map((path) => ({ file, path }));
  });
}

/** Letters, not digits, which the figure checks would read: a, b, …, z, ba, bb, … */
const tag = (n: number): string => (n < 26 ? '' : tag(Math.floor(n / 26))) + String.fromCharCode(97 + (n % 26));

/**
 * The files with every string at the fields' paths set to `text` and a tag of its own (keys of a table's rows and
 * duplicate sources must stay distinct).
 */
function withPayload(fields: { file: string; path: Path }[], text = PAYLOAD): Record<string, string> {
  const changed: Record<string, unknown> = {};
  let count = 0;
  for (const { file, path } of fields) {
    changed[file] ??= parse(defaultFile(file));
    setAll(changed[file], path, () => `${text} ${tag(count++)}`);
  }
  return Object.fromEntries(Object.entries(changed).map(([file, value]) => [file, stringify(value)]));
}

const fields = stringFields();
const label = ({ file, path }: { file: string; path: Path }) => `${file}: ${path.join('.')}`;
let rendered: typeof fields;
let refused: { field: (typeof fields)[number]; diagnostics: string[] }[];

beforeAll(async () => {
  rendered = [];
  refused = [];
  for (const field of fields) {
    const checked = await checkBriefing(FIXTURE_DIR, memoryBriefing(withPayload([field])));
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) rendered.push(field);
    else refused.push({ field, diagnostics: errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`) });
  }
});

describe('hostile text in every string field of every schema', () => {
  it('finds the string fields by walking the schemas', () => {
    expect(fields.length).toBeGreaterThan(30);
    expect(fields.map(label)).toEqual(expect.arrayContaining(['briefing.yaml: title', 'briefing.yaml: keywords.*', 'data-points.yaml: dataPoints.*.period.label', 'tables/key-roles.yaml: rows.*.*']));
  });

  it('a field validation constrains refuses the payload with a positioned error, in that file', () => {
    for (const { field, diagnostics } of refused) {
      expect(diagnostics.length, label(field)).toBeGreaterThan(0);
      for (const line of diagnostics) expect(line, label(field)).toMatch(/:\d+:\d+ BP\d{3}$/);
    }
    // Free text is not refused: it must come out as text.
    expect(rendered.map(label)).toEqual(expect.arrayContaining([
      'briefing.yaml: title', 'briefing.yaml: subtitle', 'briefing.yaml: classification', 'briefing.yaml: summary', 'briefing.yaml: keywords.*',
      'briefing.yaml: sections.*.title', 'data-points.yaml: dataPoints.*.label', 'sources.yaml: sources.*.publisher',
      'tables/key-roles.yaml: rows.*.*', 'charts/ai-share-software-postings.yaml: alt',
    ]));
  });

  describe('built with the payload in every free field at once', () => {
    let out: string;
    let plainHtml: string;
    let html: string;
    const hostileId = 'hostile-strings';

    beforeAll(async () => {
      const root = mkdtempSync(join(tmpdir(), 'briefpress-strings-'));
      cpSync(DEFAULT_BRIEFING_DIR, join(root, 'plain-strings'), { recursive: true });
      cpSync(DEFAULT_BRIEFING_DIR, join(root, hostileId), { recursive: true });
      // The plain build has the same fields set, to harmless text: optional ones add the same elements to both.
      for (const [file, text] of Object.entries(withPayload(rendered, 'Plain text'))) writeFileSync(join(root, 'plain-strings', file), text);
      for (const [file, text] of Object.entries(withPayload(rendered))) writeFileSync(join(root, hostileId, file), text);
      for (const [id, text] of [['plain-strings', 'Plain text'], [hostileId, MARKDOWN_PAYLOAD]]) {
        cpSync('tests/golden/pdf/page-01.png', join(root, id!, 'sections', 'picture.png'));
        appendFileSync(join(root, id!, 'sections', '06-summary-table.md'), markdownWith(text!));
      }
      out = join(root, 'out');
      const run = await briefpress(['build', join(root, 'plain-strings'), join(root, hostileId), '--out', out, '--quiet']);
      expect(run.stderr).not.toContain(' error ');
      expect(run.status, run.stderr).toBe(0);
      plainHtml = readFileSync(join(out, 'plain-strings', 'plain-strings.html'), 'utf8');
      html = readFileSync(join(out, hostileId, `${hostileId}.html`), 'utf8');
    }, 60_000);

    it('the HTML has the same elements and attributes as the plain build, and no live link', async () => {
      const browser = await launchBrowser(await findBrowser());
      try {
        const shape = async (markup: string) => {
          const page = await browser.newPage();
          await page.setJavaScriptEnabled(false);
          await page.setOfflineMode(true);
          await page.setContent(markup, { waitUntil: 'domcontentloaded' });
          const elements = await page.$$eval('*', (all) => all.map((e) => ({ tag: e.tagName.toLowerCase(), attributes: Array.from(e.attributes, (a) => [a.name, a.value] as [string, string]) })));
          await page.close();
          return elements;
        };
        const [plain, hostile] = await Promise.all([shape(plainHtml), shape(html)]);
        const tags = (list: typeof plain) => list.map((e) => `${e.tag}[${e.attributes.map(([name]) => name).join(' ')}]`);
        expect(tags(hostile)).toEqual(tags(plain));
        // The Markdown payload reached the image's alt text whole, as text.
        expect(hostile.some((e) => e.tag === 'img' && e.attributes.some(([name, value]) => name === 'alt' && value === MARKDOWN_PAYLOAD))).toBe(true);
        const urls = hostile.flatMap((e) => e.attributes.filter(([name]) => /^(href|src|xlink:href|action|formaction)$/.test(name)).map(([, value]) => value));
        expect(urls.length).toBeGreaterThan(0);
        for (const url of urls) expect(url).toMatch(/^(#|https?:|mailto:|data:image\/)/);
      } finally {
        await killBrowser(browser);
      }
    }, 30_000);

    it('the PDF links only to http(s), mailto and its own pages, and its metadata is well-formed', () => {
      const pdf = join(out, hostileId, `${hostileId}.pdf`);
      expect(qpdfCheck(pdf)).toContain('No syntax or stream encoding errors found');
      const expanded = join(out, 'expanded.pdf');
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, expanded]);
      const uris = [...readFileSync(expanded, 'latin1').matchAll(/\/URI\s*\(([^)]*)\)/g)].map((m) => m[1]!);
      for (const uri of uris) expect(uri).toMatch(/^(https?:|mailto:)/);
      const info = pdfInfo(pdf);
      expect(info.Title).toContain('</style></title>');
      expect(info.Keywords).toContain('<script>');
    });

    it('the workbook holds text where the payload starts like a formula: its only formulas are those of the plain build', () => {
      const cells = (id: string) => {
        const workbook = XLSX.read(readFileSync(join(out, id, `${id}.xlsx`)), { cellFormula: true });
        return workbook.SheetNames.flatMap((name) => Object.entries(workbook.Sheets[name]!)
          .filter(([ref]) => !ref.startsWith('!'))
          .map(([ref, cell]) => ({ at: `${name}!${ref}`, ...(cell as XLSX.CellObject) })));
      };
      const hostile = cells(hostileId);
      const formulas = (list: typeof hostile) => list.filter((cell) => cell.f !== undefined).map((cell) => `${cell.at} =${cell.f}`);
      expect(formulas(hostile)).toEqual(formulas(cells('plain-strings')));
      const payloadCells = hostile.filter((cell) => String(cell.v).startsWith('=HYPERLINK'));
      expect(payloadCells.length).toBeGreaterThan(0);
      for (const cell of payloadCells) expect(cell.t, cell.at).toBe('s');
    });

    it('diff --format markdown keeps every line of the payload inside its cell or item', async () => {
      const markdown = (await briefpress(['diff', join(out, 'plain-strings'), join(out, hostileId), '--format', 'markdown'])).stdout;
      const lines = markdown.split('\n');
      expect(lines.filter((line) => /^(# |- item|\| a \|)/.test(line))).toEqual([]);
      // Outside code spans, no tag or link opens: < and [ are escaped.
      const text = markdown.replace(/(`+)[^`]*?\1/g, '');
      expect(text).not.toMatch(/(?<!\\)<[a-z!/]/i);
      expect(text).not.toMatch(/(?<!\\)\]\(/);
    });
  });
});
