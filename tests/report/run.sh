#!/usr/bin/env bash
# tests/report/run.sh - the report outputs as their users meet them
# (`make test-report`; needs Debian's chromium, gdal-bin, python3-openpyxl):
#  - report.html of the demo plan rendered by headless Chromium: the DOM
#    after the scripts ran holds one map mark per school, the headline
#    figures of summary.json and no script error; a screenshot is taken;
#  - ogrinfo reads the three GeoJSON layers: feature counts, geometry
#    types, an extent in the Yuncheng area (longitude first);
#  - openpyxl reads plan.xlsx: the schools sheet equals schools.csv;
#  - `schoolnet report` rebuilds every output byte for byte;
#  - ids beginning with = + - @ and a hostile school name: text cells, an
#    escaped page;
#  - comparison.html of a small --vary batch and timeline.html of a
#    two-year plan in the browser.
# Every plan made here passes `schoolnet check`.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-build/schoolnet}
PY=${PYTHON:-/usr/bin/python3}   # Debian's python, where python3-openpyxl is
CHROMIUM=${CHROMIUM:-chromium}
T=$(mktemp -d /tmp/sn-report-test.XXXXXX)
trap 'rm -rf "$T"' EXIT

step() { printf '== %s\n' "$*"; }
die() { printf 'test-report: FAIL: %s\n' "$*" >&2; exit 1; }

browser() { # browser PAGE DOM_OUT [PNG_OUT]
  local profile
  profile=$(mktemp -d "$T/chrome.XXXXXX")
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic
               --no-first-run --disable-background-networking
               --disable-component-update --disable-sync
               --user-data-dir="$profile" --hide-scrollbars)
  timeout 180 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$1" \
    >"$2" 2>"$T/chrome.log" || { tail -5 "$T/chrome.log"; die "chromium on $1"; }
  [ -s "$2" ] || die "empty DOM of $1"
  if [ $# -ge 3 ]; then
    timeout 180 "$CHROMIUM" "${flags[@]}" --window-size=1280,2400 \
      --screenshot="$3" "file://$1" >/dev/null 2>>"$T/chrome.log" \
      || die "screenshot of $1"
    [ "$(head -c 8 "$3" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
      || die "$3 is not a PNG"
    [ "$(stat -c %s "$3")" -gt 50000 ] || die "$3 is suspiciously small"
  fi
}

plan_and_check() { # plan_and_check INI OUT [plan options]; exit 0 or 1 ok
  local ini=$1 out=$2 rc=0
  shift 2
  "$BIN" plan "$ini" -o "$out" -q "$@" || rc=$?
  [ "$rc" -le 1 ] || die "plan $ini exited $rc"
  "$BIN" check "$ini" "$out" >/dev/null || die "check $ini $out"
}

# --- the demo county ---------------------------------------------------------
DEMO=scenarios/demo-county/scenario-2020.ini
step "plan the demo county"
plan_and_check "$DEMO" "$T/demo" --time-limit 20
for f in report.html plan.xlsx schools.geojson zones.geojson flows.geojson; do
  [ -s "$T/demo/$f" ] || die "plan wrote no $f"
done

step "report.html in headless Chromium"
browser "$T/demo/report.html" "$T/demo.dom.html" "$T/demo.png"
"$PY" tests/report/check_html.py report "$T/demo.dom.html" "$T/demo"

step "GeoJSON layers through ogrinfo"
layer() { # layer FILE GEOMETRY COUNT
  local info
  info=$(ogrinfo -ro -so -al "$1") || die "ogrinfo cannot read $1"
  grep -q "^Geometry: $2\$" <<<"$info" || die "$1: geometry is not $2"
  grep -q "^Feature Count: $3\$" <<<"$info" \
    || die "$1: $(grep '^Feature Count' <<<"$info"), expected $3"
  # Yuncheng: longitude 110-112.5 E, latitude 34.5-36 N, in that order
  local ext
  ext=$(grep '^Extent:' <<<"$info" | tr -d '()(,-' | awk '{print $2, $3, $4, $5}')
  awk -v e="$ext" 'BEGIN { split(e, v, " ");
    exit !(v[1] >= 110 && v[3] <= 112.5 && v[2] >= 34.5 && v[4] <= 36) }' \
    || die "$1: extent $ext is not in the Yuncheng area (lon, lat)"
  echo "  $1: $3 x $2"
}
rows() { echo $(( $(wc -l <"$1") - 1 )); }
layer "$T/demo/schools.geojson" Point "$(rows "$T/demo/schools.csv")"
layer "$T/demo/zones.geojson" Point "$(rows scenarios/demo-county/data/zones.csv)"
layer "$T/demo/flows.geojson" "Line String" "$(rows "$T/demo/assignments.csv")"

