// Progress of builds and preview rebuilds, told the way the reader wants it:
//   tty    one live line per briefing, redrawn in place as its stages start and finish, with timings
//   plain  one line per completed step, for CI logs: "<id>: charts 93 ms", "built <id>: … → <folder>"
//   quiet  nothing but info (what the user must see whatever the mode, such as the preview's address)
//   json   one JSON object per line, an event stream for machines
// The reporter only writes to the stream it is given, so tests pass a fake one.
import type { Progress } from '../build/effects.js';

export type ProgressMode = 'tty' | 'plain' | 'quiet' | 'json';

export interface ProgressStream {
  write(text: string): unknown;
  /** Terminal width, 80 when unknown (0 or absent). Live lines are cut to fit, so redrawing leaves no remnants. */
  columns?: number;
}

export function createProgress(mode: ProgressMode, stream: ProgressStream): Progress {
  switch (mode) {
    case 'tty':
      return ttyProgress(stream);
    case 'plain':
      return plainProgress(stream);
    case 'quiet':
      return { start() {}, stage() {}, done() {}, failed() {}, info: (text) => stream.write(`${text}\n`) };
    case 'json':
      return jsonProgress(stream);
  }
}

/** "93 ms" under a second, "1.2 s" from there. */
export function formatDuration(ms: number): string {
  return Math.round(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function plainProgress(stream: ProgressStream): Progress {
  const line = (text: string) => stream.write(`${text}\n`);
  return {
    start() {},
    stage: (briefing, stage, ms) => line(`${briefing}: ${stage} ${formatDuration(ms)}`),
    done: (briefing, files, folder) => line(`built ${briefing}: ${files.join(', ')} → ${folder}`),
    failed: (briefing, reason) => line(`${briefing}: failed: ${reason}`),
    info: (text) => line(text),
  };
}

function jsonProgress(stream: ProgressStream): Progress {
  const emit = (event: Record<string, unknown>) => stream.write(`${JSON.stringify(event)}\n`);
  return {
    start: (briefing, stage) => emit({ event: 'start', briefing, stage }),
    stage: (briefing, stage, ms) => emit({ event: 'stage', briefing, stage, ms: Math.round(ms) }),
    done: (briefing, files, folder) => emit({ event: 'done', briefing, files, folder }),
    failed: (briefing, reason) => emit({ event: 'failed', briefing, reason }),
    info: (text, fields = {}) => emit({ event: 'info', text, ...fields }),
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
 * prints any line that is final (a finished briefing, an info) and then the live lines again, so the cursor
 * always rests below the block and nothing above it is overwritten.
 */
function ttyProgress(stream: ProgressStream): Progress {
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
    done: (briefing, files, folder) => finish(briefing, '✓', `→ ${folder} (${files.join(', ')})`, ' '),
    failed: (briefing, reason) => finish(briefing, '✗', `failed: ${reason}`, ' · '),
    info: (text) => redraw([text]),
  };
}
