// Runs the compiled CLI's bundles (dist/pipeline/*.js, CommonJS, as scripts/compile.mjs writes them) with the V8
// code cache `npm run compile` recorded for them. Node 20 keeps no code cache of its own, so each process compiled
// every function of Vega, Vega-Lite, zod, YAML and ExcelJS again before running it: with the cache, `validate`
// spends ~25 % less CPU and the worker thread ~35 % less before it posts the HTML. A cache V8 rejects (another Node,
// other V8 flags) or a missing one only means compiling as before; nothing is written here at run time.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// V8 flags, set before any bundle is compiled, in every process and thread that reads the code cache and in the
// one that records it: V8 accepts a cache only under the flags it was made with.
//
// A regular expression is compiled to machine code on its first run instead of its second, after a first run
// through V8's regexp bytecode: marked's block grammar is large, and lexing the default briefing's sections the
// first time took 46 ms instead of 20 (validate 274 → 250 ms, a cold build ~90 ms less, the same bytes out).
// --no-regexp-tier-up, which skips the bytecode too, crashed builds that read the code cache.
setFlagsFromString('--regexp-tier-up-ticks=0');
// gc() in contexts made from now on: a long build collects its main thread's garbage between briefings
// (pipeline/driver/memory.ts), without flushing the bytecode of functions it has not run lately, which would
// then be compiled again. Here for the same reason: a flag changed later would make V8 reject the cache.
setFlagsFromString('--expose-gc');
setFlagsFromString('--no-flush-bytecode');
// WebAssembly (hb-subset, which cuts the fonts down for each page: theme/font-subset.ts) runs on the baseline
// compiler only: V8 otherwise compiles the whole 680 KB module again with TurboFan on background threads, ~300 ms
// of CPU in every build, for six calls that take ~36 ms on the baseline code.
setFlagsFromString('--liftoff-only');

interface Bundle {
  module: { exports: unknown };
  script: Script;
}

export interface BundleLoader {
  /** Runs a bundle of `dir` once (later calls return its exports), and, through its require, the bundles it needs. */
  load(name: string): unknown;
  /** Writes the code cache of every bundle loaded so far, with the functions this thread has compiled. */
  writeCodeCache(): void;
}

/**
 * Which recorded cache a process reads: `validate`'s holds only what validation compiles; `build`'s, what a build
 * compiles on its main thread and its worker threads (and what every other command mostly needs). A cache holding
 * another command's functions costs `validate` ~8 ms of CPU to read in.
 */
export type CacheSet = 'validate' | 'build';

/**
 * How much interpreter work makes a function hot for TurboFan, by cache set (each set is recorded and read under
 * its own). A build lives ~1.5 s: with V8's default budget it optimized ~240 functions on background threads,
 * ~0.35 CPU-seconds that the two cores Chromium needs could not repay in so short a run; at 8× the default, a
 * cold build's Node process spends 1.13 CPU-s instead of 1.31, and 24 briefings take 8.1 s instead of 8.4 at 2×
 * (turning TurboFan off slows the batch). `validate` of a 10,000-row table is a second of one hot loop, which
 * TurboFan does repay: at 2× it takes 0.96 s, at 8× 1.04; the default briefing validates as fast either way.
 */
const TURBOFAN_BUDGET: Record<CacheSet, string> = { validate: '--interrupt-budget=270336', build: '--interrupt-budget=1048576' };

/**
 * The cache of `dist/pipeline/<name>` is `dist/code-cache/<node version>-<arch>/<set>/<name>.cache`: a cache is
 * made for one Node, and a bundle's name carries the hash of its content, so a cache never meets another bundle's
 * source.
 */
export function bundleLoader(dir: string, set: CacheSet): BundleLoader {
  setFlagsFromString(TURBOFAN_BUDGET[set]);
  const cacheDir = join(dir, '..', 'code-cache', `${process.version}-${process.arch}`, set);
  const bundles = new Map<string, Bundle>();
  const nodeRequire = createRequire(join(dir, 'bundle-loader.js'));

  const load = (name: string): unknown => {
    const known = bundles.get(name);
    if (known) return known.module.exports;
    const file = join(dir, name);
    // Wrapped as Node wraps a CommonJS module, on the first line so that lines in stack traces stay right; what
    // esbuild made of import.meta comes in as the last parameter.
    const source = `(function (exports, require, module, __filename, __dirname, __import_meta) {${readFileSync(file, 'utf8')}\n})`;
    const script = new Script(source, { filename: file, cachedData: readCache(join(cacheDir, `${name}.cache`)) });
    const bundle: Bundle = { module: { exports: {} }, script };
    bundles.set(name, bundle);
    const require = (id: string) => (id.startsWith('./') ? load(id.slice(2)) : nodeRequire(id));
    // `this` undefined at the top, as in the ES module the bundle was compiled from.
    (script.runInThisContext() as (...args: unknown[]) => void).call(undefined, bundle.module.exports, require, bundle.module, file, dir, { url: pathToFileURL(file).href });
    return bundle.module.exports;
  };

  const writeCodeCache = () => {
    mkdirSync(cacheDir, { recursive: true });
    for (const [name, { script }] of bundles) {
      const path = join(cacheDir, `${name}.cache`);
      writeFileSync(`${path}.tmp`, script.createCachedData());
      renameSync(`${path}.tmp`, path);
    }
  };

  return { load, writeCodeCache };
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
