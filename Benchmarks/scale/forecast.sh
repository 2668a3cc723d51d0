#!/usr/bin/env bash
# `plancast forecast` at scale (issue 16): SERIES synthetic annual series of 15–25 points (default
# 1,000,000, about 20 M rows; seeded, so every run reads the same file), forecast H = 6 periods with
# --model auto, output to a file. Prints series per second and the peak memory (GNU time), and checks
# that the output is complete and in input order. Goals: peak ≤ 300 MB, ≥ 40,000 series/s on 2 cores.
#
# Usage: Benchmarks/scale/forecast.sh [SCRATCH_DIR]     (default /tmp/plancast-scale)
# Environment: PLANCAST (default .build/release/plancast), SERIES, SEED (2024), H (6), RUNS (1)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/Benchmarks/scale/measure.sh"
OUT="${1:-/tmp/plancast-scale}"
SERIES="${SERIES:-1000000}"; SEED="${SEED:-2024}"; H="${H:-6}"; RUNS="${RUNS:-1}"
PLANCAST="$(plancast_executable "$ROOT")"
mkdir -p "$OUT"
DATA="$OUT/long_${SERIES}_${SEED}.csv"
if [[ ! -s "$DATA" ]]; then
  echo "generating $SERIES series (seed $SEED) into $DATA ..." >&2
  python3 - "$DATA" "$SERIES" "$SEED" <<'PY'
import math, random, sys
path, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
with open(path, "w") as out:
    out.write("series_id,t,value\n")
    rows = []
    for k in range(count):
        n = rng.randint(15, 25)
        start = rng.randint(1960, 2000)
        level = math.exp(rng.uniform(2, 10))
        growth = rng.gauss(0.03, 0.05)
        noise = rng.uniform(0.01, 0.12)
        ident = f"S{k:07d}"
        for i in range(n):
            level *= math.exp(growth + rng.gauss(0, noise))
            rows.append(f"{ident},{start + i},{level:.6g}\n")
        if len(rows) > 200000:
            out.writelines(rows); rows = []
    out.writelines(rows)
PY
fi
ROWS=$(($(wc -l < "$DATA") - 1))
echo "plancast forecast --model auto on $SERIES series; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(rows:  $ROWS, $(du -h "$DATA" | cut -f1)), h = $H; $(nproc) cores)"
echo
echo "| run | wall (s) | series/s | CPU (s) | series per CPU-second | peak RSS (MB) | exit | output complete and in order |"
echo "|---:|---:|---:|---:|---:|---:|---:|---|"
for run in $(seq 1 "$RUNS"); do
  rm -f "$OUT/forecasts.csv"
  read -r wall peak rc cpu < <(measure /dev/null "$OUT/stderr.txt" "$PLANCAST" forecast --input "$DATA" --horizon "$H" --output "$OUT/forecasts.csv")
  # Complete: H rows per series forecast; in order: series ids ascending, each in one block.
  check=$(awk -F, -v h="$H" 'NR == 1 { next }
    { if ($1 != last) { if ($1 <= last && last != "") bad = 1; if (count[last] % h) bad = 1; last = $1; series++ } count[$1]++ }
    END { printf "%d series, %s", series, bad ? "NOT in order" : "in order" }' "$OUT/forecasts.csv")
  rate=$(awk -v s="$SERIES" -v w="$wall" 'BEGIN { printf "%.0f", s / w }')
  per_cpu=$(awk -v s="$SERIES" -v c="$cpu" 'BEGIN { printf "%.0f", s / c }')
  echo "| $run | $wall | $rate | $cpu | $per_cpu | $peak | $rc | $check |"
done
if [[ -s "$OUT/stderr.txt" ]]; then echo; echo "stderr of the last run:"; head -5 "$OUT/stderr.txt"; fi
