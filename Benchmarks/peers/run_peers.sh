#!/usr/bin/env bash
# Run the M3-yearly peer benchmark: R forecast (ets, thetaf), StatsForecast (AutoETS,
# AutoTheta), the Naive2 reference and, if PLANCAST_CMD is set, plancast; score each
# with Benchmarks/score.py and print a markdown table.
#
# Usage: Benchmarks/peers/run_peers.sh [SCRATCH_DIR]      (default /tmp/plancast-peers)
#
# Environment:
#   PLANCAST_CMD  optional shell command run as "plancast"; `{out}` in it is replaced by
#                 the forecast file it must write (SCRATCH_DIR/plancast.csv), e.g.
#                 PLANCAST_CMD="./.build/release/plancast forecast --input Tests/Data/m3/yearly_train.csv --horizon 6 --model auto --output {out}"
#                 Run from the repository root. Unset: the plancast row is skipped.
#   PLANCAST_NAME label of that row (default "plancast")
#   TRAIN, TEST   data (default Tests/Data/m3/yearly_train.csv / yearly_test.csv), H (default 6)
#   SKIP_INSTALL=1  do not try to install R / forecast / statsforecast
#   SF_N_JOBS     StatsForecast n_jobs (default 1)
#
# Each method is timed as a whole process (interpreter start, package load, reading the
# CSV, fitting, writing the forecasts) with `date +%s.%N` around it, one at a time.
# Each peer model runs in its own process, so every row has its own time. The ratio
# column is time / fastest of the four peer rows (Naive2 is not a peer).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="${1:-/tmp/plancast-peers}"
TRAIN="${TRAIN:-Tests/Data/m3/yearly_train.csv}"
TEST="${TEST:-Tests/Data/m3/yearly_test.csv}"
H="${H:-6}"
export SF_N_JOBS="${SF_N_JOBS:-1}"
mkdir -p "$OUT"
LOG="$OUT/run.log"
: > "$LOG"

say() { echo "$*" >&2; }

# ---------------------------------------------------------------- install what is missing
if [[ "${SKIP_INSTALL:-0}" != 1 ]]; then
  if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'suppressPackageStartupMessages(library(forecast))' >/dev/null 2>&1; then
    say "installing r-base-core r-cran-forecast (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y r-base-core r-cran-forecast >>"$LOG" 2>&1 || {
      apt-get update >>"$LOG" 2>&1
      apt-get install -y r-base-core r-cran-forecast >>"$LOG" 2>&1
    }
  fi
  if ! python3 -c 'import numpy, pandas, statsforecast' >/dev/null 2>&1; then
    say "installing statsforecast (pip)..."
    python3 -m pip install statsforecast numpy >>"$LOG" 2>&1
  fi
fi

R_VER="$(Rscript -e 'cat(R.version$major, ".", R.version$minor, sep="")' 2>/dev/null || echo '?')"
FC_VER="$(Rscript -e 'cat(as.character(packageVersion("forecast")))' 2>/dev/null || echo '?')"
SF_VER="$(python3 -c 'import statsforecast; print(statsforecast.__version__)' 2>/dev/null || echo '?')"
PY_VER="$(python3 -c 'import platform; print(platform.python_version())')"

# ---------------------------------------------------------------- timing + scoring
declare -a NAMES=() FILES=() TIMES=() KINDS=() FAILED=() SCOREFAILED=()

# run_timed NAME KIND FILE CMD...   (KIND: peer | ref | plancast)
run_timed() {
  local name="$1" kind="$2" file="$3"; shift 3
  rm -f "$file"
  say "running $name ..."
  local s e rc=0
  s=$(date +%s.%N)
  "$@" >>"$LOG" 2>&1 || rc=$?
  e=$(date +%s.%N)
  if [[ $rc -ne 0 ]]; then
    say "  $name FAILED (exit $rc), see $LOG"; tail -n 20 "$LOG" >&2
    FAILED+=("$name (exit $rc)")
    return 0
  fi
  local t; t=$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.2f", e-s}')
  say "  $name: ${t}s"
  NAMES+=("$name"); KINDS+=("$kind"); FILES+=("$file"); TIMES+=("$t")
}

