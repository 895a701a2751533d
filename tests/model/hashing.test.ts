// SHA-256 as briefpress records it (the same hex whether the bytes come at once or in parts), and the one hash over
// a briefing's inputs.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inputHash, sha256, sha256OfParts } from '../../pipeline/model/hashing.js';

describe('hashing', () => {
  it('gives hex SHA-256 of text as UTF-8 and of bytes alike', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(new TextEncoder().encode('é'))).toBe(sha256('é'));
  });

  it('hashes parts as the bytes they make in a row', () => {
    expect(sha256OfParts(['a', new TextEncoder().encode('b'), 'c'])).toBe(sha256('abc'));
    expect(sha256OfParts([])).toBe(sha256(''));
  });

  it("hashes each input's path and hash, in the order given", () => {
    const a = { path: 'briefing.yaml', sha256: 'aa', bytes: 1 };
    const b = { path: 'sections/01.md', sha256: 'bb', bytes: 2 };
    expect(inputHash([a, b])).toBe(createHash('sha256').update('briefing.yaml\0aa\nsections/01.md\0bb\n').digest('hex'));
    expect(inputHash([{ ...a, path: 'other.yaml' }, b])).not.toBe(inputHash([a, b]));
    expect(inputHash([a, { ...b, sha256: 'cc' }])).not.toBe(inputHash([a, b]));
  });
});
