// What the load stage hands to validate: a briefing folder's files read and parsed, positions kept, meaning
// unchecked.
import type { YamlSource } from '../diagnostics/yaml-source.js';
import type { EmbeddedImage, InputFile } from './briefing.js';

/** The file that makes a folder a briefing: its metadata and reading order. */
export const BRIEFING_FILE = 'briefing.yaml';

/**
 * The folders whose files the load stage lists (every YAML file in them is read): the only files it reads that no
 * other file names. Its cache check (driver/cache.ts) lists them too, so that a file added there is noticed.
 */
export const LISTED_FOLDERS = ['tables', 'charts'] as const;
export const LISTED_FILE = /\.ya?ml$/;

/** The file system as the load stage sees it; tests pass an in-memory one. */
export interface BriefingReader {
  /**
   * The bytes of a regular file of at most `maxBytes`. Anything else fails before a byte is read, so a FIFO
   * cannot hang the load and a huge (or sparse) file cannot fill memory: a larger file with code EFBIG and its
   * `size`, a FIFO, device or folder with code ENOTREG.
   */
  readFile(path: string, maxBytes: number): Promise<Uint8Array>;
  /** Names of the files directly inside `dir`, or [] when it does not exist. */
  listFiles(dir: string): Promise<string[]>;
  /** The path with every symbolic link resolved; absent where there are no links (in memory). */
  realPath?(path: string): Promise<string>;
}

export interface MarkdownSource {
  file: string;
  /** Path relative to the briefing folder, as briefing.yaml names it. */
  relativePath: string;
  text: string;
}

export interface LoadedBriefing {
  id: string;
  dir: string;
  briefing?: YamlSource;
  dataPoints?: YamlSource;
  sources?: YamlSource;
  tables: YamlSource[];
  charts: YamlSource[];
  sections: Map<string, MarkdownSource>;
  /** Images by their path relative to the briefing folder (forward slashes). */
  images: Map<string, EmbeddedImage>;
  /** Every file read, for hashing into the manifest and for source excerpts in diagnostics. */
  inputs: InputFile[];
  /** Files (relative paths) that could not be read or parsed: what they declare is unknown. */
  failed: string[];
  texts: Map<string, string>;
}

/** Why a reader refuses a file without reading it (BriefingReader.readFile). */
export function refusedFile(path: string, problem: { tooLarge: number } | 'not-regular'): Error {
  if (problem === 'not-regular') return Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG' });
  return Object.assign(new Error(`${path} has ${problem.tooLarge} bytes`), { code: 'EFBIG', size: problem.tooLarge });
}
