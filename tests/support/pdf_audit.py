"""Reads a PDF with pikepdf (qpdf), independently of the TypeScript that wrote it, and prints as JSON what a
PDF/UA-1 structural audit looks at: structure types and role map, figures and their Alt, list items, link
annotations and their structure parents, XMP metadata, catalog flags, bookmarks, and text-showing operators
outside any marked-content sequence. Run with Debian's /usr/bin/python3 (python3-pikepdf)."""
import json
import sys

import pikepdf

# PDF 1.7 (ISO 32000-1, 14.8.4) standard structure types: PDF/UA-1 allows these, others need a /RoleMap.
STANDARD = set('''Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4
H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby
RB RT RP Warichu WT WP Figure Formula Form'''.split())
TEXT_SHOWING = {'Tj', 'TJ', "'", '"'}
PAINTING = {'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'sh', 'Do'}
XMP_NS = {
    'x': 'adobe:ns:meta/',
    'rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    'dc': 'http://purl.org/dc/elements/1.1/',
    'pdfuaid': 'http://www.aiim.org/pdfua/ns/id/',
}


def text(value):
    return None if value is None else str(value)


def structure(pdf):
    root = pdf.Root.StructTreeRoot
    role_map = {str(k)[1:]: str(v)[1:] for k, v in root.get('/RoleMap', {}).items()}
    types, figures, list_items, tables_in_figures = {}, [], [], 0

    def visit(node, ancestors):
        nonlocal tables_in_figures
        if isinstance(node, pikepdf.Array):
            for kid in node:
                visit(kid, ancestors)
            return
        if not isinstance(node, pikepdf.Dictionary) or '/S' not in node:
            return
        kind = str(node.S)[1:]
        types[kind] = types.get(kind, 0) + 1
        if kind == 'Figure':
            figures.append(text(node.get('/Alt')))
        if kind == 'Table' and 'Figure' in ancestors:
            tables_in_figures += 1
        if kind == 'LI':
            kids = node.K if isinstance(node.get('/K'), pikepdf.Array) else [node.get('/K')]
            list_items.append([str(k.S)[1:] if isinstance(k, pikepdf.Dictionary) and '/S' in k else 'content'
                               for k in kids if k is not None])
        if '/K' in node:
            visit(node.K, ancestors + [kind])

    visit(root.K, [])
    unmapped = sorted(t for t in types if t not in STANDARD and role_map.get(t) not in STANDARD)
    remapped_standard = sorted(t for t in role_map if t in STANDARD)
    return {'types': types, 'roleMap': role_map, 'unmapped': unmapped, 'remappedStandard': remapped_standard,
            'figures': figures, 'listItems': list_items, 'tablesInFigures': tables_in_figures}


def parent_tree(pdf):
    entries = {}

    def visit(node):
        nums = node.get('/Nums')
        if nums is not None:
            for i in range(0, len(nums), 2):
                entries[int(nums[i])] = nums[i + 1]
        for kid in node.get('/Kids', []):
            visit(kid)

    visit(pdf.Root.StructTreeRoot.ParentTree)
    return entries


def links(pdf):
    parents = parent_tree(pdf)
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.get('/Annots', []):
            if annot.get('/Subtype') != '/Link':
                continue
            key = annot.get('/StructParent')
            element = parents.get(int(key)) if key is not None else None
            found.append({'page': number, 'contents': text(annot.get('/Contents')),
                          'structParent': str(element.S)[1:] if isinstance(element, pikepdf.Dictionary) else None})
    return found


def marked_content(pdf):
    """Counts text-showing and painting operators inside and outside marked content, form XObjects included."""
    counts = {'text': 0, 'unmarkedText': 0, 'painting': 0, 'unmarkedPainting': 0}
    seen = set()

    def scan(owner, resources, depth):
        for operands, operator in pikepdf.parse_content_stream(owner):
            op = str(operator)
            if op in ('BMC', 'BDC'):
                depth += 1
            elif op == 'EMC':
                depth -= 1
            elif op in TEXT_SHOWING:
                counts['text'] += 1
                counts['unmarkedText'] += depth == 0
            elif op in PAINTING:
                counts['painting'] += 1
                counts['unmarkedPainting'] += depth == 0
                if op == 'Do':
                    xobject = resources.get('/XObject', {}).get(operands[0])
                    if xobject is not None and xobject.get('/Subtype') == '/Form' and xobject.objgen not in seen:
                        seen.add(xobject.objgen)
                        scan(xobject, xobject.get('/Resources', resources), depth)

    for page in pdf.pages:
        scan(page.obj, page.obj.get('/Resources', {}), 0)
    return counts


def xmp(pdf):
    if '/Metadata' not in pdf.Root:
        return None
    from xml.etree import ElementTree
    tree = ElementTree.fromstring(pdf.Root.Metadata.read_bytes())
    first = lambda path: next((e.text for e in tree.iterfind(path, XMP_NS)), None)
    part = tree.find('.//rdf:Description[@pdfuaid:part]', XMP_NS)
    return {
        'title': first('.//dc:title/rdf:Alt/rdf:li'),
        'creator': first('.//dc:creator/rdf:Seq/rdf:li'),
        'description': first('.//dc:description/rdf:Alt/rdf:li'),
        'language': first('.//dc:language/rdf:Bag/rdf:li'),
        'pdfuaPart': part.get('{%s}part' % XMP_NS['pdfuaid']) if part is not None
        else first('.//pdfuaid:part'),
        'subtype': text(pdf.Root.Metadata.get('/Subtype')),
    }


def bookmarks(pdf):
    titles = []
    with pdf.open_outline() as outline:
        def visit(items):
            for item in items:
                titles.append(item.title)
                visit(item.children)
        visit(outline.root)
    return titles


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root
    print(json.dumps({
        'lang': text(root.get('/Lang')),
        'marked': bool(root.get('/MarkInfo', {}).get('/Marked', False)),
        'displayDocTitle': bool(root.get('/ViewerPreferences', {}).get('/DisplayDocTitle', False)),
        'structure': structure(pdf),
        'links': links(pdf),
        'content': marked_content(pdf),
        'xmp': xmp(pdf),
        'bookmarks': bookmarks(pdf),
    }))


if __name__ == '__main__':
    main(sys.argv[1])
