// What each file of commands/ exports: its help text and what it runs. Output goes through `io`, never straight
// to the process, so that tests run commands in their own process.
import type { CliIo } from './io.js';

export interface Command {
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}
