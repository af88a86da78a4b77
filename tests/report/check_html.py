#!/usr/bin/python3
"""check_html.py - asserts on a report page as a browser left it.

usage: check_html.py report DOM.html PLAN_DIR [N_MARKS]
       check_html.py comparison DOM.html OUT_DIR N_SCENARIOS

DOM.html is `chromium --dump-dom` of the page, i.e. the document after
its scripts ran.  Both kinds must carry the ready marker the page's script
sets last (data-ready="1" on <html>) and no #script-error element (the
page's window.onerror writes one).

report:     the map's SVG has one <circle class="school ..."> per row of
            PLAN_DIR/schools.csv (N_MARKS when some schools have no
            coordinates), each a school of the plan with a hover text
            naming it;
            every headline figure with a summary key (data-key) holds the
            summary.json value and shows it; the required figures are
            there; the school table has a row per school.
comparison: a row per scenario, a trade-off point per scenario, the
            per-school difference picker with exactly one table shown.
"""
import csv
import json
import re
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    """Elements as (tag, attrs, text) with the text inside each element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": "", "parents":
              [e["tag"] + "#" + e["attrs"].get("id", "") for e in self.stack]}
        self.elements.append(el)
        if tag not in ("meta", "br", "img", "input", "link", "circle", "rect",
                       "line", "path", "polyline"):
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1]["tag"] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for el in self.stack:
            el["text"] += data


def fail(msg):
    print("check_html: FAIL: " + msg)
    sys.exit(1)


def load(path):
    dom = Dom()
    with open(path, encoding="utf-8") as f:
        dom.feed(f.read())
    html = [e for e in dom.elements if e["tag"] == "html"]
    if not html or html[0]["attrs"].get("data-ready") != "1":
        fail("the page's script did not finish (no data-ready on <html>)")
    errors = [e for e in dom.elements if e["attrs"].get("id") == "script-error"]
    if errors:
        fail("script error: " + errors[0]["text"])
    return dom


def classes(el):
    return el["attrs"].get("class", "").split()


def flatten(obj, prefix=""):
    out = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.update(flatten(v, prefix + ("." if prefix else "") + k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.update(flatten(v, "%s[%d]" % (prefix, i)))
    else:
        out[prefix] = obj
    return out


def check_report(dom, plan_dir, n_marks=None):
    with open(plan_dir + "/schools.csv", encoding="utf-8") as f:
        schools = list(csv.DictReader(f))
    with open(plan_dir + "/summary.json", encoding="utf-8") as f:
        summary = flatten(json.load(f))
    marks = [e for e in dom.elements if e["tag"] == "circle"
             and "school" in classes(e) and "svg#map" in e["parents"]]
    want = len(schools) if n_marks is None else n_marks
    if len(marks) != want:
        fail("map has %d school marks, expected %d (schools.csv: %d rows)"
             % (len(marks), want, len(schools)))
    ids = [m["attrs"].get("data-id", "") for m in marks]
    if len(set(ids)) != len(ids) or not set(ids) <= {s["school"]
                                                   for s in schools}:
        fail("map marks are not distinct schools of schools.csv")
    for m in marks:
        if m["attrs"]["data-id"] not in m["attrs"].get("data-tip", ""):
            fail("mark %s has no hover text naming it" % m["attrs"]["data-id"])
    figs = [e for e in dom.elements if "fig" in classes(e)]
    seen = set()
    for e in figs:
        key = e["attrs"].get("data-key", "")
        val = e["attrs"].get("data-value")
        if key.startswith("derived."):
            continue
        if key not in summary:
            fail("figure %s is not in summary.json" % key)
        want = summary[key]
        if val is None or abs(float(val) - want) > 1e-9 * max(1, abs(want)):
            fail("figure %s shows %s, summary.json has %s" % (key, val, want))
        shown = re.sub(r"[^0-9.\-]", "", e["text"])
        if not shown:
            fail("figure %s has no text" % key)
        dec = len(shown.split(".")[1]) if "." in shown else 0
        scale = 1.0
        if key.startswith("cost."):  # money: millions (en) or 10,000 (zh)
            lang = [x for x in dom.elements if x["tag"] == "html"][0]
            scale = 1e4 if lang["attrs"].get("lang", "").startswith("zh") \
                else 1e6
        if abs(float(shown) - want / scale) > 0.51 * 10 ** -dec:
            fail("figure %s reads %s, summary.json has %s" % (key, shown, want))
        seen.add(key)
    need = {"students", "classes_over_hard_cap.before",
            "classes_over_hard_cap.after", "classes_over_standard.before",
            "classes_over_standard.after", "schools_closed", "schools_opened",
            "classrooms_added", "cost.total", "mean_km", "max_km",
            "students_diverted"}
    if "teachers.posts_needed" in summary:
        need |= {"teachers.posts_needed", "teachers.walking_teachers"}
    if need - seen:
        fail("headline figures missing: " + ", ".join(sorted(need - seen)))
    rows = [e for e in dom.elements if e["tag"] == "tr"
            and "table#school-table" in e["parents"]]
    if len(rows) != len(schools) + 1:
        fail("school table has %d rows for %d schools"
             % (len(rows) - 1, len(schools)))
    print("check_html: report ok: %d school marks, %d figures equal to "
          "summary.json" % (len(marks), len(seen)))


def check_comparison(dom, n):
    rows = [e for e in dom.elements if e["tag"] == "tr"
            and "scenario" in classes(e)]
    if len(rows) != n:
        fail("comparison table has %d rows, %d scenarios" % (len(rows), n))
    pts = [e for e in dom.elements if e["tag"] == "circle"
           and "pt" in classes(e) and "svg#chart-tradeoff" in e["parents"]]
    if len(pts) != n:
        fail("trade-off chart has %d points for %d scenarios" % (len(pts), n))
    diffs = [e for e in dom.elements if "diff" in classes(e)]
    shown = [d for d in diffs if "none" not in d["attrs"].get("style", "")]
    if n > 1 and (len(diffs) != n - 1 or len(shown) != 1):
        fail("difference tables: %d, shown %d" % (len(diffs), len(shown)))
    print("check_html: comparison ok: %d scenarios, %d trade-off points"
          % (len(rows), len(pts)))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "report":
        check_report(load(sys.argv[2]), sys.argv[3],
                     int(sys.argv[4]) if len(sys.argv) > 4 else None)
    elif len(sys.argv) >= 5 and sys.argv[1] == "comparison":
        check_comparison(load(sys.argv[2]), int(sys.argv[4]))
    else:
        print(__doc__)
        sys.exit(2)


main()
