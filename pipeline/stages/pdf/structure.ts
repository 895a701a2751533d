// Reads the little of a Chromium-printed PDF that briefpress needs: its classic xref table, objects by number,
// and the page each named destination (an HTML id that something links to) landed on. Chromium (Skia)
// writes one revision, objects uncompressed except streams, and a classic xref table.

interface Xref {
  /** One 20-byte entry per object number. */
  entries: string[];
  /** Offset of the `trailer` keyword. */
  trailerStart: number;
}

export const pdfText = (pdf: Uint8Array) => Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');

function readXref(text: string): Xref {
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const header = Number.isFinite(start) ? /^xref\s+0 (\d+)\s+/.exec(text.slice(start)) : null;
  const trailerStart = text.indexOf('trailer', start);
  if (!header || trailerStart < 0) throw new Error('unexpected PDF structure from Chromium: no classic xref table');
  const count = Number(header[1]);
  const first = start + header[0].length;
  const entries = Array.from({ length: count }, (_, i) => text.slice(first + i * 20, first + i * 20 + 20));
  return { entries, trailerStart };
}

/** The text of object `number` from `N 0 obj` to `endobj` (exclusive), or undefined when it is free. */
function readObject(text: string, xref: Xref, number: number): string | undefined {
  const entry = xref.entries[number];
  if (!entry || entry[17] !== 'n') return undefined;
  const offset = Number(entry.slice(0, 10));
  const end = text.indexOf('endobj', offset);
  return text.slice(text.indexOf('obj', offset) + 3, end).trim();
}

const ref = (dictionary: string, key: string) => {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary);
  return match ? Number(match[1]) : undefined;
};

/** 1-based page number of every named destination in the document. */
export function destinationPages(pdf: Uint8Array): Map<string, number> {
  const text = pdfText(pdf);
  const xref = readXref(text);
  const trailer = text.slice(xref.trailerStart);
  const catalog = readObject(text, xref, ref(trailer, 'Root') ?? -1) ?? '';
  const pageIndex = new Map<number, number>();
  const visit = (number: number) => {
    const node = readObject(text, xref, number) ?? '';
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? '';
      for (const [, kid] of kids.matchAll(/(\d+) 0 R/g)) visit(Number(kid));
    } else {
      pageIndex.set(number, pageIndex.size + 1);
    }
  };
  visit(ref(catalog, 'Pages') ?? -1);
  const dests = readObject(text, xref, ref(catalog, 'Dests') ?? -1) ?? '';
  const pages = new Map<string, number>();
  for (const [, name, page] of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[(\d+) 0 R/g)) {
    const number = pageIndex.get(Number(page));
    if (number) pages.set(decodeName(name!), number);
  }
  return pages;
}

/** PDF names escape bytes as #xx. */
const decodeName = (name: string) => name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
