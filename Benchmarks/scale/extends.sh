#!/usr/bin/env bash
# Chains of `extends` in a scenario file (issue 16): LINKS scenarios, each extending the one before
# (baseline ← s1 ← s2 ← …), on one indicator; the first link shocks it, the others add nothing, so
# the work that must grow with the chain is linear. Times `plancast validate` and `plancast run`
# (--format csv, 100 draws) per chain length. Before the fix each scenario walked its chain with
# linear lookups: cubic.
#
# Usage: Benchmarks/scale/extends.sh [SCRATCH_DIR]      Environment: PLANCAST, LINKS ("1000 2000 5000")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/Benchmarks/scale/measure.sh"
OUT="${1:-/tmp/plancast-extends}"
LINKS="${LINKS:-1000 2000 5000}"
PLANCAST="$(plancast_executable "$ROOT")"
mkdir -p "$OUT"
printf 'series,year,value\n' > "$OUT/data.csv"
for year in $(seq 2010 2020); do echo "visitors,$year,$((100 + 7 * (year - 2010)))" >> "$OUT/data.csv"; done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| links | validate (s) | run: wall (s) | run: CPU (s) | run peak RSS (MB) | exit |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in $LINKS; do
  plan="$OUT/chain_$n.yaml"
  python3 - "$plan" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("plancast: 1\ntitle: extends chain\ndata: data.csv\nas_of: 2020\nhorizon: 2025\n")
    f.write("simulation: {draws: 100, seed: 1}\nindicators:\n  - id: visitors\n    series: visitors\n    model: {type: linear}\n")
    f.write("    targets:\n      - {id: T1, kind: level, year: 2025, comparison: at_least, value: 150}\n")
    f.write("scenarios:\n  baseline: {}\n")
    f.write("  s1:\n    extends: baseline\n    adjustments:\n      - {indicator: visitors, type: shock, years: [2022], change: -0.2}\n")
    for k in range(2, n + 1):
        f.write(f"  s{k}: {{extends: s{k - 1}}}\n")
PY
  read -r vwall _ vrc _ < <(measure /dev/null /dev/null "$PLANCAST" validate "$plan")
  read -r rwall rpeak rrc rcpu < <(measure /dev/null "$OUT/stderr_$n.txt" "$PLANCAST" run "$plan" --out "$OUT/out_$n" --format csv --quiet)
  echo "| $n | $vwall | $rwall | $rcpu | $rpeak | $vrc/$rrc |"
done
