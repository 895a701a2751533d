// The briefing's folder name is its id, and like every id a slug of bounded length (BP006): it names the output
// folder and files, where a long name fails the writes (ENAMETOOLONG), and it is printed into reports, where a
// line break would start a heading of its own.
import { join } from 'node:path';
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import { LIMITS } from '../../../model/limits.js';
import { SLUG } from '../../../model/schema.js';
import type { ValidationContext } from '../context.js';

export function checkBriefingId({ loaded, report }: ValidationContext): void {
  if (SLUG.test(loaded.id) && loaded.id.length <= LIMITS.idLength) return;
  report(diagnostic('BP006', { file: join(loaded.dir, 'briefing.yaml'), line: 1, column: 1 }, { name: loaded.id, limit: LIMITS.idLength }));
}
