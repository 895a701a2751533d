// What each file of cli/commands/ exports: its help text and what it runs.
export interface Command {
  help: string;
  run(args: string[]): Promise<number>;
}
