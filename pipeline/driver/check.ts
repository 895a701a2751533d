// load → validate → resolve for one briefing folder: what `briefpress validate` and the preview run, and what the
// build runs (on a worker thread, from the bytes it loaded) before it writes anything.
import { hasErrors, sortDiagnostics, strictly } from '../diagnostics/diagnostic.js';
import { briefingId } from '../model/briefing.js';
import type { CheckedBriefing, CheckOptions } from '../model/checked.js';
import type { BriefingReader } from '../model/loaded.js';
import { loadBriefing } from '../stages/load/index.js';
import { resolveBriefing } from '../stages/resolve/index.js';
import { validateBriefing } from '../stages/validate/index.js';

export async function checkBriefing(dir: string, reader: BriefingReader, options: CheckOptions = {}): Promise<CheckedBriefing> {
  const { loaded, diagnostics: loadProblems } = await loadBriefing(dir, reader);
  const validated = validateBriefing(loaded);
  // In file and position order, whichever check found them.
  const found = sortDiagnostics([...loadProblems, ...validated.diagnostics]);
  const diagnostics = options.strict ? strictly(found) : found;
  const resolved = validated.briefing && !hasErrors(diagnostics) ? resolveBriefing(validated.briefing) : undefined;
  return { id: briefingId(dir), dir, diagnostics, texts: loaded.texts, ...(resolved ? { resolved } : {}) };
}
