#!/usr/bin/env bash
# make bench: times full builds of a deterministic synthetic site of N
# articles (default 10,000) and reports articles per second, peak memory
# and the largest page; then the Go benchmarks of the compiler and the dev
# server. Numbers compare across commits: the site is the same every time.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${RUNS:-3}
OUT=bench/out
SITE=$OUT/site-$N
mkdir -p "$OUT"
go build -o bin/timelinegen ./cmd/timelinegen
go build -o bin/benchgen ./cmd/benchgen
if [ ! -f "$SITE/.complete" ]; then
  bin/benchgen -n "$N" -out "$SITE" -force
  touch "$SITE/.complete"
fi
echo "== timelinegen build: $N articles ($(du -sh "$SITE/content" | cut -f1) of Markdown), $RUNS runs"
times=()
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" bin/timelinegen build --source "$SITE" --dest "$OUT/public-$N" >/dev/null
  read -r secs kb < "$OUT/time.txt"
  times+=("$secs")
  echo "run $i: ${secs} s, peak RSS $((kb / 1024)) MiB"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
files=$(find "$OUT/public-$N" -type f | wc -l)
largest=$(find "$OUT/public-$N" -type f -printf '%s %P\n' | sort -n | tail -1)
echo "median ${median} s = $(awk -v n="$N" -v t="$median" 'BEGIN {printf "%d", n / t}') articles/s; $files files; largest file: $largest bytes"
if find "$OUT/public-$N" -name '*.html' -size +1024k | grep -q .; then
  echo "FAIL: pages over 1 MiB:"; find "$OUT/public-$N" -name '*.html' -size +1024k; exit 1
fi

echo
echo "== Go benchmarks (in memory, no disk writes)"
BENCH_ARTICLES=$N go test -run '^$' -bench 'BenchmarkBuild$|BenchmarkRebuildOneArticle' -benchtime 3x -benchmem ./internal/build/ | grep -E '^Benchmark'
BENCH_ARTICLES=$N BENCH_EDITS=${BENCH_EDITS:-100} go test -run '^$' -bench BenchmarkSaveToReload -benchtime 1x ./internal/serve/ | grep -E '^Benchmark'

echo
if command -v hugo >/dev/null; then
  ./bench/compare.sh "$N" "${HUGO_RUNS:-3}"
else
  echo "== Hugo comparison skipped: hugo not installed (Debian: apt-get install hugo)"
fi
