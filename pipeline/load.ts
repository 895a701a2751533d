// Stage 1, load: read a briefing folder into parsed, position-aware sources. No meaning is checked here,
// only that each file can be read and parsed; validate.ts does the rest.
import { createHash } from 'node:crypto';
import { basename, join, normalize, isAbsolute } from 'node:path';
import { diagnostic, positionAt, type Diagnostic } from './diagnostics.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

/** The file system as the load stage sees it; tests pass an in-memory one. */
export interface BriefingReader {
  readFile(path: string): Promise<Uint8Array>;
  /** Names of the files directly inside `dir`, or [] when it does not exist. */
  listFiles(dir: string): Promise<string[]>;
}

export interface InputFile {
  /** Path relative to the briefing folder, with forward slashes. */
  path: string;
  sha256: string;
  bytes: number;
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
  /** Every file read, for hashing into the manifest and for source excerpts in diagnostics. */
  inputs: InputFile[];
  texts: Map<string, string>;
}

export const BRIEFING_FILE = 'briefing.yaml';
export const DATA_POINTS_FILE = 'data-points.yaml';
export const SOURCES_FILE = 'sources.yaml';

/** A briefing's id is its folder's name. */
export const briefingId = (dir: string): string => basename(normalize(dir));

export async function loadBriefing(dir: string, reader: BriefingReader): Promise<{ loaded: LoadedBriefing; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const loaded: LoadedBriefing = { id: briefingId(dir), dir, tables: [], charts: [], sections: new Map(), inputs: [], texts: new Map() };

  const readText = async (relativePath: string): Promise<{ file: string; text: string } | undefined> => {
    const file = join(dir, relativePath);
    let bytes: Uint8Array;
    try {
      bytes = await reader.readFile(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      diagnostics.push(diagnostic('BP001', { file, line: 1, column: 1 }, { path: file, reason }));
      return undefined;
    }
    loaded.inputs.push({ path: relativePath, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const valid = new TextDecoder('utf-8').decode(bytes).indexOf('\uFFFD');
      diagnostics.push(diagnostic('BP003', { file, ...positionAt(new TextDecoder().decode(bytes), Math.max(0, valid)) }, {}));
      return undefined;
    }
    loaded.texts.set(file, text);
    if (text.trim() === '') {
      diagnostics.push(diagnostic('BP004', { file, line: 1, column: 1 }, {}));
      return undefined;
    }
    return { file, text };
  };

  const readYaml = async (relativePath: string): Promise<YamlSource | undefined> => {
    const read = await readText(relativePath);
    if (!read) return undefined;
    const parsed = parseYaml(read.file, read.text);
    diagnostics.push(...parsed.diagnostics);
    return parsed.source;
  };

  loaded.briefing = await readYaml(BRIEFING_FILE);
  loaded.dataPoints = await readYaml(DATA_POINTS_FILE);
  loaded.sources = await readYaml(SOURCES_FILE);
  for (const folder of ['tables', 'charts'] as const) {
    const names = (await reader.listFiles(join(dir, folder))).filter((n) => /\.ya?ml$/.test(n)).sort();
    for (const name of names) {
      const source = await readYaml(`${folder}/${name}`);
      if (source) loaded[folder].push(source);
    }
  }

  for (const [index, relativePath] of sectionFiles(loaded.briefing)) {
    if (!isInsideFolder(relativePath)) {
      const at = loaded.briefing!.locate(['sections', index, 'file']);
      diagnostics.push(diagnostic('BP104', { file: loaded.briefing!.file, ...at }, { field: 'file', reason: 'must be a path inside the briefing folder' }));
      continue;
    }
    const read = await readText(relativePath);
    if (read) loaded.sections.set(relativePath, { file: read.file, relativePath, text: read.text });
  }
  loaded.inputs.sort((a, b) => a.path.localeCompare(b.path));
  return { loaded, diagnostics };
}

/** The section files briefing.yaml names, read before its shape is validated so that all problems show at once. */
function sectionFiles(briefing: YamlSource | undefined): [number, string][] {
  const sections = (briefing?.value as { sections?: unknown } | undefined)?.sections;
  if (!Array.isArray(sections)) return [];
  return sections.flatMap((s, i): [number, string][] => {
    const file = (s as { file?: unknown } | null)?.file;
    return typeof file === 'string' && file.trim() !== '' ? [[i, file]] : [];
  });
}

function isInsideFolder(relativePath: string): boolean {
  const normalized = normalize(relativePath);
  return !isAbsolute(relativePath) && !normalized.startsWith('..') && !normalized.includes('\0');
}
