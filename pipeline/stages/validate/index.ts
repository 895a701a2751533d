// validate: the loaded files → the validated briefing, or the reasons there is none. The shape of each file is
// checked against its schema while the context is built (context.ts, shape.ts); then the checks of
// checks/index.ts run in order over that one context. Every problem is reported at once, each positioned; a
// briefing comes out only when there is no error.
import { hasErrors, type Diagnostic, type StageResult } from '../../diagnostics/diagnostic.js';
import type { Briefing } from '../../model/briefing.js';
import type { LoadedBriefing } from '../../model/loaded.js';
import { CHECKS } from './checks/index.js';
import { createContext } from './context.js';

export function validateBriefing(loaded: LoadedBriefing): StageResult<Briefing | undefined> {
  const diagnostics: Diagnostic[] = [];
  const context = createContext(loaded, (d) => diagnostics.push(d));
  for (const check of CHECKS) check(context);

  const { meta, dataPointsFile, sourcesFile, tables, charts } = context;
  // A file that could not be read or parsed was reported by load; its briefing is incomplete either way.
  if (hasErrors(diagnostics) || loaded.failed.length > 0 || !meta || !dataPointsFile || !sourcesFile) return { value: undefined, diagnostics };
  const { sections: _refs, ...metaFields } = meta;
  return {
    diagnostics,
    value: {
      id: loaded.id,
      dir: loaded.dir,
      meta: metaFields,
      sections: context.sections,
      dataPoints: context.dataPoints,
      mentioned: [...new Set(context.mentions.sort((a, b) => a.section - b.section || a.offset - b.offset).map((m) => m.id))],
      sources: sourcesFile.sources,
      ...(sourcesFile.editorialNote ? { sourcesEditorialNote: sourcesFile.editorialNote } : {}),
      tables: tables.map((t) => t.table!),
      charts: charts.map((c) => c.chart!),
      chartSpecs: new Map(charts.map(({ yaml, chart }) => [chart!.id, { file: yaml.file, ...yaml.locate(['spec'], 'key') }])),
      images: loaded.images,
      inputs: loaded.inputs,
    },
  };
}
