// `briefpress build`: validate everything, then render and write every format of each briefing not up to date.
import { availableParallelism } from 'node:os';
import { briefingDirs, parseCommandLine, printDiagnostics, PROGRESS_HELP, PROGRESS_OPTIONS, progressReporter } from '../options.js';
import { build } from '../../build/build.js';
import { browserStamp, findBrowser, launchBrowser } from '../../build/browser.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { fileFingerprint, fileOutputs, fileReader } from '../../build/file-effects.js';
import { allDiagnostics, allTexts } from '../../model/checked.js';
import { CliError, EXIT } from '../../diagnostics/errors.js';
import { parseShard } from '../../build/shard.js';
import { TOOL_VERSION, libraryVersions } from '../../build/version.js';
import { StageWorkers } from '../../build/worker-pool.js';
import type { Command } from '../command.js';
import { FORMATS, type Format, type PageSize } from '../../model/output.js';

const DEFAULT_CONCURRENCY = availableParallelism();
const DEFAULT_RECYCLE_AFTER = 50;

export const buildCommand: Command = {
  help: `Usage: briefpress build [briefing-dir…] [--out DIR] [--formats pdf,html,xlsx] [--page-size a4|letter]
                       [--strict] [--force] [--concurrency N] [--recycle-after N] [--shard I/N] [--quiet | --json]

  --out DIR            output folder (default: output); each briefing goes to DIR/<id>/
  --formats LIST       comma-separated subset of pdf,html,xlsx (default: all)
  --page-size SIZE     a4 (default) or letter
  --strict             warnings count as errors: nothing is built while there is one
  --force              rebuild briefings that are up to date
  --concurrency N      briefings rendered, and pages printed, at once (default: the CPU count, here ${DEFAULT_CONCURRENCY})
  --recycle-after N    briefings one browser prints before a fresh one replaces it (default: ${DEFAULT_RECYCLE_AFTER})
  --shard I/N          build only share I of N of the briefings, chosen by a hash of each id, so that N CI
                       machines split the work with nothing built twice and nothing missed
${PROGRESS_HELP}
  -h, --help           this help

Writes <id>.pdf, <id>.html, <id>.xlsx and manifest.json. A briefing is up to date, and skipped with its files
untouched, when nothing that shapes its outputs changed since its manifest was written (its files, templates,
fonts, briefpress and library versions, the browser, the options) and its outputs still match the manifest.
Nothing is written when any briefing has an error, and each file is replaced atomically, so the last good
outputs survive a failed build. One browser prints every PDF of a build.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('build', args, {
      out: { type: 'string' },
      formats: { type: 'string' },
      'page-size': { type: 'string' },
      force: { type: 'boolean' },
      concurrency: { type: 'string' },
      'recycle-after': { type: 'string' },
      shard: { type: 'string' },
      strict: { type: 'boolean' },
      ...PROGRESS_OPTIONS,
    });
    const options = {
      outDir: values.out ?? 'output',
      formats: parseFormats(values.formats),
      pageSize: parsePageSize(values['page-size']),
      force: values.force ?? false,
      strict: values.strict ?? false,
      concurrency: parseCount('--concurrency', values.concurrency, DEFAULT_CONCURRENCY),
      recycleAfter: parseCount('--recycle-after', values['recycle-after'], DEFAULT_RECYCLE_AFTER),
      ...(values.shard === undefined ? {} : { shard: parseShard(values.shard) }),
      ...sourceDate(io.env.SOURCE_DATE_EPOCH),
    };
    const progress = progressReporter(values, io);
    let browserPath: Promise<string> | undefined;
    const findBrowserOnce = () => (browserPath ??= findBrowser(io.env));
    const result = await build(await briefingDirs(positionals), options, {
      reader: fileReader,
      outputs: fileOutputs,
      progress,
      now: () => new Date(),
      startStages: (threads, briefings) => new StageWorkers(threads, briefings, progress),
      fingerprint: fileFingerprint,
      browserStamp: async () => browserStamp(await findBrowserOnce()),
      launchBrowser: async () => launchBrowser(await findBrowserOnce()),
      toolVersion: TOOL_VERSION,
      versions: libraryVersions,
    });
    const diagnostics = allDiagnostics(result.briefings);
    printDiagnostics(diagnostics, allTexts(result.briefings), io);
    if (hasErrors(diagnostics)) {
      io.stderr.write('nothing was written: fix the errors above and build again\n');
      return EXIT.invalidData;
    }
    return EXIT.ok;
  },
};

function parseFormats(list: string | undefined): Set<Format> {
  if (list === undefined) return new Set(FORMATS);
  const formats = list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as Format));
  if (unknown.length > 0 || formats.length === 0) throw new CliError(`--formats takes a comma-separated list of ${FORMATS.join(', ')}; got "${list}"`, EXIT.usage);
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
