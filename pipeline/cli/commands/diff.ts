// `briefpress diff OLD NEW`: what changed between two builds, read from their manifests.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JSON_OPTION, QUIET_OPTION, reportFormat } from '../options.js';
import { diffBuilds, differ } from '../../compare/diff.js';
import { fileReader } from '../../driver/file-reader.js';
import { diffMarkdown, diffText } from '../../compare/report.js';
import { CliError, EXIT } from '../../diagnostics/errors.js';
import type { Command } from '../command.js';
import type { Manifest } from '../../model/manifest.js';
import { manifestProblem } from '../../model/manifest-shape.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
/** With --exit-code, as git diff: 1 when the builds differ; anything that stops the comparison exits 2. */
const DIFFERENT = 1;

const options = {
  format: {
    value: 'FORMAT',
    help: `text (default): the changes, for people
json: every data point, source, section, table, chart and file with its status
markdown: every key figure with its change, warnings and the other changes,
for a CI job summary`,
  },
  json: { ...JSON_OPTION, help: 'the same as --format json' },
  'exit-code': { help: 'exit code 1 when the builds differ, 0 when they do not (as git diff --exit-code)' },
  quiet: { ...QUIET_OPTION, help: 'print nothing; implies --exit-code' },
} as const;

export const diffCommand: Command<typeof options> = {
  spec: {
    name: 'diff',
    arguments: 'OLD NEW',
    summary: 'what changed between two builds (manifests or output folders)',
    description: `OLD and NEW are each a manifest.json, a briefing's output folder (output/<id>), or an output folder holding
several (output); briefings are paired by id, and a folder with no build yet counts as empty.`,
    options,
    notes: `Reports data points changed (old → new, with the difference; percentages in percentage points), sources,
sections, tables and charts added, removed or changed, and the output files whose content changed.`,
  },

  async run({ values, positionals }, io) {
    if (positionals.length !== 2) throw new CliError('diff compares two builds: briefpress diff OLD NEW', EXIT.usage);
    const format = reportFormat(FORMATS, values.format, values.json);
    const [old, next] = await Promise.all(positionals.map(readBuilds));
    const diffs = diffBuilds(old!, next!);
    if (!values.quiet) io.stdout.write(format === 'json' ? `${JSON.stringify({ version: 1, briefings: diffs }, null, 2)}\n` : format === 'markdown' ? diffMarkdown(diffs) : diffText(diffs));
    return (values['exit-code'] || values.quiet) && differ(diffs) ? DIFFERENT : EXIT.ok;
  },
};

const MANIFEST = 'manifest.json';

/** The manifests at `path`: a manifest file, a briefing's output folder, or an output folder of them. */
async function readBuilds(path: string): Promise<Manifest[]> {
  const info = await stat(path).catch(() => {
    throw new CliError(`${path}: no such file or folder; give a manifest.json or an output folder`, EXIT.usage);
  });
  if (info.isFile()) return [await readManifest(path)];
  if (!info.isDirectory()) throw new CliError(`${path} is neither a file nor a folder (a FIFO or a device); give a manifest.json or an output folder`, EXIT.usage);
  if (await exists(join(path, MANIFEST))) return [await readManifest(join(path, MANIFEST))];
  const folders = (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const manifests: Manifest[] = [];
  for (const folder of folders) {
    if (await exists(join(path, folder, MANIFEST))) manifests.push(await readManifest(join(path, folder, MANIFEST)));
  }
  return manifests;
}

const exists = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/** Far above any real manifest (a few hundred KiB for the largest briefing), far below what memory holds. */
const MANIFEST_BYTES = 64 * 1024 * 1024;

async function readManifest(file: string): Promise<Manifest> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(await fileReader.readFile(file, MANIFEST_BYTES)));
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    const reason = code === 'EFBIG' ? `it is larger than ${MANIFEST_BYTES} bytes` : code === 'ENOTREG' ? 'it is not a regular file' : (error as Error).message;
    throw new CliError(`${file} is not a briefpress manifest: ${reason}`, EXIT.usage);
  }
  const { briefing, inputs, outputs } = (manifest ?? {}) as Partial<Manifest>;
  if (briefing === undefined || inputs === undefined || outputs === undefined) {
    throw new CliError(`${file} is not a briefpress manifest: it lacks "briefing", "inputs" or "outputs"`, EXIT.usage);
  }
  const problem = manifestProblem(manifest);
  if (problem) throw new CliError(`${file} is not a briefpress manifest: ${problem}`, EXIT.usage);
  return manifest as Manifest;
}
