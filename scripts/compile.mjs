// Compiles the CLI into dist/pipeline/: one bundle per entry point (the CLI and its render worker) sharing chunks,
// each stage's modules in the chunk its dynamic import names, so they still load only when the stage runs.
// Bundling is what makes the CLI start fast: Node resolves and compiles a few files instead of hundreds. Measured
// side by side with one file per module, `briefpress validate` takes 0.22 s instead of 0.33 s and a cold build
// spends 1.0 s of CPU instead of 1.3 s. Types are checked by `npm run typecheck`. puppeteer-core, which
// connects to the browser, is bundled like the rest (and so read with the code cache); the `puppeteer` package,
// asked only where its own downloaded browser is, stays in node_modules, as does resvg (a native addon).
//
// Then the V8 code cache: esbuild splits only ES modules, and Node 20 caches the compiled code of none, so each
// chunk is turned into a CommonJS function that pipeline/cli/bundle-loader.ts compiles with the cache recorded
// here, after running validate, a build and the worker's stages on the default briefing; and the hash of the
// bundles, which builds read instead of hashing them (both in pipeline/cli/compile-steps.ts). dist/pipeline/cli.js
// and render-worker.js are the small CommonJS files that start the loader.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { build, transform } from 'esbuild';
import { compileStamp, distIsFresh, RECORDED_BRIEFING, STAMP } from './compile-stamp.mjs';

const OUT = 'dist/pipeline';

/**
 * vega-lite imports four helpers (stringValue, hasOwnProperty, isObject, isString) from `vega`, whose bundle is
 * the whole runtime: dataflow, scenegraph, scales, geo. Vega re-exports them from vega-util, so vega-lite's
 * `vega` is served by vega-util, and `briefpress validate`, which compiles specs but never renders, loads no
 * Vega runtime. Rendering imports `vega` itself and gets the real one.
 */
const vegaLiteWithoutVega = {
  name: 'vega-lite-without-vega',
  setup(build) {
    build.onResolve({ filter: /^vega$/ }, (args) =>
      args.importer.includes('/node_modules/vega-lite/') ? build.resolve('vega-util', { kind: args.kind, resolveDir: args.resolveDir }) : undefined);
  },
};

/**
 * vega-canvas's Node build awaits `import('canvas')` at its top, which a CommonJS function cannot do. No `canvas`
 * is installed (Vega measures text without one), so its browser build, which looks for no `canvas`, is the same.
 */
const vegaCanvasWithoutCanvas = {
  name: 'vega-canvas-without-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, async (args) => {
      if (args.pluginData === 'vega-canvas') return undefined;
      const found = await build.resolve('vega-canvas', { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'vega-canvas' });
      if (!found.path.endsWith('vega-canvas.node.js')) throw new Error(`vega-canvas resolved to ${found.path}, not its Node build`);
      return { path: found.path.replace(/node\.js$/, 'browser.js') };
    });
  },
};

// Nothing to do when dist/ was compiled from these very inputs (compile-stamp.mjs): `npm ci`, `npm run briefing`
// and `npm test` each compile, and recording the code cache takes seconds (a build, with Chromium).
const stamp = compileStamp();
if (!process.argv.includes('--force') && distIsFresh(stamp)) {
  console.log('dist/ is up to date (npm run compile -- --force compiles anyway)');
  process.exit(0);
}

rmSync('dist', { recursive: true, force: true });
const { outputFiles } = await build({
  // Named entries keep the bundles side by side in dist/pipeline/, where pipeline/driver/worker-pool.ts looks for the worker; each
  // name carries its content's hash, as the chunks' do, which is what its code cache is named by.
  entryPoints: { cli: 'pipeline/cli/main.ts', 'render-worker': 'pipeline/driver/render-worker.ts', 'compile-steps': 'pipeline/cli/compile-steps.ts' },
  entryNames: '[name]-[hash]',
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['puppeteer', '@resvg/resvg-js'],
  // node_modules may be a symlink (git worktrees sharing one install): resolve through it, not to where it
  // points, so that the packages sit below this checkout's package.json.
  preserveSymlinks: true,
  // Read back by the CommonJS step below, which maps its output to the sources through it.
  sourcemap: 'inline',
  plugins: [vegaLiteWithoutVega, vegaCanvasWithoutCanvas],
  logLevel: 'warning',
  write: false,
});

mkdirSync(OUT, { recursive: true });
// dist/ holds CommonJS: the chunks, the loader and the two files that start it.
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
const entries = new Map();
for (const output of outputFiles) {
  const name = basename(output.path);
  // Strict, as the ES module was; import.meta is the loader's last parameter; a dynamic import of a chunk or of
  // Puppeteer becomes a require (a compiled function has no import()).
  const { code, map } = await transform(output.text.replace(/^#!.*\n/, ''), {
    format: 'cjs',
    sourcemap: 'external',
    sourcefile: name,
    define: { 'import.meta': '__import_meta' },
    supported: { 'dynamic-import': false },
    banner: '"use strict";',
    logLevel: 'warning',
  });
  writeFileSync(join(OUT, name), `${code}//# sourceMappingURL=${name}.map\n`);
  writeFileSync(join(OUT, `${name}.map`), map);
  const entry = /^(cli|render-worker|compile-steps)-\w+\.js$/.exec(name);
  if (entry) entries.set(entry[1], name);
}

await build({
  entryPoints: { 'bundle-loader': 'pipeline/cli/bundle-loader.ts' },
  outdir: OUT,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const starter = (entry, set, shebang = '') => `${shebang}"use strict";\nrequire('./bundle-loader.js').bundleLoader(__dirname, ${set}).load(${JSON.stringify(entries.get(entry))});\n`;
writeFileSync(join(OUT, 'cli.js'), starter('cli', `process.argv[2] === 'validate' ? 'validate' : 'build'`, '#!/usr/bin/env node\n'), { mode: 0o755 });
writeFileSync(join(OUT, 'render-worker.js'), starter('render-worker', `'build'`));

// The code's hash, then each set of the code cache, recorded in a process of its own, as plain as the ones that
// will read it (V8 rejects a cache made under other flags).
const scratch = mkdtempSync(join(tmpdir(), 'briefpress-compile-'));
const record = (set, step) => {
  const script = `const loader = require(${JSON.stringify(resolve(OUT, 'bundle-loader.js'))}).bundleLoader(${JSON.stringify(resolve(OUT))}, ${JSON.stringify(set)});
const steps = loader.load(${JSON.stringify(entries.get('compile-steps'))});
Promise.resolve().then(() => ${step}).then(() => loader.writeCodeCache(), (error) => { console.error(error); process.exitCode = 1; });`;
  const recorded = spawnSync(process.execPath, ['-e', script], { stdio: 'inherit' });
  if (recorded.status !== 0) throw new Error(`recording the ${set} code cache failed (exit ${recorded.status ?? recorded.signal})`);
};
try {
  record('build', `steps.writeCodeDigest().then(() => steps.exercise('build', ${JSON.stringify(RECORDED_BRIEFING)}, ${JSON.stringify(scratch)}))`);
  record('validate', `steps.exercise('validate', ${JSON.stringify(RECORDED_BRIEFING)}, ${JSON.stringify(scratch)})`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
writeFileSync(STAMP, stamp);