step "plan.xlsx through openpyxl"
"$PY" tests/report/check_xlsx.py "$T/demo"

step "schoolnet report rebuilds the same bytes"
cp -a "$T/demo" "$T/again"     # with its .schoolnet marker: a plan folder
rm "$T/again"/*.geojson "$T/again/report.html" "$T/again/plan.xlsx"
"$BIN" report "$DEMO" "$T/again"
for f in report.html plan.xlsx schools.geojson zones.geojson flows.geojson; do
  cmp -s "$T/demo/$f" "$T/again/$f" || die "$f differs after report"
done

# --- ids that look like formulas, a hostile name (the tiny set) ---------------
step "formula-looking ids and a hostile name"
mkdir -p "$T/evil"
for f in tests/data/tiny/*.csv tests/data/tiny/scenario.ini; do
  sed -e 's/LY-P1/=1+LY-P1/g' -e 's/LY-J1/+LY-J1/g' -e 's/WR-P1/@WR-P1/g' \
      -e 's/LY-P2/-LY-P2/g' \
      -e 's#城关小学#"</script><script>alert(1)</script>城关"#' \
      "$f" >"$T/evil/$(basename "$f")"
done
printf '\n[map]\norigin = 35.14,110.58\n' >>"$T/evil/scenario.ini"
plan_and_check "$T/evil/scenario.ini" "$T/evil/plan" --heuristic-only
"$PY" tests/report/check_xlsx.py "$T/evil/plan" "=1+LY-P1" "+LY-J1" \
  "@WR-P1" "-LY-P2"
grep -q '<script>alert' "$T/evil/plan/report.html" && die "name not escaped"
# the hostile name in the layers: still valid GeoJSON (WR-N1 and WR-Z2 have
# no coordinates: 6 schools, 4 zones)
layer "$T/evil/plan/schools.geojson" Point 6
layer "$T/evil/plan/zones.geojson" Point 4
browser "$T/evil/plan/report.html" "$T/evil.dom.html"
# WR-N1 has no coordinates: 6 marks for 7 schools
"$PY" tests/report/check_html.py report "$T/evil.dom.html" "$T/evil/plan" 6

# --- a batch and a multi-year plan -------------------------------------------
step "comparison.html of a --vary batch"
rc=0
"$BIN" batch tests/data/tiny/scenario.ini -o "$T/batch" -q --heuristic-only \
  --vary classes.hard_cap=50,56,66 || rc=$?
[ "$rc" -le 1 ] || die "batch exited $rc"
for v in 50 56 66; do
  d="$T/batch/tiny-classes.hard_cap-$v"
  "$BIN" check "$d/scenario.ini" "$d" >/dev/null || die "check $d"
done
browser "$T/batch/comparison.html" "$T/batch.dom.html" "$T/batch.png"
"$PY" tests/report/check_html.py comparison "$T/batch.dom.html" "$T/batch" 3

step "timeline.html of plan --years"
rc=0
"$BIN" plan "$T/evil/scenario.ini" -o "$T/years" --years 2020-2021 -q \
  --heuristic-only || rc=$?
[ "$rc" -le 1 ] || die "plan --years exited $rc"
for y in 2020 2021; do
  "$BIN" check "$T/evil/scenario.ini" "$T/years/$y" >/dev/null \
    || die "check year $y"
done
browser "$T/years/timeline.html" "$T/years.dom.html"
grep -q 'id="script-error"' "$T/years.dom.html" && die "timeline: script error"
grep -q 'data-ready="1"' "$T/years.dom.html" || die "timeline: script not run"
grep -q 'id="chart-over"' "$T/years.dom.html" || die "timeline: no chart"

if [ -n "${SCREENSHOT_DIR:-}" ]; then
  cp "$T/demo.png" "$SCREENSHOT_DIR/report.png"
  cp "$T/batch.png" "$SCREENSHOT_DIR/comparison.png"
fi
step "test-report: all passed"
