// The load stage on a real folder: symbolic links, embedded images.
import { cpSync, mkdtempSync, readFileSync, symlinkSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileReader } from '../../pipeline/driver/file-reader.js';
import { loadBriefing } from '../../pipeline/stages/load/index.js';
import { validateBriefing } from '../../pipeline/stages/validate/index.js';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { imagePath } from '../../pipeline/narrative/images.js';

const ID = 'ai-security-workforce-2024';
/** The smallest valid PNG: one transparent pixel. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');

function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'briefpress-load-')), ID);
  cpSync(DEFAULT_BRIEFING_DIR, dir, { recursive: true });
  return dir;
}

describe('load', () => {
  it('refuses a section file that is a symbolic link out of the briefing folder', async () => {
    const dir = copy();
    const outside = join(dir, '..', 'outside.md');
    writeFileSync(outside, 'secret\n');
    rmSync(join(dir, 'sections/02-roles.md'));
    symlinkSync(outside, join(dir, 'sections/02-roles.md'));
    const { diagnostics } = await loadBriefing(dir, fileReader);
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([expect.stringMatching(/^BP001 cannot read .*02-roles\.md: it is a link to .*outside\.md, outside the briefing folder$/)]);
  });

  it('follows a symbolic link that stays inside the folder', async () => {
    const dir = copy();
    cpSync(join(dir, 'sections/02-roles.md'), join(dir, 'roles-original.md'));
    rmSync(join(dir, 'sections/02-roles.md'));
    symlinkSync(join(dir, 'roles-original.md'), join(dir, 'sections/02-roles.md'));
    const { value: loaded, diagnostics } = await loadBriefing(dir, fileReader);
    expect(diagnostics).toEqual([]);
    expect(validateBriefing(loaded).value?.sections[1]?.markdown).toContain('AI Security Engineer');
  });

  it('resolves image paths from the section that names them, never outside the folder', () => {
    expect(imagePath('sections/01-trends.md', 'diagram.png')).toBe('sections/diagram.png');
    expect(imagePath('sections/01-trends.md', '../images/a%20b.png')).toBe('images/a b.png');
    expect(imagePath('sections/01-trends.md', '../../etc/passwd')).toBeUndefined();
    expect(imagePath('sections/01-trends.md', '/etc/passwd')).toBeUndefined();
    expect(imagePath('sections/01-trends.md', 'https://example.com/x.png')).toBeUndefined();
    expect(imagePath('sections/01-trends.md', 'data:image/png;base64,AAAA')).toBeUndefined();
    expect(imagePath('sections/01-trends.md', 'bad%E0%A4%A.png')).toBeUndefined();
  });

  it('embeds an image from the briefing folder into the HTML, and it counts as an input', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'pixel.png'), PNG);
    appendFileSync(join(dir, 'sections/02-roles.md'), '\n![A one-pixel diagram](../pixel.png)\n');
    const out = mkdtempSync(join(tmpdir(), 'briefpress-load-out-'));
    const run = await briefpress(['build', dir, '--out', out, '--formats', 'html']);
    expect(run.status, run.stderr).toBe(0);
    const html = readFileSync(join(out, ID, `${ID}.html`), 'utf8');
    expect(html).toContain(`<img class="narrative-image" src="data:image/png;base64,${PNG.toString('base64')}" alt="A one-pixel diagram">`);
    const manifest = JSON.parse(readFileSync(join(out, ID, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { path: string }) => i.path)).toContain('pixel.png');
  });
});
