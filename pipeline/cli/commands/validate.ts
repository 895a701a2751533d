// `briefpress validate`: every check, no browser, nothing written.
import { JSON_OPTION, QUIET_OPTION, reportFormat } from '../options.js';
import { briefingDirs } from '../briefings.js';
import { paletteFor, PLAIN, type Palette } from '../colour.js';
import { countLine, DIAGNOSTIC_FORMATS, formatDiagnostics, hasErrors, type DiagnosticFormat } from '../../diagnostics/diagnostic.js';
import { fileReader } from '../../driver/file-reader.js';
import { EXIT } from '../../diagnostics/errors.js';
import type { Command } from '../command.js';
import { allDiagnostics, allTexts, type CheckedBriefing } from '../../model/checked.js';

const options = {
  format: {
    value: 'FORMAT',
    help: `text (default): file:line:column severity code message, the line with a caret and
a hint, on stderr
json: one JSON document on stdout: {version, errors, warnings, diagnostics: [{file,
line, column, severity, code, title, message, hint}]}
github: GitHub Actions workflow commands (::error file=…,line=…,col=…::…) on stdout,
so a pull request shows each problem on its line`,
  },
  json: { ...JSON_OPTION, help: 'the same as --format json' },
  strict: { help: 'warnings count as errors (exit code 1)' },
  quiet: { ...QUIET_OPTION, help: 'print only problems: no closing line when there are none' },
} as const;

export const validateCommand: Command<typeof options> = {
  spec: {
    name: 'validate',
    arguments: '[briefing-dir…]',
    summary: 'run every check without rendering or writing anything',
    description: `Checks every briefing's files (shape, citations, data points, figures in prose, charts, tables, sources).
No browser is started, nothing is written. Exit code 1 when any briefing has an error.`,
    options,
  },

  async run({ values, positionals }, io) {
    const format = reportFormat(DIAGNOSTIC_FORMATS, values.format, values.json);
    const dirs = await briefingDirs(positionals);
    const { checkBriefing } = await import('../../driver/check.js');
    const checked: CheckedBriefing[] = [];
    for (const dir of dirs) checked.push(await checkBriefing(dir, fileReader, { strict: values.strict === true }));
    const report = validationReport(checked, format, { quiet: values.quiet === true, palette: paletteFor(io.stderr, io.env) });
    io.stdout.write(report.stdout);
    io.stderr.write(report.stderr);
    return report.exitCode;
  },
};

interface ReportStyle {
  quiet?: boolean;
  /** Colours for the text on stderr. */
  palette?: Palette;
}

/** What `briefpress validate` prints, and its exit code: a function of the check, so tests can pin it. */
export function validationReport(checked: readonly CheckedBriefing[], format: DiagnosticFormat, { quiet = false, palette = PLAIN }: ReportStyle = {}) {
  const diagnostics = allDiagnostics(checked);
  const texts = allTexts(checked);
  const failed = hasErrors(diagnostics);
  const exitCode = failed ? EXIT.invalidData : EXIT.ok;
  if (format === 'json') return { stdout: `${formatDiagnostics(diagnostics, texts, 'json')}\n`, stderr: '', exitCode };
  if (format === 'github') {
    const commands = formatDiagnostics(diagnostics, texts, 'github');
    return { stdout: commands === '' ? '' : `${commands}\n`, stderr: quiet ? '' : `${countLine(diagnostics)}\n`, exitCode };
  }
  const printed = diagnostics.length > 0 ? `${formatDiagnostics(diagnostics, texts, 'text', palette)}\n` : '';
  const ids = checked.map((b) => b.id).join(', ');
  const summary = failed || quiet ? '' : diagnostics.length > 0 ? `validated ${ids}\n` : `validated ${ids}: ${countLine(diagnostics)}\n`;
  return { stdout: '', stderr: printed + summary, exitCode };
}
