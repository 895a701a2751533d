// The cache: which changes make a briefing stale, and, end to end, that an up-to-date build launches no browser
// and touches no file. A spy standing in for Chromium records every launch.
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../pipeline/driver/browser.js';
import { cacheKey, isUpToDate, type CacheContext } from '../../pipeline/driver/cache.js';
import type { OutputFolder } from '../../pipeline/driver/effects.js';
import { briefpress } from '../support/cli.js';
import { DEFAULT_BRIEFING_DIR } from '../support/default-briefing.js';
import { sha256 } from '../../pipeline/model/hashing.js';

const ID = 'ai-security-workforce-2024';

const CONTEXT: CacheContext = {
  tool: '0.1.0',
  fingerprint: { templates: 'aaa', fonts: 'bbb', code: 'ccc' },
  versions: { node: '20.0.0', vega: '6.2.0' },
  browser: 'Chromium 156 (/usr/lib/chromium/chromium, 1 bytes, modified 2026-01-01T00:00:00.000Z)',
  options: { formats: ['html', 'pdf', 'xlsx'], pageSize: 'a4' },
};

describe('cacheKey', () => {
  it('changes with the inputs and with everything else that shapes the outputs', () => {
    const key = cacheKey('inputs', CONTEXT);
    expect(cacheKey('inputs', { ...CONTEXT })).toBe(key);
    const changed = [
      cacheKey('other inputs', CONTEXT),
      cacheKey('inputs', { ...CONTEXT, tool: '0.2.0' }),
      cacheKey('inputs', { ...CONTEXT, fingerprint: { ...CONTEXT.fingerprint, templates: 'zzz' } }),
      cacheKey('inputs', { ...CONTEXT, fingerprint: { ...CONTEXT.fingerprint, fonts: 'zzz' } }),
      cacheKey('inputs', { ...CONTEXT, fingerprint: { ...CONTEXT.fingerprint, code: 'zzz' } }),
      cacheKey('inputs', { ...CONTEXT, versions: { ...CONTEXT.versions, vega: '6.3.0' } }),
      cacheKey('inputs', { ...CONTEXT, browser: 'Chromium 157' }),
      cacheKey('inputs', { ...CONTEXT, options: { formats: ['html'], pageSize: 'a4' } }),
      cacheKey('inputs', { ...CONTEXT, options: { formats: ['html', 'pdf', 'xlsx'], pageSize: 'letter' } }),
    ];
    expect(new Set([key, ...changed]).size).toBe(changed.length + 1);
  });
});

