#!/usr/bin/env bash
# Scale test for `plancast forecast`: 25,000 synthetic annual series of 15–40 points (seeded, so
# every run forecasts the same file), forecast 6 periods ahead with --model auto; prints the wall
# time and the peak memory measured by GNU time (`/usr/bin/time -v`). Targets: < 5 s, < 500 MB.
#
# Usage: Benchmarks/scale.sh [SCRATCH_DIR]          (default /tmp/plancast-scale)
#
# Environment:
#   PLANCAST   the executable (default ./.build/release/plancast; build it with
#              `swift build -c release` first)
#   SERIES     number of series (default 25000), SEED (default 2024), H (default 6)
#   RUNS       timed runs (default 3); the table shows each and the best
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${1:-/tmp/plancast-scale}"
PLANCAST="${PLANCAST:-./.build/release/plancast}"
SERIES="${SERIES:-25000}"
SEED="${SEED:-2024}"
H="${H:-6}"
RUNS="${RUNS:-3}"
mkdir -p "$OUT"
DATA="$OUT/series_${SERIES}_${SEED}.csv"

[[ -x "$PLANCAST" ]] || { echo "scale.sh: $PLANCAST not found; run 'swift build -c release' first or set PLANCAST" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "scale.sh: /usr/bin/time (GNU time) is needed for the peak memory; apt-get install time" >&2; exit 1; }

# ------------------------------------------------------------------ data (seeded, standard library only)
if [[ ! -s "$DATA" ]]; then
  echo "generating $SERIES series (seed $SEED) into $DATA ..." >&2
  python3 - "$DATA" "$SERIES" "$SEED" <<'PY'
import math, random, sys
path, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
with open(path, "w") as out:
    out.write("series_id,t,value\n")
    for k in range(count):
        n = rng.randint(15, 40)
        start = rng.randint(1950, 1990)
        kind = rng.random()
        level = math.exp(rng.uniform(2, 10))          # 7 … 22,000
        growth = rng.gauss(0.03, 0.05)                 # per year
        noise = rng.uniform(0.01, 0.12)
        damp = rng.uniform(0.7, 1.0)
        shift = rng.uniform(-0.5, 0.5) * level if kind > 0.9 else 0.0   # 10%: may cross zero
        rows = []
        for i in range(n):
            if kind < 0.4:            # multiplicative trend with noise
                level *= math.exp(growth + rng.gauss(0, noise))
            elif kind < 0.7:          # random walk with drift
                level += level * (growth * 0.5 + rng.gauss(0, noise))
            else:                     # damped growth (saturating)
                growth *= damp
                level *= math.exp(growth + rng.gauss(0, noise / 2))
            rows.append(f"S{k:05d},{start + i},{level - shift:.6g}\n")
        out.writelines(rows)
PY
fi
ROWS=$(($(wc -l < "$DATA") - 1))
echo "data: $DATA ($ROWS rows, $(du -h "$DATA" | cut -f1))" >&2

# ------------------------------------------------------------------ timed runs
best=""
echo
echo "plancast forecast --model auto on $SERIES series ($ROWS rows), h = $H; $(nproc) cores"
echo
echo "| run | wall (s) | peak memory (MB) | series forecast | exit |"
echo "|---:|---:|---:|---:|---:|"
for run in $(seq 1 "$RUNS"); do
  rm -f "$OUT/forecasts.csv"
  rc=0
  /usr/bin/time -v -o "$OUT/time.txt" "$PLANCAST" forecast --input "$DATA" --horizon "$H" --output "$OUT/forecasts.csv" 2> "$OUT/stderr.txt" || rc=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; printf "%.2f", s}' "$OUT/time.txt")
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$OUT/time.txt")
  made=0
  [[ -s "$OUT/forecasts.csv" ]] && made=$(( ($(wc -l < "$OUT/forecasts.csv") - 1) / H ))
  echo "| $run | $wall | $peak | $made | $rc |"
  if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then best="$wall"; bestpeak="$peak"; fi
done
echo
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN{print (v < lim) ? "meets" : "MISSES"}'; }
echo "best: ${best} s ($(verdict "$best" 5) the 5 s target), peak ${bestpeak} MB ($(verdict "$bestpeak" 500) the 500 MB target)"
if [[ -s "$OUT/stderr.txt" ]]; then echo; echo "stderr of the last run:"; cat "$OUT/stderr.txt"; fi
