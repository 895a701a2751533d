// Structure element IDs that the document alone decides. Chromium names a tagged element that others point to (a
// table's header cell, which its data cells name in /Headers; the structure tree's ID tree lists them all) after
// its DOM node's id, "node00000483": a counter of the renderer process. A document printed in a tab that has
// printed others would get other names, and other bytes; the page pool reuses tabs (driver/page-pool.ts). Each name
// becomes its rank among the document's names, at the same width, so that the ID tree's keys keep their order.
// Only the names in those three places change: the same text elsewhere (alt text, a destination) is the author's.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { structElements } from './tags.js';

const NODE_NAME = /^node(\d+)$/;
const name = (value: string) => PDFName.of(value);

/** A Chromium element name found in the file, and how to put another in its place. */
interface Slot {
  digits: string;
  replace(value: PDFString): void;
}

export function stableElementIds(doc: PDFDocument): void {
  const { context } = doc;
  const root = doc.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (!root) return;
  const slots: Slot[] = [];
  const take = (value: PDFObject | undefined, replace: (value: PDFString) => void) => {
    if (!(value instanceof PDFString || value instanceof PDFHexString)) return;
    const digits = NODE_NAME.exec(value.decodeText())?.[1];
    if (digits) slots.push({ digits, replace });
  };
  const takeEach = (array: PDFArray | undefined, step = 1) => {
    array?.asArray().forEach((item, index) => index % step === 0 && take(item, (next) => array.set(index, next)));
  };

  // The ID tree: a name tree, its keys in /Names (every other entry) and its ranges in /Limits.
  const idTree = root.lookupMaybe(name('IDTree'), PDFDict);
  const visitNames = (node: PDFDict) => {
    takeEach(node.lookupMaybe(name('Names'), PDFArray), 2);
    takeEach(node.lookupMaybe(name('Limits'), PDFArray));
    for (const kid of node.lookupMaybe(name('Kids'), PDFArray)?.asArray() ?? []) {
      const dict = context.lookup(kid);
      if (dict instanceof PDFDict) visitNames(dict);
    }
  };
  if (idTree) visitNames(idTree);

  // Each element's /ID, and the /Headers of its attributes (a dictionary, or an array of them and revisions).
  for (const { dict: element } of structElements(context, root)) {
    take(element.get(name('ID')), (next) => element.set(name('ID'), next));
    const attributes = element.lookup(name('A'));
    const owners = attributes instanceof PDFArray ? attributes.asArray().map((item) => context.lookup(item)) : [attributes];
    for (const owner of owners) if (owner instanceof PDFDict) takeEach(owner.lookupMaybe(name('Headers'), PDFArray));
  }
  if (slots.length === 0) return;

  const numbers = [...new Set(slots.map((slot) => Number(slot.digits)))].sort((a, b) => a - b);
  const rank = new Map(numbers.map((number, index) => [number, index + 1]));
  for (const slot of slots) slot.replace(PDFString.of(`node${String(rank.get(Number(slot.digits))).padStart(slot.digits.length, '0')}`));
}