describe('isUpToDate', () => {
  const pdf = new TextEncoder().encode('%PDF pretend');
  const manifest = (key: string) => JSON.stringify({ cacheKey: key, outputs: [{ file: 'x.pdf', mediaType: 'application/pdf', sha256: sha256(pdf), bytes: pdf.length }] });
  const folder = (files: Record<string, string | Uint8Array>): OutputFolder => ({
    async read(path) {
      const name = path.replace(/^out\/x\//, '');
      const data = files[name];
      return typeof data === 'string' ? new TextEncoder().encode(data) : data;
    },
    async write() {
      throw new Error('the cache check never writes');
    },
  });

  it('holds when the manifest has the key and every output it lists is intact', async () => {
    expect(await isUpToDate('out/x', 'k1', folder({ 'manifest.json': manifest('k1'), 'x.pdf': pdf }))).toBe(true);
  });

  it('fails for a missing or unreadable manifest, another key, a missing or altered output', async () => {
    expect(await isUpToDate('out/x', 'k1', folder({ 'x.pdf': pdf }))).toBe(false);
    expect(await isUpToDate('out/x', 'k1', folder({ 'manifest.json': '{ not json', 'x.pdf': pdf }))).toBe(false);
    expect(await isUpToDate('out/x', 'k1', folder({ 'manifest.json': '{"cacheKey":"k1","outputs":[null]}', 'x.pdf': pdf }))).toBe(false);
    expect(await isUpToDate('out/x', 'k2', folder({ 'manifest.json': manifest('k1'), 'x.pdf': pdf }))).toBe(false);
    expect(await isUpToDate('out/x', 'k1', folder({ 'manifest.json': manifest('k1') }))).toBe(false);
    expect(await isUpToDate('out/x', 'k1', folder({ 'manifest.json': manifest('k1'), 'x.pdf': new TextEncoder().encode('%PDF other') }))).toBe(false);
  });
});

/** Every file's name, bytes and modification time. */
const snapshot = (dir: string) => readdirSync(dir).sort().map((name) => [name, statSync(join(dir, name)).mtimeMs, sha256(readFileSync(join(dir, name)))]);

describe('build with the cache (end to end)', () => {
  const root = mkdtempSync(join(tmpdir(), 'briefpress-cache-'));
  const launches = join(root, 'launches.log');
  const env = { PUPPETEER_EXECUTABLE_PATH: join(root, 'chromium-spy') };
  const out = join(root, 'out');
  const launchLines = () => readFileSync(launches, 'utf8').split('\n').filter(Boolean);
  const launchCount = () => launchLines().length;

  beforeAll(async () => {
    const chromium = await findBrowser({ ...process.env, PUPPETEER_EXECUTABLE_PATH: undefined });
    writeFileSync(launches, '');
    // Each launch is logged with its arguments, so a test can find the profile folder that launch was given.
    writeFileSync(env.PUPPETEER_EXECUTABLE_PATH, `#!/bin/sh\ncase "$*" in *--remote-debugging*) echo "$*" >> '${launches}';; esac\nexec '${chromium}' "$@"\n`);
    chmodSync(env.PUPPETEER_EXECUTABLE_PATH, 0o755);
  });

  it('a first build launches the browser once, records the cache key in the manifest, leaves no profile behind', async () => {
    const run = await briefpress(['build', DEFAULT_BRIEFING_DIR, '--out', out], { env });
    expect(run.status, run.stderr).toBe(0);
    expect(launchCount()).toBe(1);
    expect(JSON.parse(readFileSync(join(out, ID, 'manifest.json'), 'utf8')).cacheKey).toMatch(/^[0-9a-f]{64}$/);
    // Only the profile this build's browser was given is looked at: other builds on the machine have their own.
    const profile = /--user-data-dir=(\S+)/.exec(launchLines()[0]!)?.[1];
    expect(profile).toMatch(/briefpress-chromium-/);
    expect(existsSync(profile!)).toBe(false);
  });

  it('a build with nothing changed launches no browser and leaves every output untouched', async () => {
    const before = snapshot(join(out, ID));
    const run = await briefpress(['build', DEFAULT_BRIEFING_DIR, '--out', out], { env });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`up to date, not rebuilt (--force rebuilds): ${ID}`);
    expect(launchCount()).toBe(1);
    expect(snapshot(join(out, ID))).toEqual(before);
  });

  it('--force rebuilds all the same', async () => {
    const run = await briefpress(['build', DEFAULT_BRIEFING_DIR, '--out', out, '--force'], { env });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`built ${ID}`);
    expect(launchCount()).toBe(2);
  });

  it('rebuilds when an output is missing or altered, an input changed, or an option', async () => {
    const briefing = join(root, 'briefings', ID);
    cpSync(DEFAULT_BRIEFING_DIR, briefing, { recursive: true });
    // HTML only: what makes a briefing stale is the same for every format (isUpToDate above), and the HTML is the
    // quickest to rebuild.
    const htmlOut = join(root, 'html-out');
    const build = async (...extra: string[]) => (await briefpress(['build', briefing, '--out', htmlOut, '--formats', 'html', ...extra])).stderr;
    const file = (name: string) => join(htmlOut, ID, name);

    expect(await build()).toContain(`built ${ID}`);
    expect(await build()).toContain('up to date');
    rmSync(file(`${ID}.html`));
    expect(await build()).toContain(`built ${ID}`);
    writeFileSync(file(`${ID}.html`), Buffer.concat([readFileSync(file(`${ID}.html`)), Buffer.from([0])]));
    expect(await build()).toContain(`built ${ID}`);
    expect(await build()).toContain('up to date');
    const section = join(briefing, 'sections', '01-trends.md');
    writeFileSync(section, `${readFileSync(section, 'utf8')}\nOne more sentence.\n`);
    expect(await build()).toContain(`built ${ID}`);
    expect(await build('--page-size', 'letter')).toContain(`built ${ID}`);
    expect(await build('--page-size', 'letter')).toContain('up to date');
  });
});
