#!/usr/bin/env bash
# Rendering against the number of targets (issue 16): plans of 100 and 10,000 indicators (COUNTS),
# one target each, two scenarios, 100 draws; times `plancast run --format F` for every format
# (and the terminal table) and prints the ratio of the large time to the small one. Linear work
# gives a ratio near 100; the goal is < 150. Before the fix every renderer looked each target's
# assessment up by scanning all assessments: quadratic.
#
# Usage: Benchmarks/scale/render.sh [SCRATCH_DIR]       Environment: PLANCAST, COUNTS ("100 10000")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/Benchmarks/scale/measure.sh"
OUT="${1:-/tmp/plancast-render}"
COUNTS="${COUNTS:-100 10000}"
PLANCAST="$(plancast_executable "$ROOT")"
mkdir -p "$OUT"
declare -A seconds cpus
for n in $COUNTS; do
  python3 - "$OUT" "$n" <<'PY'
import random, sys
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(n)
with open(f"{out}/data_{n}.csv", "w") as f:
    f.write("series,year,value\n")
    for i in range(n):
        level = rng.uniform(10, 1000)
        for year in range(2012, 2021):
            level *= 1 + rng.gauss(0.04, 0.03)
            f.write(f"x{i},{year},{level:.4f}\n")
with open(f"{out}/plan_{n}.yaml", "w") as f:
    f.write(f"plancast: 1\ntitle: {n} indicators\ndata: data_{n}.csv\nas_of: 2020\nhorizon: 2025\n")
    f.write("simulation: {draws: 100, seed: 1}\nindicators:\n")
    for i in range(n):
        f.write(f"  - id: x{i}\n    series: x{i}\n    model: {{type: exponential}}\n")
        f.write(f"    targets:\n      - {{id: T{i}, kind: level, year: 2025, comparison: at_least, value: {rng.uniform(10, 1500):.1f}, scale_checked: true}}\n")
    f.write("scenarios:\n  baseline: {}\n  slow:\n    adjustments:\n")
    for i in range(0, n, 10):
        f.write(f"      - {{indicator: x{i}, type: growth, from: 2022, change: -2}}\n")
PY
  for format in csv json md html terminal; do
    if [[ $format == terminal ]]; then
      args=(--format csv)            # the table printed on standard output, beside the smallest files
    else
      args=(--format "$format" --quiet)
    fi
    read -r wall peak rc cpu < <(measure /dev/null "$OUT/stderr.txt" "$PLANCAST" run "$OUT/plan_$n.yaml" --out "$OUT/out_${n}_$format" "${args[@]}")
    [[ $rc == 0 ]] || { echo "run failed ($n, $format):"; cat "$OUT/stderr.txt"; exit 1; }
    seconds[$n,$format]=$wall
    cpus[$n,$format]=$cpu
    echo "$n indicators, $format: $wall s ($cpu s CPU), peak $peak MB" >&2
  done
done
set -- $COUNTS
small=$1; large=${!#}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", b / (a > 0.005 ? a : 0.005) }'; }
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| format | $small indicators: wall (s) | CPU (s) | $large indicators: wall (s) | CPU (s) | ratio (wall) | ratio (CPU) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for format in csv json md html terminal; do
  a=${seconds[$small,$format]}; b=${seconds[$large,$format]}; c=${cpus[$small,$format]}; d=${cpus[$large,$format]}
  echo "| $format | $a | $c | $b | $d | $(ratio "$a" "$b") | $(ratio "$c" "$d") |"
done
