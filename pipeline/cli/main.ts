#!/usr/bin/env node
// The briefpress binary: run() (run.ts) with this process's streams, environment and Ctrl-C.
import type { CliIo } from './io.js';
import { run } from './run.js';

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stopRequested: () => new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  }),
};

run(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
