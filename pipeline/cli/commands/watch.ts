// `briefpress watch`: a live preview while writing, until Ctrl-C.
import { JSON_OPTION, QUIET_OPTION } from '../options.js';
import { briefingDirs } from '../briefings.js';
import { reporterFor } from '../progress.js';
import { fileReader } from '../../driver/file-reader.js';
import { CliError, EXIT } from '../../diagnostics/errors.js';
import { loadDocumentFonts, type DocumentFonts } from '../../theme/fonts.js';
import { loadTemplates, TEMPLATES_DIR } from '../../theme/templates.js';
import { TOOL_VERSION } from '../../driver/version.js';
import type { Command } from '../command.js';

const DEFAULT_PORT = 4400;

const options = {
  port: { value: 'N', help: `port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)` },
  quiet: { ...QUIET_OPTION, help: 'print only problems: diagnostics and failed rebuilds' },
  json: { ...JSON_OPTION, help: 'progress as JSON events on stdout, one object per line (docs/cli.md)' },
} as const;

export const watchCommand: Command<typeof options> = {
  spec: {
    name: 'watch',
    arguments: '[briefing-dir]',
    summary: 'live HTML preview on 127.0.0.1, rebuilt and reloaded on every save',
    description: `Serves the briefing's HTML preview at http://127.0.0.1:${DEFAULT_PORT}/ and rebuilds it whenever a file of the
briefing, a template or the stylesheet changes; the open page reloads itself. Problems show in the page and
here, with their locations, and the last good preview stays up until they are fixed. No PDF or workbook is
made: run briefpress build for those. Ctrl-C stops.`,
    options,
    notes: 'With no folder named, the one briefing under data/ is used. Only 127.0.0.1 is ever bound.',
  },

  async run({ values, positionals }, io) {
    const port = parsePort(values.port);
    const progress = reporterFor(values, io);
    const dir = await chooseBriefing(positionals);
    // The preview loads Vega and the renderers: only when it runs, not for briefpress --help.
    const { watchBriefing } = await import('../../preview/watch.js');
    let fonts: Promise<DocumentFonts> | undefined;
    const server = await watchBriefing({
      dir,
      port,
      alsoWatch: [TEMPLATES_DIR],
      effects: {
        reader: fileReader,
        templates: () => loadTemplates(),
        fonts: () => (fonts ??= loadDocumentFonts()),
        toolVersion: TOOL_VERSION,
        progress,
      },
      report: (text) => io.stderr.write(text),
    });
    progress.info(`preview of ${dir} at ${server.url} (rebuilds when ${dir} or the templates change; Ctrl-C stops)`, { url: server.url });
    await io.stopRequested();
    await server.close();
    progress.summary(EXIT.ok);
    return EXIT.ok;
  },
};

function parsePort(port: string | undefined): number {
  if (port === undefined) return DEFAULT_PORT;
  const number = Number(port);
  if (!/^\d+$/.test(port) || number > 65535) throw new CliError(`--port takes a number from 0 to 65535; got "${port}"`, EXIT.usage);
  return number;
}

async function chooseBriefing(named: string[]): Promise<string> {
  if (named.length > 1) throw new CliError('watch previews one briefing at a time; name one folder', EXIT.usage);
  const dirs = await briefingDirs(named);
  if (dirs.length > 1) throw new CliError(`data/ holds several briefings; name the one to preview: ${dirs.join(', ')}`, EXIT.usage);
  return dirs[0]!;
}
