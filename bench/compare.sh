#!/usr/bin/env bash
# bench/compare.sh [N] [RUNS]: times timelinegen against two Hugo versions,
# each on two Hugo sites, on the same generated content of N articles
# (default 10,000), all in one run: Debian's Hugo 0.111 ($HUGO_OLD, default
# /usr/bin/hugo) and Hugo 0.160 ($HUGO_NEW, default bin/hugo-0.160.0/hugo,
# which `make bench-hugo` installs), each building the feature-matched site
# (bench/hugo/matched.toml: related-content index, places page, JSON
# outputs) and the lean one (bench/hugo/lean.toml: pages, sections,
# taxonomies, home, RSS, sitemap). Hugo reads a copy of the Markdown in
# which two things differ (see bench/hugo/README.md): the key `kind`, which
# Hugo reserves, is `event_kind`, and a date of a year or a month is its
# first day, which Hugo cannot parse otherwise.
#
# Every build goes into its own output folder under $OUT (default
# bench/out; use a RAM disk, e.g. OUT=/dev/shm/bench, so that runs
# compare), kept from one run to the next as its users keep public/, after
# one untimed warm-up build each; Hugo keeps its --cacheDir warm the same
# way, and timelinegen its .timelinegen/ (a copy of the site's, when
# bench/run.sh has built it). The builds rotate, RUNS times each (default
# 3). Before each round, outside the timing, one article (another each
# round) gets the same paragraph appended to its body, in timelinegen's
# copy and in Hugo's: timelinegen's headline row is what an editor gets,
# a warm build after one edit. A second timelinegen copy that is never
# edited gives the row "nothing edited" (NOEDIT=0 leaves it out).
# SITES="lean" leaves out the feature-matched Hugo site, whose
# related-content index costs Hugo time that grows with the square of the
# articles (about 6.5 CPU-s of Hugo 0.111 at 2,000, 160 at 10,000).
#
# The table gives median and minimum wall time, median CPU time (user +
# system), peak RSS, and the HTML pages (not counting redirects) and files
# in each output folder, then each Hugo's ratios to timelinegen's edited
# build against the targets (3× the lean site, 6× the feature-matched
# one). $OUT/compare-N/summary.txt holds the same figures, one line a
# build, for bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-${RUNS:-3}}
NOEDIT=${NOEDIT:-1}
SITES=${SITES:-lean matched}
OUT=${OUT:-bench/out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SITE=$OUT/site-$N
CMP=$OUT/compare-$N
HUGO_OLD=${HUGO_OLD:-/usr/bin/hugo}
HUGO_NEW=${HUGO_NEW:-bin/hugo-0.160.0/hugo}
case "$(pwd)$CMP$HUGO_OLD$HUGO_NEW" in *[[:space:]]*) echo "compare.sh: paths with spaces are not supported" >&2; exit 1 ;; esac

builds=(timelinegen-edited)
[ "$NOEDIT" != 0 ] && builds+=(timelinegen-unedited)
hugos=0
for h in old new; do
  bin=$HUGO_OLD want="Hugo 0.111 (Debian: apt-get install hugo; or set HUGO_OLD)"
  [ $h = new ] && bin=$HUGO_NEW want="Hugo 0.160 (make bench-hugo installs it; or set HUGO_NEW)"
  if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
    for site in $SITES; do
      case $site in
        lean | matched) builds+=("hugo-$h-$site") ;;
        *) echo "compare.sh: SITES=\"$SITES\": the sites are lean and matched" >&2; exit 2 ;;
      esac
    done
    hugos=$((hugos + 1))
  else
    echo "compare.sh: no working Hugo at $bin: $want; its rows are left out" >&2
  fi
done
if [ "$hugos" = 0 ]; then echo "compare.sh: no Hugo to compare with" >&2; exit 1; fi

go build -o bin/timelinegen ./cmd/timelinegen
go build -o bin/benchgen ./cmd/benchgen
if [ ! -f "$SITE/.complete" ]; then
  bin/benchgen -n "$N" -out "$SITE" -force
  touch "$SITE/.complete"
