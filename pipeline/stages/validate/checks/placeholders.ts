// Nothing written as a placeholder reaches a reader unexpanded: a `{{…}}` in a section or in any text field readers
// see that is not {{dp:}}, {{text:}}, {{figure:}} or {{table:}} is an error at its position (BP808). Unknown ids
// in the known ones are BP304 and BP604.
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { scanUnknownPlaceholders } from '../../../narrative/grammar.js';
import type { ValidationContext } from '../context.js';
import { fieldProse, sectionProse } from '../prose.js';

export function checkPlaceholders({ sections, proseFields, report }: ValidationContext): void {
  const texts = [...sections.map(sectionProse), ...proseFields.flatMap((field) => fieldProse(field) ?? [])];
  for (const { text, at } of texts) {
    for (const { offset, raw } of scanUnknownPlaceholders(text)) report(diagnostic('BP808', at(offset), { placeholder: raw }));
  }
}
