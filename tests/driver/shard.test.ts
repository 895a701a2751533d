// Shards split a set of briefings among CI machines: every briefing in exactly one shard, whatever else is in the set.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../pipeline/diagnostics/errors.js';
import { inShard, parseShard } from '../../pipeline/driver/shard.js';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const IDS = ['ai-security-workforce-2024', ...Array.from({ length: 200 }, (_, i) => `briefing-${i}-${(i * 7919) % 1000}`)];

describe('shards', () => {
  it('for n = 1…5, the n shards are disjoint and together hold every briefing', () => {
    for (let count = 1; count <= 5; count++) {
      const shards = Array.from({ length: count }, (_, i) => IDS.filter((id) => inShard(id, { index: i + 1, count })));
      expect(shards.flat().sort()).toEqual([...IDS].sort());
      expect(new Set(shards.flat()).size).toBe(IDS.length);
    }
  });

  it('assigns by the id alone, the same on every machine and run (pinned for the default briefing)', () => {
    const shardOf = (id: string, count: number) => Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(id, { index, count }));
    expect([2, 3, 4, 5].map((count) => shardOf('ai-security-workforce-2024', count))).toEqual([[2], [1], [2], [2]]);
  });

  it('spreads briefings over the shards', () => {
    const sizes = [1, 2, 3, 4].map((index) => IDS.filter((id) => inShard(id, { index, count: 4 })).length);
    for (const size of sizes) expect(size).toBeGreaterThan(IDS.length / 4 / 2);
  });

  it('parses i/n with 1 ≤ i ≤ n', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });

  it('refuses anything else as a usage error', () => {
    for (const text of ['0/3', '4/3', 'x', '1/0', '2', '/3', '1/3/5', '-1/3', '1.5/3', '']) {
      expect(() => parseShard(text), text).toThrowError(expect.objectContaining({ exitCode: EXIT.usage, message: expect.stringContaining(`got "${text}"`) }));
    }
  });
});

describe('briefpress build --shard (end to end)', () => {
  it('three machines building shards 1/3, 2/3 and 3/3 build every briefing exactly once', async () => {
    const data = mkdtempSync(join(tmpdir(), 'briefpress-shards-'));
    const ids = ['north', 'south', 'east', 'west', 'centre', 'islands'].map((region) => `briefing-${region}`);
    const dirs = ids.map((id) => join(data, id));
    for (const dir of dirs) cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    const built: string[][] = [];
    for (const index of [1, 2, 3]) {
      const run = await briefpress(['build', ...dirs, '--out', join(data, 'out'), '--formats', 'html', '--shard', `${index}/3`, '--concurrency', '3']);
      expect(run.status, run.stderr).toBe(0);
      built.push([...run.stderr.matchAll(/^built (\S+):/gm)].map((m) => m[1]!).sort());
    }
    expect(built.flat().sort()).toEqual([...ids].sort());
    built.forEach((share, i) => expect(share).toEqual(ids.filter((id) => inShard(id, { index: i + 1, count: 3 })).sort()));
  });

  it('a bad --shard is a usage error', async () => {
    for (const shard of ['0/3', '4/3', 'x']) {
      const run = await briefpress(['build', DEFAULT_BRIEFING_DIR, '--shard', shard]);
      expect(run.status).toBe(EXIT.usage);
      expect(run.stderr).toContain(`--shard takes i/n with 1 ≤ i ≤ n, for example 2/4; got "${shard}"`);
    }
  });
});
