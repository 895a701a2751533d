// Loads and validates the default briefing once per test file, as the pipeline does.
import { fileReader } from '../../pipeline/build/effects.js';
import { loadBriefing } from '../../pipeline/stages/load/index.js';
import { validateBriefing } from '../../pipeline/stages/validate/index.js';
import type { Briefing } from '../../pipeline/model/briefing.js';

export const DEFAULT_BRIEFING_DIR = 'data/ai-security-workforce-2024';

export async function loadDefaultBriefing(dir = DEFAULT_BRIEFING_DIR): Promise<Briefing> {
  const { loaded, diagnostics } = await loadBriefing(dir, fileReader);
  const validated = validateBriefing(loaded);
  const problems = [...diagnostics, ...validated.diagnostics];
  if (!validated.briefing) throw new Error(`default briefing is invalid: ${problems.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).join('; ')}`);
  return validated.briefing;
}
