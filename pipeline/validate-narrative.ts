// Meaning of the narrative: citations resolve, data point references exist, figures and tables are placed once.
import { diagnostic, positionAt, type Report } from './diagnostics.js';
import type { Section } from './briefing.js';
import type { YamlSource } from './yaml-source.js';
import { closest } from './suggest.js';
import { scanCitations, scanDataPointRefs, scanDirectives } from './narrative.js';

export interface NarrativeContext {
  sourceKeys: ReadonlySet<string> | undefined;
  dataPointIds: ReadonlySet<string> | undefined;
  figures: Record<'chart' | 'table', string[]>;
  figureFiles: Record<'chart' | 'table', ReadonlyMap<string, YamlSource>>;
  cited: Set<string>;
  complete: boolean;
}

export function checkNarrative(sections: Section[], context: NarrativeContext, report: Report) {
  const placed = { chart: new Set<string>(), table: new Set<string>() };
  for (const section of sections) {
    const at = (offset: number) => ({ file: section.file, ...positionAt(section.markdown, offset) });
    for (const citation of scanCitations(section.markdown)) {
      context.cited.add(citation.key);
      if (!context.sourceKeys || context.sourceKeys.has(citation.key)) continue;
      const suggestion = closest(citation.key, context.sourceKeys);
      report(diagnostic('BP201', at(citation.offset), { key: citation.key, ...(suggestion ? { suggestion } : {}) }));
    }
    for (const ref of scanDataPointRefs(section.markdown)) {
      if (!context.dataPointIds || context.dataPointIds.has(ref.id)) continue;
      const suggestion = closest(ref.id, context.dataPointIds);
      report(diagnostic('BP304', at(ref.offset), { id: ref.id, ...(suggestion ? { suggestion } : {}) }));
    }
    for (const directive of scanDirectives(section.markdown)) {
      const known = context.figures[directive.kind];
      if (!known.includes(directive.id)) {
        const suggestion = closest(directive.id, known);
        report(diagnostic('BP601', at(directive.offset), { kind: directive.kind, id: directive.id, ...(suggestion ? { suggestion } : {}) }));
      } else if (placed[directive.kind].has(directive.id)) {
        report(diagnostic('BP603', at(directive.offset), { kind: directive.kind, id: directive.id }));
      }
      placed[directive.kind].add(directive.id);
    }
  }
  if (!context.complete) return;
  for (const kind of ['chart', 'table'] as const) {
    for (const id of context.figures[kind]) {
      const yaml = context.figureFiles[kind].get(id);
      if (!placed[kind].has(id) && yaml) report(diagnostic('BP602', { file: yaml.file, ...yaml.locate(['id']) }, { kind, id }));
    }
  }
}
