// The workbook's sheets after the Overview, in order. A new sheet is a file beside these exporting a SheetWriter,
// and an entry here; the Overview links to it.
import type { SheetWriter } from '../sheet.js';
import { aboutSheet } from './about.js';
import { chartsSheet } from './charts.js';
import { dataSheet } from './data.js';
import { sourcesSheet } from './sources.js';
import { tablesSheet } from './tables.js';

export const SHEETS: readonly SheetWriter[] = [tablesSheet, dataSheet, chartsSheet, sourcesSheet, aboutSheet];
