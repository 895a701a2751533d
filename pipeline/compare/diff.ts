// What changed between two builds of a briefing, from their manifests: metadata, data points (old → new,
// with the difference), sources, sections, tables, charts, and which output files changed. When either
// manifest predates the content digest (stages/manifest/digest.ts), only input and output files can be compared.
// report.ts prints the result for people (text) and for job summaries (Markdown).
import { formatDifference } from '../model/units.js';
import type { BriefingDigest, DataPointDigest, WarningDigest, Manifest } from '../model/manifest.js';

type Status = 'added' | 'removed' | 'changed' | 'unchanged';

/** A field that changed; `old` and `new` are left out where the values are hashes or long prose. */
export interface FieldChange {
  field: string;
  old?: string;
  new?: string;
}

export interface DataPointRow {
  id: string;
  status: Status;
  old?: DataPointDigest;
  new?: DataPointDigest;
  /** new − old at the finer of the two precisions, when the value changed and the unit did not. */
  difference?: { value: number; text: string };
  /** Fields other than the value that changed: label, unit, period, source. */
  fields: FieldChange[];
}

/** A source, section, table, chart, output or input file. */
export interface ItemRow {
  id: string;
  status: Status;
  /** What a reader knows it by: a title, "Publisher (year)", a size. */
  title: string;
  fields: FieldChange[];
}

export interface BriefingDiff {
  briefing: string;
  title: string;
  status: Status;
  /** 'files' when a manifest has no content digest: only inputs and outputs were compared. */
  compared: 'content' | 'files';
  metadata: FieldChange[];
  dataPoints: DataPointRow[];
  sources: ItemRow[];
  sections: ItemRow[];
  tables: ItemRow[];
  charts: ItemRow[];
  outputs: ItemRow[];
  inputs: ItemRow[];
  /** The newer build's warnings. */
  warnings: WarningDigest[];
}

/** Pairs builds by briefing id; two single builds are compared whatever their ids (a renamed briefing). */
export function diffBuilds(old: readonly Manifest[], next: readonly Manifest[]): BriefingDiff[] {
  if (old.length === 1 && next.length === 1) return [diffManifests(old[0], next[0])];
  const ids = [...new Set([...old, ...next].map((m) => m.briefing))].sort();
  return ids.map((id) => diffManifests(old.find((m) => m.briefing === id), next.find((m) => m.briefing === id)));
}

/** Whether any briefing was added, removed or changed: what `diff --exit-code` answers. */
export function differ(diffs: readonly BriefingDiff[]): boolean {
  return diffs.some((diff) => diff.status !== 'unchanged');
}

export function diffManifests(old: Manifest | undefined, next: Manifest | undefined): BriefingDiff {
  const newest = (next ?? old)!;
  const compared = (old && !old.content) || (next && !next.content) ? 'files' : 'content';
  // Half a comparison would call everything on one side added or removed.
  const before = compared === 'content' ? old?.content : undefined;
  const after = compared === 'content' ? next?.content : undefined;
  const diff: BriefingDiff = {
    briefing: newest.briefing,
    title: newest.content?.title ?? newest.briefing,
    status: 'unchanged',
    compared,
    metadata: metadataChanges(before, after),
    dataPoints: compareKeyed(before?.dataPoints ?? [], after?.dataPoints ?? [], (p) => p.id).map(dataPointRow),
    sources: compareItems(before?.sources ?? [], after?.sources ?? [], (s) => s.key, (s) => `${s.publisher} (${s.date ?? s.year})`, ['publisher', 'date', 'year', 'title', 'url']),
    sections: compareParts(before?.sections, after?.sections),
    tables: compareParts(before?.tables, after?.tables),
    charts: compareParts(before?.charts, after?.charts),
    outputs: compareItems(old?.outputs ?? [], next?.outputs ?? [], (o) => o.file, (o) => `${o.bytes.toLocaleString('en-US')} bytes`, ['bytes', 'sha256']),
    inputs: compareItems(old?.inputs ?? [], next?.inputs ?? [], (i) => i.path, (i) => `${i.bytes.toLocaleString('en-US')} bytes`, ['bytes', 'sha256']),
    warnings: next?.content?.warnings ?? [],
  };
  diff.status = !old ? 'added' : !next ? 'removed' : hasChanges(diff) ? 'changed' : 'unchanged';
  return diff;
}

