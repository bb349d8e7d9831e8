#!/usr/bin/env bash
# bench/compare.sh [N] [RUNS]: times timelinegen against two Hugo versions
# on the same generated site of N articles (default 10,000): Debian's Hugo
# 0.111 ($HUGO_OLD, default /usr/bin/hugo) and Hugo 0.160 ($HUGO_NEW,
# default bin/hugo-0.160.0/hugo, which `make bench-hugo` installs). Hugo
# reads a copy of the Markdown in which two things differ (see
# bench/hugo/README.md): the key `kind`, which Hugo reserves, is
# `event_kind`, and a date of a year or a month is its first day, which
# Hugo cannot parse otherwise. The builds rotate, RUNS times each (default
# 3), each into a fresh output directory under $OUT (default bench/out;
# use a RAM disk, e.g. OUT=/dev/shm/bench, so that runs compare) after one
# untimed warm-up build each. The table gives median and minimum wall
# time, peak RSS, and the HTML pages (not counting redirects) and files
# each tool wrote, then the ratios of the medians; the last lines go to
# $OUT/compare-N/summary.txt for bench/run.sh's table.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-${RUNS:-3}}
OUT=${OUT:-bench/out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SITE=$OUT/site-$N
CMP=$OUT/compare-$N
HUGO_OLD=${HUGO_OLD:-/usr/bin/hugo}
HUGO_NEW=${HUGO_NEW:-bin/hugo-0.160.0/hugo}
tools=(timelinegen)
if [ -x "$HUGO_OLD" ]; then tools+=(hugo-old); else echo "compare.sh: no Hugo 0.111 at $HUGO_OLD (Debian: apt-get install hugo)" >&2; fi
if [ -x "$HUGO_NEW" ]; then tools+=(hugo-new); else echo "compare.sh: no Hugo 0.160 at $HUGO_NEW (make bench-hugo installs it)" >&2; fi
if [ ${#tools[@]} -eq 1 ]; then exit 1; fi
mkdir -p "$OUT"
go build -o bin/timelinegen ./cmd/timelinegen
go build -o bin/benchgen ./cmd/benchgen
if [ ! -f "$SITE/.complete" ]; then
  bin/benchgen -n "$N" -out "$SITE" -force
  touch "$SITE/.complete"
fi
rm -rf "$CMP"
mkdir -p "$CMP"
cp -r "$SITE/content" "$CMP/hugo-content"
find "$CMP/hugo-content" -name '*.md' -print0 | xargs -0 sed -i -E \
  -e 's/^kind:/event_kind:/' \
  -e 's/^date: ("?)([0-9]{4})-([0-9]{2})("?) *$/date: \1\2-\3-01\4/' \
  -e 's/^date: ("?)([0-9]{4})("?) *$/date: \1\2-01-01\3/'
CONTENT=$(cd "$CMP/hugo-content" && pwd)
# Hugo up to 0.143 and from 0.144 on name pagination and the feed length
# differently; both read one file, since 0.111 ignores root keys of a second.
cat bench/hugo/old.toml bench/hugo/hugo.toml > "$CMP/hugo-old.toml"
cat bench/hugo/hugo.toml bench/hugo/new.toml > "$CMP/hugo-new.toml"

# cmd TOOL DEST: the build command of TOOL, writing into DEST.
cmd() {
  case $1 in
    hugo-old | hugo-new)
      local bin=$HUGO_OLD
      [ "$1" = hugo-new ] && bin=$HUGO_NEW
      echo "$bin" --quiet --source bench/hugo --config "$CMP/$1.toml" --contentDir "$CONTENT" \
        --destination "$2" --gc=false --noBuildLock --cacheDir "$CMP/cache-$1" ;;
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
case "$(pwd)$CMP" in *[[:space:]]*) echo "compare.sh: paths with spaces are not supported" >&2; exit 1 ;; esac
version() {
  case $1 in
    hugo-old) "$HUGO_OLD" version | cut -d' ' -f1-2 ;;
    hugo-new) "$HUGO_NEW" version | cut -d' ' -f1-2 ;;
    timelinegen) echo "timelinegen $(git describe --always --dirty 2>/dev/null || echo devel)" ;;
  esac
}

echo "== timelinegen vs Hugo: $N articles ($(du -sh "$SITE/content" | cut -f1) of Markdown), $RUNS runs each, in turn"
echo "   $(for t in "${tools[@]}"; do printf '%s; ' "$(version "$t")"; done)$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), output in $OUT"
for t in "${tools[@]}"; do $(cmd "$t" "$CMP/public-$t") >/dev/null; done # warm-up
for i in $(seq "$RUNS"); do
  # Rotate the order, so that none always runs first.
  order=("${tools[@]:i%${#tools[@]}}" "${tools[@]:0:i%${#tools[@]}}")
  for t in "${order[@]}"; do
    one "$t"
    read -r secs kb < "$CMP/time.txt"
    echo "run $i $t: ${secs} s, peak RSS $((kb / 1024)) MiB"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
printf '%-12s | %8s | %8s | %13s | %10s | %8s\n' tool "median s" "min s" "peak RSS MiB" "HTML pages" files
printf '%-12s-+-%8s-+-%8s-+-%13s-+-%10s-+-%8s\n' ------------ -------- -------- ------------- ---------- --------
: > "$CMP/summary.txt"
for t in "${tools[@]}"; do
  f=$CMP/$t.times
  med=$(cut -d' ' -f1 "$f" | median)
  min=$(cut -d' ' -f1 "$f" | sort -n | head -1)
  rss=$(cut -d' ' -f2 "$f" | sort -n | tail -1)
  # HTML pages, not counting Hugo's redirect pages at .../page/1/.
  html=$(find "$CMP/public-$t" -name '*.html' | wc -l)
  html=$((html - $(grep -rl --include='*.html' 'http-equiv="refresh"' "$CMP/public-$t" | wc -l || true)))
  files=$(find "$CMP/public-$t" -type f | wc -l)
  printf '%-12s | %8s | %8s | %13d | %10d | %8d\n' "$t" "$med" "$min" $((rss / 1024)) "$html" "$files"
  echo "$t $med $((rss / 1024)) $(version "$t" | cut -d' ' -f2)" >> "$CMP/summary.txt"
done
echo
read -r _ tmed _ < <(grep '^timelinegen ' "$CMP/summary.txt")
while read -r t med _ v; do
  [ "$t" = timelinegen ] && continue
  awk -v h="$med" -v t="$tmed" -v v="$v" 'BEGIN {printf "ratio Hugo %s / timelinegen (median wall time): %.2f\n", v, h / t}'
done < "$CMP/summary.txt"
