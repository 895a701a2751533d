# Reads a workbook with openpyxl, a reader independent of the ExcelJS that wrote it, and prints what the tests
# check as JSON: each sheet's cells (value as stored, type, number format), row heights, column widths, page
# setup, print area and titles, and each chart's type and the ranges its series draw; the workbook's names.
# Run with Debian's python3 (python3-openpyxl): /usr/bin/python3 read-workbook.py FILE.xlsx
import json
import sys

import openpyxl


def cell_value(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def series_refs(series):
    def ref(data):
        if data is None:
            return None
        for kind in ("numRef", "strRef"):
            found = getattr(data, kind, None)
            if found is not None:
                return found.f
        return None

    name = series.tx.strRef.f if series.tx is not None and series.tx.strRef is not None else None
    return {"name": name, "categories": ref(series.cat), "values": ref(series.val)}


def main(path):
    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                cells.append({
                    "ref": cell.coordinate,
                    "value": cell_value(cell.value),
                    "type": cell.data_type,
                    "format": cell.number_format,
                    "wrap": bool(cell.alignment.wrap_text),
                })
        sheets.append({
            "name": sheet.title,
            "cells": cells,
            "rowHeights": {str(r): d.height for r, d in sheet.row_dimensions.items() if d.height is not None},
            "columnWidths": {letter: d.width for letter, d in sheet.column_dimensions.items() if d.width},
            "paperSize": sheet.page_setup.paperSize,
            "orientation": sheet.page_setup.orientation,
            "fitToWidth": sheet.page_setup.fitToWidth,
            "printArea": sheet.print_area,
            "printTitleRows": sheet.print_title_rows,
            "tables": {name: {"ref": table.ref, "totalsRowShown": table.totalsRowShown, "totalsRowCount": table.totalsRowCount} for name, table in ((t.name, t) for t in sheet.tables.values())},
            "charts": [
                {"type": chart.tagname, "series": [series_refs(s) for s in chart.series]}
                for chart in sheet._charts
            ],
            "images": len(sheet._images),
        })
    names = {d.name: d.attr_text for d in book.defined_names.definedName if d.localSheetId is None}
    json.dump({"sheets": sheets, "names": names}, sys.stdout)


main(sys.argv[1])
