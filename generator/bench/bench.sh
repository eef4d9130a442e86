#!/usr/bin/env bash
# Builds synthetic campaigns (default 1k, 10k and 50k projects) and, in the
# same run, Hugo sites of as many plain pages (when hugo is installed), and
# prints every run's wall time, CPU time and peak memory (/usr/bin/time -v),
# then the medians, the time per project and gongjian's time as a share of
# Hugo's.
#
# Per performance-notes.md, every build writes into a never-used
# directory and the directories are deleted only after all timings
# (deleting many files slows the creations that follow for minutes);
# before each run, sync flushes what earlier runs left to write back,
# and an untimed run has read each site's sources once. Gongjian and Hugo
# runs alternate, so that both see the machine in the same state.
#   generator/bench/bench.sh [sizes...]     default: 1000 10000 50000
#   BENCH_DIR=/path RUNS=5 generator/bench/bench.sh 10000
#   HUGO=none generator/bench/bench.sh      gongjian alone
# The sites and builds go in BENCH_DIR (default: a new directory in
# $TMPDIR or /tmp, the disk a build normally writes to).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(1000 10000 50000)
runs=${RUNS:-5}
hugo=${HUGO:-$(command -v hugo || true)}
[ "$hugo" = none ] && hugo=""
dir=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/gongjian-bench.XXXXXX")}
mkdir -p "$dir"
bin="$dir/gongjian"
go build -o "$bin" ./generator

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# hugosite N DIR writes a Hugo site of N plain pages: front matter with a
# title and four fields, a paragraph of text, one list page.
hugosite() {
  local n=$1 d=$2
  mkdir -p "$d/content/projects" "$d/layouts/_default"
  cat >"$d/hugo.toml" <<'EOF'
baseURL = "https://example.org/"
languageCode = "zh-CN"
title = "Hugo plain pages"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
EOF
  cat >"$d/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{{.Title}}</title></head><body><h1>{{.Title}}</h1><dl>{{range $k, $v := .Params}}<dt>{{$k}}</dt><dd>{{$v}}</dd>{{end}}</dl>{{.Content}}</body></html>
EOF
  cat >"$d/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{.Title}}</title></head><body><ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul></body></html>
EOF
  awk -v n="$n" -v d="$d/content/projects" 'BEGIN {
    for (i = 0; i < n; i++) {
      f = sprintf("%s/p%05d.md", d, i)
      printf "+++\ntitle = \"项目%d\"\nregion = \"r%d\"\nowner = \"d%d\"\nplan = %.1f\ncompleted = %.1f\n+++\n", i, i % 100, i % 40, (i % 97) / 10 + 1, (i % 89) / 10 >f
      printf "项目简介：这是第%d个项目，位于某某区，总投资若干亿元，建设内容包括厂房、道路与配套设施。\n", i >f
      close(f)
    }
  }'
}

# timed LABEL OUTFILE CMD... runs CMD under /usr/bin/time -v and prints
# "wall user sys peakMB".
timed() {
  local t=$1; shift
  sync
  /usr/bin/time -v "$@" >/dev/null 2>"$t"
  local wall user sys peak
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$t" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(awk -F': ' '/User time/ {print $2}' "$t")
  sys=$(awk -F': ' '/System time/ {print $2}' "$t")
  peak=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$t")
  echo "$wall $user $sys $peak"
}

printf '%-8s %-9s %-6s %8s %8s %8s %9s\n' tool projects run wall_s user_s sys_s peak_MB
summary=""
for n in "${sizes[@]}"; do
  regions=$(( n / 100 )); [ "$regions" -lt 20 ] && regions=20
  depts=40; [ "$n" -lt 10000 ] && depts=12
  src="$dir/site-$n"
  [ -f "$src/site.toml" ] || "$bin" synth --projects "$n" --regions "$regions" --departments "$depts" --out "$src" >/dev/null
  # Untimed: read the sources once, as a CI build reads the files its
  # checkout has just written; otherwise the first run alone reads them
  # from the disk.
  "$bin" check --source "$src" >/dev/null 2>&1 || true
  if [ -n "$hugo" ]; then
    hsrc="$dir/hugo-$n"
    [ -f "$hsrc/hugo.toml" ] || hugosite "$n" "$hsrc"
    (cd "$hsrc" && "$hugo" --quiet -d "$dir/hugo-warm-$n" >/dev/null 2>&1) || true
  fi
  grows="" hrows=""
  for r in $(seq 1 "$runs"); do
    row=$(timed "$dir/time-$n-$r.txt" "$bin" build --source "$src" --out "$dir/out-$n-$r")
    printf '%-8s %-9s %-6s %8s %8s %8s %9s\n' gongjian "$n" "$r" $row
    grows+="$row"$'\n'
    if [ -n "$hugo" ]; then
      row=$(cd "$hsrc" && timed "$dir/htime-$n-$r.txt" "$hugo" --quiet -d "$dir/hout-$n-$r")
      printf '%-8s %-9s %-6s %8s %8s %8s %9s\n' hugo "$n" "$r" $row
      hrows+="$row"$'\n'
    fi
  done
  med() { printf '%s' "$1" | awk -v c="$2" '{print $c}' | median; }
  gw=$(med "$grows" 1)
  printf '%-8s %-9s %-6s %8s %8s %8s %9s\n' gongjian "$n" median "$gw" "$(med "$grows" 2)" "$(med "$grows" 3)" "$(med "$grows" 4)"
  if [ -n "$hugo" ]; then
    hw=$(med "$hrows" 1)
    printf '%-8s %-9s %-6s %8s %8s %8s %9s\n' hugo "$n" median "$hw" "$(med "$hrows" 2)" "$(med "$hrows" 3)" "$(med "$hrows" 4)"
    awk -v n="$n" -v g="$gw" -v h="$hw" 'BEGIN {printf "%s projects: gongjian %.2f s = %.2f x Hugo %.2f s\n", n, g, g/h, h}'
  fi
  summary+="$n $gw"$'\n'
done
# Time per project between consecutive sizes (linear growth: equal).
printf '%s' "$summary" | awk 'NR>1 {printf "%s -> %s projects: %.0f us per added project\n", pn, $1, ($2-pw)/($1-pn)*1e6} {pn=$1; pw=$2}'
[ -n "${BENCH_DIR:-}" ] || rm -rf "$dir"
