// What every sheet of the workbook gets, and what each file of sheets/ exports. sheets/index.ts lists the sheets
// in the order they appear.
import type { Workbook, Worksheet } from 'exceljs';
import type { ChartSvg } from '../../model/chart-spec.js';
import type { ResolvedBriefing } from '../../model/resolved.js';
import type { SheetDrawings } from './drawings.js';
import type { PageSetup } from './layout.js';

export interface BuildInfo {
  toolVersion: string;
  inputHash: string;
  /** The date the package carries: SOURCE_DATE_EPOCH's when set, else the briefing's; never the clock. */
  packageDate: Date;
}

export interface SheetContext {
  workbook: Workbook;
  briefing: ResolvedBriefing;
  /** The drawn charts, for a figure that stays a picture. */
  charts: readonly ChartSvg[];
  build: BuildInfo;
  page: PageSetup;
  /** The sheets after the first, as the Overview lists them. */
  contents: { name: string; about: string }[];
  /** What the sheets drew, for the package step to add: ExcelJS writes no charts. */
  drawings: SheetDrawings[];
  /** Figures kept as pictures, and why, for About. */
  pictures: { figure: string; reason: string }[];
}

export interface SheetWriter {
  name: string;
  /** What the sheet holds, in the Overview's words. */
  about(context: SheetContext): string;
  /** Whether this briefing has anything for the sheet; every sheet is written when absent. */
  include?(context: SheetContext): boolean;
  write(sheet: Worksheet, context: SheetContext): void;
}

/** Sheet names that other sheets link to. */
export const SOURCES_SHEET = 'Sources';
export const DATA_SHEET = 'Data';

/** A source's row on the Sources sheet: the header, then the sources by number. */
export const sourceRow = ({ briefing }: SheetContext, key: string) => `A${briefing.sourcesByKey.get(key)!.number + 1}`;
