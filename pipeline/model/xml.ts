// Text as XML 1.0 keeps it, in element content and in attribute values alike (the workbook's chart and drawing
// parts, the PDF's XMP packet). The five characters with a meaning in markup become entities; tab, line feed and
// carriage return become character references, since a parser turns them into spaces in an attribute and a
// carriage return into a line feed in text; a character XML 1.0 does not allow at all (C0 controls, lone
// surrogates, U+FFFE, U+FFFF), not even as a reference, becomes U+FFFD, so the part stays well-formed.
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

const ESCAPED = /[&<>"'\t\n\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

export const escapeXml = (text: string) => text.replace(ESCAPED, (c) => ENTITIES[c] ?? '\uFFFD');
