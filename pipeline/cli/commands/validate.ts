// `briefpress validate`: every check, no browser, nothing written.
import { briefingDirs, parseCommandLine } from '../options.js';
import { countLine, DIAGNOSTIC_FORMATS, formatDiagnostics, hasErrors, type DiagnosticFormat } from '../../diagnostics/diagnostic.js';
import { fileReader } from '../../build/file-effects.js';
import { CliError, EXIT } from '../../diagnostics/errors.js';
import type { Command } from '../command.js';
import { allDiagnostics, allTexts, type CheckedBriefing } from '../../model/checked.js';

export const validateCommand: Command = {
  help: `Usage: briefpress validate [briefing-dir…] [--format text|json|github] [--strict]

  --format text     (default) file:line:column severity code message, the line with a caret, a hint; on stderr
  --format json     one JSON document on stdout: {version, errors, warnings, diagnostics: [{file, line,
                    column, severity, code, title, message, hint}]}
  --format github   GitHub Actions workflow commands (::error file=…,line=…,col=…::…) on stdout, so a pull
                    request shows each problem on its line
  --strict          warnings count as errors (exit code 1)
  -h, --help        this help

Checks every briefing's files (shape, citations, data points, figures in prose, charts, tables, sources).
No browser is started, nothing is written. Exit code 1 when any briefing has an error.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('validate', args, { format: { type: 'string' }, strict: { type: 'boolean' } });
    const format = parseFormat(values.format);
    const { checkBriefing } = await import('../../build/check.js');
    const checked: CheckedBriefing[] = [];
    for (const dir of await briefingDirs(positionals)) checked.push(await checkBriefing(dir, fileReader, { strict: values.strict === true }));
    const report = validationReport(checked, format);
    io.stdout.write(report.stdout);
    io.stderr.write(report.stderr);
    return report.exitCode;
  },
};

/** What `briefpress validate` prints, and its exit code: a function of the check, so tests can pin it. */
export function validationReport(checked: readonly CheckedBriefing[], format: DiagnosticFormat): { stdout: string; stderr: string; exitCode: number } {
  const diagnostics = allDiagnostics(checked);
  const texts = allTexts(checked);
  const failed = hasErrors(diagnostics);
  const exitCode = failed ? EXIT.invalidData : EXIT.ok;
  if (format === 'json') return { stdout: `${formatDiagnostics(diagnostics, texts, 'json')}\n`, stderr: '', exitCode };
  if (format === 'github') {
    const commands = formatDiagnostics(diagnostics, texts, 'github');
    return { stdout: commands === '' ? '' : `${commands}\n`, stderr: `${countLine(diagnostics)}\n`, exitCode };
  }
  const printed = diagnostics.length > 0 ? `${formatDiagnostics(diagnostics, texts)}\n` : '';
  const ids = checked.map((b) => b.id).join(', ');
  const summary = failed ? '' : diagnostics.length > 0 ? `validated ${ids}\n` : `validated ${ids}: ${countLine(diagnostics)}\n`;
  return { stdout: '', stderr: printed + summary, exitCode };
}

function parseFormat(format: string | undefined): DiagnosticFormat {
  const normalized = (format ?? 'text').toLowerCase();
  if (!DIAGNOSTIC_FORMATS.includes(normalized as DiagnosticFormat)) throw new CliError(`--format is one of ${DIAGNOSTIC_FORMATS.join(', ')}; got "${format}"`, EXIT.usage);
  return normalized as DiagnosticFormat;
}
