// The option table as the parser reads it: every way a value may be given, aliases, `--`, and the errors.
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../pipeline/cli/command.js';
import { formatHelp, parseOptions, reportFormat } from '../../pipeline/cli/options.js';

const spec = {
  name: 'demo',
  arguments: '[thing…]',
  summary: 'a command for tests',
  options: {
    out: { value: 'DIR', help: 'where to' },
    outputs: { value: 'LIST', help: 'which ones', aliases: ['formats'] },
    force: { help: 'do it anyway' },
    quiet: { short: 'q', help: 'say nothing' },
    'a-very-long-option-name': { value: 'VALUE', help: 'first line\nsecond line' },
  },
} as const satisfies CommandSpec;

describe('parseOptions', () => {
  it('reads flags, values (spaced or after =), short flags, aliases and positionals in any order', () => {
    expect(parseOptions(spec, ['a', '--out', 'x', '-q', '--formats=pdf', 'b', '--force'])).toEqual({
      values: { out: 'x', quiet: true, outputs: 'pdf', force: true },
      positionals: ['a', 'b'],
      help: false,
    });
  });

  it('takes everything after -- as positionals, and - as one', () => {
    expect(parseOptions(spec, ['-', '--', '--force', '-q'])).toEqual({ values: {}, positionals: ['-', '--force', '-q'], help: false });
  });

  it('accepts a value that starts with - only after =', () => {
    expect(parseOptions(spec, ['--out=-x']).values.out).toBe('-x');
    expect(() => parseOptions(spec, ['--out', '-x'])).toThrow('--out needs a value: --out DIR');
  });

  it('finds -h and --help anywhere', () => {
    expect(parseOptions(spec, ['x', '-h']).help).toBe(true);
    expect(parseOptions(spec, ['--help', '--force']).help).toBe(true);
  });

  it('suggests the canonical name of the option meant, an alias leading to it too', () => {
    expect(() => parseOptions(spec, ['--forse'])).toThrow('unknown option --forse; did you mean --force?');
    expect(() => parseOptions(spec, ['--format'])).toThrow('unknown option --format; did you mean --outputs?');
    expect(() => parseOptions(spec, ['-x'])).toThrow('unknown option -x; briefpress demo --help lists the options');
    expect(() => parseOptions(spec, ['--force=1'])).toThrow('--force takes no value');
  });
});

describe('formatHelp', () => {
  it('lays the table out: usage, each option with its value and aliases, help last', () => {
    expect(formatHelp(spec)).toBe(`Usage: briefpress demo [thing…] [options]

Options:
  --out DIR            where to
  --outputs LIST       which ones
                       (--formats: an older name, still accepted)
  --force              do it anyway
  -q, --quiet          say nothing
  --a-very-long-option-name VALUE
                       first line
                       second line
  -h, --help           this help`);
  });
});

describe('reportFormat', () => {
  it('is the first format by default, --json means json, and the two must agree', () => {
    const formats = ['text', 'json', 'markdown'] as const;
    expect(reportFormat(formats, undefined, undefined)).toBe('text');
    expect(reportFormat(formats, 'Markdown', undefined)).toBe('markdown');
    expect(reportFormat(formats, undefined, true)).toBe('json');
    expect(reportFormat(formats, 'json', true)).toBe('json');
    expect(() => reportFormat(formats, 'text', true)).toThrow('--json and --format text ask for different formats');
    expect(() => reportFormat(formats, 'xml', undefined)).toThrow('--format is one of text, json, markdown; got "xml"');
  });
});