fi
rm -rf "$CMP"
mkdir -p "$CMP"
# timelinegen's copies keep the site's .timelinegen/ (bench/run.sh's
# builds drew its share cards): the warm-up makes the rest warm.
cp -a "$SITE" "$CMP/site-edited"
if [ "$NOEDIT" != 0 ]; then cp -a "$SITE" "$CMP/site-unedited"; fi
cp -r "$SITE/content" "$CMP/hugo-content"
find "$CMP/hugo-content" -name '*.md' -print0 | xargs -0 sed -i -E \
  -e 's/^kind:/event_kind:/' \
  -e 's/^date: ("?)([0-9]{4})-([0-9]{2})("?) *$/date: \1\2-\3-01\4/' \
  -e 's/^date: ("?)([0-9]{4})("?) *$/date: \1\2-01-01\3/'
# Hugo up to 0.143 and from 0.144 on name pagination and the feed length
# differently (old.toml, new.toml); 0.111 ignores the root keys of a
# second --config file, so each build reads one file joined here.
for site in lean matched; do
  cat bench/hugo/old.toml bench/hugo/hugo.toml "bench/hugo/$site.toml" > "$CMP/hugo-old-$site.toml"
  cat bench/hugo/hugo.toml bench/hugo/new.toml "bench/hugo/$site.toml" > "$CMP/hugo-new-$site.toml"
done

# command_of BUILD: BUILD's command line, into its output folder, in argv.
command_of() {
  local dest=$CMP/public-$1 bin=$HUGO_OLD
  case $1 in
    timelinegen-*) argv=(bin/timelinegen build --source "$CMP/site-${1#timelinegen-}" --dest "$dest") ;;
    hugo-*)
      [[ $1 = hugo-new-* ]] && bin=$HUGO_NEW
      argv=("$bin" --quiet --source bench/hugo --config "$CMP/$1.toml" --contentDir "$CMP/hugo-content"
        --destination "$dest" --gc=false --noBuildLock --cacheDir "$CMP/cache-$1") ;;
  esac
}
# run BUILD [time]: build; with time, under /usr/bin/time, appending
# "wall-s peak-KiB user-s sys-s load" to CMP/BUILD.times. Messages go to
# CMP/BUILD.log; a build that fails ends the script.
run() {
  command_of "$1"
  if [ -z "${2:-}" ]; then
    "${argv[@]}" >/dev/null 2>>"$CMP/$1.log"
    return
  fi
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$CMP/time.txt" "${argv[@]}" >/dev/null 2>>"$CMP/$1.log"
  echo "$(cat "$CMP/time.txt") $(cut -d' ' -f1 /proc/loadavg)" >> "$CMP/$1.times"
}
version() {
  case $1 in
    hugo-old-*) "$HUGO_OLD" version | cut -d' ' -f2 | sed -E 's/^v//; s/[+-].*//' ;;
    hugo-new-*) "$HUGO_NEW" version | cut -d' ' -f2 | sed -E 's/^v//; s/[+-].*//' ;;
    timelinegen-*) git describe --always --dirty 2>/dev/null || echo devel ;;
  esac
}
label() {
  case $1 in
    timelinegen-edited) echo "timelinegen, one article edited" ;;
    timelinegen-unedited) echo "timelinegen, nothing edited" ;;
    hugo-*-lean) echo "Hugo $(version "$1"), lean site" ;;
    hugo-*-matched) echo "Hugo $(version "$1"), feature-matched" ;;
  esac
}

