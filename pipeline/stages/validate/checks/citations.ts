// Every citation in a section names a source in sources.yaml (BP201).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { closest } from '../../../diagnostics/suggest.js';
import { scanCitations } from '../../../narrative/grammar.js';
import type { ValidationContext } from '../context.js';
import { sectionProse } from '../prose.js';

export function checkCitations({ sections, sourceKeys, report }: ValidationContext): void {
  if (!sourceKeys) return;
  for (const section of sections) {
    const prose = sectionProse(section);
    for (const citation of scanCitations(section.markdown)) {
      if (sourceKeys.has(citation.key)) continue;
      const suggestion = closest(citation.key, sourceKeys);
      report(diagnostic('BP201', prose.at(citation.offset), { key: citation.key, ...(suggestion ? { suggestion } : {}) }));
    }
  }
}
