// load: read a briefing folder into parsed, position-aware sources. No meaning is checked here, only that each
// file can be read and parsed; the validate stage does the rest.
import { join, normalize, isAbsolute, relative, sep } from 'node:path';
import { compareText, diagnostic, positionAt, type Diagnostic, type Location, type StageResult } from '../../diagnostics/diagnostic.js';
import { parseYaml, type YamlSource } from '../../diagnostics/yaml-source.js';
import { LIMITS } from '../../model/limits.js';
import { imagePath, scanImages } from '../../narrative/images.js';
import { briefingId } from '../../model/briefing.js';
import { mapRows, parseCsv, withCsvRows, type ColumnMapping, type CsvTable } from './csv.js';
import { parseXlsx } from './xlsx.js';
import { BRIEFING_FILE, LISTED_FILE, LISTED_FOLDERS, type BriefingReader, type LoadedBriefing } from '../../model/loaded.js';
import { sha256 } from '../../model/hashing.js';
import type { TabularCellType } from '../../model/schema.js';

const DATA_POINTS_FILE = 'data-points.yaml';
const SOURCES_FILE = 'sources.yaml';

/** Read failures in words; anything else is reported with the system's message. */
const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTREG: 'it is not a regular file (a FIFO, device or folder); only regular files are read',
  ENAMETOOLONG: 'its name is too long for the file system',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
};

