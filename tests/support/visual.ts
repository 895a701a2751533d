// Visual regression: pages rendered to PNG compared with reviewed golden images, with a tolerance.
// Goldens change only deliberately: `npm run test:update-golden` rewrites them; a mismatch writes a diff
// image beside the test (tests/__diff__/, git-ignored) for review.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
const DIFF_DIR = 'tests/__diff__';

/** Every page of a PDF as a PNG at a low resolution: enough to see layout, small enough to commit. */
export function pdfPagesAsPng(pdfPath: string, dpi = 40): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'briefpress-pages-'));
  try {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdfPath, join(dir, 'page')]);
    return readdirSync(dir).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((name) => readFileSync(join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Comparison {
  name: string;
  /** Share of pixels that differ beyond pixelmatch's colour threshold. */
  differingRatio: number;
  problem?: string;
}

/** Compares `actual` with the golden `dir/name`; writes the golden instead when UPDATE_GOLDEN=1. */
export function compareWithGolden(dir: string, name: string, actual: Buffer): Comparison {
  const goldenPath = join(dir, name);
  if (UPDATE_GOLDEN) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(goldenPath, actual);
    return { name, differingRatio: 0 };
  }
  if (!existsSync(goldenPath)) return { name, differingRatio: 1, problem: `no golden image ${goldenPath}; run npm run test:update-golden and review it` };
  const golden = PNG.sync.read(readFileSync(goldenPath));
  const current = PNG.sync.read(actual);
  if (golden.width !== current.width || golden.height !== current.height) {
    return { name, differingRatio: 1, problem: `size ${current.width}×${current.height} differs from the golden's ${golden.width}×${golden.height}` };
  }
  const diff = new PNG({ width: golden.width, height: golden.height });
  const differing = pixelmatch(golden.data, current.data, diff.data, golden.width, golden.height, { threshold: 0.1 });
  const differingRatio = differing / (golden.width * golden.height);
  if (differing > 0) {
    mkdirSync(DIFF_DIR, { recursive: true });
    writeFileSync(join(DIFF_DIR, name), PNG.sync.write(diff));
  }
  return { name, differingRatio };
}
