// Colour on a terminal, as tsc and eslint colour their diagnostics: severities, codes and file paths. The rules
// follow Node's own (tty.WriteStream.hasColors): FORCE_COLOR set turns colour on even when piped ("0" or "false"
// turns it off), else a non-empty NO_COLOR turns it off (no-color.org), else TERM=dumb, else only a TTY gets
// colour. --json output is never coloured: the caller passes `machine`.
import type { TextStyle } from '../diagnostics/diagnostic.js';
import type { OutputStream } from './io.js';

export interface Palette extends TextStyle {
  success(text: string): string;
}

export function wantsColour(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const red = sgr(31, 39);
const yellow = sgr(33, 39);
const green = sgr(32, 39);
const cyan = sgr(36, 39);
const grey = sgr(90, 39);
const bold = sgr(1, 22);

const identity = (text: string) => text;

export const PLAIN: Palette = {
  error: identity, warning: identity, code: identity, path: identity, position: identity, caret: identity, hint: identity, success: identity,
};

export const COLOURED: Palette = {
  error: (text) => bold(red(text)),
  warning: (text) => bold(yellow(text)),
  code: grey,
  path: cyan,
  position: yellow,
  caret: red,
  hint: cyan,
  success: green,
};

/** The palette for what goes to `stream`. */
export function paletteFor(stream: OutputStream, env: NodeJS.ProcessEnv, machine = false): Palette {
  return !machine && wantsColour(stream, env) ? COLOURED : PLAIN;
}
