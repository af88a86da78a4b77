#!/usr/bin/python3
"""check_xlsx.py - reads plan.xlsx back with openpyxl.

usage: check_xlsx.py PLAN_DIR [ID...]

The schools sheet equals PLAN_DIR/schools.csv cell by cell: a CSV cell that
is a plain number is a number (int or float) of that value, any other cell
is the same text, an empty cell is empty.  The name column the workbook
adds beside the school id (when schools.csv has none) is the only extra
column.  A Chinese workbook (sheets 汇总, 学校, ...) has translated headers,
so its header row is compared by count only.  The header row is frozen.  The summary sheet holds summary.json's
values.  Each ID given must appear as a text cell (never a formula) of the
schools sheet.
"""
import csv
import json
import re
import sys

import openpyxl

NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")


def fail(msg):
    print("check_xlsx: FAIL: " + msg)
    sys.exit(1)


def same(csv_cell, xl):
    if csv_cell == "":
        return xl is None
    if isinstance(xl, bool):
        return False
    if isinstance(xl, (int, float)):
        return NUMBER.match(csv_cell) is not None and float(csv_cell) == xl
    return xl == csv_cell


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    plan = sys.argv[1]
    wb = openpyxl.load_workbook(plan + "/plan.xlsx")
    zh = "学校" in wb.sheetnames
    names = ("汇总", "学校", "学生安置") if zh else ("summary", "schools",
                                                  "assignments")
    for name in names:
        if name not in wb.sheetnames:
            fail("no sheet %s (sheets: %s)" % (name, wb.sheetnames))
    summary_sheet, schools_sheet = names[0], names[1]
    with open(plan + "/schools.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    ws = wb[schools_sheet]
    if ws.freeze_panes != "A2":
        fail("schools header not frozen (%s)" % ws.freeze_panes)
    sheet = [list(r) for r in ws.iter_rows(values_only=True)]
    head = rows[0]
    extra = [i for i, h in enumerate(sheet[0])
             if h == ("名称" if zh else "name") and "name" not in head]
    if len(sheet[0]) - len(extra) != len(head) or len(extra) > 1:
        fail("schools sheet has columns %s, schools.csv %s" % (sheet[0], head))
    if len(sheet) != len(rows):
        fail("schools sheet has %d rows, schools.csv %d"
             % (len(sheet), len(rows)))
    cells = 0
    for r, (want, got) in enumerate(zip(rows, sheet)):
        if zh and r == 0:
            continue
        got = [v for i, v in enumerate(got) if i not in extra]
        for c, (a, b) in enumerate(zip(want, got)):
            if not same(a, b):
                fail("schools row %d column %s: csv %r, sheet %r"
                     % (r + 1, head[c], a, b))
            cells += 1
    with open(plan + "/summary.json", encoding="utf-8") as f:
        summary = json.load(f)
    values = {r[1]: r[2] for r in wb[summary_sheet].iter_rows(min_row=2,
                                                           values_only=True)}
    for key in ("students", "mean_km", "schools_closed"):
        if values.get(key) != summary[key]:
            fail("summary sheet %s = %r, summary.json %r"
                 % (key, values.get(key), summary[key]))
    if values.get("cost.total") != summary["cost"]["total"]:
        fail("summary sheet cost.total differs")
    for want in sys.argv[2:]:
        hits = [c for row in ws.iter_rows() for c in row if c.value == want]
        if not hits:
            fail("id %r is not a cell of the schools sheet" % want)
        for c in hits:
            if c.data_type != "s":
                fail("id %r is written as type %r, not text" % (want,
                                                                 c.data_type))
    print("check_xlsx: ok: schools sheet equals schools.csv (%d cells), "
          "sheets %s" % (cells, ", ".join(wb.sheetnames)))


main()
