// `briefpress diff OLD NEW`: what changed between two builds, read from their manifests.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommandLine } from '../options.js';
import { diffBuilds } from '../../compare/diff.js';
import { fileReader } from '../../build/file-effects.js';
import { diffMarkdown, diffText } from '../../compare/report.js';
import { CliError, EXIT } from '../../diagnostics/errors.js';
import type { Command } from '../command.js';
import type { Manifest } from '../../model/manifest.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
type DiffFormat = (typeof FORMATS)[number];

export const diffCommand: Command = {
  help: `Usage: briefpress diff OLD NEW [--format text|json|markdown] [--json]

OLD and NEW are each a manifest.json, a briefing's output folder (output/<id>), or an output folder holding
several (output); briefings are paired by id, and a folder with no build yet counts as empty.

  --format FORMAT      text (default): the changes, for people
                       json: every data point, source, section, table, chart and file with its status
                       markdown: every key figure with its change, warnings and the other changes,
                       for a CI job summary
  --json               the same as --format json
  -h, --help           this help

Reports data points changed (old → new, with the difference; percentages in percentage points), sources,
sections, tables and charts added, removed or changed, and the output files whose content changed.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('diff', args, { format: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 2) throw new CliError('diff compares two builds: briefpress diff OLD NEW', EXIT.usage);
    const format = diffFormat(values.format, values.json);
    const [old, next] = await Promise.all(positionals.map(readBuilds));
    const diffs = diffBuilds(old!, next!);
    const output = format === 'json' ? `${JSON.stringify({ briefings: diffs }, null, 2)}\n` : format === 'markdown' ? diffMarkdown(diffs) : diffText(diffs);
    io.stdout.write(output);
    return EXIT.ok;
  },
};

function diffFormat(format: string | undefined, json: boolean | undefined): DiffFormat {
  if (json && format !== undefined && format !== 'json') throw new CliError(`--json and --format ${format} ask for different formats; give one`, EXIT.usage);
  const chosen = json ? 'json' : (format ?? 'text');
  if (!FORMATS.includes(chosen as DiffFormat)) throw new CliError(`--format is one of ${FORMATS.join(', ')}; got "${format}"`, EXIT.usage);
  return chosen as DiffFormat;
}

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
    throw new CliError(`${file} is not a briefpress manifest: ${reason}`, EXIT.invalidData);
  }
  const { briefing, inputs, outputs } = (manifest ?? {}) as Partial<Manifest>;
  if (typeof briefing !== 'string' || !Array.isArray(inputs) || !Array.isArray(outputs)) {
    throw new CliError(`${file} is not a briefpress manifest: it lacks "briefing", "inputs" or "outputs"`, EXIT.invalidData);
  }
  return manifest as Manifest;
}
