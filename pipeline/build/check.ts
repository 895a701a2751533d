// load → validate for a list of briefing folders: what `briefpress validate` runs, and what the build runs before
// it writes anything. Nothing is rendered or written.
import { strictly, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Briefing } from '../model/briefing.js';
import type { BriefingReader } from '../model/loaded.js';
import { loadBriefing } from '../stages/load/index.js';
import { validateBriefing } from '../stages/validate/index.js';

export interface CheckResult {
  briefings: Briefing[];
  diagnostics: Diagnostic[];
  /** Source texts by display path, for excerpts in printed diagnostics. */
  texts: Map<string, string>;
}

export interface CheckOptions {
  /** Warnings count as errors. */
  strict?: boolean;
}

export async function checkBriefings(dirs: readonly string[], reader: BriefingReader, options: CheckOptions = {}): Promise<CheckResult> {
  const result: CheckResult = { briefings: [], diagnostics: [], texts: new Map() };
  for (const dir of dirs) {
    const { loaded, diagnostics } = await loadBriefing(dir, reader);
    const validated = validateBriefing(loaded);
    result.diagnostics.push(...diagnostics, ...validated.diagnostics);
    for (const [file, text] of loaded.texts) result.texts.set(file, text);
    if (validated.briefing) result.briefings.push(validated.briefing);
  }
  if (options.strict) result.diagnostics = strictly(result.diagnostics);
  return result;
}
