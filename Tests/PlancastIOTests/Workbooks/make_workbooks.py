#!/usr/bin/env python3
"""Writes the workbook fixtures of WorkbookReaderTests with real writers.

    pip install openpyxl msoffcrypto-tool      # openpyxl 3.1, msoffcrypto-tool 6.1
    apt-get install libreoffice-calc-nogui      # for the LibreOffice-saved workbook
    python3 Tests/PlancastIOTests/Workbooks/make_workbooks.py

Every workbook has a CSV twin that the tests read with the CSV reader and compare series by series:
- langson-long.xlsx (openpyxl): Scenarios/data/langson.csv, long layout, numbers and years as numbers;
- yearbook-wide.xlsx (openpyxl): yearbook.csv as a statistical yearbook lays it out (a merged title,
  a two-row header with merged cells, a blank row, section headings, a note row, 'Sơ bộ 2024');
- yearbook-libreoffice.xlsx: yearbook-formulas.xlsx (openpyxl, a total row as =SUM formulas, which
  openpyxl saves without results) converted by LibreOffice headless, which calculates and saves them;
- bad workbooks: a number stored as text (long layout, D7), the formulas file itself (no saved
  results), a password-protected copy of yearbook-wide.xlsx (msoffcrypto-tool, password 'plancast');
- parts written with Python's zipfile, as no spreadsheet program writes them: inline strings, a
  boolean and an #N/A error (inline-strings.xlsx); a zip without a workbook; two zip bombs whose
  sheet unpacks to 260 MB of spaces, one declaring that size, one declaring 1 KB.
"""
import csv
import os
import shutil
import subprocess
import struct
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

# A small yearbook table: name, unit, values for 2019–2024 (None: no value); 2024 is preliminary.
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
SECTIONS = [
    ("I. Du lịch", [
        ("Khách du lịch", "nghìn lượt", [2600.5, 1300, 1100.25, 2800, 3100, 3500.75]),
        ("Doanh thu du lịch", "tỷ đồng", [3200, 1500, None, 3900, 4800, 5200]),
    ]),
    ("II. Nông, lâm nghiệp", [
        ("Độ che phủ rừng", "%", [62.8, 63.1, 63.4, 63.5, 63.7, 64.0]),
        ("Diện tích trồng rừng mới", "ha", [11000, 12500, 10800, 11200, None, 9800]),
    ]),
]
# The rows the total in the formulas workbook adds up.
TOTAL = ("Tổng kim ngạch", "triệu USD", [("Xuất khẩu", [1000, 900, 1100, 1200, 1500, 1700]),
                                          ("Nhập khẩu", [700, 650.5, 800, 850, 900, 1000])])


def write_yearbook_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "year", "value", "unit", "kind"])
        for name, unit, values in rows:
            for year, value in zip(YEARS, values):
                if value is not None:
                    w.writerow([name, year, repr(float(value)) if isinstance(value, float) else value, unit,
                                "estimate" if year == 2024 else "actual"])


