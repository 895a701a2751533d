// The drawings of the package, finished after ExcelJS, which writes pictures but no charts and no alt text:
// - each native chart becomes a part xl/charts/chartN.xml, anchored in its sheet's drawing (created when the
//   sheet has none) by a graphic frame whose cNvPr carries the figure's name and text alternative;
// - each picture ExcelJS placed gets its text alternative (cNvPr descr), in the order they were added;
// - ExcelJS gives every picture the same creationId; each gets its own, numbered by drawing and picture;
// - ExcelJS writes editAs on a picture's one-cell anchor, which only a two-cell anchor may carry (ECMA-376's
//   CT_OneCellAnchor has no attributes): strict readers (openpyxl) then drop the sheet's whole drawing;
// - the relationships and [Content_Types].xml list the parts that were added.
import type { ZipPart } from '../../model/zip.js';
import { escapeXml } from '../../model/xml.js';

/** Cell corners, 0-based, with offsets in EMU into the cell. */
export interface DrawingAnchor {
  from: { col: number; row: number };
  to: { col: number; colOff: number; row: number; rowOff: number };
}

export interface SheetDrawings {
  sheet: string;
  /** Text alternatives of the pictures on the sheet, in the order they were added to it. */
  pictures: string[];
  charts: { xml: string; name: string; alt: string; anchor: DrawingAnchor }[];
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const EMPTY_DRAWING = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"></xdr:wsDr>';
/** Sheet elements that come after <drawing> in CT_Worksheet. */
const AFTER_DRAWING = /<(legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|<\/worksheet>/;

export function addDrawings(parts: ZipPart[], drawings: readonly SheetDrawings[]): void {
  const files = new Files(parts);
  const sheetPaths = sheetPartsByName(files);
  let chartNumber = 0;
  for (const { sheet, pictures, charts } of drawings) {
    if (pictures.length === 0 && charts.length === 0) continue;
    const sheetPath = sheetPaths.get(sheet);
    if (!sheetPath) throw new Error(`the workbook has no sheet "${sheet}" to draw on`);
    const drawingPath = drawingOf(files, sheetPath);
    const relsPath = relsOf(drawingPath);
    let xml = files.text(drawingPath).replace(/<xdr:oneCellAnchor editAs="[^"]*">/g, '<xdr:oneCellAnchor>');
    let rels = files.has(relsPath) ? files.text(relsPath) : emptyRels();
    let index = 0;
    xml = xml.replace(/<xdr:cNvPr id="(\d+)" name="(Picture \d+)"/g, (whole, id: string, name: string) => {
      const alt = pictures[index++];
      return alt === undefined ? whole : `<xdr:cNvPr id="${id}" name="${name}" descr="${escapeXml(alt)}"`;
    });
    if (index !== pictures.length) throw new Error(`sheet "${sheet}" has ${index} pictures, ${pictures.length} text alternatives`);
    let shapeId = Math.max(0, ...[...xml.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => Number(m[1])));
    for (const chart of charts) {
      const chartPath = `xl/charts/chart${++chartNumber}.xml`;
      files.add(chartPath, chart.xml);
      files.addContentType(chartPath, CHART_TYPE);
      const relId = nextRelId(rels);
      rels = rels.replace('</Relationships>', `<Relationship Id="${relId}" Type="${REL}/chart" Target="../charts/chart${chartNumber}.xml"/></Relationships>`);
      xml = xml.replace('</xdr:wsDr>', `${frame(++shapeId, chart.name, chart.alt, chart.anchor, relId)}</xdr:wsDr>`);
    }
    files.set(drawingPath, xml);
    files.set(relsPath, rels);
  }
  numberCreationIds(files);
}

/** The sheet's drawing part, created and related to the sheet when it has none. */
function drawingOf(files: Files, sheetPath: string): string {
  const relsPath = relsOf(sheetPath);
  const rels = files.has(relsPath) ? files.text(relsPath) : emptyRels();
  const existing = new RegExp(`Type="${REL}/drawing" Target="\\.\\./drawings/(drawing\\d+\\.xml)"`).exec(rels);
  if (existing) return `xl/drawings/${existing[1]}`;
  const number = 1 + Math.max(0, ...files.names().flatMap((name) => /^xl\/drawings\/drawing(\d+)\.xml$/.exec(name)?.[1] ?? []).map(Number));
  const path = `xl/drawings/drawing${number}.xml`;
  files.add(path, EMPTY_DRAWING);
  files.addContentType(path, DRAWING_TYPE);
  const relId = nextRelId(rels);
  files.set(relsPath, rels.replace('</Relationships>', `<Relationship Id="${relId}" Type="${REL}/drawing" Target="../drawings/drawing${number}.xml"/></Relationships>`));
  const sheet = files.text(sheetPath);
  const at = AFTER_DRAWING.exec(sheet)!.index;
  files.set(sheetPath, `${sheet.slice(0, at)}<drawing r:id="${relId}"/>${sheet.slice(at)}`);
  return path;
}

function frame(id: number, name: string, alt: string, { from, to }: DrawingAnchor, relId: string): string {
  return '<xdr:twoCellAnchor editAs="oneCell">'
    + `<xdr:from><xdr:col>${from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`
    + `<xdr:to><xdr:col>${to.col}</xdr:col><xdr:colOff>${to.colOff}</xdr:colOff><xdr:row>${to.row}</xdr:row><xdr:rowOff>${to.rowOff}</xdr:rowOff></xdr:to>`
    + `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(name)}" descr="${escapeXml(alt)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`
    + '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
    + `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="${relId}"/></a:graphicData></a:graphic>`
    + '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>';
}

/** {00000000-0008-0000-DDDD-PPPPPPPPPPPP}: drawing D, picture P, unique in the workbook and the same every build. */
function numberCreationIds(files: Files): void {
  for (const name of files.names()) {
    const drawing = /^xl\/drawings\/drawing(\d+)\.xml$/.exec(name)?.[1];
    if (!drawing) continue;
    let picture = 0;
    const hex = (value: number, width: number) => value.toString(16).toUpperCase().padStart(width, '0');
    files.set(name, files.text(name).replace(/(<a16:creationId [^>]*id=")\{[0-9A-Fa-f-]+\}"/g, (_, start: string) => `${start}{00000000-0008-0000-${hex(Number(drawing), 4)}-${hex(++picture, 12)}}"`));
  }
}

function sheetPartsByName(files: Files): Map<string, string> {
  const targets = new Map([...files.text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  return new Map([...files.text('xl/workbook.xml').matchAll(/<sheet [^>]*>/g)].map(([element]) => {
    const target = targets.get(/ r:id="([^"]+)"/.exec(element)![1]!)!;
    return [unescapeXml(/ name="([^"]+)"/.exec(element)![1]!), target.startsWith('/') ? target.slice(1) : `xl/${target}`];
  }));
}

const relsOf = (path: string) => path.replace(/([^/]+)$/, '_rels/$1.rels');
const emptyRels = () => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
const nextRelId = (rels: string) => `rId${1 + Math.max(0, ...[...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1])))}`;
const unescapeXml = (text: string) => text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

/** The package's parts by name, edited in place; added parts go at the end, in the order added. */
class Files {
  private readonly byName: Map<string, ZipPart>;
  constructor(private readonly parts: ZipPart[]) {
    this.byName = new Map(parts.map((part) => [part.name, part]));
  }
  names(): string[] {
    return this.parts.map((part) => part.name);
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  text(name: string): string {
    const part = this.byName.get(name);
    if (!part) throw new Error(`the workbook package has no part ${name}`);
    return part.data.toString('utf8');
  }
  set(name: string, text: string): void {
    const part = this.byName.get(name);
    if (part) part.data = Buffer.from(text, 'utf8');
    else this.add(name, text);
  }
  add(name: string, text: string): void {
    const part = { name, data: Buffer.from(text, 'utf8') };
    this.parts.push(part);
    this.byName.set(name, part);
  }
  addContentType(name: string, type: string): void {
    this.set('[Content_Types].xml', this.text('[Content_Types].xml').replace('</Types>', `<Override PartName="/${name}" ContentType="${type}"/></Types>`));
  }
}
