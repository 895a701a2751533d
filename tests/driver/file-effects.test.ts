// The real file system effects: atomic writes, write failures the user can act on, and the fingerprint of the
// files besides a briefing's own that shape its outputs.
import { cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFingerprint, fileOutputs, outputError } from '../../pipeline/driver/file-effects.js';
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

describe('fileFingerprint', () => {
  /** A folder of templates, two font files and a folder of code, as fileFingerprint reads briefpress's own. */
  function inputsIn(root: string) {
    mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
    writeFileSync(join(root, 'templates', 'layout.hbs'), '<main>{{> figure}}</main>');
    writeFileSync(join(root, 'templates', 'partials', 'figure.hbs'), '<figure></figure>');
    mkdirSync(join(root, 'fonts'));
    writeFileSync(join(root, 'fonts', 'Sans.woff2'), 'sans');
    writeFileSync(join(root, 'fonts', 'Mono.woff2'), 'mono');
    mkdirSync(join(root, 'code', 'stages'), { recursive: true });
    writeFileSync(join(root, 'code', 'build.js'), 'export {}');
    writeFileSync(join(root, 'code', 'stages', 'html.ts'), 'export {}');
    return { templatesDir: join(root, 'templates'), fontFiles: [join(root, 'fonts', 'Sans.woff2'), join(root, 'fonts', 'Mono.woff2')], codeDir: join(root, 'code') };
  }

  it('hashes the templates, fonts and code briefpress runs with', async () => {
    const fingerprint = await fileFingerprint();
    expect(Object.keys(fingerprint)).toEqual(['templates', 'fonts', 'code']);
    for (const hash of Object.values(fingerprint)) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(Object.values(fingerprint)).size).toBe(3);
    expect(await fileFingerprint()).toEqual(fingerprint);
  });

  it('changes the one hash of whichever input changes, and no other', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-fingerprint-'));
    const inputs = inputsIn(root);
    let before = await fileFingerprint(inputs);
    /** The hashes that differ after `change` from those before it. */
    const changedBy = async (change: () => void) => {
      change();
      const after = await fileFingerprint(inputs);
      const changed = Object.keys(before).filter((key) => after[key] !== before[key]);
      before = after;
      return changed;
    };
    expect(await changedBy(() => undefined)).toEqual([]);
    expect(await changedBy(() => writeFileSync(join(inputs.templatesDir, 'partials', 'figure.hbs'), '<figure class="x"></figure>'))).toEqual(['templates']);
    expect(await changedBy(() => renameSync(join(inputs.templatesDir, 'layout.hbs'), join(inputs.templatesDir, 'page.hbs')))).toEqual(['templates']);
    expect(await changedBy(() => writeFileSync(join(inputs.templatesDir, 'briefing.css'), 'p{}'))).toEqual(['templates']);
    expect(await changedBy(() => writeFileSync(inputs.fontFiles[1]!, 'mono, redrawn'))).toEqual(['fonts']);
    expect(await changedBy(() => writeFileSync(join(inputs.codeDir, 'stages', 'html.ts'), 'export const changed = 1;'))).toEqual(['code']);
    expect(await changedBy(() => writeFileSync(join(inputs.codeDir, 'notes.md'), 'not code'))).toEqual([]);
  });

  it("takes the code's hash from the digest written beside the bundles, when there is one", async () => {
    const inputs = inputsIn(mkdtempSync(join(tmpdir(), 'briefpress-fingerprint-')));
    writeFileSync(join(inputs.codeDir, 'code.sha256'), `${'c'.repeat(64)}\n`);
    expect((await fileFingerprint(inputs)).code).toBe('c'.repeat(64));
  });

  it('is the same wherever the project is checked out', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefpress-fingerprint-'));
    const here = await fileFingerprint(inputsIn(join(root, 'here')));
    cpSync(join(root, 'here'), join(root, 'there', 'deeper'), { recursive: true });
    const there = { templatesDir: join(root, 'there', 'deeper', 'templates'), fontFiles: ['Sans', 'Mono'].map((f) => join(root, 'there', 'deeper', 'fonts', `${f}.woff2`)), codeDir: join(root, 'there', 'deeper', 'code') };
    expect(await fileFingerprint(there)).toEqual(here);
  });
});