def yearbook_sheet(ws, with_formulas):
    last = 2 + len(YEARS)
    ws.append(["Một số chỉ tiêu kinh tế - xã hội chủ yếu"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws["A1"].font = Font(bold=True)
    ws.append(["Chỉ tiêu", "Đơn vị tính", "Năm"])
    ws.append([None, None] + YEARS[:-1] + ["Sơ bộ 2024"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells(start_row=2, start_column=3, end_row=2, end_column=last)
    ws["C2"].alignment = Alignment(horizontal="center")
    ws.append([])
    for heading, rows in SECTIONS:
        ws.append([heading])
        for name, unit, values in rows:
            ws.append([name, unit] + values)
    if with_formulas:
        name, unit, parts = TOTAL
        ws.append(["III. Xuất nhập khẩu"])
        first = ws.max_row + 1
        for part, values in parts:
            ws.append([part, unit] + values)
        row = ws.max_row + 1
        ws.append([name, unit] + [f"=SUM({c}{first}:{c}{row - 1})" for c in "CDEFGH"])
    ws.append([])
    ws.append(["Nguồn: Cục Thống kê tỉnh (số liệu minh hoạ)"])
    ws.column_dimensions["A"].width = 30


def yearbook_rows(with_total):
    rows = [r for _, section in SECTIONS for r in section]
    if with_total:
        name, unit, parts = TOTAL
        rows += [(p, unit, v) for p, v in parts]
        rows.append((name, unit, [sum(vs) for vs in zip(*(v for _, v in parts))]))
    return rows


def main():
    # langson-long.xlsx: the project's data file as a long workbook.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dữ liệu"
    with open(os.path.join(ROOT, "Scenarios", "data", "langson.csv"), encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        ws.append(header)
        for row in reader:
            cells = list(row)
            cells[1] = int(cells[1])
            cells[2] = float(cells[2]) if "." in cells[2] or "e" in cells[2].lower() else int(cells[2])
            ws.append(cells)
    ws.freeze_panes = "A2"
    wb.create_sheet("Ghi chú").append(["Số liệu: Scenarios/data/langson.csv"])
    wb.save(os.path.join(HERE, "langson-long.xlsx"))

    # yearbook-wide.xlsx and its CSV twin.
    write_yearbook_csv(os.path.join(HERE, "yearbook.csv"), yearbook_rows(False))
    wb = openpyxl.Workbook()
    wb.active.title = "Niên giám"
    yearbook_sheet(wb.active, with_formulas=False)
    wb.save(os.path.join(HERE, "yearbook-wide.xlsx"))

    # yearbook-formulas.xlsx (no saved results) and LibreOffice's recalculated copy.
    write_yearbook_csv(os.path.join(HERE, "yearbook-total.csv"), yearbook_rows(True))
    wb = openpyxl.Workbook()
    wb.active.title = "Niên giám"
    yearbook_sheet(wb.active, with_formulas=True)
    formulas = os.path.join(HERE, "yearbook-formulas.xlsx")
    wb.save(formulas)
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--calc", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, formulas], check=True,
                       stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "yearbook-formulas.xlsx"), os.path.join(HERE, "yearbook-libreoffice.xlsx"))

    # text-in-number.xlsx: long layout with '12,5' typed as text in D7 (series in B, year in C, value in D).
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["stt", "series", "year", "value"])
    for i, (year, value) in enumerate([(2018, 10), (2019, 11), (2020, 11.5), (2021, 12), (2022, 12.25)]):
        ws.append([i + 1, "tourists", year, value])
    ws.append([6, "tourists", 2023, "12,5"])
    wb.save(os.path.join(HERE, "text-in-number.xlsx"))

    # password-protected.xlsx: yearbook-wide.xlsx encrypted as Excel does (an OLE compound file).
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(os.path.join(HERE, "yearbook-wide.xlsx"), "rb") as plain, \
            open(os.path.join(HERE, "password-protected.xlsx"), "wb") as encrypted:
        OOXMLFile(plain).encrypt("plancast", encrypted)

    write_zip_fixtures()
    write_dates()


def write_dates():
    """dates.xlsx: a batch sheet (unique_id, ds, y) whose ds cells are dates, as StatsForecast users
    keep them, with a built-in date format (14) in B3 and a custom non-date format with "h" and "d" in
    quotes on the values."""
    import datetime
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["unique_id", "ds", "y"])
    for year in range(2001, 2011):
        ws.append(["A", datetime.datetime(year, 1, 1), float(year - 2000)])
    ws["B3"].number_format = "mm-dd-yy"
    ws["B4"] = datetime.datetime(2003, 1, 1, 12, 30)
    for row in range(2, 12):
        ws[f"C{row}"].number_format = '0.0 "ha/d"'
    wb.save(os.path.join(HERE, "dates.xlsx"))


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '</Types>')
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook_parts(sheets):
    """The parts of a minimal workbook with `sheets` [(name, sheet XML)], the prefix x: on the main namespace."""
    parts = {"[Content_Types].xml": CONTENT_TYPES,
             "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'}
    entries = "".join(f'<x:sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (name, _) in enumerate(sheets))
    parts["xl/workbook.xml"] = f'<?xml version="1.0"?><x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}"><x:sheets>{entries}</x:sheets></x:workbook>'
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="/xl/worksheets/sheet{i + 1}.xml"/>'
                   for i in range(len(sheets)))
    parts["xl/_rels/workbook.xml.rels"] = f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    for i, (_, xml) in enumerate(sheets):
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = xml
    return parts


def inline(ref, text):
    return f'<x:c r="{ref}" t="inlineStr"><x:is><x:r><x:t>{text[:2]}</x:t></x:r><x:r><x:t>{text[2:]}</x:t></x:r></x:is></x:c>'


def sheet_xml(rows):
    body = "".join(f'<x:row r="{r}">{"".join(cells)}</x:row>' for r, cells in rows)
    return f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData>{body}</x:sheetData></x:worksheet>'


def write_zip(path, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, content)


def write_zip_fixtures():
    long_rows = [(1, [inline("A1", "series"), inline("B1", "year"), inline("C1", "value"), inline("D1", "checked")])]
    for i, (year, value) in enumerate([(2018, 10), (2019, 11), (2020, 11.5), (2021, 12)]):
        r = i + 2
        long_rows.append((r, [inline(f"A{r}", "khách du lịch"), f'<x:c r="B{r}"><x:v>{year}</x:v></x:c>',
                              f'<x:c r="C{r}" t="n"><x:v>{value}</x:v></x:c>', f'<x:c r="D{r}" t="b"><x:v>1</x:v></x:c>']))
    errors = [(1, [inline("A1", "series"), inline("B1", "year"), inline("C1", "value")]),
              (2, [inline("A2", "tourists"), '<x:c r="B2"><x:v>2020</x:v></x:c>', '<x:c r="C2"><x:v>4.5</x:v></x:c>']),
              (3, [inline("A3", "tourists"), '<x:c r="B3"><x:v>2021</x:v></x:c>',
                   '<x:c r="C3" t="e"><x:f>VLOOKUP(A3,Other!A:B,2,FALSE)</x:f><x:v>#N/A</x:v></x:c>'])]
    write_zip(os.path.join(HERE, "inline-strings.xlsx"),
              workbook_parts([("Long", sheet_xml(long_rows)), ("Errors", sheet_xml(errors))]))
    write_zip(os.path.join(HERE, "not-a-workbook.xlsx"), {"README.txt": "a zip archive, but no workbook inside\n"})
    # Zip bombs: the sheet unpacks to 260 MB, beyond the 256 MB a part may take.
    size = 260 << 20
    padding = b" " * size
    bomb = workbook_parts([("Sheet1", "")])
    bomb["xl/worksheets/sheet1.xml"] = padding
    declared = os.path.join(HERE, "bomb-declared.xlsx")
    with zipfile.ZipFile(declared, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, content in bomb.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content, compresslevel=9)
    # The same archive declaring 1 KB for the sheet, in its local header and central directory.
    data = bytearray(open(declared, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    offset = 0
    while True:
        local = data.find(b"PK\x03\x04", offset)
        if local < 0:
            break
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30:local + 30 + name_length]) == name:
            struct.pack_into("<I", data, local + 22, 1024)
        offset = local + 4
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + name_length]) == name:
            struct.pack_into("<I", data, central + 24, 1024)
        central = data.find(b"PK\x01\x02", central + 4)
    open(os.path.join(HERE, "bomb-lying.xlsx"), "wb").write(bytes(data))


if __name__ == "__main__":
    main()
