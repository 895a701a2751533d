// The briefpress command line as a function: finds the command (suggesting the one meant when the name is
// mistyped), parses its options from its table, prints its help or runs it, prints user-facing errors and returns
// the exit code. Commands load lazily so `briefpress validate` never loads the browser. main.ts wraps it for the
// process; tests call it directly.
import { CliError, EXIT } from '../diagnostics/errors.js';
import { closest } from '../diagnostics/suggest.js';
import { TOOL_VERSION } from '../driver/version.js';
import { paletteFor } from './colour.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';
import { formatHelp, parseOptions } from './options.js';

/** Each command and where it lives; a new command is a file in commands/ and a line here. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.js')).buildCommand as Command,
  validate: async () => (await import('./commands/validate.js')).validateCommand as Command,
  watch: async () => (await import('./commands/watch.js')).watchCommand as Command,
  new: async () => (await import('./commands/new.js')).newCommand as Command,
  diff: async () => (await import('./commands/diff.js')).diffCommand as Command,
};

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const palette = paletteFor(io.stderr, io.env, argv.includes('--json'));
    if (error instanceof CliError) {
      io.stderr.write(`${palette.error('briefpress:')} ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`${palette.error('briefpress:')} internal error (a bug; please report it with this trace):\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.renderFailure;
  }
}

async function dispatch([name, ...args]: readonly string[], io: CliIo): Promise<number> {
  if (name === undefined) {
    io.stderr.write(`${await topHelp()}\n`);
    return EXIT.usage;
  }
  if (name === '-h' || name === '--help') {
    io.stdout.write(`${await topHelp()}\n`);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  if (name === 'help') {
    if (args.length > 1) throw new CliError('help takes one command: briefpress help <command>', EXIT.usage);
    io.stdout.write(`${args[0] === undefined ? await topHelp() : formatHelp((await command(args[0])).spec)}\n`);
    return EXIT.ok;
  }
  const found = await command(name);
  const parsed = parseOptions(found.spec, args);
  if (parsed.help) {
    io.stdout.write(`${formatHelp(found.spec)}\n`);
    return EXIT.ok;
  }
  return found.run(parsed, io);
}

async function command(name: string): Promise<Command> {
  const load = COMMANDS[name];
  if (load) return load();
  if (name.startsWith('-')) throw new CliError(`unknown option ${name}; options follow a command: briefpress <command> ${name}; briefpress --help lists the commands`, EXIT.usage);
  const meant = closest(name, Object.keys(COMMANDS));
  throw new CliError(`unknown command '${name}'; ${meant ? `did you mean '${meant}'?` : 'briefpress --help lists the commands'}`, EXIT.usage);
}

/** The commands with their summaries, from their own tables. */
async function topHelp(): Promise<string> {
  const specs = await Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).spec));
  const usages = specs.map((spec) => `briefpress ${spec.name}${spec.arguments ? ` ${spec.arguments}` : ''}`);
  const width = Math.max(...usages.map((usage) => usage.length)) + 3;
  return `briefpress ${TOOL_VERSION}: a research briefing kept as data → PDF, HTML and Excel.

Usage:
${specs.map((spec, i) => `  ${usages[i]!.padEnd(width)}${spec.summary}`).join('\n')}
  ${'briefpress help <command>'.padEnd(width)}that command's options (or briefpress <command> --help)
  ${'briefpress --version'.padEnd(width)}the version

With no briefing folder named, every folder under data/ that holds a briefing.yaml is used.
--json prints for machines on stdout, -q (--quiet) prints only problems; colour on a terminal, unless NO_COLOR
is set (FORCE_COLOR forces it). Exit codes: 0 ok, 1 invalid data (diff --exit-code: the builds differ),
2 usage error, 3 rendering failure.`;
}
