#!/usr/bin/env bash
# bench/compare.sh [N] [RUNS]: times timelinegen against Hugo on the same
# generated site of N articles (default 10,000): both read the same
# Markdown files (Hugo via --contentDir, with the small site in bench/hugo;
# see bench/hugo/README.md for what the two builds render). The builds
# alternate (ABAB, then BABA, ...), RUNS times each (default 5), each into a
# fresh output directory after one untimed warm-up build each; the table
# gives median and minimum wall time, peak RSS, and the HTML pages (not counting
# redirects) and files each tool wrote, then the ratio of the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-${RUNS:-5}}
OUT=bench/out
SITE=$OUT/site-$N
CMP=$OUT/compare-$N
if ! command -v hugo >/dev/null; then
  echo "compare.sh: hugo not found (Debian: apt-get install hugo)" >&2
  exit 1
fi
mkdir -p "$OUT"
go build -o bin/timelinegen ./cmd/timelinegen
go build -o bin/benchgen ./cmd/benchgen
if [ ! -f "$SITE/.complete" ]; then
  bin/benchgen -n "$N" -out "$SITE" -force
  touch "$SITE/.complete"
fi
CONTENT=$(cd "$SITE/content" && pwd)
rm -rf "$CMP"
mkdir -p "$CMP"

# cmd TOOL DEST: the build command of TOOL, writing into DEST.
cmd() {
  case $1 in
    hugo) echo hugo --quiet --source bench/hugo --contentDir "$CONTENT" --destination "$(pwd)/$2" \
      --gc=false --noBuildLock --cacheDir "$(pwd)/$CMP/hugo-cache" ;;
    timelinegen) echo bin/timelinegen build --source "$SITE" --dest "$2" ;;
  esac
}
# one TOOL: build into a fresh directory and append "secs kb" to CMP/TOOL.times.
one() {
  local dest=$CMP/public-$1
  rm -rf "$dest"
  sync
  # shellcheck disable=SC2046 # the paths have no spaces (checked below)
  /usr/bin/time -f "%e %M" -o "$CMP/time.txt" $(cmd "$1" "$dest") >/dev/null
  cat "$CMP/time.txt" >> "$CMP/$1.times"
}
case "$(pwd)$CONTENT" in *[[:space:]]*) echo "compare.sh: paths with spaces are not supported" >&2; exit 1 ;; esac

echo "== timelinegen vs Hugo: $N articles ($(du -sh "$SITE/content" | cut -f1) of Markdown), $RUNS runs each, alternating"
echo "   $(hugo version | cut -d' ' -f1-2); timelinegen $(git describe --always --dirty 2>/dev/null || echo devel); $(nproc) CPUs"
# Warm-up (untimed): file cache, Hugo's cache dir.
$(cmd hugo "$CMP/public-hugo") >/dev/null
$(cmd timelinegen "$CMP/public-timelinegen") >/dev/null
for i in $(seq "$RUNS"); do
  if [ $((i % 2)) -eq 1 ]; then order="hugo timelinegen"; else order="timelinegen hugo"; fi
  for tool in $order; do
    one "$tool"
    read -r secs kb < "$CMP/time.txt"
    echo "run $i $tool: ${secs} s, peak RSS $((kb / 1024)) MiB"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
printf '%-12s | %8s | %8s | %13s | %10s | %8s\n' tool "median s" "min s" "peak RSS MiB" "HTML pages" files
printf '%-12s-+-%8s-+-%8s-+-%13s-+-%10s-+-%8s\n' ------------ -------- -------- ------------- ---------- --------
for tool in hugo timelinegen; do
  f=$CMP/$tool.times
  med=$(cut -d' ' -f1 "$f" | median)
  min=$(cut -d' ' -f1 "$f" | sort -n | head -1)
  rss=$(cut -d' ' -f2 "$f" | sort -n | tail -1)
  # HTML pages, not counting Hugo's redirect pages at .../page/1/.
  html=$(find "$CMP/public-$tool" -name '*.html' | wc -l)
  html=$((html - $(grep -rl --include='*.html' 'http-equiv="refresh"' "$CMP/public-$tool" | wc -l || true)))
  files=$(find "$CMP/public-$tool" -type f | wc -l)
  printf '%-12s | %8s | %8s | %13d | %10d | %8d\n' "$tool" "$med" "$min" $((rss / 1024)) "$html" "$files"
  eval "med_$tool=$med"
done
echo
# Hugo writes an HTML redirect at .../page/1/ for every paginated listing.
redirects=$(grep -rl --include='*.html' 'http-equiv="refresh"' "$CMP/public-hugo" | wc -l || true)
echo "hugo also wrote $redirects redirect pages (.../page/1/, not counted above); HTML files by top-level directory:"
for tool in hugo timelinegen; do
  printf '  %-12s' "$tool"
  (cd "$CMP/public-$tool" && find . -name '*.html' | awk -F/ '{d = (NF > 2) ? $2 : "/"; if (d ~ /^[0-9]+$/) d = "<year>"; c[d]++} END {for (d in c) printf " %s=%d", d, c[d]}' | tr ' ' '\n' | sort | tr '\n' ' ')
  echo
done
awk -v h="$med_hugo" -v t="$med_timelinegen" 'BEGIN {printf "\nratio hugo/timelinegen (median wall time): %.2f\n", h / t}'
