// Progress of builds and preview rebuilds, told the way the reader wants it:
//   tty    one live line per briefing, redrawn in place as its stages start and finish, with timings
//   plain  one line per completed step, for CI logs: "<id>: charts 93 ms", "built <id>: … → <folder>"
//   quiet  only problems: diagnostics and failures
//   json   the event stream for machines (events.ts), one JSON object per line
// Diagnostics are printed like a compiler's in every mode but json, where each is an event. The reporter keeps a
// tally of what it was told, for the closing summary. It only writes to the stream it is given, so tests pass a
// fake one.
import type { Outcome, Progress } from '../driver/effects.js';
import { diagnosticJson, formatDiagnostics, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { CliError, EXIT } from '../diagnostics/errors.js';
import { paletteFor, PLAIN, type Palette } from './colour.js';
import type { CliIo } from './io.js';
import { eventLine, type Tally } from './events.js';

export type ProgressMode = 'tty' | 'plain' | 'quiet' | 'json';

export interface ProgressStream {
  write(text: string): unknown;
  /** Terminal width, 80 when unknown (0 or absent). Live lines are cut to fit, so redrawing leaves no remnants. */
  columns?: number;
}

/** Progress, and the run's closing summary built from what it reported. */
export interface Reporter extends Progress {
  /** The last event of a run (json only: people have read each outcome as it came). */
  summary(exitCode: number): void;
}

type Lines = Omit<Progress, 'diagnostics'> & { diagnostics(text: string): void };

export function createProgress(mode: ProgressMode, stream: ProgressStream, palette: Palette = PLAIN): Reporter {
  const tally: Tally = { built: [], skipped: [], failed: [], errors: 0, warnings: 0 };
  const json = mode === 'json';
  const emit = (event: { event: string } & Record<string, unknown>) => stream.write(eventLine(event));
  // Each id once: watch rebuilds the same briefing many times.
  const note = (list: string[], briefing: string) => void (list.includes(briefing) || list.push(briefing));
  const lines: Lines | undefined = mode === 'tty' ? ttyProgress(stream, palette) : mode === 'plain' ? plainProgress(stream, palette) : mode === 'quiet' ? quietProgress(stream, palette) : undefined;
  return {
    start: (briefing, stage) => (json ? emit({ event: 'start', briefing, stage }) : lines!.start(briefing, stage)),
    stage: (briefing, stage, ms) => (json ? emit({ event: 'stage', briefing, stage, ms: Math.round(ms) }) : lines!.stage(briefing, stage, ms)),
    skipped(briefings) {
      for (const briefing of briefings) note(tally.skipped, briefing);
      if (json) for (const briefing of briefings) emit({ event: 'skipped', briefing, reason: 'up to date' });
      else if (briefings.length > 0) lines!.skipped(briefings);
    },
    done(briefing, outcome) {
      note(tally.built, briefing);
      if (json) emit({ event: 'done', briefing, ...outcome });
      else lines!.done(briefing, outcome);
    },
    failed(briefing, reason) {
      note(tally.failed, briefing);
      if (json) emit({ event: 'failed', briefing, reason });
      else lines!.failed(briefing, reason);
    },
    diagnostics(found, texts) {
      const errors = found.filter((d) => d.severity === 'error').length;
      tally.errors += errors;
      tally.warnings += found.length - errors;
      if (json) for (const d of sortDiagnostics(found)) emit({ event: 'diagnostic', ...diagnosticJson(d) });
      else if (found.length > 0) lines!.diagnostics(formatDiagnostics(found, texts, 'text', palette));
    },
    info: (text, fields = {}) => (json ? emit({ event: 'info', text, ...fields }) : lines!.info(text)),
    summary(exitCode) {
      if (json) emit({ event: 'summary', ...tally, exitCode });
    },
  };
}

/** tty when a person watches the terminal, plain lines otherwise (CI logs, pipes). */
export function progressMode(flags: { quiet?: boolean; json?: boolean }, interactive: boolean): ProgressMode {
  if (flags.quiet && flags.json) throw new CliError('--quiet and --json do not go together: --json already prints only JSON events', EXIT.usage);
  if (flags.json) return 'json';
  if (flags.quiet) return 'quiet';
  return interactive ? 'tty' : 'plain';
}

/** The reporter the flags ask for: JSON events on stdout, everything for people on stderr, coloured on a terminal. */
export function reporterFor(flags: { quiet?: boolean; json?: boolean }, io: CliIo): Reporter {
  const mode = progressMode(flags, io.stderr.isTTY === true && io.env.TERM !== 'dumb');
  if (mode === 'json') return createProgress(mode, io.stdout);
  return createProgress(mode, io.stderr, paletteFor(io.stderr, io.env));
}

/** "93 ms" under a second, "1.2 s" from there. */
export function formatDuration(ms: number): string {
  return Math.round(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const whereTo = (outcome: Outcome) => ('url' in outcome ? outcome.url : outcome.folder);
const filesOf = (outcome: Outcome) => ('url' in outcome ? ['preview'] : outcome.files);
const SKIPPED = (briefings: readonly string[]) => `up to date, not rebuilt (--force rebuilds): ${briefings.join(', ')}`;

function quietProgress(stream: ProgressStream, palette: Palette): Lines {
  const line = (text: string) => stream.write(`${text}\n`);
  return {
    start() {},
    stage() {},
    skipped() {},
    done() {},
    failed: (briefing, reason) => line(`${briefing}: ${palette.error('failed')}: ${reason}`),
    diagnostics: line,
    info() {},
  };
}

function plainProgress(stream: ProgressStream, palette: Palette): Lines {
  const line = (text: string) => stream.write(`${text}\n`);
  return {
    start() {},
    stage: (briefing, stage, ms) => line(`${briefing}: ${stage} ${formatDuration(ms)}`),
    skipped: (briefings) => line(SKIPPED(briefings)),
    done: (briefing, outcome) => line(`${palette.success('built')} ${briefing}: ${filesOf(outcome).join(', ')} → ${whereTo(outcome)}`),
    failed: (briefing, reason) => line(`${briefing}: ${palette.error('failed')}: ${reason}`),
    diagnostics: line,
    info: line,
  };
}

interface LiveLine {
  finished: string[];
  running?: string;
}

const CURSOR_UP = (lines: number) => `\x1b[${lines}A`;
const CLEAR_TO_END = '\x1b[J';

/**
 * Briefings in progress form a block of lines at the bottom of the terminal; nothing else may write to the
 * stream until they are done or failed. Every event moves the cursor to the top of the block, clears it,
 * prints any line that is final (a finished briefing, an info, diagnostics) and then the live lines again, so
 * the cursor always rests below the block and nothing above it is overwritten.
 */
function ttyProgress(stream: ProgressStream, palette: Palette): Lines {
  const live = new Map<string, LiveLine>();
  let drawn = 0;
  const fit = (text: string) => {
    const width = Math.max(20, (stream.columns || 80) - 1);
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
  };
  const stagesOf = (state: LiveLine) => [...state.finished, ...(state.running ? [`${state.running}…`] : [])].join(' · ');
  const redraw = (final: string[] = []) => {
    const lines = [...final, ...[...live].map(([briefing, state]) => fit(`  ${briefing}  ${stagesOf(state)}`))];
    stream.write(`${drawn > 0 ? CURSOR_UP(drawn) : ''}\r${CLEAR_TO_END}${lines.map((l) => `${l}\n`).join('')}`);
    drawn = live.size;
  };
  const stateOf = (briefing: string) => {
    const state = live.get(briefing) ?? { finished: [] };
    live.set(briefing, state);
    return state;
  };
  const finish = (briefing: string, mark: string, outcome: string, separator: string) => {
    const stages = stateOf(briefing).finished.join(' · ');
    live.delete(briefing);
    redraw([`${mark} ${briefing}  ${stages ? `${stages}${separator}` : ''}${outcome}`]);
  };
  return {
    start(briefing, stage) {
      stateOf(briefing).running = stage;
      redraw();
    },
    stage(briefing, stage, ms) {
      const state = stateOf(briefing);
      state.finished.push(`${stage} ${formatDuration(ms)}`);
      if (state.running === stage) delete state.running;
      redraw();
    },
    skipped: (briefings) => redraw([SKIPPED(briefings)]),
    done: (briefing, outcome) => finish(briefing, palette.success('✓'), `→ ${whereTo(outcome)} (${filesOf(outcome).join(', ')})`, ' '),
    failed: (briefing, reason) => finish(briefing, palette.error('✗'), `${palette.error('failed')}: ${reason}`, ' · '),
    diagnostics: (text) => redraw([text]),
    info: (text) => redraw([text]),
  };
}
