// The XMP metadata packet PDF/UA-1 requires: dc:title (shown as the window title, with DisplayDocTitle),
// dc:creator when the briefing names an author, dc:description, dc:language, the dates of the Info
// dictionary, and pdfuaid:part 1 claiming PDF/UA-1. Written uncompressed, as XMP readers expect.
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { escapeXml } from '../../model/xml.js';
import type { PdfInfo } from './info.js';

function xmpPacket(info: PdfInfo, language: string): string {
  const date = info.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const lines = [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '  xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(info.title)}</dc:title>`,
    ...(info.author ? [`<dc:creator><rdf:Seq><rdf:li>${escapeXml(info.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    `<dc:description>${alt(info.subject)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(language)}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${escapeXml(info.keywords.join(', '))}</pdf:Keywords>`,
    `<xmp:CreatorTool>${escapeXml(info.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ];
  return lines.join('\n');
}

export function setXmp(doc: PDFDocument, info: PdfInfo): void {
  const language = doc.catalog.lookup(PDFName.of('Lang'), PDFString, PDFHexString).decodeText();
  const stream = doc.context.stream(Buffer.from(xmpPacket(info, language), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
