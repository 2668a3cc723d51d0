#!/usr/bin/env bash
# Run the annual peer benchmark on M3 yearly and M1 yearly: R forecast (ets, thetaf),
# StatsForecast (AutoETS, AutoTheta), the Naive2 reference and, if PLANCAST or PLANCAST_CMD
# is set, plancast; score each with Benchmarks/score.py and print one markdown table per data set.
#
# Usage: Benchmarks/peers/run_peers.sh [SCRATCH_DIR]      (default /tmp/plancast-peers)
#
# Environment:
#   PLANCAST      path of a plancast binary, e.g. ./.build/release/plancast; it is run as
#                 `$PLANCAST forecast --input TRAIN --horizon H --model auto --output OUT`.
#   PLANCAST_CMD  or a shell command run as "plancast"; `{train}` in it is replaced by the data
#                 set's training file and `{out}` by the forecast file it must write, e.g.
#                 PLANCAST_CMD="./.build/release/plancast forecast --input {train} --horizon 6 --output {out}"
#                 (without `{train}` the command is used for every data set as it is).
#                 Run from the repository root. Neither set: the plancast row is skipped.
#   PLANCAST_NAME label of that row (default "plancast")
#   DATASETS      which data sets (default "m3 m1"): m3 = Tests/Data/m3/yearly_*.csv (645 series),
#                 m1 = Tests/Data/m1/m1_yearly_*.csv (181 series); H (default 6)
#   TRAIN, TEST   with DATASETS=custom: any other pair of files
#   SKIP_INSTALL=1  do not try to install R / forecast / statsforecast
#   SF_N_JOBS     StatsForecast n_jobs (default 1)
#
# Each method is timed as a whole process (interpreter start, package load, reading the
# CSV, fitting, writing the forecasts) with `date +%s.%N` around it, one at a time.
# Each peer model runs in its own process, so every row has its own time. The ratio
# column is time / fastest of the peer rows that ran (Naive2 is not a peer). A peer whose
# interpreter or package is missing (e.g. no Rscript) gets a "not run" row: its figures are
# never taken from another run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="${1:-/tmp/plancast-peers}"
DATASETS="${DATASETS:-m3 m1}"
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
    } || say "could not install R; its rows will say 'not run'"
  fi
  if ! python3 -c 'import numpy, pandas, statsforecast' >/dev/null 2>&1; then
    say "installing statsforecast (pip)..."
    python3 -m pip install statsforecast numpy >>"$LOG" 2>&1 || say "could not install statsforecast"
  fi
fi

HAVE_R=0
command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressPackageStartupMessages(library(forecast))' >/dev/null 2>&1 && HAVE_R=1
HAVE_SF=0
python3 -c 'import numpy, pandas, statsforecast' >/dev/null 2>&1 && HAVE_SF=1
R_VER="not installed"; FC_VER="-"
if [[ $HAVE_R == 1 ]]; then
  R_VER="$(Rscript -e 'cat(R.version$major, ".", R.version$minor, sep="")' 2>/dev/null || echo '?')"
  FC_VER="$(Rscript -e 'cat(as.character(packageVersion("forecast")))' 2>/dev/null || echo '?')"
fi
SF_VER="$( [[ $HAVE_SF == 1 ]] && python3 -c 'import statsforecast; print(statsforecast.__version__)' 2>/dev/null || echo 'not installed')"
PY_VER="$(python3 -c 'import platform; print(platform.python_version())')"

ANY_FAILED=0

