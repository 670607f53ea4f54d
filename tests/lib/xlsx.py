"""xlsx.py: read a workbook's cells straight from its XML parts, for the
shell suites (tests/xlsx.sh). No spreadsheet library: zipfile and
ElementTree only, so the test sees exactly what phaseout wrote.

    book = read(path)
    book.sheets                      ['Summary', 'Plan', ...] in order
    book.cells['Plan'][(row, col)]   Cell(kind, value, style), 0-based
    book.rows('Plan')                [[value or None, ...], ...]

kind is 's' (a shared string), 'str' or 'inlineStr' (other text), 'n' (a
number); value is the text or a float. book.num_format(cell) is the
number format of the cell's style ('General' when none).

    sheet_is_csv(book, 'Sensitivity', path, {'status', ...})
                                     asserts the sheet is that CSV file
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class Cell:
    def __init__(self, kind, value, style):
        self.kind, self.value, self.style = kind, value, style

    def __repr__(self):
        return f"Cell({self.kind!r}, {self.value!r}, {self.style})"


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return int(ref[len(letters):]) - 1, n - 1


class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.parts = self.zip.namelist()
        wb = ET.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = []
        self.sheet_part = {}
        for s in wb.find("m:sheets", NS):
            self.sheets.append(s.get("name"))
            self.sheet_part[s.get("name")] = "xl/" + target[s.get(REL)]
        self.shared = []
        if "xl/sharedStrings.xml" in self.parts:
            sst = ET.fromstring(self.zip.read("xl/sharedStrings.xml"))
            for si in sst.findall("m:si", NS):
                self.shared.append("".join(t.text or "" for t in si.iter(
                    "{%s}t" % NS["m"])))
        styles = ET.fromstring(self.zip.read("xl/styles.xml"))
        fmts = {int(f.get("numFmtId")): f.get("formatCode")
                for f in styles.iter("{%s}numFmt" % NS["m"])}
        self.xf_format = []
        xfs = styles.find("m:cellXfs", NS)
        for xf in xfs.findall("m:xf", NS):
            fid = int(xf.get("numFmtId", "0"))
            self.xf_format.append(fmts.get(fid, "General" if fid == 0 else str(fid)))
        self.cells = {}
        for name in self.sheets:
            self.cells[name] = self._read_sheet(self.sheet_part[name])

    def _read_sheet(self, part):
        root = ET.fromstring(self.zip.read(part))
        cells = {}
        for c in root.iter("{%s}c" % NS["m"]):
            rc = col_index(c.get("r"))
            t = c.get("t", "n")
            style = int(c.get("s", "0"))
            v = c.find("m:v", NS)
            if t == "s":
                cells[rc] = Cell("s", self.shared[int(v.text)], style)
            elif t == "inlineStr":
                cells[rc] = Cell(t, "".join(x.text or "" for x in c.iter(
                    "{%s}t" % NS["m"])), style)
            elif t == "str":
                cells[rc] = Cell(t, v.text if v is not None else "", style)
            elif v is not None:
                cells[rc] = Cell("n", float(v.text), style)
        return cells

    def sheet_xml(self, name):
        return self.zip.read(self.sheet_part[name]).decode("utf-8")

    def num_format(self, cell):
        return self.xf_format[cell.style]

    def rows(self, name):
        cells = self.cells[name]
        if not cells:
            return []
        nrow = max(r for r, _ in cells) + 1
        ncol = max(c for _, c in cells) + 1
        return [[cells[(r, c)].value if (r, c) in cells else None
                 for c in range(ncol)] for r in range(nrow)]


def read(path):
    return Book(path)


def sheet_is_csv(book, sheet, path, text, whole=True):
    """Assert that 'sheet' holds the CSV file at 'path' cell by cell: the
    header as text, then each field of the columns named in 'text' as
    text, the others as numbers (to 1e-9), an empty field as no cell;
    with 'whole', no cell past the file's last row or column (False: the
    sheet may have columns of its own after the file's). A byte-order
    mark is skipped."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    cells = book.cells[sheet]
    head = rows[0]
    for c, name in enumerate(head):
        assert cells[(0, c)].value == name, (sheet, c, name)
    for r, row in enumerate(rows[1:], start=1):
        for c, field in enumerate(row):
            cell = cells.get((r, c))
            if field == "":
                assert cell is None, (sheet, r, head[c], cell)
            elif head[c] in text:
                assert cell.kind == "s" and cell.value == field, (sheet, r, head[c], cell, field)
            else:
                assert cell.kind == "n" and abs(cell.value - float(field)) < 1e-9, \
                    (sheet, r, head[c], cell, field)
    if whole:
        assert max(c for _, c in cells) == len(head) - 1, (sheet, "columns")
        assert max(r for r, _ in cells) == len(rows) - 1, (sheet, "rows")


if __name__ == "__main__":
    b = read(sys.argv[1])
    for s in b.sheets:
        print(s)
        for row in b.rows(s)[:5]:
            print("  ", row)
