// The test config for mutation testing (stryker.config.mjs): the project's, with only the test files
// scripts/mutate.mjs chose for the code being mutated (MUTATE_TESTS, a JSON list of globs).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

const tests = JSON.parse(process.env.MUTATE_TESTS ?? '[]') as string[];
if (tests.length === 0) throw new Error('MUTATE_TESTS names no test files: start mutation testing with `npm run mutate`');

export default defineConfig({ ...base, test: { ...base.test, include: tests } });
