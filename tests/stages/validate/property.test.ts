// Property: however the default briefing is damaged (lines deleted, duplicated or retyped, files truncated,
// characters injected, bytes scrambled, files removed), validation never throws, every failure is a
// positioned diagnostic from the catalog, and a build with errors writes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../../../pipeline/driver/build.js';
import type { BuildEffects } from '../../../pipeline/driver/effects.js';
import { hasErrors, type Diagnostic } from '../../../pipeline/diagnostics/diagnostic.js';
import { messages } from '../../../pipeline/diagnostics/messages.js';
import { createProgress } from '../../../pipeline/cli/progress.js';
import { defaultFiles, FIXTURE_DIR, memoryReader } from '../../support/memory-briefing.js';
import { checkBriefing } from '../../../pipeline/driver/check.js';
import type { CheckedBriefing } from '../../../pipeline/model/checked.js';

/** 2,000 in CI, where it guards every merge; 200 locally, where it runs before every commit. */
const RUNS = Number(process.env.BRIEFPRESS_PROPERTY_RUNS ?? (process.env.CI ? 2000 : 200));
const FILES = [...defaultFiles().keys()].sort();

const INJECTED = [
  '\0', '\u0007', '\uFFFD', '\u2028', '\r\n', '\t', '\n', '"', "'", ':', ': ', '- ', '  - ', '#', '|', '>', '{', '}', '[', ']',
  '&anchor ', '*anchor', '!!binary ', '!custom ', '---\n', '...\n', '%YAML 1.1\n', '.inf', '.nan', '1e999', '-0', 'null', '~',
  '[@', '[@nope]', '{{dp:', '{{dp:nope}}', '::chart[', '::table[nope]\n', '99.9%', 'over 31%', '$5', '9.2×', 'é', '😀', 'x'.repeat(300),
];
const RETYPED = ['', '42', '-1.5', '0', '[a, b]', '[]', '{ x: 1 }', '{}', 'null', '~', 'true', '"text"', "''", '.inf', '.nan', '2024-13-45', '1e400', '*anchor', '!!str'];

type Mutation =
  | { kind: 'delete-line' | 'duplicate-line'; file: string; at: number }
  | { kind: 'retype'; file: string; at: number; value: string }
  | { kind: 'truncate'; file: string; at: number }
  | { kind: 'inject'; file: string; at: number; text: string }
  | { kind: 'scramble'; file: string; bytes: Uint8Array }
  | { kind: 'remove'; file: string };

const file = fc.constantFrom(...FILES);
const at = fc.nat({ max: 100_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), file, at }),
  fc.record({ kind: fc.constant('retype' as const), file, at, value: fc.constantFrom(...RETYPED) }),
  fc.record({ kind: fc.constant('truncate' as const), file, at }),
  fc.record({ kind: fc.constant('inject' as const), file, at, text: fc.oneof(fc.constantFrom(...INJECTED), fc.string({ maxLength: 8, unit: 'binary' })) }),
  fc.record({ kind: fc.constant('scramble' as const), file, bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('remove' as const), file }),
);

function mutate(files: Map<string, Uint8Array>, change: Mutation) {
  const bytes = files.get(change.file);
  if (!bytes) return;
  if (change.kind === 'remove') return void files.delete(change.file);
  if (change.kind === 'scramble') return void files.set(change.file, change.bytes);
  if (change.kind === 'truncate') return void files.set(change.file, bytes.slice(0, change.at % (bytes.length + 1)));
  const text = new TextDecoder().decode(bytes);
  let changed: string;
  if (change.kind === 'inject') {
    const offset = change.at % (text.length + 1);
    changed = text.slice(0, offset) + change.text + text.slice(offset);
  } else {
    const lines = text.split('\n');
    const index = change.at % lines.length;
    const line = lines[index]!;
    if (change.kind === 'retype') {
      const key = /^\s*(?:- )?[\w-]+:/.exec(line)?.[0];
      lines[index] = key ? `${key} ${change.value}` : `${line} ${change.value}`;
    } else if (change.kind === 'delete-line') {
      lines.splice(index, 1);
    } else {
      lines.splice(index, 0, line);
    }
    changed = lines.join('\n');
  }
  files.set(change.file, new TextEncoder().encode(changed));
}

/** A problem a user can act on: a catalog code at a real line and column of a briefing file. */
function expectPositioned(d: Diagnostic, texts: ReadonlyMap<string, string>) {
  expect(Object.keys(messages)).toContain(d.code);
  expect(d.severity).toBe(messages[d.code].severity);
  expect(d.message.length).toBeGreaterThan(0);
  expect(d.file.startsWith(`${FIXTURE_DIR}/`)).toBe(true);
  expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
  expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
  const text = texts.get(d.file);
  if (text !== undefined) {
    const lines = text.split('\n');
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
  }
}

const RENDERING = new Error('rendering started');
const refuseRendering = (): never => {
  throw RENDERING;
};

describe('validation of a damaged briefing (property)', () => {
  it(`never throws, reports every failure with a position, and writes nothing (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (changes) => {
        const files = defaultFiles();
        for (const change of changes) mutate(files, change);
        const reader = memoryReader(files);
        const written: string[] = [];
        let checkedByBuild: CheckedBriefing | undefined;
        const effects: BuildEffects = {
          reader,
          outputs: { read: async () => undefined, write: async (path) => void written.push(path) },
          progress: createProgress('quiet', { write: () => true }),
          now: () => new Date(0),
          // Validation in this thread, against the damaged files; rendering is where the property stops.
          startStages: () => ({
            check: async (dirs, options, buildReader) => {
              const checked = await Promise.all(dirs.map((dir) => checkBriefing(dir, buildReader, options)));
              checkedByBuild = checked[0];
              return checked;
            },
            render: refuseRendering,
            close: async () => undefined,
          }),
          fingerprint: async () => ({}),
          browserStamp: async () => 'test',
          launchBrowser: refuseRendering,
          toolVersion: 'test',
          versions: () => ({}),
        };
        // build() validates first; a damaged briefing that is still valid would go on to render, which stops here.
        const built = await build([FIXTURE_DIR], { outDir: 'output', formats: new Set(['html', 'xlsx']), pageSize: 'a4', force: true, concurrency: 1, recycleAfter: 1 }, effects)
          .catch((error: unknown) => (error === RENDERING ? undefined : Promise.reject(error)));
        // What the build's own check said, whether it then stopped (errors) or went on to render (none).
        expect(checkedByBuild).toBeDefined();
        const checked = checkedByBuild!;
        for (const d of checked.diagnostics) expectPositioned(d, checked.texts);
        if (!checked.resolved) expect(hasErrors(checked.diagnostics)).toBe(true);
        if (built) {
          expect(hasErrors(checked.diagnostics)).toBe(true);
          expect(built.written).toEqual([]);
        } else {
          expect(hasErrors(checked.diagnostics)).toBe(false);
        }
        expect(written).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20240531 },
    );
  }, 300_000);
});
