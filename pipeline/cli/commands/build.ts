// `briefpress build`: validate everything, then render and write every output of each briefing not up to date.
// When a PDF is wanted the browser is found first, so a machine without one fails before any work is done.
import { availableParallelism } from 'node:os';
import { JSON_OPTION, QUIET_OPTION } from '../options.js';
import { briefingDirs } from '../briefings.js';
import { reporterFor } from '../progress.js';
import { build } from '../../driver/build.js';
import { browserStamp, browserVersionCache, findBrowser, launchBrowser } from '../../driver/browser.js';
import { countLine } from '../../diagnostics/diagnostic.js';
import { fileFingerprint, fileOutputs } from '../../driver/file-effects.js';
import { fileReader } from '../../driver/file-reader.js';
import { allDiagnostics, allTexts } from '../../model/checked.js';
import { CliError, EXIT } from '../../diagnostics/errors.js';
import { parseShard } from '../../driver/shard.js';
import { TOOL_VERSION, libraryVersions } from '../../driver/version.js';
import { StageWorkers } from '../../driver/worker-pool.js';
import type { Command } from '../command.js';
import { FORMATS, type Format, type PageSize } from '../../model/output.js';

const DEFAULT_CONCURRENCY = availableParallelism();
const DEFAULT_RECYCLE_AFTER = 50;

const options = {
  out: { value: 'DIR', help: 'output folder (default: output); each briefing goes to DIR/<id>/' },
  outputs: { value: 'LIST', help: 'comma-separated subset of pdf,html,xlsx (default: all)', aliases: ['formats'] },
  'page-size': { value: 'SIZE', help: 'a4 (default) or letter' },
  strict: { help: 'warnings count as errors: nothing is built while there is one' },
  force: { help: 'rebuild briefings that are up to date' },
  concurrency: { value: 'N', help: `briefings rendered, and pages printed, at once (default: the CPU count)` },
  'recycle-after': { value: 'N', help: `briefings one browser prints before a fresh one replaces it (default: ${DEFAULT_RECYCLE_AFTER})` },
  shard: { value: 'I/N', help: 'build only share I of N of the briefings, chosen by a hash of each id, so that N CI\nmachines split the work with nothing built twice and nothing missed' },
  quiet: { ...QUIET_OPTION, help: 'print only problems: diagnostics and failures' },
  json: { ...JSON_OPTION, help: 'progress as JSON events on stdout, one object per line (docs/cli.md)' },
} as const;

export const buildCommand: Command<typeof options> = {
  spec: {
    name: 'build',
    arguments: '[briefing-dir…]',
    summary: 'validate, then render PDF, HTML and workbook into the output folder',
    options,
    notes: `Writes <id>.pdf, <id>.html, <id>.xlsx and manifest.json. A briefing is up to date, and skipped with its files
untouched, when nothing that shapes its outputs changed since its manifest was written (its files, templates,
fonts, briefpress and library versions, the browser, the options) and its outputs still match the manifest.
Nothing is written when any briefing has an error, and each file is replaced atomically, so the last good
outputs survive a failed build. One browser prints every PDF of a build; when PDFs are wanted it is looked
for before anything else is done.`,
  },

  async run({ values, positionals }, io) {
    const buildOptions = {
      outDir: values.out ?? 'output',
      formats: parseOutputs(values.outputs),
      pageSize: parsePageSize(values['page-size']),
      force: values.force ?? false,
      strict: values.strict ?? false,
      concurrency: parseCount('--concurrency', values.concurrency, DEFAULT_CONCURRENCY),
      recycleAfter: parseCount('--recycle-after', values['recycle-after'], DEFAULT_RECYCLE_AFTER),
      ...(values.shard === undefined ? {} : { shard: parseShard(values.shard) }),
      ...sourceDate(io.env.SOURCE_DATE_EPOCH),
    };
    const progress = reporterFor(values, io);
    const dirs = await briefingDirs(positionals);
    const browser = buildOptions.formats.has('pdf') ? await findBrowser(io.env) : undefined;
    const needBrowser = () => browser ?? findBrowser(io.env);
    try {
      const result = await build(dirs, buildOptions, {
        reader: fileReader,
        outputs: fileOutputs,
        progress,
        now: () => new Date(),
        startStages: (threads, briefings) => new StageWorkers(threads, briefings, progress),
        fingerprint: fileFingerprint,
        browserStamp: async () => browserStamp(await needBrowser(), { versionCache: browserVersionCache(io.env) }),
        launchBrowser: async () => launchBrowser(await needBrowser()),
        toolVersion: TOOL_VERSION,
        versions: libraryVersions,
      });
      progress.diagnostics(allDiagnostics(result.briefings), allTexts(result.briefings));
      const invalid = result.briefings.filter((briefing) => briefing.diagnostics.some((d) => d.severity === 'error'));
      for (const briefing of invalid) progress.failed(briefing.id, countLine(briefing.diagnostics));
      const exitCode = invalid.length > 0 ? EXIT.invalidData : EXIT.ok;
      if (exitCode !== EXIT.ok && !values.json) {
        const failed = new Set(invalid.map((briefing) => briefing.id));
        const built = result.briefings.filter((briefing) => !failed.has(briefing.id)).map((briefing) => briefing.id);
        io.stderr.write(result.written.length === 0
          ? 'nothing was written: fix the errors above and build again\n'
          : `nothing was written for ${[...failed].join(', ')} (${built.join(', ')} ${built.length === 1 ? 'was' : 'were'} written): fix the errors above and build again\n`);
      }
      progress.summary(exitCode);
      return exitCode;
    } catch (error) {
      if (error instanceof CliError) progress.summary(error.exitCode);
      throw error;
    }
  },
};

function parseOutputs(list: string | undefined): Set<Format> {
  if (list === undefined) return new Set(FORMATS);
  const formats = list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as Format));
  if (unknown.length > 0 || formats.length === 0) throw new CliError(`--outputs takes a comma-separated list of ${FORMATS.join(', ')}; got "${list}"`, EXIT.usage);
  return new Set(formats as Format[]);
}

function parsePageSize(size: string | undefined): PageSize {
  const normalized = (size ?? 'a4').toLowerCase();
  if (normalized !== 'a4' && normalized !== 'letter') throw new CliError(`--page-size is a4 or letter; got "${size}"`, EXIT.usage);
  return normalized;
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970, the date outputs carry instead of the briefing's. */
function sourceDate(epoch: string | undefined): { sourceDate?: Date } {
  if (epoch === undefined || epoch.trim() === '') return {};
  if (!/^\d+$/.test(epoch.trim())) throw new CliError(`SOURCE_DATE_EPOCH is a whole number of seconds since 1970; got "${epoch}"`, EXIT.usage);
  return { sourceDate: new Date(Number(epoch) * 1000) };
}

function parseCount(option: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new CliError(`${option} takes a whole number of at least 1; got "${text}"`, EXIT.usage);
  return Number(text);
}
