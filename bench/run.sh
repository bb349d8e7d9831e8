#!/usr/bin/env bash
# make bench: the speed targets of timelinegen, measured on deterministic
# synthetic sites (cmd/benchgen) with the default settings a user gets
# (share cards drawn), ending in one table of measured figure against
# target:
#   - full builds of N articles (default 10,000) cold, from an empty
#     .timelinegen/ as after a clone (RUNS times, default 3), then warm
#     (RUNS times), into a RAM disk ($OUT, default /dev/shm/timelinegen-bench
#     when /dev/shm exists), and once into bench/out on disk for comparison;
#   - the same N with share cards off (-share-cards=false), cold: a
#     separate row, never the headline;
#   - LARGE articles (default 100,000; LARGE=0 skips it) cold then warm,
#     RUNS_LARGE times each (default 1);
#   - check on N articles;
#   - an ACLED-shaped sheet of ACLED events (default 250,000; ACLED=0 skips
#     it): timelinegen import csv --format acled into a new site, then its
#     first build (ACLED_BUILD=0 skips the build);
#   - serve's save-to-reload through the real watcher (BenchmarkSaveToReload,
#     BENCH_EDITS edits, default 100) at N and LARGE articles;
#   - Hugo 0.111 and 0.160, each on a lean and a feature-matched Hugo site,
#     on the same content as timelinegen's warm build after one edit
#     (bench/compare.sh), at N (HUGO_RUNS runs, default 3) and at LARGE
#     (HUGO_RUNS_LARGE, default RUNS_LARGE; the lean site only unless
#     HUGO_SITES_LARGE="lean matched": the feature-matched one would take
#     Hugo hours), when installed (make bench-hugo installs 0.160).
# Every timed row gives CPU time (user + system) beside wall time: on a
# shared machine it is the steadier of the two. Numbers compare across
# commits: the sites are the same every time.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
LARGE=${LARGE:-100000}
RUNS=${RUNS:-3}
RUNS_LARGE=${RUNS_LARGE:-1}
ACLED=${ACLED:-250000}
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

# site N [-share-cards=false]: the generated site of N articles, made
# once (again when it was made by a benchgen whose cards differed).
site() {
  local site=$OUT/site-$1${2:+-nocards} off=no want=no
  grep -qs 'share_cards: false' "$site/timeline.yaml" && off=yes
  [ -n "${2:-}" ] && want=yes
  if [ ! -f "$site/.complete" ] || [ "$off" != "$want" ]; then
    bin/benchgen -n "$1" ${2:+"$2"} -out "$site" -force >&2
    touch "$site/.complete"
  fi
}

# timed RUNS PREPARE ARGS...: run a command RUNS times, PREPARE (a
# function, ":" for none) before each; prints "median-s peak-MiB
# median-CPU-s".
timed() {
  local runs=$1 prepare=$2 secs kb user sys peak=0
  shift 2
  local times=() cpus=()
  for _ in $(seq "$runs"); do
    $prepare
    /usr/bin/time -f "%e %M %U %S" -o "$OUT/time.txt" "$@" >/dev/null
    read -r secs kb user sys < "$OUT/time.txt"
    times+=("$secs")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
    [ "$kb" -gt "$peak" ] && peak=$kb
    echo "  ${secs} s, ${cpus[-1]} CPU-s, peak RSS $((kb / 1024)) MiB" >&2
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $((peak / 1024)) $(printf '%s\n' "${cpus[@]}" | median)"
}

# build SITE RUNS DEST cold|warm [FLAGS...]: full builds of a site (FLAGS
# go to timelinegen build); cold ones from an empty .timelinegen/ (the
# caches of share cards, images and link checks), as after a clone or an
# import. Prints "median-s peak-MiB median-CPU-s largest-page-bytes".
uncache() { rm -rf "$cold_site/.timelinegen"; }
build() {
  local site=$1 runs=$2 dest=$3 temp=$4 prepare=:
  shift 4
  [ "$temp" = cold ] && prepare=uncache && cold_site=$site
  echo "== timelinegen build, $temp: $(basename "$site") ($(du -sh "$site/content" | cut -f1) of Markdown) into $dest, $runs runs" >&2
  local r
  r=$(timed "$runs" "$prepare" bin/timelinegen build --source "$site" --dest "$dest" "$@")
  if find "$dest" -name '*.html' -size +1024k | grep -q .; then
    echo "FAIL: pages over 1 MiB:" >&2; find "$dest" -name '*.html' -size +1024k >&2; exit 1
  fi
  echo "$r $(find "$dest" -name '*.html' -printf '%s\n' | sort -n | tail -1)"
}

# figures MEDIAN CPU PEAK LARGEST: a row's measured column.
figures() { echo "$1 s ($2 CPU-s), $3 MiB${4:+, largest page $(($4 / 1024)) KiB}"; }

