# alloc_lib.sh - shared by the allocation benchmarks (bench/alloc*.sh):
# sourced, never run.  Every row a script prints comes from a plan that
# `schoolnet check` passed; a failed check prints CHECK-FAILED instead of
# the numbers.

BIN=${BIN:-build/schoolnet}

# "date, machine, load, commit" for the head of a table.
bench_header() {
    local cpu
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
    printf '%s, nproc %s, %s, load average %s, commit %s\n' \
        "$(date -u +%Y-%m-%d)" "$(nproc)" "$cpu" \
        "$(cut -d' ' -f1 /proc/loadavg)" \
        "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

# json FILE EXPR: a value of a JSON file (python3 expression on `s`).
json() {
    python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print($2)" "$1"
}

# plan_checked SCENARIO OUT ARGS...: plans, checks; prints the wall seconds
# of the plan command, or CHECK-FAILED.
plan_checked() {
    local scen=$1 out=$2
    shift 2
    rm -rf "$out"
    local t0 t1
    t0=$(date +%s.%N)
    "$BIN" plan "$scen" -o "$out" -q "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    if ! "$BIN" check "$scen" "$out" >/dev/null 2>&1; then
        echo CHECK-FAILED
        return
    fi
    python3 -c "print('%.1f' % ($t1 - $t0))"
}

# level_cell SUMMARY LEVEL: "value / bound (gap)" of one level.
level_cell() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
k = sys.argv[2]
v, b = s['objective'][k], s['bound'][k]
if b is None:
    print('%.6g / - (-)' % v)
else:
    print('%.6g / %.6g (%.2f%%)' % (v, b, 100 * (v - b) / max(abs(v), 1)))
EOF
}

# The cost level's place in the scenario's order (1-based), what export
# --level takes.
cost_position_of() {
    local order
    order=$(sed -n 's/^order[[:space:]]*=[[:space:]]*//p' "$1" | head -1)
    [ -n "$order" ] ||
        order="unplaced over_hard_cap cost over_standard diverted student_km"
    echo "$order" | tr ',' ' ' | tr -s ' ' '\n' | grep -n '^cost$' |
        cut -d: -f1
}

# export_cost SCENARIO MPS ARGS...: the cost level's model after the
# levels before it (solved as `plan` solves them); prints the objective
# constant the file leaves out.
export_cost() {
    local scen=$1 mps=$2 pos
    shift 2
    pos=$(cost_position_of "$scen")
    "$BIN" export "$scen" --level "$pos" --mps "$mps" "$@" 2>/dev/null |
        sed -n 's/.*objective constant \([0-9.e+-]*\).*/\1/p'
}

# glpsol_on MPS SECONDS CONSTANT: "best / bound" of glpsol, the constant
# added back.
glpsol_on() {
    { timeout $(( $2 + 60 )) glpsol --freemps "$1" --tmlim "$2" \
        --mipgap 0.0001 2>&1 || true; } | python3 -c '
import re, sys
c = float(sys.argv[1])
t = sys.stdin.read()
rows = re.findall(r"mip =\s+(not found yet|\S+)\s+>=\s+(tree is empty|\S+)", t)
if "OPTIMAL LP SOLUTION" not in t and not rows:
    print("LP not solved")
elif not rows or rows[-1][0].startswith("not"):
    print("no integer solution")
else:
    best, b = rows[-1]
    best = "%.6g" % (float(best) + c)
    if "INTEGER OPTIMAL" in t or b.startswith("tree"):
        b = best
    else:
        try:
            b = "%.6g" % (float(b) + c)
        except ValueError:
            b = "-"
    print("%s / %s" % (best, b))' "$3"
}

# cbc_on MPS SECONDS CONSTANT: "best / bound" of CBC.
cbc_on() {
    { timeout $(( $2 + 60 )) cbc "$1" sec "$2" ratio 0.0001 solve 2>&1 ||
        true; } | python3 -c '
import re, sys
c = float(sys.argv[1])
t = sys.stdin.read()
best = re.findall(r"Objective value:\s+(\S+)", t)
bound = re.findall(r"Lower bound:\s+(\S+)", t)
if best and "No feasible" not in t and "infeasible" not in t.lower():
    b = "%.6g" % (float(best[-1]) + c)
else:
    b = "no integer solution"
if bound:
    lb = "%.6g" % (float(bound[-1]) + c)
elif "Optimal solution found" in t:
    lb = b
else:
    lb = "-"
print("%s / %s" % (b, lb))' "$3"
}
