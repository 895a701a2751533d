// ::chart[id] and ::table[id] name a chart or table (BP601) and place it once (BP603); {{figure:id}} and
// {{table:id}}, in a section or a text field, refer to one (BP604); and every chart and table is placed somewhere (BP602).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { closest } from '../../../diagnostics/suggest.js';
import { scanDirectives, scanFigureRefs } from '../../../narrative/grammar.js';
import type { ValidationContext } from '../context.js';
import { fieldProse, sectionProse } from '../prose.js';

export function checkPlacements({ sections, proseFields, placeable, charts, tables, narrativeComplete, report }: ValidationContext): void {
  const placed = { chart: new Set<string>(), table: new Set<string>() };
  for (const section of sections) {
    const prose = sectionProse(section);
    for (const directive of scanDirectives(section.markdown)) {
      const known = placeable[directive.kind];
      if (known && !known.has(directive.id)) {
        const suggestion = closest(directive.id, known);
        report(diagnostic('BP601', prose.at(directive.offset), { kind: directive.kind, id: directive.id, ...(suggestion ? { suggestion } : {}) }));
      } else if (placed[directive.kind].has(directive.id)) {
        report(diagnostic('BP603', prose.at(directive.offset), { kind: directive.kind, id: directive.id }));
      }
      placed[directive.kind].add(directive.id);
    }
  }
  for (const prose of [...sections.map(sectionProse), ...proseFields.flatMap((field) => fieldProse(field) ?? [])]) {
    for (const ref of scanFigureRefs(prose.text)) {
      const known = placeable[ref.kind];
      if (!known || known.has(ref.id)) continue;
      const suggestion = closest(ref.id, known);
      report(diagnostic('BP604', prose.at(ref.offset), { kind: ref.kind, id: ref.id, ...(suggestion ? { suggestion } : {}) }));
    }
  }
  if (!narrativeComplete) return;
  const files = {
    chart: charts.flatMap(({ yaml, chart }) => (chart ? [[chart.id, yaml] as const] : [])),
    table: tables.flatMap(({ yaml, table }) => (table ? [[table.id, yaml] as const] : [])),
  };
  for (const kind of ['chart', 'table'] as const) {
    for (const [id, yaml] of files[kind]) {
      if (!placed[kind].has(id)) report(diagnostic('BP602', { file: yaml.file, ...yaml.locate(['id']) }, { kind, id }));
    }
  }
}
