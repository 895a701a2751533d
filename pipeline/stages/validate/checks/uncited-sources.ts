// A source that no section cites, no data point uses and no other source reports on is a warning (BP202), once
// every section could be read.
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { ValidationContext } from '../context.js';

export function checkUncitedSources({ loaded, dataPointsFile, sourcesFile, narrativeComplete, cited, report }: ValidationContext): void {
  if (!sourcesFile || !dataPointsFile || !narrativeComplete) return;
  const yaml = loaded.sources!;
  const reportedOn = new Set(sourcesFile.sources.flatMap((s) => s.reportsOn ?? []));
  sourcesFile.sources.forEach((source, i) => {
    const usedByData = dataPointsFile.dataPoints.some((p) => p.source === source.key);
    if (!cited.has(source.key) && !usedByData && !reportedOn.has(source.key)) report(diagnostic('BP202', { file: yaml.file, ...yaml.locate(['sources', i, 'key']) }, { key: source.key }));
  });
}
