// What the load stage hands to validate: a briefing folder's files read and parsed, positions kept, meaning
// unchecked.
import type { YamlSource } from '../diagnostics/yaml-source.js';
import type { EmbeddedImage, InputFile } from './briefing.js';

/** The file system as the load stage sees it; tests pass an in-memory one. */
export interface BriefingReader {
  readFile(path: string): Promise<Uint8Array>;
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
