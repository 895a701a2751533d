// What a briefing says, in brief: every data point's value, the sources, a hash of each section, table and
// chart, and the warnings its build had. Recorded in the manifest as `content`, so `briefpress diff` can say
// what changed between two builds from their output folders alone.
import { relative, isAbsolute } from 'node:path';
import type { Briefing } from '../../model/briefing.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { sha256 } from '../../model/hashing.js';
import type { BriefingDigest } from '../../model/manifest.js';
import { formatValueInProse, interpolateDataPoints } from '../../narrative/grammar.js';

/** `diagnostics` may be a whole build's: only the warnings about this briefing's files are kept. */
export function digestBriefing(briefing: Briefing, diagnostics: readonly Diagnostic[]): BriefingDigest {
  const dataPointsById = new Map(briefing.dataPoints.map((p) => [p.id, p]));
  const hash = (value: unknown) => sha256(typeof value === 'string' ? value : JSON.stringify(value));
  const inBriefing = (file: string) => {
    const path = relative(briefing.dir, file);
    return path !== '' && !path.startsWith('..') && !isAbsolute(path);
  };
  return {
    title: briefing.meta.title,
    subtitle: briefing.meta.subtitle,
    date: briefing.meta.date,
    summarySha256: hash(briefing.meta.summary),
    dataPoints: briefing.dataPoints.map((p) => ({
      id: p.id,
      label: p.label,
      value: p.value,
      decimals: p.decimals,
      unit: p.unit,
      formatted: formatValueInProse(p),
      period: p.period.label,
      source: p.source,
    })),
    sources: briefing.sources.map((s) => ({
      key: s.key,
      publisher: s.publisher,
      year: s.year,
      ...(s.title ? { title: s.title } : {}),
      ...(s.url ? { url: s.url } : {}),
    })),
    sections: briefing.sections.map((s) => ({ id: s.id, title: s.title, sha256: hash(s.markdown) })),
    tables: briefing.tables.map((t) => ({ id: t.id, title: t.title, sha256: hash(t) })),
    charts: briefing.charts.map((c) => ({ id: c.id, title: interpolateDataPoints(c.title, dataPointsById), sha256: hash(c) })),
    warnings: diagnostics
      .filter((d) => d.severity === 'warning' && inBriefing(d.file))
      .map((d) => ({ file: d.file, line: d.line, column: d.column, code: d.code, message: d.message })),
  };
}
