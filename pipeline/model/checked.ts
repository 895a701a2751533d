// A briefing as checking leaves it: its diagnostics, the texts they point into, and, when there is no error, the
// resolved briefing ready to render. Results stay per briefing from the check to the manifest.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedBriefing } from './resolved.js';

export interface CheckedBriefing {
  id: string;
  dir: string;
  /** What loading and validating found, warnings included. */
  diagnostics: Diagnostic[];
  /** Source texts by display path, for excerpts in printed diagnostics. */
  texts: Map<string, string>;
  /** Present when there is no error: the briefing, ready to render. */
  resolved?: ResolvedBriefing;
}

export interface CheckOptions {
  /** Warnings count as errors. */
  strict?: boolean;
}

/** Every briefing's diagnostics, for printing together. */
export const allDiagnostics = (checked: readonly CheckedBriefing[]) => checked.flatMap((c) => c.diagnostics);

/** Every briefing's source texts by display path. */
export const allTexts = (checked: readonly CheckedBriefing[]) => new Map(checked.flatMap((c) => [...c.texts]));
