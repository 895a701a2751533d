// Where a command's output goes and what it may ask of its surroundings. The binary (main.ts) passes the
// process's; tests pass strings to read back, and run every command in their own process.
export interface OutputStream {
  write(text: string): unknown;
  /** A terminal a person watches, where progress redraws its lines in place. */
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks a long-running command (watch) to stop: Ctrl-C. */
  stopRequested(): Promise<void>;
}
