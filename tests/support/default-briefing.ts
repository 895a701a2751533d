// Loads and validates the default briefing once per test file, as the pipeline does.
import { fileReader } from '../../pipeline/effects.js';
import { loadBriefing } from '../../pipeline/load.js';
import { validateBriefing } from '../../pipeline/validate.js';
import type { Briefing } from '../../pipeline/briefing.js';

export const DEFAULT_BRIEFING_DIR = 'data/ai-security-workforce-2024';

export async function loadDefaultBriefing(dir = DEFAULT_BRIEFING_DIR): Promise<Briefing> {
  const { loaded, diagnostics } = await loadBriefing(dir, fileReader);
  const validated = validateBriefing(loaded);
  const problems = [...diagnostics, ...validated.diagnostics];
  if (!validated.briefing) throw new Error(`default briefing is invalid: ${problems.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).join('; ')}`);
  return validated.briefing;
}
