// What every sheet of the workbook gets, and what each file of sheets/ exports. sheets/index.ts lists the sheets
// in the order they appear.
import type { Workbook, Worksheet } from 'exceljs';
import type { ResolvedBriefing } from '../../model/resolved.js';
import type { PageSetup } from './layout.js';

/** A chart as the workbook embeds it: a PNG at twice the chart's size, for sharp zooming, shown at 1×. */
export interface ChartImage {
  id: string;
  png: Uint8Array;
  width: number;
  height: number;
}

export interface BuildInfo {
  toolVersion: string;
  inputHash: string;
  builtAt: Date;
}

export interface SheetContext {
  workbook: Workbook;
  briefing: ResolvedBriefing;
  charts: readonly ChartImage[];
  build: BuildInfo;
  page: PageSetup;
  /** The sheets after the first, as the Overview lists them. */
  contents: { name: string; about: string }[];
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

/** A source's row on the Sources sheet: the header, then the sources by number. */
export const sourceRow = ({ briefing }: SheetContext, key: string) => `A${briefing.sourcesByKey.get(key)!.number + 1}`;
