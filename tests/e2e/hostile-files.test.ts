// Files that are not what a briefing folder should hold: a FIFO never ends, a sparse file claims gigabytes it
// does not hold on disk. Each is judged by its type and size before a byte is read, and reported at once, in
// place, with exit code 1.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, openSync, closeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileReader } from '../../pipeline/driver/file-reader.js';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';

function briefingCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-files-')), 'hostile-files');
  cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
  return dir;
}

describe('files a briefing should not hold', () => {
  it('a FIFO where a section file should be is refused at once, where briefing.yaml names it', async () => {
    const dir = briefingCopy();
    const section = join(dir, 'sections/01-trends.md');
    rmSync(section);
    execFileSync('mkfifo', [section]);
    const started = Date.now();
    const run = await briefpress(['validate', dir]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/briefing\.yaml:\d+:\d+ error BP001 cannot read \S+sections\/01-trends\.md: it is not a regular file/);
    expect(run.stderr).not.toContain('    at ');
  }, 15_000);

  it('a sparse 1.9 GB data file is refused by its size, not read into memory', async () => {
    const dir = briefingCopy();
    const handle = openSync(join(dir, 'data-points.yaml'), 'w');
    ftruncateSync(handle, 1_900_000_000);
    closeSync(handle);
    const before = process.memoryUsage().rss;
    const run = await briefpress(['validate', dir]);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error BP806 the size of');
    expect(run.stderr).toContain('in bytes is 1,900,000,000, over the limit of 2,097,152');
  });

  it('reads regular files only, whatever their name says', async () => {
    await expect(fileReader.readFile('/dev/zero', 10)).rejects.toMatchObject({ code: 'ENOTREG' });
    await expect(fileReader.readFile(DEFAULT_BRIEFING_DIR, 10)).rejects.toMatchObject({ code: 'ENOTREG' });
    await expect(fileReader.readFile(join(DEFAULT_BRIEFING_DIR, 'briefing.yaml'), 10)).rejects.toMatchObject({ code: 'EFBIG' });
  });
});

describe('a briefing folder whose name is no id', () => {
  it('a 250-character name is BP006 in validate and build, before any output is written', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-long-')), 'a'.repeat(250));
    cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
    const out = mkdtempSync(join(tmpdir(), 'briefpress-long-out-'));
    for (const args of [['validate', dir], ['build', dir, '--out', out, '--formats', 'html']]) {
      const run = await briefpress(args);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${dir}/briefing.yaml:1:1 error BP006 the briefing folder's name "${'a'.repeat(250)}" is not an id`);
      expect(run.stderr).not.toContain('    at ');
    }
    expect(readdirSync(out)).toEqual([]);
  });
});
