// The real file system effects: atomic writes, and write failures the user can act on.
import { linkSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOutputs, outputError } from '../../pipeline/build/file-effects.js';
import { CliError } from '../../pipeline/diagnostics/errors.js';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('output effects', () => {
  it('replaces a file whole and leaves no temporary file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefpress-effects-'));
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old');
    await fileOutputs.write(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('puts a new file in place of the old one: a reader holding the old file still reads all of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefpress-effects-'));
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old');
    // A second name for the old file, as a viewer that has it open keeps it: written in place, it would change too.
    linkSync(path, join(dir, 'held.txt'));
    await fileOutputs.write(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'held.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['held.txt', 'out.txt']);
  });

  it('leaves the old file whole, and no temporary file, when the data fails halfway', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefpress-effects-'));
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old');
    // The write takes its data in chunks; the second never comes, as when a disk fills up midway.
    async function* halfway() {
      yield new TextEncoder().encode('first half of the new file');
      throw new Error('the data failed halfway');
    }
    await expect(fileOutputs.write(path, halfway() as unknown as Uint8Array)).rejects.toThrow('the data failed halfway');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('names the path and the reason when the disk is full or access is denied', () => {
    for (const [code, words] of [['ENOSPC', 'the disk is full'], ['EACCES', 'permission denied'], ['EROFS', 'the file system is read-only']]) {
      const error = outputError('output/x/x.pdf', errno(code!));
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toBe(`cannot write output/x/x.pdf: ${words} (${code}); the previous outputs are untouched`);
      expect((error as CliError).exitCode).toBe(3);
    }
    const unknown = errno('EWHATEVER');
    expect(outputError('output/x/x.pdf', unknown)).toBe(unknown);
  });

  it('a build into a folder that cannot be created exits 3 naming the briefing and the path, with no stack trace', async () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'briefpress-blocked-')), 'out');
    writeFileSync(blocked, 'a file where the output folder should be');
    const run = await briefpress(['build', DEFAULT_BRIEFING_DIR, '--out', blocked, '--formats', 'html']);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`briefpress: ai-security-workforce-2024: cannot write ${blocked}/ai-security-workforce-2024/\\S+: a file stands where a folder is needed \\((ENOTDIR|EEXIST)\\)`));
    expect(run.stderr).not.toContain('    at ');
  });
});