function hasChanges(diff: BriefingDiff): boolean {
  const rows = [diff.dataPoints, diff.sources, diff.sections, diff.tables, diff.charts, diff.outputs, ...(diff.compared === 'files' ? [diff.inputs] : [])];
  return diff.metadata.length > 0 || rows.some((list) => list.some((row) => row.status !== 'unchanged'));
}

function metadataChanges(before: BriefingDigest | undefined, after: BriefingDigest | undefined): FieldChange[] {
  if (!before || !after) return [];
  const changes: FieldChange[] = (['title', 'subtitle', 'date'] as const)
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, old: before[field], new: after[field] }));
  if (before.summarySha256 !== after.summarySha256) changes.push({ field: 'summary' });
  return changes;
}

/** Entries of two lists matched by key, in the new list's order, then the removed ones. */
function compareKeyed<T>(old: readonly T[], next: readonly T[], key: (item: T) => string): { old?: T; new?: T; id: string }[] {
  const oldByKey = new Map(old.map((item) => [key(item), item]));
  const newKeys = new Set(next.map(key));
  return [
    ...next.map((item) => ({ id: key(item), new: item, ...(oldByKey.has(key(item)) ? { old: oldByKey.get(key(item))! } : {}) })),
    ...old.filter((item) => !newKeys.has(key(item))).map((item) => ({ id: key(item), old: item })),
  ];
}

/** A changed `sha256` is reported as changed "content", without the hashes. */
function fieldChanges<T extends object>(old: T, next: T, fields: readonly string[]): FieldChange[] {
  const text = (item: T, field: string) => String((item as Record<string, unknown>)[field] ?? '');
  return fields
    .filter((f) => text(old, f) !== text(next, f))
    .map((f) => (f === 'sha256' ? { field: 'content' } : { field: f, old: text(old, f), new: text(next, f) }));
}

function statusOf(pair: { old?: unknown; new?: unknown }, fields: FieldChange[]): Status {
  if (!pair.old) return 'added';
  if (!pair.new) return 'removed';
  return fields.length > 0 ? 'changed' : 'unchanged';
}

function compareItems<T extends object>(old: readonly T[], next: readonly T[], key: (item: T) => string, title: (item: T) => string, fields: readonly string[]): ItemRow[] {
  return compareKeyed(old, next, key).map((pair) => {
    const changed = pair.old && pair.new ? fieldChanges(pair.old, pair.new, fields) : [];
    return { id: pair.id, status: statusOf(pair, changed), title: title((pair.new ?? pair.old)!), fields: changed };
  });
}

function compareParts(old: BriefingDigest['sections'] | undefined, next: BriefingDigest['sections'] | undefined): ItemRow[] {
  return compareItems(old ?? [], next ?? [], (p) => p.id, (p) => p.title, ['title', 'sha256']);
}

const DATA_POINT_FIELDS = ['label', 'unit', 'period', 'source'] as const;

function dataPointRow(pair: { id: string; old?: DataPointDigest; new?: DataPointDigest }): DataPointRow {
  const { old, new: next } = pair;
  if (!old || !next) return { ...pair, status: statusOf(pair, []), fields: [] };
  const fields = fieldChanges(old, next, DATA_POINT_FIELDS);
  const valueChanged = old.value !== next.value || old.formatted !== next.formatted;
  return {
    ...pair,
    status: valueChanged || fields.length > 0 ? 'changed' : 'unchanged',
    ...(old.value !== next.value && old.unit === next.unit && old.currency === next.currency && old.scale === next.scale ? { difference: difference(old, next) } : {}),
    fields,
  };
}

/** Percentages differ in percentage points: 5.4% → 5.98% is "+0.58 pp". */
function difference(old: DataPointDigest, next: DataPointDigest): { value: number; text: string } {
  const decimals = Math.max(old.decimals, next.decimals);
  const value = Number((next.value - old.value).toFixed(decimals));
  // A manifest written before the numbers model says "usd" for US dollars.
  const measure = next.unit === 'usd' ? { unit: 'currency' as const, currency: 'USD' } : { unit: next.unit, currency: next.currency };
  return { value, text: formatDifference({ ...measure, scale: next.scale, decimals }, value) };
}
