// `briefpress validate`: every check, no browser, nothing written.
import type { Command } from './cli.js';
import { briefingDirs, parseCommandLine, printDiagnostics } from './cli-options.js';
import { checkBriefings } from './validate.js';
import { countLine, hasErrors } from './diagnostics.js';
import { fileReader } from './effects.js';
import { EXIT } from './errors.js';

export const validateCommand: Command = {
  help: `Usage: briefpress validate [briefing-dir…]

Checks every briefing's files (shape, citations, data points, charts, tables) and prints each problem as
file:line:column severity code message, with the line and a caret. No browser is started, nothing is written.
Exit code 1 when any briefing has an error.`,

  async run(args) {
    const { positionals } = parseCommandLine('validate', args, {});
    const checked = await checkBriefings(await briefingDirs(positionals), fileReader);
    printDiagnostics(checked.diagnostics, checked.texts);
    if (hasErrors(checked.diagnostics)) return EXIT.invalidData;
    process.stderr.write(`validated ${checked.briefings.map((b) => b.id).join(', ')}: ${countLine(checked.diagnostics)}\n`);
    return EXIT.ok;
  },
};
