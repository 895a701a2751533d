// The shape of pipeline/ as its imports draw it: no import cycle (type-only imports count: a type imported both
// ways means a declaration lives in the wrong file), no stage importing another stage, and the leaf folders
// (what stages share) importing nothing but each other.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'pipeline';
const LEAVES = ['model', 'diagnostics', 'narrative', 'theme'];

/** Every relative import of a module: static, `export … from`, `import type`, side-effect and dynamic. */
const IMPORT = /(?:\bfrom|^\s*import|\bimport\s*\()\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function importGraph(root: string): Map<string, string[]> {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(root, f));
  return new Map(files.map((file) => {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => normalize(join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
    return [file, targets];
  }));
}

/** Each cycle once, as the path that closes it, found by depth-first search. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string) => {
    const open = path.indexOf(node);
    if (open >= 0) return void cycles.push([...path.slice(open), node]);
    if (done.has(node)) return;
    path.push(node);
    for (const next of graph.get(node) ?? []) visit(next);
    path.pop();
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node);
  return cycles;
}

/** "stages/html" for pipeline/stages/html/index.ts, "model" for pipeline/model/units.ts. */
function folderOf(file: string): string {
  const [top, name] = relative(ROOT, file).split('/');
  return top === 'stages' ? `stages/${name}` : top!;
}

const graph = importGraph(ROOT);
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to, fromFolder: folderOf(from), toFolder: folderOf(to) })));

describe('imports in pipeline/', () => {
  it('every relative import names a file that exists', () => {
    expect(edges.filter(({ to }) => !graph.has(to)).map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it('form no cycle', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('no stage imports another stage', () => {
    const crossing = edges.filter(({ fromFolder, toFolder }) => fromFolder.startsWith('stages/') && toFolder.startsWith('stages/') && fromFolder !== toFolder);
    expect(crossing.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it('the shared folders import only each other', () => {
    const outward = edges.filter(({ fromFolder, toFolder }) => LEAVES.includes(fromFolder) && !LEAVES.includes(toFolder));
    expect(outward.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it('pipeline/ keeps at most a handful of files at its root', () => {
    expect([...graph.keys()].filter((file) => dirname(file) === ROOT).length).toBeLessThanOrEqual(5);
  });
});

describe('findCycles', () => {
  it('finds a cycle, type-only or not, and nothing in a graph without one', () => {
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['a']]]))).toEqual([['a', 'a']]);
    expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('reads type-only, re-exported and dynamic imports', () => {
    const source = "import type { A } from './a.js';\nexport { b } from '../b.js';\nconst c = await import('./c.js');\nimport './d.js';";
    expect([...source.matchAll(IMPORT)].map((m) => m[1])).toEqual(['./a.js', '../b.js', './c.js', './d.js']);
  });
});
