// The command line as each command's option table (command.ts) reads it: parsing with usage errors that suggest
// the option meant, and the help text. Options shared by several commands are defined once here, so the same
// idea has the same name everywhere.
import { closest } from '../diagnostics/suggest.js';
import { CliError, EXIT } from '../diagnostics/errors.js';
import type { CommandSpec, OptionSpec, OptionTable, ParsedArgs } from './command.js';

const HELP_OPTION = { short: 'h', help: 'this help' } as const satisfies OptionSpec;

/** `--json` and `--quiet`, on every command that prints more than its result. */
export const JSON_OPTION = { help: 'print JSON on stdout for machines, nothing else there' } as const satisfies OptionSpec;
export const QUIET_OPTION = { short: 'q', help: 'print only problems' } as const satisfies OptionSpec;

/** The options of `spec` found in `args`, and the rest as positionals; `help` when -h or --help was given. */
export function parseOptions<T extends OptionTable>(spec: CommandSpec<T>, args: readonly string[]): ParsedArgs<T> & { help: boolean } {
  const table: OptionTable = { ...spec.options, help: HELP_OPTION };
  const byName = new Map<string, string>();
  for (const [name, option] of Object.entries(table)) {
    byName.set(`--${name}`, name);
    if (option.short) byName.set(`-${option.short}`, name);
    for (const alias of option.aliases ?? []) byName.set(`--${alias}`, name);
  }
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    const name = byName.get(flag);
    if (name === undefined) throw unknownOption(spec, flag, table);
    const option = table[name]!;
    if (!option.value) {
      if (equals > 0) throw usage(spec, `${flag} takes no value`);
      values[name] = true;
      continue;
    }
    const value = equals > 0 ? arg.slice(equals + 1) : args[++i];
    if (value === undefined || (equals < 0 && value.startsWith('-') && value !== '-')) throw usage(spec, `${flag} needs a value: ${flag} ${option.value}`);
    values[name] = value;
  }
  const help = values.help === true;
  delete values.help;
  return { values: values as ParsedArgs<T>['values'], positionals, help };
}

function usage(spec: CommandSpec, message: string): CliError {
  return new CliError(`${message}; briefpress ${spec.name} --help lists the options`, EXIT.usage);
}

function unknownOption(spec: CommandSpec, flag: string, table: OptionTable): CliError {
  const canonical = new Map(Object.entries(table).flatMap(([name, option]) => [[name, name], ...(option.aliases ?? []).map((alias) => [alias, name] as const)]));
  const near = flag.startsWith('--') ? closest(flag.slice(2), canonical.keys()) : undefined;
  const meant = near && canonical.get(near);
  if (meant) return new CliError(`unknown option ${flag}; did you mean --${meant}?`, EXIT.usage);
  return usage(spec, `unknown option ${flag}`);
}

const COLUMN = 23;

/** The command's help, laid out from its table. */
export function formatHelp(spec: CommandSpec): string {
  const table: OptionTable = { ...spec.options, help: HELP_OPTION };
  const rows = Object.entries(table).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` ${option.value}` : ''}`;
    const aliases = option.aliases?.length ? `\n(${option.aliases.map((a) => `--${a}`).join(', ')}: an older name, still accepted)` : '';
    const [first, ...rest] = `${option.help}${aliases}`.split('\n');
    const lead = flag.length < COLUMN - 3 ? `  ${flag.padEnd(COLUMN - 2)}${first}` : `  ${flag}\n${' '.repeat(COLUMN)}${first}`;
    return [lead, ...rest.map((line) => `${' '.repeat(COLUMN)}${line}`)].join('\n');
  });
  return [
    `Usage: briefpress ${spec.name} ${spec.arguments}${spec.arguments ? ' ' : ''}[options]`,
    '',
    ...(spec.description ? [spec.description, ''] : []),
    'Options:',
    ...rows,
    ...(spec.notes ? ['', spec.notes] : []),
  ].join('\n');
}

/** The report format that --format and --json ask for: one of `formats`, the first by default. */
export function reportFormat<F extends string>(formats: readonly F[], format: string | undefined, json: boolean | undefined): F {
  const chosen = format?.toLowerCase();
  if (json && chosen !== undefined && chosen !== 'json') throw new CliError(`--json and --format ${format} ask for different formats; give one`, EXIT.usage);
  const wanted = json ? 'json' : (chosen ?? formats[0]!);
  if (!formats.includes(wanted as F)) throw new CliError(`--format is one of ${formats.join(', ')}; got "${format}"`, EXIT.usage);
  return wanted as F;
}
