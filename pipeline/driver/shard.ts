// Shards: `--shard i/n` builds the briefings whose id hashes to share i of n, so n CI machines split one set of
// briefings with nothing built twice and nothing missed. The hash depends on the id alone, so a briefing stays in
// its shard when others are added or removed.
import { CliError, EXIT } from '../diagnostics/errors.js';
import { sha256 } from '../model/hashing.js';

export interface Shard {
  /** 1-based: 1 ≤ index ≤ count. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new CliError(`--shard takes i/n with 1 ≤ i ≤ n, for example 2/4; got "${text}"`, EXIT.usage);
  }
  return { index, count };
}

export function inShard(briefingId: string, { index, count }: Shard): boolean {
  // The hash's first four bytes, big-endian, as a number.
  const bucket = parseInt(sha256(briefingId).slice(0, 8), 16) % count;
  return bucket === index - 1;
}
