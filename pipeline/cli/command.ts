// What each file of commands/ exports: one declarative table of its options, from which options.ts parses the
// command line, prints the help and suggests the option a user meant, and what the command runs. Output goes
// through `io`, never straight to the process, so that tests run commands in their own process.
import type { CliIo } from './io.js';

export interface OptionSpec {
  short?: string;
  /** The value's name in the help (DIR, N, LIST); an option without one is a flag. */
  value?: string;
  /** One line or a few; later lines are indented under the first. */
  help: string;
  /** Older spellings, still accepted; the help names them. */
  aliases?: readonly string[];
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** What the command line gave: a flag is true or absent, a valued option its text or absent. */
type OptionValues<T extends OptionTable> = { [K in keyof T]?: T[K] extends { value: string } ? string : boolean };

export interface ParsedArgs<T extends OptionTable> {
  values: OptionValues<T>;
  positionals: string[];
}

export interface CommandSpec<T extends OptionTable = OptionTable> {
  name: string;
  /** What follows the command's name in the usage line: "[briefing-dir…]". */
  arguments: string;
  /** One line, for `briefpress --help`. */
  summary: string;
  /** Paragraphs between the usage line and the options. */
  description?: string;
  options: T;
  /** Paragraphs after the options. */
  notes?: string;
}

export interface Command<T extends OptionTable = OptionTable> {
  spec: CommandSpec<T>;
  run(args: ParsedArgs<T>, io: CliIo): Promise<number>;
}
