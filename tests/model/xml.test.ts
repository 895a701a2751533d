// One XML escaper for the workbook's parts and the PDF's XMP: what it writes reads back, through a real XML
// parser, as the text it was given, in element content and in attribute values.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../pipeline/model/xml.js';
import { DEBIAN_PYTHON } from '../support/openpyxl.js';

/** Each text's element content and attribute value as expat (Python's XML parser) reads them. */
const EXPAT = `import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
print(json.dumps([{"content": e.text or "", "attribute": e.get("a")} for e in root]))`;
function readBack(texts: readonly string[]): { content: string; attribute: string }[] {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><r>${texts.map((t) => `<e a="${escapeXml(t)}">${escapeXml(t)}</e>`).join('')}</r>`;
  return JSON.parse(execFileSync(DEBIAN_PYTHON, ['-c', EXPAT], { input: xml, encoding: 'utf8' })) as { content: string; attribute: string }[];
}

describe('escapeXml', () => {
  it('escapes the five markup characters as entities', () => {
    expect(escapeXml(`R&D <"a"> 'b'`)).toBe('R&amp;D &lt;&quot;a&quot;&gt; &apos;b&apos;');
    expect(escapeXml(']]>')).toBe(']]&gt;');
  });

  it('keeps tab, line feed and carriage return as references, which an attribute would turn into spaces', () => {
    expect(escapeXml('a\tb\nc\r\nd')).toBe('a&#9;b&#10;c&#13;&#10;d');
  });

  it('replaces what XML 1.0 does not allow, even as a reference, with U+FFFD', () => {
    expect(escapeXml('a\u0000b\u0001c\u000bd\u000ce\u001ff\ufffeg\uffffh')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh');
    expect(escapeXml('lone \ud800 and \udc00')).toBe('lone \ufffd and \ufffd');
  });

  it('leaves every other character as it is, astral ones included', () => {
    const text = 'Plain text, €4.88 million → 19 days ≥ 5% 😀 \u007f\u0085\ufffd';
    expect(escapeXml(text)).toBe(text);
  });

  it('reads back through an XML parser as the same text, in content and in attributes', () => {
    const texts = [`R&D <"a"> 'b'`, 'two\nlines\tand\r\nmore', ']]> &amp;', 'é ≥ 😀'];
    expect(readBack(texts)).toEqual(texts.map((text) => ({ content: text, attribute: text })));
  });
});
