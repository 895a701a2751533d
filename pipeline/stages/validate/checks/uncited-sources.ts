// A source that no section cites and no data point uses is a warning (BP202), once every section could be read.
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { ValidationContext } from '../context.js';

export function checkUncitedSources({ loaded, dataPointsFile, sourcesFile, narrativeComplete, cited, report }: ValidationContext): void {
  if (!sourcesFile || !dataPointsFile || !narrativeComplete) return;
  const yaml = loaded.sources!;
  sourcesFile.sources.forEach((source, i) => {
    const usedByData = dataPointsFile.dataPoints.some((p) => p.source === source.key);
    if (!cited.has(source.key) && !usedByData) report(diagnostic('BP202', { file: yaml.file, ...yaml.locate(['sources', i, 'key']) }, { key: source.key }));
  });
}