# run_dataset LABEL TRAIN TEST DIR
run_dataset() {
  local label="$1" train="$2" test="$3" dir="$4"
  mkdir -p "$dir"
  local -a NAMES=() FILES=() TIMES=() KINDS=() FAILED=() SKIPPED=()

  # run_timed NAME KIND FILE CMD...   (KIND: peer | ref | plancast)
  run_timed() {
    local name="$1" kind="$2" file="$3"; shift 3
    rm -f "$file"
    say "[$label] running $name ..."
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

  if [[ $HAVE_R == 1 ]]; then
    run_timed "R forecast::ets"    peer "$dir/r_ets.csv"    Rscript Benchmarks/peers/r_forecast.R "$train" "$dir" ets "$H"
    run_timed "R forecast::thetaf" peer "$dir/r_thetaf.csv" Rscript Benchmarks/peers/r_forecast.R "$train" "$dir" thetaf "$H"
  else
    SKIPPED+=("R forecast::ets" "R forecast::thetaf")
  fi
  if [[ $HAVE_SF == 1 ]]; then
    run_timed "StatsForecast AutoETS"   peer "$dir/sf_autoets.csv"   python3 Benchmarks/peers/statsforecast_m3.py "$train" "$dir" autoets "$H"
    run_timed "StatsForecast AutoTheta" peer "$dir/sf_autotheta.csv" python3 Benchmarks/peers/statsforecast_m3.py "$train" "$dir" autotheta "$H"
  else
    SKIPPED+=("StatsForecast AutoETS" "StatsForecast AutoTheta")
  fi
  run_timed "Naive2 (reference)" ref "$dir/naive2.csv" python3 Benchmarks/peers/naive2.py "$train" "$dir/naive2.csv" "$H"

  local pc_out="$dir/plancast.csv" pc_cmd=""
  if [[ -n "${PLANCAST_CMD:-}" ]]; then
    pc_cmd="${PLANCAST_CMD//\{out\}/$pc_out}"
    pc_cmd="${pc_cmd//\{train\}/$train}"
  elif [[ -n "${PLANCAST:-}" ]]; then
    pc_cmd="$PLANCAST forecast --input $train --horizon $H --model auto --output $pc_out"
  fi
  if [[ -n "$pc_cmd" ]]; then
    say "plancast command: $pc_cmd"
    run_timed "${PLANCAST_NAME:-plancast}" plancast "$pc_out" bash -c "$pc_cmd"
  else
    say "PLANCAST / PLANCAST_CMD not set: plancast row skipped"
  fi

  # fastest peer
  local fastest="" i
  for i in "${!NAMES[@]}"; do
    [[ "${KINDS[$i]}" == peer ]] || continue
    if [[ -z "$fastest" ]] || awk -v a="${TIMES[$i]}" -v b="$fastest" 'BEGIN{exit !(a<b)}'; then
      fastest="${TIMES[$i]}"
    fi
  done

  local scores="$dir/scores.tsv"
  printf 'method\tsMAPE\tMASE\tOWA\tcov80\tcov95\tMSIS\ttime_s\n' > "$scores"
  local nseries; nseries=$(tail -n +2 "$test" | cut -d, -f1 | sort -u | wc -l)
  echo
  echo "$label, $nseries series, h=$H. R $R_VER, forecast $FC_VER; Python $PY_VER, statsforecast $SF_VER (n_jobs=$SF_N_JOBS); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| method | sMAPE | MASE | OWA | 80% cov | 95% cov | MSIS | time (s) | time / fastest peer |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  local row ratio n smape mase owa c80 c95 msis f
  for i in "${!NAMES[@]}"; do
    row=$(python3 Benchmarks/score.py --train "$train" --test "$test" --forecasts "${FILES[$i]}" --name "${NAMES[$i]}" 2>>"$LOG") || {
      echo "| ${NAMES[$i]} | scoring failed: $(tail -n 1 "$LOG") | | | | | | ${TIMES[$i]} | |"
      FAILED+=("${NAMES[$i]} (scoring)"); continue; }
    printf '%s\t%s\n' "$row" "${TIMES[$i]}" >> "$scores"
    ratio="-"
    [[ -n "$fastest" ]] && ratio=$(awk -v a="${TIMES[$i]}" -v b="$fastest" 'BEGIN{printf "%.3f", a/b}')
    IFS=$'\t' read -r n smape mase owa c80 c95 msis <<< "$row"
    echo "| $n | $smape | $mase | $owa | $c80 | $c95 | $msis | ${TIMES[$i]} | $ratio |"
  done
  for f in ${SKIPPED[@]+"${SKIPPED[@]}"}; do
    echo "| $f | not run: not installed | | | | | | | |"
  done
  for f in ${FAILED[@]+"${FAILED[@]}"}; do
    echo "| $f | run failed, see $LOG | | | | | | | |"
  done
  [[ ${#FAILED[@]} -eq 0 ]] || ANY_FAILED=1
}

for ds in $DATASETS; do
  case "$ds" in
    m3) run_dataset "M3 yearly" Tests/Data/m3/yearly_train.csv Tests/Data/m3/yearly_test.csv "$OUT/m3" ;;
    m1) run_dataset "M1 yearly" Tests/Data/m1/m1_yearly_train.csv Tests/Data/m1/m1_yearly_test.csv "$OUT/m1" ;;
    custom) run_dataset "custom" "${TRAIN:?TRAIN must be set}" "${TEST:?TEST must be set}" "$OUT/custom" ;;
    *) say "unknown data set '$ds' (m3, m1 or custom)"; exit 2 ;;
  esac
done
echo
say "forecasts, scores.tsv and run.log in $OUT/<data set>"
[[ $ANY_FAILED == 0 ]] || { say "some methods failed, see the tables"; exit 1; }
