// The briefpress command line as a function: dispatches to one module per command (commands/<command>.ts), prints
// user-facing errors and returns the exit code. Commands load lazily so `briefpress validate` never loads the
// browser. main.ts wraps it for the process; tests call it directly.
import { CliError, EXIT } from '../diagnostics/errors.js';
import { TOOL_VERSION } from '../build/version.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';

/** Each command and where it lives; a new command is a file in commands/ and a line here (and in HELP). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.js')).buildCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  new: async () => (await import('./commands/new.js')).newCommand,
  watch: async () => (await import('./commands/watch.js')).watchCommand,
};

const HELP = `briefpress ${TOOL_VERSION}: a research briefing kept as data → PDF, HTML and Excel.

Usage:
  briefpress build [briefing-dir…] [options]   validate, then render every format into the output folder
  briefpress validate [briefing-dir…]          run every check without rendering or writing anything
  briefpress watch [briefing-dir] [--port N]   live HTML preview on 127.0.0.1, rebuilt and reloaded on every save
  briefpress new <id>                          start a briefing: data/<id>/ with an example of every field
  briefpress diff OLD NEW [--json]             what changed between two builds (manifests or output folders)
  briefpress <command> --help                  options of one command

With no briefing folder named, every folder under data/ that holds a briefing.yaml is used.
Exit codes: 0 ok, 1 invalid data, 2 usage error, 3 rendering failure.`;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`briefpress: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`briefpress: internal error (a bug; please report it with this trace):\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.renderFailure;
  }
}

async function dispatch([name, ...args]: readonly string[], io: CliIo): Promise<number> {
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(`${HELP}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) throw new CliError(`unknown command "${name}"; run briefpress --help`, EXIT.usage);
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  return command.run(args, io);
}
