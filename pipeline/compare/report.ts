// Prints what diff.ts found: terse text for a terminal (changes only), and Markdown for a CI job summary,
// which is read without the document at hand and so shows every key figure next to its change.
import { markdownCode as code, markdownText as md } from './markdown.js';
import type { BriefingDiff, DataPointRow, FieldChange, ItemRow } from './diff.js';

const MARK = { added: '+', removed: '-', changed: '~', unchanged: ' ' } as const;
const STATUS_TEXT = {
  added: 'new (no earlier build to compare with)',
  removed: 'removed (not in the newer build)',
  changed: 'changed',
  unchanged: 'unchanged',
} as const;
const FILES_ONLY_NOTE = 'a manifest has no content digest (an older build): only input and output files were compared';

const describeFields = (fields: readonly FieldChange[]) =>
  fields.map((f) => (f.old === undefined ? `${f.field} changed` : `${f.field} ${quoteIfText(f.old)} → ${quoteIfText(f.new!)}`)).join(', ');
const quoteIfText = (value: string) => (/^[\d.,$%×-]*$/.test(value) ? value : `"${value}"`);
const changed = <T extends { status: string }>(rows: readonly T[]) => rows.filter((r) => r.status !== 'unchanged');

function dataPointText(row: DataPointRow): string {
  const point = (row.new ?? row.old)!;
  if (row.status !== 'changed') return `${row.id}: ${point.formatted} (${point.label}, ${point.period})`;
  const value = row.old!.formatted === row.new!.formatted ? row.new!.formatted : `${row.old!.formatted} → ${row.new!.formatted}`;
  const extra = [row.difference?.text, describeFields(row.fields)].filter(Boolean).join('; ');
  return `${row.id}: ${value}${extra ? ` (${extra})` : ''}`;
}

const itemText = (row: ItemRow) => `${row.id}: ${row.status === 'changed' ? describeFields(row.fields) : row.title}`;

export function diffText(diffs: readonly BriefingDiff[]): string {
  if (diffs.length === 0) return 'no builds to compare\n';
  const lines: string[] = [];
  for (const diff of diffs) {
    lines.push(`${diff.briefing}: ${STATUS_TEXT[diff.status]}`);
    if (diff.status !== 'changed') continue;
    if (diff.compared === 'files') lines.push(`  (${FILES_ONLY_NOTE})`);
    const group = (heading: string, entries: string[]) => {
      if (entries.length > 0) lines.push(`  ${heading}`, ...entries.map((e) => `    ${e}`));
    };
    group('metadata', diff.metadata.map((f) => `~ ${describeFields([f])}`));
    group('data points', changed(diff.dataPoints).map((row) => `${MARK[row.status]} ${dataPointText(row)}`));
    for (const [heading, rows] of itemGroups(diff)) group(heading, changed(rows).map((row) => `${MARK[row.status]} ${itemText(row)}`));
  }
  return `${lines.join('\n')}\n`;
}

function itemGroups(diff: BriefingDiff): [string, ItemRow[]][] {
  return [
    ['sources', diff.sources],
    ['sections', diff.sections],
    ['tables', diff.tables],
    ['charts', diff.charts],
    ['outputs', diff.outputs],
    ...(diff.compared === 'files' ? [['inputs', diff.inputs] as [string, ItemRow[]]] : []),
  ];
}


export function diffMarkdown(diffs: readonly BriefingDiff[]): string {
  if (diffs.length === 0) return 'No briefings were built.\n';
  const out: string[] = [
    '| briefing | status | key figures changed | outputs changed |',
    '| --- | --- | --- | --- |',
    ...diffs.map((d) => {
      const figures = d.status === 'changed' ? `${changed(d.dataPoints).length} of ${d.dataPoints.length}` : '';
      const outputs = d.status === 'changed' ? changed(d.outputs).map((o) => md(o.id)).join(', ') || 'none' : '';
      return `| ${md(d.title)} (${code(d.briefing)}) | ${d.status === 'added' ? 'new' : d.status} | ${figures} | ${outputs} |`;
    }),
  ];
  for (const diff of diffs) out.push('', ...briefingMarkdown(diff));
  return `${out.join('\n')}\n`;
}

function briefingMarkdown(diff: BriefingDiff): string[] {
  const out = [`### ${md(diff.title)} (${code(diff.briefing)})`, ''];
  if (diff.status === 'removed') return [...out, 'Not in this build; the previous build had it.'];
  if (diff.dataPoints.length > 0) out.push(...keyFigures(diff), '');
  out.push(
    diff.warnings.length === 0
      ? '**Warnings:** none.'
      : ['**Warnings:**', ...diff.warnings.map((w) => `- ${code(`${w.file}:${w.line}:${w.column}`)} ${md(w.code)} ${md(w.message)}`)].join('\n'),
    '',
  );
  if (diff.status === 'added') return [...out, 'First build: nothing earlier to compare with.'];
  if (diff.status === 'unchanged') return [...out, 'No changes since the previous build.'];
  out.push('**Changed since the previous build:**', '');
  if (diff.compared === 'files') out.push(`- Note: ${FILES_ONLY_NOTE}.`);
  if (diff.metadata.length > 0) out.push(`- Metadata: ${md(describeFields(diff.metadata))}`);
  for (const [heading, rows] of itemGroups(diff)) {
    const parts = (['added', 'removed', 'changed'] as const).flatMap((status) => {
      const ids = rows.filter((r) => r.status === status).map((r) => (status === 'changed' ? `${md(r.id)} (${md(describeFields(r.fields))})` : md(r.id)));
      return ids.length > 0 ? [`${status} ${ids.join(', ')}`] : [];
    });
    if (parts.length > 0) out.push(`- ${heading[0]!.toUpperCase()}${heading.slice(1)}: ${parts.join('; ')}`);
  }
  return out;
}

function keyFigures(diff: BriefingDiff): string[] {
  const publishers = new Map(diff.sources.map((s) => [s.id, s.title]));
  const rows = diff.dataPoints.map((row) => {
    const point = (row.new ?? row.old)!;
    const source = publishers.get(point.source) ?? point.source;
    const label = row.status === 'removed' ? `~~${md(point.label)}~~` : md(point.label);
    return `| ${label} | ${md(point.period)} | ${row.new ? md(row.new.formatted) : ''} | ${md(changeCell(row, diff.status === 'added'))} | ${md(source)} |`;
  });
  return ['| key figure | period | value | change | source |', '| --- | --- | --- | --- | --- |', ...rows];
}

function changeCell(row: DataPointRow, firstBuild: boolean): string {
  if (firstBuild || row.status === 'unchanged') return '';
  if (row.status === 'added') return 'new';
  if (row.status === 'removed') return `removed (was ${row.old!.formatted})`;
  const was = row.old!.formatted === row.new!.formatted ? [] : [`was ${row.old!.formatted}`];
  return [...was, row.difference?.text, describeFields(row.fields)].filter(Boolean).join(', ');
}
