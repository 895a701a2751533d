// load → validate → resolve for one briefing folder: what `briefpress validate` and the preview run, and what the
// build runs (on a worker thread, from the bytes it loaded) before it writes anything.
import { hasErrors, judged, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { briefingId } from '../model/briefing.js';
import type { CheckedBriefing, CheckOptions } from '../model/checked.js';
import type { BriefingReader } from '../model/loaded.js';
import { loadBriefing } from '../stages/load/index.js';
import { resolveBriefing } from '../stages/resolve/index.js';
import { validateBriefing } from '../stages/validate/index.js';

export async function checkBriefing(dir: string, reader: BriefingReader, options: CheckOptions = {}): Promise<CheckedBriefing> {
  const load = await loadBriefing(dir, reader);
  const validated = validateBriefing(load.value);
  // In file and position order, whichever check found them; judged now, so that a briefing that can no longer pass is
  // not rendered (the driver judges the whole log again after the last stage).
  const diagnostics = judged(sortDiagnostics([...load.diagnostics, ...validated.diagnostics]), options);
  const resolved = validated.value && !hasErrors(diagnostics) ? resolveBriefing(validated.value) : undefined;
  if (resolved) diagnostics.push(...resolved.diagnostics);
  return { id: briefingId(dir), dir, diagnostics, texts: load.value.texts, ...(resolved ? { resolved: resolved.value } : {}) };
}