site "$N"
read -r c_med c_rss c_cpu c_largest < <(build "$OUT/site-$N" "$RUNS" "$OUT/public-$N" cold)
row "build, $N articles, cold (RAM disk)" "$(figures "$c_med" "$c_cpu" "$c_rss" "$c_largest")" "≤ 4 s, < 300 MiB"
read -r b_med b_rss b_cpu b_largest < <(build "$OUT/site-$N" "$RUNS" "$OUT/public-$N" warm)
row "build, $N articles, warm (RAM disk)" "$(figures "$b_med" "$b_cpu" "$b_rss" "$b_largest")" "≤ 2 s, < 300 MiB"
read -r d_med _ _ _ < <(build "$OUT/site-$N" 1 "bench/out/public-$N" warm)
rm -rf "bench/out/public-$N"
row "build, $N articles, warm (disk, bench/out)" "$d_med s" "(for comparison)"
site "$N" -share-cards=false
read -r o_med o_rss o_cpu _ < <(build "$OUT/site-$N-nocards" "$RUNS" "$OUT/public-$N-nocards" cold)
rm -rf "$OUT/public-$N-nocards"
row "build, $N articles, share cards off, cold (RAM disk)" "$(figures "$o_med" "$o_cpu" "$o_rss")" "(for comparison)"

echo "== timelinegen check: $N articles, $RUNS runs" >&2
read -r k_med k_rss k_cpu < <(timed "$RUNS" : bin/timelinegen check --source "$OUT/site-$N")
row "check, $N articles" "$(figures "$k_med" "$k_cpu" "$k_rss")" "≤ 1 s"

