#!/usr/bin/env bash
# make bench: the speed targets of timelinegen, measured on deterministic
# synthetic sites (cmd/benchgen), ending in one table of measured figure
# against target:
#   - full builds of N articles (default 10,000; RUNS times, default 3) and
#     of LARGE articles (default 100,000; RUNS_LARGE times, default 1;
#     LARGE=0 skips it), into a RAM disk ($OUT, default /dev/shm/timelinegen-bench
#     when /dev/shm exists), and once into bench/out on disk for comparison;
#   - check on N articles;
#   - serve's save-to-reload through the real watcher (BenchmarkSaveToReload,
#     BENCH_EDITS edits, default 100) at N and LARGE articles;
#   - Hugo 0.111 and 0.160 on the same content (bench/compare.sh, HUGO_RUNS
#     runs, default 3), when installed (make bench-hugo installs 0.160).
# Numbers compare across commits: the sites are the same every time.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
LARGE=${LARGE:-100000}
RUNS=${RUNS:-3}
RUNS_LARGE=${RUNS_LARGE:-1}
if [ -z "${OUT:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then OUT=/dev/shm/timelinegen-bench; else OUT=bench/out; fi
fi
export OUT
mkdir -p "$OUT"
go build -o bin/timelinegen ./cmd/timelinegen
go build -o bin/benchgen ./cmd/benchgen
rows=() # "what|measured|target"
row() { rows+=("$1|$2|$3"); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

site() {
  local site=$OUT/site-$1
  if [ ! -f "$site/.complete" ]; then
    bin/benchgen -n "$1" -out "$site" -force >&2
    touch "$site/.complete"
  fi
}

# timed RUNS ARGS...: run a command RUNS times; prints "median-s peak-MiB
# median-CPU-s". CPU time (user + system) is given beside wall time: on a
# shared machine it is the steadier of the two.
timed() {
  local runs=$1 secs kb user sys peak=0
  shift
  local times=() cpus=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -o "$OUT/time.txt" "$@" >/dev/null
    read -r secs kb user sys < "$OUT/time.txt"
    times+=("$secs")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
    [ "$kb" -gt "$peak" ] && peak=$kb
    echo "  ${secs} s, ${cpus[-1]} CPU-s, peak RSS $((kb / 1024)) MiB" >&2
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $((peak / 1024)) $(printf '%s\n' "${cpus[@]}" | median)"
}

# build N RUNS DEST: full builds; prints "median-s peak-MiB median-CPU-s
# largest-page-bytes".
build() {
  site "$1"
  echo "== timelinegen build: $1 articles ($(du -sh "$OUT/site-$1/content" | cut -f1) of Markdown) into $3, $2 runs" >&2
  local r
  r=$(timed "$2" bin/timelinegen build --source "$OUT/site-$1" --dest "$3")
  if find "$3" -name '*.html' -size +1024k | grep -q .; then
    echo "FAIL: pages over 1 MiB:" >&2; find "$3" -name '*.html' -size +1024k >&2; exit 1
  fi
  echo "$r $(find "$3" -name '*.html' -printf '%s\n' | sort -n | tail -1)"
}

read -r b_med b_rss b_cpu b_largest < <(build "$N" "$RUNS" "$OUT/public-$N")
row "build, $N articles (RAM disk)" "$b_med s ($b_cpu CPU-s), $b_rss MiB, largest page $((b_largest / 1024)) KiB" "≤ 2 s, < 300 MiB"
read -r d_med _ _ _ < <(build "$N" 1 bench/out/public-$N)
rm -rf "bench/out/public-$N"
row "build, $N articles (disk, bench/out)" "$d_med s" "(for comparison)"

echo "== timelinegen check: $N articles, $RUNS runs" >&2
read -r c_med c_rss c_cpu < <(timed "$RUNS" bin/timelinegen check --source "$OUT/site-$N")
row "check, $N articles" "$c_med s ($c_cpu CPU-s), $c_rss MiB" "≤ 1 s"

if [ "$LARGE" != 0 ]; then
  read -r l_med l_rss l_cpu l_largest < <(build "$LARGE" "$RUNS_LARGE" "$OUT/public-$LARGE")
  rm -rf "$OUT/public-$LARGE"
  ratio=$(awk -v a="$l_med" -v b="$b_med" -v n="$N" -v l="$LARGE" 'BEGIN {printf "%.2f", (a / l) / (b / n)}')
  cratio=$(awk -v a="$l_cpu" -v b="$b_cpu" -v n="$N" -v l="$LARGE" 'BEGIN {printf "%.2f", (a / l) / (b / n)}')
  row "build, $LARGE articles (RAM disk)" "$l_med s ($l_cpu CPU-s), $l_rss MiB, largest page $((l_largest / 1024)) KiB" "≤ 25 s, < 1536 MiB, pages ≤ 1 MiB"
  row "cost per article, $LARGE vs $N" "${ratio}× wall, ${cratio}× CPU" "≤ 1.3×"
fi

# reload N: BenchmarkSaveToReload at N articles; prints "median p90 rss".
reload() {
  echo "== serve, save to reload: $1 articles, ${BENCH_EDITS:-100} edits" >&2
  # A failed run (an edit that found no reload in 10 s) is a row, not the
  # end of the table.
  if ! BENCH_ARTICLES=$1 BENCH_EDITS=${BENCH_EDITS:-100} go test -run '^$' -bench BenchmarkSaveToReload -benchtime 1x -timeout 60m ./internal/serve/ > "$OUT/reload-$1.txt"; then
    grep 'bench_test.go' "$OUT/reload-$1.txt" >&2 || true
    echo "failed failed 0"
    return
  fi
  grep '^Benchmark' "$OUT/reload-$1.txt" >&2
  awk '/^BenchmarkSaveToReload/ {for (i = 2; i < NF; i++) m[$(i + 1)] = $i; printf "%s %s %.0f\n", m["median-ms"], m["p90-ms"], m["rss-MiB"]}' "$OUT/reload-$1.txt"
}
read -r s_med s_p90 s_rss < <(reload "$N")
row "serve save to reload, $N articles" "median $s_med ms, p90 $s_p90 ms, $s_rss MiB resident" "≤ 50 ms, p90 < 80 ms, < 400 MB"
if [ "$LARGE" != 0 ]; then
  read -r s_med _ _ < <(reload "$LARGE")
  row "serve save to reload, $LARGE articles" "median $s_med ms" "< 150 ms"
fi

echo >&2
if ./bench/compare.sh "$N" "${HUGO_RUNS:-3}" >&2; then
  read -r _ tmed _ < <(grep '^timelinegen ' "$OUT/compare-$N/summary.txt")
  while read -r t med rss v; do
    [ "$t" = timelinegen ] && continue
    row "Hugo $v, $N articles, in turn with timelinegen" "$med s, $rss MiB: $(awk -v h="$med" -v t="$tmed" 'BEGIN {printf "%.1f", h / t}')× timelinegen's $tmed s" "≥ 6×"
  done < "$OUT/compare-$N/summary.txt"
else
  row "Hugo" "not run (make bench-hugo installs Hugo 0.160; Debian: apt-get install hugo)" "≥ 6×"
fi

echo
echo "== $(git describe --always --dirty 2>/dev/null || echo devel), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| | measured | target |"
echo "|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r what got want <<<"$r"
  echo "| $what | $got | $want |"
done
