#!/usr/bin/env bash
# Builds synthetic campaigns (default 1k, 10k and 50k projects) and prints,
# for each size, every run's wall time, CPU time and peak memory
# (/usr/bin/time -v), then the medians and the time per project.
#
# Per performance-notes.md, every build writes into a never-used
# directory and the directories are deleted only after all timings
# (deleting many files slows the creations that follow for minutes);
# before each run, sync flushes what earlier runs left to write back,
# and a check (untimed) has read each site's sources once.
#   generator/bench/bench.sh [sizes...]     default: 1000 10000 50000
#   BENCH_DIR=/path RUNS=5 generator/bench/bench.sh 10000
# The sites and builds go in BENCH_DIR (default: a new directory in
# $TMPDIR or /tmp, the disk a build normally writes to).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(1000 10000 50000)
runs=${RUNS:-5}
dir=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/gongjian-bench.XXXXXX")}
mkdir -p "$dir"
bin="$dir/gongjian"
make -s generator/internal/chart/assets/echarts.min.js # the bundle the generator embeds (npm)
go build -o "$bin" ./generator

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

printf '%-9s %-6s %8s %8s %8s %9s\n' projects run wall_s user_s sys_s peak_MB
summary=""
for n in "${sizes[@]}"; do
  regions=$(( n / 100 )); [ "$regions" -lt 20 ] && regions=20
  depts=40; [ "$n" -lt 10000 ] && depts=12
  src="$dir/site-$n"
  [ -f "$src/site.toml" ] || "$bin" synth --projects "$n" --regions "$regions" --departments "$depts" --out "$src" >/dev/null
  # Untimed: read the sources once, as a CI build reads the files its
  # checkout has just written; otherwise the first run alone reads them
  # from the disk.
  "$bin" check --source "$src" --layouts layouts >/dev/null 2>&1 || true
  rows=""
  for r in $(seq 1 "$runs"); do
    out="$dir/out-$n-$r"
    t="$dir/time-$n-$r.txt"
    # Start every run from the same state: the previous run's pages are
    # still being written back to disk, which would be timed here.
    sync
    /usr/bin/time -v "$bin" build --source "$src" --layouts layouts --out "$out" >/dev/null 2>"$t"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$t" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    user=$(awk -F': ' '/User time/ {print $2}' "$t")
    sys=$(awk -F': ' '/System time/ {print $2}' "$t")
    peak=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$t")
    printf '%-9s %-6s %8s %8s %8s %9s\n' "$n" "$r" "$wall" "$user" "$sys" "$peak"
    rows+="$wall $user $sys $peak"$'\n'
  done
  mw=$(printf '%s' "$rows" | awk '{print $1}' | median)
  mu=$(printf '%s' "$rows" | awk '{print $2}' | median)
  ms=$(printf '%s' "$rows" | awk '{print $3}' | median)
  mp=$(printf '%s' "$rows" | awk '{print $4}' | median)
  printf '%-9s %-6s %8s %8s %8s %9s\n' "$n" median "$mw" "$mu" "$ms" "$mp"
  summary+="$n $mw"$'\n'
done
# Time per project between consecutive sizes (linear growth: equal).
printf '%s' "$summary" | awk 'NR>1 {printf "%s -> %s projects: %.0f us per added project\n", pn, $1, ($2-pw)/($1-pn)*1e6} {pn=$1; pw=$2}'
[ -n "${BENCH_DIR:-}" ] || rm -rf "$dir"
