// A source is dated from 1800 to no later than a year after the briefing (BP206), reports on a source of this
// briefing when it names one (BP208), and no two sources are the same document (BP207).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { closest } from '../../../diagnostics/suggest.js';
import type { Source } from '../../../model/briefing.js';
import type { ValidationContext } from '../context.js';

export function checkSources({ loaded, meta, sourcesFile, sourceKeys, report }: ValidationContext): void {
  if (!sourcesFile) return;
  const yaml = loaded.sources!;
  const briefingYear = meta ? Number(meta.date.slice(0, 4)) : undefined;
  const seen = new Map<string, Source>();
  sourcesFile.sources.forEach((source, i) => {
    const at = (field: string) => ({ file: yaml.file, ...yaml.locate(['sources', i, field]) });
    const year = Number(source.date.slice(0, 4));
    if (year < 1800) report(diagnostic('BP206', at('date'), { year }));
    else if (briefingYear !== undefined && year > briefingYear + 1) report(diagnostic('BP206', at('date'), { year, briefingYear }));
    if (source.reportsOn && sourceKeys && (!sourceKeys.has(source.reportsOn) || source.reportsOn === source.key)) {
      const suggestion = closest(source.reportsOn, [...sourceKeys].filter((k) => k !== source.key));
      report(diagnostic('BP208', at('reportsOn'), { key: source.key, target: source.reportsOn, ...(suggestion ? { suggestion } : {}) }));
    }
    const identities: [string, string][] = [
      [`all:${[source.publisher, source.date, source.title ?? '', source.url ?? ''].join('\n').toLowerCase()}`, 'same publisher, date, title and URL'],
      ...(source.url ? [[`url:${source.url.replace(/\/$/, '')}`, 'same URL'] as [string, string]] : []),
    ];
    const repeated = identities.find(([identity]) => seen.has(identity));
    if (repeated) {
      const original = seen.get(repeated[0])!;
      report(diagnostic('BP207', at('key'), { key: source.key, original: original.key, same: repeated[1] }));
    }
    for (const [identity] of identities) if (!seen.has(identity)) seen.set(identity, source);
  });
}
