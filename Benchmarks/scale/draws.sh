#!/usr/bin/env bash
# Simulated paths against memory (issue 16): `plancast run Scenarios/langson-2025.yaml --draws N`
# for each N in DRAWS; prints the time and the peak memory. The documented maximum of --draws is
# the largest that stays within 500 MB here.
#
# Usage: Benchmarks/scale/draws.sh [SCRATCH_DIR]   Environment: PLANCAST, DRAWS ("100000 1000000")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/Benchmarks/scale/measure.sh"
OUT="${1:-/tmp/plancast-draws}"
DRAWS="${DRAWS:-100000 1000000}"
PLANCAST="$(plancast_executable "$ROOT")"
mkdir -p "$OUT"
echo "| draws | wall (s) | CPU (s) | peak RSS (MB) | exit |"
echo "|---:|---:|---:|---:|---:|"
for n in $DRAWS; do
  read -r wall peak rc cpu < <(measure /dev/null "$OUT/stderr.txt" "$PLANCAST" run "$ROOT/Scenarios/langson-2025.yaml" --out "$OUT/out_$n" --draws "$n" --quiet)
  echo "| $n | $wall | $cpu | $peak | $rc |"
  [[ $rc == 0 ]] || head -3 "$OUT/stderr.txt"
done
