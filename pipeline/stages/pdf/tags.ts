// Corrects the structure tree Chromium writes so that it reads as PDF/UA-1 asks:
// - a <figure> that groups a caption, a graphic and a source line becomes Div: Chromium makes it a Figure
//   without Alt around the graphic's own Figure (which has the Alt);
// - list items get an LBody around everything but their Lbl;
// - an <a> whose ARIA role is not link (doc-noteref, doc-backlink) is a NonStruct holding a link annotation:
//   it becomes Link, and every link annotation gets /Contents naming its target;
// - Strong and Em, structure types of PDF 2.0 only, are role-mapped to Span.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFContext, type PDFDocument, type PDFObject } from 'pdf-lib';

const ROLE_MAP: Record<string, string> = { Strong: 'Span', Em: 'Span' };
const name = (value: string) => PDFName.of(value);

interface StructElement {
  ref: PDFRef;
  dict: PDFDict;
}

export function fixStructure(doc: PDFDocument): void {
  const { context } = doc;
  const root = doc.catalog.lookup(name('StructTreeRoot'), PDFDict);
  const parentTree = readParentTree(context, root.lookup(name('ParentTree'), PDFDict));
  const used = new Set<string>();
  for (const element of structElements(context, root)) {
    const type = element.dict.lookup(name('S'), PDFName).decodeText();
    used.add(type);
    if (type === 'Figure' && !element.dict.has(name('Alt')) && kids(element.dict).some((kid) => isElement(context, kid))) {
      element.dict.set(name('S'), name('Div'));
    }
    if (type === 'LI') wrapListBody(context, element, parentTree);
  }
  const roleMap = Object.entries(ROLE_MAP).filter(([type]) => used.has(type));
  if (roleMap.length > 0) root.set(name('RoleMap'), context.obj(Object.fromEntries(roleMap.map(([type, role]) => [type, name(role)]))));
  labelLinks(doc, parentTree);
}

/** Every structure element under the root, parents before children. */
export function structElements(context: PDFContext, root: PDFDict): StructElement[] {
  const found: StructElement[] = [];
  const visit = (dict: PDFDict) => {
    for (const kid of kids(dict)) {
      if (!(kid instanceof PDFRef) || !isElement(context, kid)) continue;
      const element = { ref: kid, dict: context.lookup(kid, PDFDict) };
      found.push(element);
      visit(element.dict);
    }
  };
  visit(root);
  return found;
}

function kids(dict: PDFDict): PDFObject[] {
  const k = dict.get(name('K'));
  if (k === undefined) return [];
  return k instanceof PDFArray ? k.asArray() : [k];
}

const isElement = (context: PDFContext, kid: PDFObject) => {
  const dict = kid instanceof PDFRef ? context.lookup(kid) : undefined;
  return dict instanceof PDFDict && dict.has(name('S'));
};

/** The parent tree's entries by key: an array of elements by MCID for a page, an element for an annotation. */
function readParentTree(context: PDFContext, node: PDFDict): Map<number, PDFObject> {
  const entries = new Map<number, PDFObject>();
  const visit = (dict: PDFDict) => {
    const nums = dict.lookupMaybe(name('Nums'), PDFArray)?.asArray() ?? [];
    for (let i = 0; i < nums.length; i += 2) entries.set((nums[i] as PDFNumber).asNumber(), nums[i + 1]!);
    for (const kid of dict.lookupMaybe(name('Kids'), PDFArray)?.asArray() ?? []) visit(context.lookup(kid, PDFDict));
  };
  visit(node);
  return entries;
}

/** Moves the kids of a list item that are not its label into a new LBody, and points their parents at it. */
function wrapListBody(context: PDFContext, item: StructElement, parentTree: Map<number, PDFObject>): void {
  const all = kids(item.dict);
  const isLabel = (kid: PDFObject) => isElement(context, kid) && context.lookup(kid, PDFDict).lookup(name('S'), PDFName).decodeText() === 'Lbl';
  const body = all.filter((kid) => !isLabel(kid));
  if (body.length === 0) return;
  const bodyDict = context.obj({ Type: 'StructElem', S: 'LBody', P: item.ref, K: body });
  const page = item.dict.get(name('Pg'));
  if (page) bodyDict.set(name('Pg'), page);
  const bodyRef = context.register(bodyDict);
  for (const kid of body) reparent(context, kid, item, bodyRef, parentTree);
  item.dict.set(name('K'), context.obj([...all.filter(isLabel), bodyRef]));
}

function reparent(context: PDFContext, kid: PDFObject, from: StructElement, to: PDFRef, parentTree: Map<number, PDFObject>): void {
  if (kid instanceof PDFRef && isElement(context, kid)) {
    context.lookup(kid, PDFDict).set(name('P'), to);
    return;
  }
  // Marked content, an MCID or a marked-content reference: its parent is recorded in the parent tree, under
  // the page's StructParents, at the MCID. (Chromium puts link annotations under the <a>'s element, never
  // directly in a list item.)
  const dict = kid instanceof PDFDict ? kid : undefined;
  if (dict?.has(name('Obj'))) throw new Error('unexpected PDF structure from Chromium: an annotation directly in a list item');
  const mcid = kid instanceof PDFNumber ? kid.asNumber() : dict!.lookup(name('MCID'), PDFNumber).asNumber();
  const page = context.lookup(dict?.get(name('Pg')) ?? from.dict.get(name('Pg')), PDFDict);
  const entry = parentTree.get(page.lookup(name('StructParents'), PDFNumber).asNumber());
  const byMcid = entry instanceof PDFArray ? entry : context.lookup(entry, PDFArray);
  byMcid.set(mcid, to);
}

/** Link annotations: their structure parent a Link element, their /Contents the target. */
function labelLinks(doc: PDFDocument, parentTree: Map<number, PDFObject>): void {
  const { context } = doc;
  const pageNumbers = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(name('Dests'), PDFDict);
  for (const page of doc.getPages()) {
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const annotation = context.lookup(ref, PDFDict);
      if (annotation.lookup(name('Subtype'), PDFName).decodeText() !== 'Link') continue;
      const key = annotation.lookupMaybe(name('StructParent'), PDFNumber)?.asNumber();
      const parent = key === undefined ? undefined : parentTree.get(key);
      const element = parent instanceof PDFRef ? context.lookup(parent, PDFDict) : undefined;
      if (element?.lookup(name('S'), PDFName).decodeText() === 'NonStruct') element.set(name('S'), name('Link'));
      annotation.set(name('Contents'), textString(linkTarget(context, annotation, dests, pageNumbers)));
    }
  }
}

function linkTarget(context: PDFContext, annotation: PDFDict, dests: PDFDict | undefined, pageNumbers: Map<string, number>): string {
  const uri = annotation.lookupMaybe(name('A'), PDFDict)?.lookupMaybe(name('URI'), PDFString, PDFHexString);
  if (uri) return uri.decodeText();
  const dest = annotation.get(name('Dest'));
  const explicit = dest instanceof PDFName ? dests?.lookupMaybe(dest, PDFArray) : dest instanceof PDFArray ? dest : undefined;
  const page = explicit?.get(0);
  const number = page instanceof PDFRef ? pageNumbers.get(page.toString()) : undefined;
  if (number === undefined) throw new Error('unexpected PDF structure from Chromium: a link annotation with neither a URI nor a destination page');
  return `Go to page ${number}`;
}

/** PDFDocEncoding-safe ASCII as a literal string, anything else as UTF-16BE. */
export const textString = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? PDFString.of(value.replace(/[\\()]/g, '\\$&')) : PDFHexString.fromText(value));
