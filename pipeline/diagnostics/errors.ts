// The one user-facing error class: a problem the user can act on, carrying the exit code the CLI returns.
// Anything else thrown is a bug and shows its stack.
export const EXIT = { ok: 0, invalidData: 1, usage: 2, renderFailure: 3 } as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'CliError';
  }
}
