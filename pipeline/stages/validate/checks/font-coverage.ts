// Every character a reader sees is drawn from a font briefpress ships (BP809): one that none of them has would be
// drawn from whatever font the reader's machine, or the build machine's Chromium, finds, so the same briefing would
// print differently on each. Each missing character is reported once per file, where it first stands.
import { diagnostic, positionAt, type Location } from '../../../diagnostics/diagnostic.js';
import type { PathSegment, YamlSource } from '../../../diagnostics/yaml-source.js';
import { inRanges } from '../../../theme/sfnt.js';
import { coveredCodePoints } from '../../../theme/fonts.js';
import type { ValidationContext } from '../context.js';

/** Text that is all printable ASCII and line breaks, which every shipped face draws, needs no look-up. */
const PLAIN = /^[\t\n\r\x20-\x7e]*$/;
const LINE_BREAKS_AND_TABS = new Set([0x09, 0x0a, 0x0d]);

export function checkFontCoverage({ yamlFiles, sections, report }: ValidationContext): void {
  const reportMissing = (seen: Set<number>, text: string, at: (offset: number) => Location) => {
    for (const { char, offset } of missingCharacters(text)) {
      const codePoint = char.codePointAt(0)!;
      if (seen.has(codePoint)) continue;
      seen.add(codePoint);
      report(diagnostic('BP809', at(offset), { char: /\p{C}/u.test(char) ? '' : char, codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}` }));
    }
  };
  for (const yaml of yamlFiles) {
    const seen = new Set<number>();
    visitStrings(yaml.value, [], (text, path) => reportMissing(seen, text, (offset) => positionInYaml(yaml, path, text, offset)));
  }
  for (const section of sections) {
    reportMissing(new Set(), section.markdown, (offset) => ({ file: section.file, ...positionAt(section.markdown, offset) }));
  }
}

function* missingCharacters(text: string): Generator<{ char: string; offset: number }> {
  if (PLAIN.test(text)) return;
  const covered = coveredCodePoints();
  let offset = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (!LINE_BREAKS_AND_TABS.has(codePoint) && !inRanges(covered, codePoint)) yield { char, offset };
    offset += char.length;
  }
}

function visitStrings(node: unknown, path: PathSegment[], visit: (text: string, path: PathSegment[]) => void): void {
  if (typeof node === 'string') visit(node, path);
  else if (Array.isArray(node)) node.forEach((item, i) => visitStrings(item, [...path, i], visit));
  else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) visitStrings(value, [...path, key], visit);
}

/** Where the character at `offset` of the value stands in the file: in place when written as is, else at the value. */
function positionInYaml(yaml: YamlSource, path: PathSegment[], value: string, offset: number): Location {
  const char = String.fromCodePoint(value.codePointAt(offset)!);
  const source = yaml.scalarSource(path);
  const found = source?.text.indexOf(char) ?? -1;
  const at = source && found >= 0 ? source.at(found) : yaml.locate(path);
  return { file: at.file ?? yaml.file, line: at.line, column: at.column, ...(at.cell ? { cell: at.cell } : {}) };
}
