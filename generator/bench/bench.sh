#!/usr/bin/env bash
# Builds synthetic campaigns of 1k, 10k and 50k projects and prints wall
# time, CPU time and peak memory of each full build (/usr/bin/time -v).
#
# Per performance-notes.md, every build writes into a never-used
# directory and the directories are deleted only after all timings
# (deleting many files slows the creations that follow for minutes).
#   generator/bench/bench.sh [sizes...]     default: 1000 10000 50000
#   BENCH_DIR=/path RUNS=3 generator/bench/bench.sh 10000
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-1000 10000 50000}")
[ $# -eq 0 ] && sizes=(1000 10000 50000)
runs=${RUNS:-3}
dir=${BENCH_DIR:-$(mktemp -d /tmp/gongjian-bench.XXXXXX)}
mkdir -p "$dir"
bin="$dir/gongjian"
go build -o "$bin" ./generator

printf '%-9s %-4s %10s %10s %10s %12s\n' projects run wall_s user_s sys_s peak_MB
for n in "${sizes[@]}"; do
  regions=$(( n / 100 )); [ "$regions" -lt 20 ] && regions=20
  depts=40; [ "$n" -lt 10000 ] && depts=12
  src="$dir/site-$n"
  [ -f "$src/site.toml" ] || "$bin" synth --projects "$n" --regions "$regions" --departments "$depts" --out "$src" >/dev/null
  for r in $(seq 1 "$runs"); do
    out="$dir/out-$n-$r"
    /usr/bin/time -v "$bin" build --source "$src" --layouts layouts --out "$out" >/dev/null 2>"$dir/time-$n-$r.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time-$n-$r.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    user=$(awk -F': ' '/User time/ {print $2}' "$dir/time-$n-$r.txt")
    sys=$(awk -F': ' '/System time/ {print $2}' "$dir/time-$n-$r.txt")
    peak=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$dir/time-$n-$r.txt")
    printf '%-9s %-4s %10s %10s %10s %12s\n' "$n" "$r" "$wall" "$user" "$sys" "$peak"
  done
done
[ -n "${BENCH_DIR:-}" ] || rm -rf "$dir"
