# Shared by the Benchmarks/scale scripts. Source it; needs /usr/bin/time (apt-get install time).

# measure STDOUT_FILE STDERR_FILE COMMAND…: runs COMMAND under GNU time with its output to the two
# files and prints "<wall seconds> <peak RSS in MB> <exit status> <CPU seconds, user + system>"
# (on a shared machine the CPU time is the steadier figure).
measure() {
  local out="$1" err="$2"; shift 2
  local report
  report="$(mktemp)"
  local rc=0
  /usr/bin/time -v -o "$report" "$@" > "$out" 2> "$err" || rc=$?
  local wall peak cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; printf "%.2f", s}' "$report")
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$report")
  cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$report")
  rm -f "$report"
  echo "$wall $peak $rc $cpu"
}

# The release executable, built if missing.
plancast_executable() {
  local root="$1"
  local exe="${PLANCAST:-$root/.build/release/plancast}"
  if [[ ! -x "$exe" ]]; then
    echo "building $exe (swift build -c release --product plancast) ..." >&2
    (cd "$root" && swift build -c release --product plancast >&2)
  fi
  [[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) is needed for the peak memory; apt-get install time" >&2; exit 2; }
  echo "$exe"
}
