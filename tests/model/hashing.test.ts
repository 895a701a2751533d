// SHA-256 as briefpress records it: the same hex whether the bytes come at once or in parts.
import { describe, expect, it } from 'vitest';
import { sha256, sha256OfParts } from '../../pipeline/model/hashing.js';

describe('hashing', () => {
  it('hashes bytes and UTF-8 text alike, as hex', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(new TextEncoder().encode('abc'))).toBe(sha256('abc'));
  });

  it('hashes parts as the bytes they make in a row', () => {
    expect(sha256OfParts(['a', new TextEncoder().encode('b'), 'c'])).toBe(sha256('abc'));
    expect(sha256OfParts([])).toBe(sha256(''));
  });
});
