// Charts: each figure as "Figure N. title", its picture at 1× (the PNG is 2×, for sharp zooming), its caption.
import { BOLD, finishSheet, text } from '../layout.js';
import type { SheetWriter } from '../sheet.js';

/** Default row height in pixels (15 pt), for the rows an image covers; Excel's ~7 px per unit of column width. */
const ROW_PX = 20;
const COLUMN_PX = 7;

export const chartsSheet: SheetWriter = {
  name: 'Charts',
  about: () => 'The figures, numbered as in the PDF',
  include: ({ charts }) => charts.length > 0,
  write(sheet, context) {
    const { workbook, charts } = context;
    const imageById = new Map(charts.map((c) => [c.id, c]));
    sheet.getColumn(1).width = Math.max(...charts.map((c) => Math.ceil(c.width / COLUMN_PX)));
    let row = 1;
    for (const chart of context.briefing.charts) {
      const picture = imageById.get(chart.id)!;
      const title = sheet.getCell(row, 1);
      title.value = text(`Figure ${chart.number}. ${chart.title}`);
      title.font = BOLD;
      title.alignment = { wrapText: true, vertical: 'top' };
      const image = workbook.addImage({ base64: Buffer.from(picture.png).toString('base64'), extension: 'png' });
      sheet.addImage(image, { tl: { col: 0, row }, ext: { width: picture.width, height: picture.height } });
      row += 1 + Math.ceil(picture.height / ROW_PX);
      const caption = sheet.getCell(row, 1);
      caption.value = text(chart.caption);
      caption.alignment = { wrapText: true, vertical: 'top' };
      row += 3; // the caption and two blank rows
    }
    finishSheet(sheet, context.page);
  },
};
