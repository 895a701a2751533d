// Finishes the tagged PDF Chromium printed so that it meets PDF/UA-1's structural requirements, in six
// deterministic steps on the parsed file: unmarked content becomes artifacts (artifacts.ts), the
// structure tree is corrected (tags.ts), its element IDs are named by the document alone (element-ids.ts),
// bookmarks take the headings' text (outline.ts), the XMP metadata is added (xmp.ts) and the Info dictionary
// replaced (info.ts). pdf-lib parses and writes the file once: the edits add objects and rewrite streams, which
// a real object model does more safely than byte offsets.
import { PDFDocument, PDFHeader, ParseSpeeds } from 'pdf-lib';
import { fillDocumentId, setInfo, type PdfInfo } from './info.js';
import { markArtifacts } from './artifacts.js';
import { stableElementIds } from './element-ids.js';
import { headingTexts, setOutlineTitles } from './outline.js';
import { fixStructure } from './tags.js';
import { setXmp } from './xmp.js';

// pdf-lib parses 100 objects, and writes 50, between waits for a timer tick, to keep a browser tab responsive; here
// those waits were a third of the time (~50 ms of ~150), while Chromium goes on printing whatever this thread does.
export async function finishTagging(pdf: Uint8Array, html: string, info: PdfInfo): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  markArtifacts(doc);
  fixStructure(doc);
  stableElementIds(doc);
  setOutlineTitles(doc, headingTexts(html));
  setXmp(doc, info);
  setInfo(doc, info);
  // PDF/UA-1 is built on ISO 32000-1, PDF 1.7; Chromium declares 1.4.
  doc.context.header = PDFHeader.forVersion(1, 7);
  const saved = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  fillDocumentId(saved);
  return saved;
}
