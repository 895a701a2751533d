// What a briefing says, in brief: every data point's value, the sources, a hash of each section, table and
// chart, and the warnings its build had. Recorded in the manifest as `content`. Lists follow the files' order and
// hashes the files' words (the validated briefing), values and titles are as the document prints them.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { sha256 } from '../../model/hashing.js';
import type { BriefingDigest } from '../../model/manifest.js';
import type { ResolvedBriefing } from '../../model/resolved.js';

export function digestBriefing(resolved: ResolvedBriefing, warnings: readonly Diagnostic[]): BriefingDigest {
  const { briefing } = resolved;
  const hash = (value: unknown) => sha256(typeof value === 'string' ? value : JSON.stringify(value));
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
      ...(p.currency ? { currency: p.currency } : {}),
      ...(p.scale ? { scale: p.scale } : {}),
      ...(p.change ? { change: true } : {}),
      formatted: resolved.dataPointsById.get(p.id)!.inProse,
      period: p.period.label,
      source: p.source,
    })),
    sources: briefing.sources.map((s) => ({
      key: s.key,
      publisher: s.publisher,
      date: s.date,
      ...(s.title ? { title: s.title } : {}),
      ...(s.url ? { url: s.url } : {}),
    })),
    sections: briefing.sections.map((s) => ({ id: s.id, title: s.title, sha256: hash(s.markdown) })),
    tables: briefing.tables.map((t) => ({ id: t.id, title: t.title, sha256: hash(t) })),
    charts: briefing.charts.map((c) => ({ id: c.id, title: resolved.chartsById.get(c.id)!.title, sha256: hash(c) })),
    warnings: warnings
      .filter((d) => d.severity === 'warning')
      .map((d) => ({ file: d.file, line: d.line, column: d.column, code: d.code, message: d.message })),
  };
}
