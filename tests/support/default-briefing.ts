// Checks the default briefing (load → validate → resolve) as the build does, once per test file.
import { checkBriefing } from '../../pipeline/driver/check.js';
import { fileReader } from '../../pipeline/driver/file-reader.js';
import type { Briefing } from '../../pipeline/model/briefing.js';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { resolveBriefing } from '../../pipeline/stages/resolve/index.js';

export const DEFAULT_BRIEFING_DIR = 'data/ai-security-workforce-2024';

export async function loadDefaultBriefing(dir = DEFAULT_BRIEFING_DIR): Promise<ResolvedBriefing> {
  const checked = await checkBriefing(dir, fileReader);
  if (!checked.resolved) throw new Error(`default briefing is invalid: ${checked.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).join('; ')}`);
  return checked.resolved;
}

/** The same briefing with some of its validated parts replaced, resolved again as the pipeline would. */
export function changedBriefing(resolved: ResolvedBriefing, changes: Partial<Briefing>): ResolvedBriefing {
  return resolveBriefing({ ...resolved.briefing, ...changes }).value;
}