export async function loadBriefing(dir: string, reader: BriefingReader): Promise<StageResult<LoadedBriefing>> {
  const diagnostics: Diagnostic[] = [];
  const loaded: LoadedBriefing = { id: briefingId(dir), dir, tables: [], charts: [], sections: new Map(), images: new Map(), inputs: [], failed: [], texts: new Map() };

  /** Reads a file of the briefing, refusing one that is too large or that a symbolic link takes outside the folder. */
  const readBytes = async (relativePath: string, reference: Location | undefined, limit: number): Promise<{ file: string; bytes: Uint8Array } | undefined> => {
    const file = join(dir, relativePath);
    const at = reference ?? { file, line: 1, column: 1 };
    try {
      if (reader.realPath) {
        const [root, real] = await Promise.all([reader.realPath(dir), reader.realPath(file)]);
        if (!real.startsWith(root + sep)) {
          diagnostics.push(diagnostic('BP001', at, { path: file, reason: `it is a link to ${real}, outside the briefing folder` }));
          loaded.failed.push(relativePath);
          return undefined;
        }
      }
      const bytes = await reader.readFile(file, limit);
      loaded.inputs.push({ path: relativePath, sha256: sha256(bytes), bytes: bytes.length });
      return { file, bytes };
    } catch (error) {
      const { code, size } = error as NodeJS.ErrnoException & { size?: number };
      if (code === 'EFBIG' && size !== undefined) diagnostics.push(diagnostic('BP806', at, { what: `the size of ${file} in bytes`, actual: size, limit }));
      else diagnostics.push(diagnostic('BP001', at, { path: file, reason: READ_PROBLEMS[code ?? ''] ?? (error as Error).message }));
      loaded.failed.push(relativePath);
      return undefined;
    }
  };

  /** `reference`: where another file names this one, which is where a missing file is reported. */
  const readText = async (relativePath: string, reference?: Location): Promise<{ file: string; text: string } | undefined> => {
    const read = await readBytes(relativePath, reference, LIMITS.fileBytes);
    if (!read) return undefined;
    const { file, bytes } = read;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const lenient = new TextDecoder('utf-8').decode(bytes);
      diagnostics.push(diagnostic('BP003', { file, ...positionAt(lenient, Math.max(0, lenient.indexOf('\uFFFD'))) }, {}));
      loaded.failed.push(relativePath);
      return undefined;
    }
    // Control characters (other than tab and line breaks) mean a binary file; it is not shown as an excerpt.
    const control = text.search(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
    if (control >= 0) {
      diagnostics.push(diagnostic('BP005', { file, ...positionAt(text, control) }, {}));
      loaded.failed.push(relativePath);
      return undefined;
    }
    loaded.texts.set(file, text);
    if (text.trim() === '') {
      diagnostics.push(diagnostic('BP004', { file, line: 1, column: 1 }, {}));
      loaded.failed.push(relativePath);
      return undefined;
    }
    return { file, text };
  };

  const readYaml = async (relativePath: string): Promise<YamlSource | undefined> => {
    const read = await readText(relativePath);
    if (!read) return undefined;
    const parsed = parseYaml(read.file, read.text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.source) loaded.failed.push(relativePath);
    return parsed.source;
  };

  /**
   * `yaml` with the rows of the CSV file or .xlsx sheet its `from` names read in, or undefined (the file's content unknown, so
   * nothing cascades from it) when `from` or the CSV file has a problem.
   */
  const readFrom = async (yaml: YamlSource, folder: string, form: 'data-points' | 'table'): Promise<YamlSource | undefined> => {
    const written = yaml.value as Record<string, unknown> | null;
    if (written === null || typeof written !== 'object' || !('from' in written)) return yaml;
    const fail = (found: Diagnostic[]) => {
      diagnostics.push(...found);
      loaded.failed.push(relative(dir, yaml.file));
      return undefined;
    };
    // The schemas (and zod) load only for a briefing that reads a spreadsheet: a build loads every briefing on its
    // main thread, where ~10 ms of module loading delays the browser and the worker threads.
    const { DATA_POINT_COLUMNS, dataPointsFromSchema, tableFromSchema } = await import('../../model/schema.js');
    const from = (form === 'table' ? tableFromSchema : dataPointsFromSchema).safeParse(written.from);
    if (!from.success) {
      const issue = from.error.issues[0]!;
      const path = ['from', ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
      return fail([diagnostic('BP104', { file: yaml.file, ...yaml.locate(path) }, { field: path.join('.'), reason: issue.message })]);
    }
    if (form === 'table' && 'rows' in written) {
      return fail([diagnostic('BP104', { file: yaml.file, ...yaml.locate(['from'], 'key') }, { field: 'from', reason: 'takes the rows from a CSV file, and the table has `rows` too: keep one' })]);
    }
    const mappings = form === 'table' ? tableColumnMappings(written.columns, from.data.columns ?? {}) : dataPointMappings(DATA_POINT_COLUMNS, from.data.columns ?? {});
    if ('unknown' in mappings) {
      return fail([diagnostic('BP104', { file: yaml.file, ...yaml.locate(['from', 'columns', mappings.unknown], 'key') }, { field: mappings.unknown, reason: 'is not a column of the table' })]);
    }
    const relativePath = folder === '' ? from.data.file : `${folder}/${from.data.file}`;
    const fileAt = { file: yaml.file, ...yaml.locate(['from', 'file']) };
    const workbook = /\.xlsx$/i.test(from.data.file);
    if (workbook && from.data.sheet === undefined) {
      return fail([diagnostic('BP104', fileAt, { field: 'from', reason: 'reads an .xlsx workbook: name the sheet to read with `sheet`' })]);
    }
    const sheetKey = from.data.sheet !== undefined ? 'sheet' : from.data.range !== undefined ? 'range' : undefined;
    if (!workbook && sheetKey) {
      return fail([diagnostic('BP104', { file: yaml.file, ...yaml.locate(['from', sheetKey], 'key') }, { field: `from.${sheetKey}`, reason: 'is for an .xlsx workbook; a CSV file holds one table' })]);
    }
    let parsed: { table?: CsvTable; diagnostics: Diagnostic[] };
    let file: string;
    if (workbook) {
      const read = await readBytes(relativePath, fileAt, LIMITS.fileBytes);
      if (!read) return fail([]);
      file = read.file;
      const refs = { sheet: { file: yaml.file, ...yaml.locate(['from', 'sheet']) }, range: { file: yaml.file, ...yaml.locate(['from', 'range']) } };
      parsed = await parseXlsx(file, read.bytes, from.data.sheet!, from.data.range, refs);
    } else {
      const read = await readText(relativePath, fileAt);
      if (!read) return fail([]);
      file = read.file;
      parsed = parseCsv(read.file, read.text);
    }
    if (!parsed.table) return fail(parsed.diagnostics);
    const mapped = mapRows(file, parsed.table, mappings);
    if (!mapped.rows) return fail(mapped.diagnostics);
    return withCsvRows(yaml, form === 'table' ? 'rows' : 'dataPoints', mapped.rows);
  };

  loaded.briefing = await readYaml(BRIEFING_FILE);
  const dataPoints = await readYaml(DATA_POINTS_FILE);
  loaded.dataPoints = dataPoints && await readFrom(dataPoints, '', 'data-points');
  loaded.sources = await readYaml(SOURCES_FILE);
  for (const folder of LISTED_FOLDERS) {
    const names = (await reader.listFiles(join(dir, folder))).filter((n) => LISTED_FILE.test(n)).sort();
    for (const name of names) {
      const yaml = await readYaml(`${folder}/${name}`);
      const source = yaml && folder === 'tables' ? await readFrom(yaml, folder, 'table') : yaml;
      if (source) loaded[folder].push(source);
    }
  }

  for (const [index, relativePath] of sectionFiles(loaded.briefing)) {
    if (!isInsideFolder(relativePath)) {
      const at = loaded.briefing!.locate(['sections', index, 'file']);
      diagnostics.push(diagnostic('BP104', { file: loaded.briefing!.file, ...at }, { field: 'file', reason: 'must be a path inside the briefing folder' }));
      loaded.failed.push(relativePath);
      continue;
    }
    const read = await readText(relativePath, { file: loaded.briefing!.file, ...loaded.briefing!.locate(['sections', index, 'file']) });
    if (!read) continue;
    loaded.sections.set(relativePath, { file: read.file, relativePath, text: read.text });
    for (const image of scanImages(read.text)) {
      const path = imagePath(relativePath, image.src);
      if (path === undefined || loaded.images.has(path)) continue;
      const at = { file: read.file, ...positionAt(read.text, image.offset) };
      const bytes = await readBytes(path, at, LIMITS.imageBytes);
      if (!bytes) continue;
      const mediaType = imageType(bytes.bytes);
      if (mediaType) loaded.images.set(path, { mediaType, data: bytes.bytes });
      else {
        diagnostics.push(diagnostic('BP807', at, { src: image.src }));
        loaded.failed.push(path);
      }
    }
  }
  // Code-unit order: the same on every machine, whatever its locale, so the same input hash (and cache key). It
  // also spares `validate` the ~8 ms ICU takes to make the first collator.
  loaded.inputs.sort((a, b) => compareText(a.path, b.path));
  return { value: loaded, diagnostics };
}

/** Which CSV column fills which data point field (`fields`: the schema's DATA_POINT_COLUMNS): the required ones must have a column. */
function dataPointMappings(fields: Record<string, TabularCellType>, columns: Partial<Record<string, string>>): ColumnMapping[] {
  const required = new Set(['id', 'label', 'value', 'decimals', 'unit', 'period.label', 'source']);
  return Object.entries(fields).map(([field, type]) => ({ field, header: columns[field] ?? field, type, optional: !required.has(field) }));
}

/**
 * Which CSV column fills which table column, typed by the table's own columns (as written: their shape is checked
 * at validation); a derived column may be left out.
 */
function tableColumnMappings(declared: unknown, columns: Record<string, string>): ColumnMapping[] | { unknown: string } {
  const tableColumns = (Array.isArray(declared) ? declared : []).filter((c): c is { id: string; type?: unknown; derive?: unknown } => typeof (c as { id?: unknown } | null)?.id === 'string');
  const unknown = Object.keys(columns).find((id) => !tableColumns.some((c) => c.id === id));
  if (unknown !== undefined) return { unknown };
  return tableColumns.map((c) => ({ field: c.id, header: columns[c.id] ?? c.id, type: c.type === 'number' ? 'number' : 'text', optional: c.derive !== undefined }));
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

/** PNG, JPEG, GIF or WebP, recognised by content, never by name. */
function imageType(bytes: Uint8Array): string | undefined {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}

function isInsideFolder(relativePath: string): boolean {
  const normalized = normalize(relativePath);
  return !isAbsolute(relativePath) && !normalized.startsWith('..') && !normalized.includes('\0');
}