run_timed "R forecast::ets"    peer "$OUT/r_ets.csv"    Rscript Benchmarks/peers/r_forecast.R "$TRAIN" "$OUT" ets "$H"
run_timed "R forecast::thetaf" peer "$OUT/r_thetaf.csv" Rscript Benchmarks/peers/r_forecast.R "$TRAIN" "$OUT" thetaf "$H"
run_timed "StatsForecast AutoETS"   peer "$OUT/sf_autoets.csv"   python3 Benchmarks/peers/statsforecast_m3.py "$TRAIN" "$OUT" autoets "$H"
run_timed "StatsForecast AutoTheta" peer "$OUT/sf_autotheta.csv" python3 Benchmarks/peers/statsforecast_m3.py "$TRAIN" "$OUT" autotheta "$H"
run_timed "Naive2 (reference)" ref "$OUT/naive2.csv" python3 Benchmarks/peers/naive2.py "$TRAIN" "$OUT/naive2.csv" "$H"

if [[ -n "${PLANCAST_CMD:-}" ]]; then
  PC_OUT="$OUT/plancast.csv"
  PC_CMD="${PLANCAST_CMD//\{out\}/$PC_OUT}"
  say "plancast command: $PC_CMD"
  run_timed "${PLANCAST_NAME:-plancast}" plancast "$PC_OUT" bash -c "$PC_CMD"
else
  say "PLANCAST_CMD not set: plancast row skipped"
fi

# fastest peer
FASTEST=""
for i in "${!NAMES[@]}"; do
  [[ "${KINDS[$i]}" == peer ]] || continue
  if [[ -z "$FASTEST" ]] || awk -v a="${TIMES[$i]}" -v b="$FASTEST" 'BEGIN{exit !(a<b)}'; then
    FASTEST="${TIMES[$i]}"
  fi
done

SCORES="$OUT/scores.tsv"
printf 'method\tsMAPE\tMASE\tOWA\tcov80\tcov95\tMSIS\ttime_s\n' > "$SCORES"
echo
echo "M3 yearly, 645 series, h=$H. R $R_VER, forecast $FC_VER; Python $PY_VER, statsforecast $SF_VER (n_jobs=$SF_N_JOBS); $(nproc) cores."
echo
echo "| method | sMAPE | OWA | 80% cov | 95% cov | MSIS | time (s) | time / fastest peer |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for i in "${!NAMES[@]}"; do
  row=$(python3 Benchmarks/score.py --train "$TRAIN" --test "$TEST" --forecasts "${FILES[$i]}" --name "${NAMES[$i]}" 2>>"$LOG") || {
    echo "| ${NAMES[$i]} | scoring failed: $(tail -n 1 "$LOG") | | | | | ${TIMES[$i]} | |"
    SCOREFAILED+=("${NAMES[$i]}"); continue; }
  printf '%s\t%s\n' "$row" "${TIMES[$i]}" >> "$SCORES"
  ratio="-"
  [[ -n "$FASTEST" ]] && ratio=$(awk -v a="${TIMES[$i]}" -v b="$FASTEST" 'BEGIN{printf "%.2f", a/b}')
  IFS=$'\t' read -r n smape mase owa c80 c95 msis <<< "$row"
  echo "| $n | $smape | $owa | $c80 | $c95 | $msis | ${TIMES[$i]} | $ratio |"
done
for f in ${FAILED[@]+"${FAILED[@]}"}; do
  echo "| $f | run failed, see $LOG | | | | | | |"
done
echo
say "forecasts, scores.tsv and run.log in $OUT"
[[ ${#FAILED[@]} -eq 0 && ${#SCOREFAILED[@]} -eq 0 ]] || { say "failed: ${FAILED[*]-} ${SCOREFAILED[*]-}"; exit 1; }
