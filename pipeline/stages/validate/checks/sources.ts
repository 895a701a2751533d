// A source is dated no later than a year after the briefing (BP206), and no two sources are the same document
// (BP207).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { Source } from '../../../model/briefing.js';
import type { ValidationContext } from '../context.js';

export function checkSources({ loaded, meta, sourcesFile, report }: ValidationContext): void {
  if (!sourcesFile) return;
  const yaml = loaded.sources!;
  const briefingYear = meta ? Number(meta.date.slice(0, 4)) : undefined;
  const seen = new Map<string, Source>();
  sourcesFile.sources.forEach((source, i) => {
    if (briefingYear !== undefined && source.year > briefingYear + 1) {
      report(diagnostic('BP206', { file: yaml.file, ...yaml.locate(['sources', i, 'year']) }, { year: source.year, briefingYear }));
    }
    const identities: [string, string][] = [
      [`all:${[source.publisher, source.year, source.title ?? '', source.url ?? ''].join('\n').toLowerCase()}`, 'same publisher, year, title and URL'],
      ...(source.url ? [[`url:${source.url.replace(/\/$/, '')}`, 'same URL'] as [string, string]] : []),
    ];
    const repeated = identities.find(([identity]) => seen.has(identity));
    if (repeated) {
      const original = seen.get(repeated[0])!;
      report(diagnostic('BP207', { file: yaml.file, ...yaml.locate(['sources', i, 'key']) }, { key: source.key, original: original.key, same: repeated[1] }));
    }
    for (const [identity] of identities) if (!seen.has(identity)) seen.set(identity, source);
  });
}
