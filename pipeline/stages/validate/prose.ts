// Prose as the checks read it: a text, and the way back from an offset in it to the file's line and column.
import { positionAt, type Location } from '../../diagnostics/diagnostic.js';
import type { Section } from '../../model/briefing.js';
import type { ProseField } from './context.js';
import { LIMITS } from '../../model/limits.js';

export interface Prose {
  text: string;
  at(offset: number): Location;
}

export const sectionProse = (section: Section): Prose => ({ text: section.markdown, at: (offset) => ({ file: section.file, ...positionAt(section.markdown, offset) }) });

/** A YAML text field as written in its file (quotes and folding included), or undefined when it is not a plain value. */
export function fieldProse({ yaml, path }: ProseField): Prose | undefined {
  const scalar = yaml.scalarSource(path);
  return scalar && { text: scalar.text, at: (offset) => ({ file: yaml.file, ...scalar.at(offset) }) };
}

/** The first word (a run without white space) longer than LIMITS.wordLength, if any. */
export function tooLongWord(text: string): { offset: number; length: number } | undefined {
  // Matched word by word, so the time is linear in the text (a \S{1001,} search retries from every character).
  for (const match of text.matchAll(/\S+/g)) if (match[0].length > LIMITS.wordLength) return { offset: match.index, length: match[0].length };
  return undefined;
}
