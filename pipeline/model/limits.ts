// The bounds a briefing must stay within, so that hostile or runaway input gives a diagnostic, never an
// out-of-memory crash or a build that does not end. Documented in docs/threat-model.md.
export const LIMITS = {
  /** Bytes of any one file of a briefing. */
  fileBytes: 2 * 1024 * 1024,
  /** Bytes of any one image a section embeds. */
  imageBytes: 5 * 1024 * 1024,
  /** Characters of any one text value in a YAML file. */
  textLength: 20_000,
  /** Characters of one word (a run without spaces) in prose: Chromium lays out an unbreakable word in time that
   * grows with its square, so a million-character word took the PDF stage past its timeout. */
  wordLength: 1_000,
  sections: 100,
  dataPoints: 1_000,
  sources: 500,
  tables: 50,
  /** Rows of one table: a CSV export of a sheet may well be long; validation of 10,000 stays under a second. */
  tableRows: 10_000,
  /** Lines of a CSV file (a header and 10,000 rows), counted before it is parsed; the data point and table row
   * limits apply after. */
  csvLines: 10_001,
  /** Bytes of an .xlsx workbook once inflated, summed over its parts from the zip's central directory and checked
   * before the workbook is parsed (a zip bomb inflates a few kilobytes into gigabytes). Its file size is
   * fileBytes; the rows of its range are csvLines. */
  xlsxInflatedBytes: 32 * 1024 * 1024,
  /** Parts (files) of an .xlsx workbook's zip: a workbook has a dozen or two. */
  xlsxParts: 1_000,
  charts: 50,
  /** Characters of an id: a briefing's folder name, a section, data point, source, table or chart id. Ids name
   * files and folders, and a file name has at most 255 bytes with the outputs' temporary suffixes added. */
  idLength: 64,
  /** Rows one chart's transforms may generate (sequence(), impute, density, quantile), data points included. */
  chartRows: 10_000,
  /** Pixels of a chart's width, height, step, font size or offset, and of either side of a drawn chart. */
  chartPixels: 2_000,
  /** Characters pad() may make. */
  chartText: 1_000,
  /** Bins of one binned field. */
  chartBins: 1_000,
  /** Width of a number format ("08d" is 8). */
  chartFormatWidth: 100,
  /** Levels of collections nested in one YAML file (a chart spec is rarely deeper than 8). */
  yamlDepth: 64,
} as const;
