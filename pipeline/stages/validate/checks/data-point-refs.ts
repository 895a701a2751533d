// Every {{dp:id}} names a data point (BP304): in the sections, and in every YAML text field readers see.
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { closest } from '../../../diagnostics/suggest.js';
import { scanDataPointRefs } from '../../../narrative/grammar.js';
import type { ValidationContext } from '../context.js';
import { fieldProse, sectionProse, type Prose } from '../prose.js';

export function checkDataPointRefs({ sections, proseFields, dataPointIds, report }: ValidationContext): void {
  if (!dataPointIds) return;
  const prose: Prose[] = [
    ...sections.map(sectionProse),
    ...proseFields.flatMap((field) => fieldProse(field) ?? []),
  ];
  for (const { text, at } of prose) {
    for (const ref of scanDataPointRefs(text)) {
      if (dataPointIds.has(ref.id)) continue;
      const suggestion = closest(ref.id, dataPointIds);
      report(diagnostic('BP304', at(ref.offset), { id: ref.id, ...(suggestion ? { suggestion } : {}) }));
    }
  }
}