if [ "$LARGE" != 0 ]; then
  site "$LARGE"
  read -r lc_med lc_rss lc_cpu lc_largest < <(build "$OUT/site-$LARGE" "$RUNS_LARGE" "$OUT/public-$LARGE" cold)
  row "build, $LARGE articles, cold (RAM disk)" "$(figures "$lc_med" "$lc_cpu" "$lc_rss" "$lc_largest")" "≤ 60 s, < 1024 MiB, pages ≤ 1 MiB"
  read -r l_med l_rss l_cpu l_largest < <(build "$OUT/site-$LARGE" "$RUNS_LARGE" "$OUT/public-$LARGE" warm)
  # What a first search fetches (bench/searchbytes.js, the files the page
  # asks for): the least and the most of a few queries, against the index.
  if command -v node >/dev/null; then
    search=$(node bench/searchbytes.js "$OUT/public-$LARGE" kyiv ceasefire drone "ceasefire talks" "grain deal" | awk '
      /^index:/ {all = $(NF - 3)}
      / results; / {b = $(NF - 3); g = $(NF - 1); if (!n++ || b < lo) lo = b; if (b > hi) hi = b; if (n == 1 || g < glo) glo = g; if (g > ghi) ghi = g}
      END {printf "%d-%d KB (%d-%d KB gzipped) of a %.1f MB index", lo / 1000, hi / 1000, glo / 1000, ghi / 1000, all / 1e6}')
    row "a first search, $LARGE articles" "$search" "what a query needs"
  fi
  # What the home page's visual timeline fetches at first: its summary and
  # its words (internal/export/visual.go), against every piece of it.
  v="$OUT/public-$LARGE/data/visual"
  zoom=$(cat "$v/all.json" "$v/words.json" | wc -c)
  zoomgz=$(( $(gzip -c "$v/all.json" | wc -c) + $(gzip -c "$v/words.json" | wc -c) ))
  row "a first zoom, $LARGE articles" "$zoom bytes ($zoomgz gzipped), of $(cat "$v"/all/*.json 2>/dev/null | wc -c) bytes in pieces" "what a zoom level needs"
  rm -rf "$OUT/public-$LARGE"
  row "build, $LARGE articles, warm (RAM disk)" "$(figures "$l_med" "$l_cpu" "$l_rss" "$l_largest")" "≤ 20 s, < 1024 MiB, pages ≤ 1 MiB"
  per() { awk -v a="$1" -v b="$2" -v n="$N" -v l="$LARGE" 'BEGIN {printf "%.2f", (a / l) / (b / n)}'; }
  row "cost per article, $LARGE vs $N, cold" "$(per "$lc_med" "$c_med")× wall, $(per "$lc_cpu" "$c_cpu")× CPU" "≤ 1.2×"
  row "cost per article, $LARGE vs $N, warm" "$(per "$l_med" "$b_med")× wall, $(per "$l_cpu" "$b_cpu")× CPU" "≤ 1.2×"
fi

if [ "$ACLED" != 0 ]; then
  sheet=$OUT/acled-$ACLED.csv
  [ -f "$sheet" ] || bin/benchgen -acled "$ACLED" -out "$sheet" -force >&2
  newsite() { rm -rf "$OUT/site-acled" && bin/timelinegen new site "$OUT/site-acled" >/dev/null; }
  echo "== timelinegen import csv --format acled: $ACLED events" >&2
  read -r i_med i_rss i_cpu < <(timed 1 newsite bin/timelinegen import csv "$sheet" --format acled --out "$OUT/site-acled")
  row "import csv --format acled, $ACLED events" "$(figures "$i_med" "$i_cpu" "$i_rss")" "≤ 30 s, < 2048 MiB"
  if [ "${ACLED_BUILD:-1}" != 0 ]; then
    # Published at an address, as a desk's site is: share cards drawn
    # (a new site's base_url "/" draws none).
    read -r a_med a_rss a_cpu a_largest < <(build "$OUT/site-acled" 1 "$OUT/public-acled" cold --base-url https://example.org/)
    rm -rf "$OUT/public-acled"
    row "first build of the import, $ACLED events, cold" "$(figures "$a_med" "$a_cpu" "$a_rss" "$a_largest")" "≤ 90 s, < 2048 MiB"
  fi
fi

# reload N: BenchmarkSaveToReload at N articles, its site drawing a share
# card an article as the default settings do (BENCH_SHARE_CARDS=0 for a
# row without); prints "median p90 rss peak ready finished" (rss right after
# the last edit, peak the most resident during the edits).
reload() {
  echo "== serve, save to reload: $1 articles, ${BENCH_EDITS:-100} edits" >&2
  # A failed run (an edit that found no reload in 10 s) is a row, not the
  # end of the table.
  if ! BENCH_ARTICLES=$1 BENCH_EDITS=${BENCH_EDITS:-100} BENCH_SHARE_CARDS=${BENCH_SHARE_CARDS:-1} go test -run '^$' -bench BenchmarkSaveToReload -benchtime 1x -timeout 60m ./internal/serve/ > "$OUT/reload-$1.txt"; then
    grep 'bench_test.go' "$OUT/reload-$1.txt" >&2 || true
    echo "failed failed 0 0 failed failed"
    return
  fi
  grep '^Benchmark' "$OUT/reload-$1.txt" >&2
  awk '/^BenchmarkSaveToReload/ {for (i = 2; i < NF; i++) m[$(i + 1)] = $i; printf "%s %s %.0f %.0f %.1f %.1f\n", m["median-ms"], m["p90-ms"], m["rss-MiB"], m["rss-peak-MiB"], m["ready-s"], m["finished-s"]}' "$OUT/reload-$1.txt"
}
read -r s_med s_p90 s_rss s_peak s_ready s_done < <(reload "$N")
row "serve save to reload, $N articles (no share cards)" "median $s_med ms, p90 $s_p90 ms, $s_rss MiB resident after the edits, $s_peak MiB at the peak, ready in $s_ready s (every page rendered in $s_done s)" "≤ 50 ms, p90 < 80 ms, < 400 MB"
if [ "$LARGE" != 0 ]; then
  read -r s_med s_p90 s_rss s_peak s_ready s_done < <(reload "$LARGE")
  row "serve save to reload, $LARGE articles (no share cards)" "median $s_med ms, p90 $s_p90 ms, $s_rss MiB resident after the edits, $s_peak MiB at the peak, ready in $s_ready s (every page rendered in $s_done s)" "< 150 ms, < 1.5 GB, ready < 30 s"
fi

# versus_hugo ARTICLES RUNS SITES: bench/compare.sh at ARTICLES, RUNS runs
# each, on the Hugo SITES; a row per Hugo version and site, against
# timelinegen's warm build after one edit.
versus_hugo() {
  local s=$OUT/compare-$1/summary.txt b v med cpu rss want what tmed tcpu
  echo >&2
  if [[ $3 != *matched* ]]; then
    row "Hugo, feature-matched site, $1 articles" "not run (its related-content index grows with the square of the articles: hours at 100,000; HUGO_SITES_LARGE=\"lean matched\" runs it)" "≥ 6×"
  fi
  if ! SITES=$3 ./bench/compare.sh "$1" "$2" >&2; then
    row "Hugo, $1 articles" "not run (see above: make bench-hugo installs Hugo 0.160; Debian: apt-get install hugo)" "≥ 3× lean, ≥ 6× feature-matched"
    return
  fi
  read -r _ _ tmed _ tcpu _ < <(grep '^timelinegen-edited ' "$s")
  while read -r b v med _ cpu rss _; do
    case $b in
      hugo-*-lean) what="lean site" want=3 ;;
      hugo-*-matched) what="feature-matched site" want=6 ;;
      *) continue ;;
    esac
    row "Hugo $v, $what, $1 articles, in turn with timelinegen's warm build after one edit" \
      "$(awk -v h="$med" -v t="$tmed" -v hc="$cpu" -v tc="$tcpu" 'BEGIN {printf "%.1f× (%.1f× CPU)", h / t, hc / tc}'): $med s ($cpu CPU-s), $rss MiB against $tmed s ($tcpu CPU-s)" "≥ $want×"
  done < "$s"
}
versus_hugo "$N" "${HUGO_RUNS:-3}" "lean matched"
if [ "$LARGE" != 0 ]; then versus_hugo "$LARGE" "${HUGO_RUNS_LARGE:-$RUNS_LARGE}" "${HUGO_SITES_LARGE:-lean}"; fi

echo
echo "== $(git describe --always --dirty 2>/dev/null || echo devel), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| | measured | target |"
echo "|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r what got want <<<"$r"
  echo "| $what | $got | $want |"
done
