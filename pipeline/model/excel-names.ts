// Excel's naming rules, in one place for validate (which refuses a name the build would refuse or change) and the
// workbook stage (which writes the names): data point ids → defined names, table sheet names.

/** The sheets every workbook has, which a table's sheet may not be named as (a workbook test holds the list true). */
export const WORKBOOK_SHEETS = ['Overview', 'Data', 'Charts', 'Sources', 'About'] as const;

/** Excel's limit for a sheet name. */
export const MAX_SHEET_NAME = 31;
/** A sheet name without the characters Excel refuses in one (a pattern the JSON schema carries to editors too). */
export const SHEET_NAME_CHARACTERS = /^[^\\/?*:[\]]+$/;

/**
 * Why Excel would refuse a sheet name (or ExcelJS change it) beyond its length and characters (the schema checks
 * those with MAX_SHEET_NAME and SHEET_NAME_CHARACTERS), or undefined. Excel reserves "History" for its change
 * tracking, in any case, and refuses an apostrophe at either end; ExcelJS drops control characters, so two
 * names could become one.
 */
export function sheetNameProblem(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'must not contain a control character';
  if (name.toLowerCase() === 'history') return 'must not be "History", a name Excel reserves';
  if (name.startsWith("'") || name.endsWith("'")) return 'must not start or end with an apostrophe';
  return undefined;
}

/**
 * A data point's Excel name: the id's words capitalised and joined by "_" (ai-market-cagr-2023-2030 →
 * Ai_Market_Cagr_2023_2030). Names that would start with a digit or read as a cell reference (ab12, r1c1) get a
 * "DP_" prefix.
 */
export function excelName(id: string): string {
  const name = id.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('_');
  const unsafe = /^\d/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*([Cc]\d*)?$/.test(name);
  return (unsafe ? `DP_${name}` : name).slice(0, 255);
}

/** A briefing table's Excel table name; Excel's tables and defined names share one set of names. */
export const tableName = (id: string): string => `tbl_${excelName(id)}`;

/** The Excel table names every workbook has (the Data and Sources sheets). */
export const DATA_POINTS_TABLE = 'tbl_DataPoints';
export const SOURCES_TABLE = 'tbl_Sources';
