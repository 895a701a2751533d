// The workbook's sheets after the Overview and the table sheets (tables.ts), in order. A new sheet is a file
// beside these exporting a SheetWriter, and an entry here; the Overview links to it.
import type { SheetWriter } from '../sheet.js';
import { aboutSheet } from './about.js';
import { chartsSheet } from './charts.js';
import { dataSheet } from './data.js';
import { sourcesSheet } from './sources.js';

export const SHEETS: readonly SheetWriter[] = [dataSheet, chartsSheet, sourcesSheet, aboutSheet];
