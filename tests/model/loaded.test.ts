// What a briefing reader throws for a file it will not read.
import { describe, expect, it } from 'vitest';
import { refusedFile } from '../../pipeline/model/loaded.js';

describe('refusedFile', () => {
  it('says why, with the code the load stage reports it by', () => {
    expect(refusedFile('data/x/big.csv', { tooLarge: 12_345 })).toMatchObject({ message: 'data/x/big.csv has 12345 bytes', code: 'EFBIG', size: 12_345 });
    expect(refusedFile('data/x/fifo', 'not-regular')).toMatchObject({ message: 'data/x/fifo is not a regular file', code: 'ENOTREG' });
  });
});
