// `briefpress build`: validate everything, then render and write every format.
import type { Command } from './cli.js';
import { briefingDirs, parseCommandLine, printDiagnostics, PROGRESS_HELP, PROGRESS_OPTIONS, progressReporter } from './cli-options.js';
import { build, FORMATS, type Format } from './build.js';
import { hasErrors } from './diagnostics.js';
import { fileReader, fileWriter } from './effects.js';
import { CliError, EXIT } from './errors.js';
import type { PageSize } from './html.js';
import { TOOL_VERSION, libraryVersions } from './version.js';

export const buildCommand: Command = {
  help: `Usage: briefpress build [briefing-dir…] [--out DIR] [--formats pdf,html,xlsx] [--page-size a4|letter] [--strict] [--quiet | --json]

  --out DIR            output folder (default: output); each briefing goes to DIR/<id>/
  --formats LIST       comma-separated subset of pdf,html,xlsx (default: all)
  --page-size SIZE     a4 (default) or letter
  --strict             warnings count as errors: nothing is built while there is one
${PROGRESS_HELP}
  -h, --help           this help

Writes <id>.pdf, <id>.html, <id>.xlsx and manifest.json. Nothing is written when any briefing has an error,
and each file is replaced atomically, so the last good outputs survive a failed build.`,

  async run(args) {
    const { values, positionals } = parseCommandLine('build', args, {
      out: { type: 'string' },
      formats: { type: 'string' },
      'page-size': { type: 'string' },
      strict: { type: 'boolean' },
      ...PROGRESS_OPTIONS,
    });
    const formats = parseFormats(values.formats);
    const pageSize = parsePageSize(values['page-size']);
    const { findBrowser, launchBrowser } = await import('./browser.js');
    const result = await build(await briefingDirs(positionals), { outDir: values.out ?? 'output', formats, pageSize, strict: values.strict === true }, {
      reader: fileReader,
      writer: fileWriter,
      progress: progressReporter(values),
      now: () => new Date(),
      templates: async () => (await import('./templates.js')).loadTemplates(),
      fontCss: async () => (await import('./fonts.js')).fontFaceCss(),
      launchBrowser: async () => launchBrowser(await findBrowser()),
      toolVersion: TOOL_VERSION,
      versions: libraryVersions,
    });
    printDiagnostics(result.diagnostics, result.texts);
    if (hasErrors(result.diagnostics)) {
      process.stderr.write('nothing was written: fix the errors above and build again\n');
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