# The articles edited, one a round, spread over the site; the paragraph
# is the same each time and shows in the article's page (a withdrawn
# article's page shows a notice instead of its body, a draft none).
mapfile -t articles < <(cd "$SITE/content" && find . -name '*.md' | sort | xargs grep -L -E '^(withdrawn|draft):')
edit() {
  local a=${articles[$(($1 * ${#articles[@]} / (RUNS + 1)))]}
  for c in "$CMP/site-edited/content" "$CMP/hugo-content"; do
    printf '\n\nThis paragraph was added by bench/compare.sh to time a build after one edit.\n' >> "$c/$a"
  done
}
# edited I: the pages of timelinegen's edited copy that show the paragraph
# must be at least I after round I (else the edit was not rebuilt).
edited() {
  local n
  n=$(grep -rlF --include='*.html' 'added by bench/compare.sh' "$CMP/public-timelinegen-edited" | wc -l || true)
  if [ "$n" -lt "$1" ]; then
    echo "compare.sh: after $1 edits, only $n pages of timelinegen's output show them" >&2
    exit 1
  fi
}

echo "== timelinegen vs Hugo: $N articles ($(du -sh "$SITE/content" | cut -f1) of Markdown), $RUNS runs each, in turn"
echo "   $(for b in "${builds[@]}"; do [[ $b = *-unedited || $b = *-matched ]] || printf '%s %s; ' "${b%%-*}" "$(version "$b")"; done)$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), output in $OUT"
for b in "${builds[@]}"; do run "$b"; done # warm-up
for i in $(seq "$RUNS"); do
  edit "$i"
  # Rotate the order, so that none always runs first.
  k=$((i % ${#builds[@]}))
  for b in "${builds[@]:k}" "${builds[@]:0:k}"; do
    run "$b" time
    read -r secs kb user sys load < <(tail -1 "$CMP/$b.times")
    echo "run $i $b: ${secs} s, $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}') CPU-s, peak RSS $((kb / 1024)) MiB, load $load"
  done
  edited "$i"
done
for b in "${builds[@]}"; do
  if [ -s "$CMP/$b.log" ]; then echo "compare.sh: $b said:" >&2; head -20 "$CMP/$b.log" >&2; fi
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
printf '%-36s | %8s | %7s | %12s | %8s | %10s | %8s\n' build "median s" "min s" "median CPU-s" "peak MiB" "HTML pages" files
printf '%-36s-+-%8s-+-%7s-+-%12s-+-%8s-+-%10s-+-%8s\n' "$(printf '%036d' 0 | tr 0 -)" -------- ------- ------------ -------- ---------- --------
echo "# build version median-s min-s median-CPU-s peak-MiB html-pages files loads" > "$CMP/summary.txt"
for b in "${builds[@]}"; do
  f=$CMP/$b.times
  med=$(cut -d' ' -f1 "$f" | median)
  min=$(cut -d' ' -f1 "$f" | sort -n | head -1)
  cpu=$(awk '{printf "%.2f\n", $3 + $4}' "$f" | median)
  rss=$(($(cut -d' ' -f2 "$f" | sort -n | tail -1) / 1024))
  loads=$(cut -d' ' -f5 "$f" | paste -sd, -)
  # HTML pages, not counting Hugo's redirect pages at .../page/1/.
  html=$(find "$CMP/public-$b" -name '*.html' | wc -l)
  html=$((html - $(grep -rl --include='*.html' 'http-equiv="refresh"' "$CMP/public-$b" | wc -l || true)))
  files=$(find "$CMP/public-$b" -type f | wc -l)
  printf '%-36s | %8s | %7s | %12s | %8d | %10d | %8d\n' "$(label "$b")" "$med" "$min" "$cpu" "$rss" "$html" "$files"
  echo "$b $(version "$b") $med $min $cpu $rss $html $files $loads" >> "$CMP/summary.txt"
done
echo
echo "timelinegen's row is a warm build after one article's body was edited (its own"
echo "output folder and .timelinegen/ kept from the build before, as an editor has them)."
read -r _ _ tmed _ tcpu _ < <(grep '^timelinegen-edited ' "$CMP/summary.txt")
grep '^hugo-' "$CMP/summary.txt" | while read -r b _ med _ cpu _; do
  want=6
  [[ $b = *-lean ]] && want=3
  awk -v h="$med" -v t="$tmed" -v hc="$cpu" -v tc="$tcpu" -v w="$want" -v what="$(label "$b")" 'BEGIN {
    r = h / t
    printf "ratio %-30s / timelinegen: %5.2f× wall (%.2f× CPU), target ≥ %d×: %s\n", what, r, hc / tc, w, (r >= w ? "holds" : "MISSED")
  }'
done
