#!/usr/bin/env python3
"""Checks a run's results.xlsx with real readers of workbooks.

    python3 scripts/check-results-xlsx.py RESULTS_DIR [--libreoffice]

openpyxl (pip install openpyxl, or Debian's python3-openpyxl) reads the sheets `targets` and
`projections`, which must equal targets.csv and projections.csv of the same folder cell for cell:
a number in the CSV is a number in the workbook with the same value, any other field the same text,
an empty field an empty cell. The header row must be frozen and every column given a width. With
--libreoffice, LibreOffice headless converts the workbook to CSV, which must succeed and give the
rows of targets.csv. Prints what it checked; exit status 1 on the first difference.
"""
import csv
import os
import subprocess
import sys
import tempfile

import openpyxl


def number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if text.strip() and text.lower() not in ("inf", "-inf", "nan", "infinity", "-infinity") else None


def main():
    folder = sys.argv[1]
    path = os.path.join(folder, "results.xlsx")
    workbook = openpyxl.load_workbook(path)
    cells = 0
    for sheet, name in (("targets", "targets.csv"), ("projections", "projections.csv")):
        with open(os.path.join(folder, name), encoding="utf-8-sig", newline="") as f:
            expected = list(csv.reader(f))
        ws = workbook[sheet]
        got = [list(row) for row in ws.iter_rows(values_only=True)]
        if len(got) != len(expected):
            sys.exit(f"{sheet}: {len(got)} rows in results.xlsx, {len(expected)} in {name}")
        for r, (want, have) in enumerate(zip(expected, got), start=1):
            have = have + [None] * (len(want) - len(have))
            if len(have) != len(want):
                sys.exit(f"{sheet} row {r}: {len(have)} cells, {name} has {len(want)}")
            for c, (text, value) in enumerate(zip(want, have)):
                where = f"{sheet}!{openpyxl.utils.get_column_letter(c + 1)}{r}"
                if text == "":
                    ok = value is None
                elif r > 1 and number(text) is not None:
                    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and float(value) == number(text)
                else:
                    ok = value == text
                if not ok:
                    sys.exit(f"{where}: results.xlsx has {value!r}, {name} has {text!r}")
                cells += 1
        if ws.freeze_panes != "A2":
            sys.exit(f"{sheet}: the header row is not frozen (freeze_panes {ws.freeze_panes!r})")
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].width for c in range(len(expected[0]))]
        if not all(w and w >= 8 for w in widths):
            sys.exit(f"{sheet}: column widths not set: {widths}")
    print(f"openpyxl {openpyxl.__version__}: targets and projections equal targets.csv and projections.csv, {cells} cells; "
          f"sheets {workbook.sheetnames}; header rows frozen, widths set")
    if "--libreoffice" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            profile = "file://" + os.path.join(tmp, "profile")
            run = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                                  "--outdir", tmp, path], capture_output=True, text=True, timeout=300)
            converted = os.path.join(tmp, "results.csv")
            if run.returncode != 0 or not os.path.exists(converted):
                sys.exit(f"LibreOffice could not convert results.xlsx (status {run.returncode}): {run.stdout} {run.stderr}")
            with open(converted, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            with open(os.path.join(folder, "targets.csv"), encoding="utf-8-sig", newline="") as f:
                expected = list(csv.reader(f))
            if len(rows) != len(expected) or rows[0] != expected[0]:
                sys.exit(f"LibreOffice's CSV of the first sheet has {len(rows)} rows, header {rows[0] if rows else None}; targets.csv has {len(expected)}")
            version = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
            print(f"{version}: converted results.xlsx to CSV without error ({len(rows)} rows of the targets sheet, header as targets.csv)")


if __name__ == "__main__":
    main()
