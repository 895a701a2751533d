// The workbook's sheets after the Overview, in order: one per table (named by the table), then the fixed ones. A
// new sheet is a file beside these exporting a SheetWriter, and an entry here; the Overview links to it.
import type { SheetContext, SheetWriter } from '../sheet.js';
import { aboutSheet } from './about.js';
import { chartsSheet } from './charts.js';
import { dataSheet } from './data.js';
import { sourcesSheet } from './sources.js';
import { tableSheet } from './tables.js';

export const sheetsOf = (context: SheetContext): SheetWriter[] => [...context.briefing.tables.map(tableSheet), dataSheet, chartsSheet, sourcesSheet, aboutSheet];
