#!/bin/sh
# Builds the desk's Decap CMS (build/, esbuild, every npm package pinned
# by build/package-lock.json with its integrity sum) into dist/, the
# files embedded in the binary; "check" verifies the committed files
# against SHA256SUMS, "verify" builds again and compares.
#
#   sh internal/desk/decap/refresh.sh          npm ci, build, write dist/
#   sh internal/desk/decap/refresh.sh check    verify dist/ against SHA256SUMS
#   sh internal/desk/decap/refresh.sh verify   rebuild: dist/ is what build/ makes
#
# To move to a newer Decap release, set RELEASE and the versions in
# build/package.json to those that decap-cms-app of that release pins
# (npm view decap-cms-app@<release> dependencies), run `npm install` in
# build/ and then this.
set -eu
RELEASE=3.16.3
dir=$(cd "$(dirname "$0")" && pwd)

# Each script starts with V8's compile hint: Chromium then compiles all
# of it on a background thread as it arrives, rather than each function
# on the page's thread when first called (docs/desk.md, The bundle).
hint='//# allFunctionsCalledOnLoad'

# version is the address the files are served at: the release and the
# build's own sum, so that a browser never keeps a file of another build.
version() { echo "$RELEASE-$(sha256sum < "$1" | cut -c1-8)"; }

# unpack writes the files of dist/ unpacked into $1.
unpack() {
	for f in "$dir"/dist/*.gz; do
		b=$(basename "$f" .gz)
		gzip -dc "$f" > "$1/$b"
	done
	cp "$dir/dist/SHA256SUMS" "$1/"
}

case "${1:-}" in
check)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	unpack "$tmp"
	cd "$tmp"
	sha256sum --quiet -c SHA256SUMS
	[ "$(ls | grep -vc SHA256SUMS)" = "$(wc -l < SHA256SUMS)" ] || { echo "dist/ holds files SHA256SUMS does not list" >&2; exit 1; }
	for f in *.js; do
		[ "$(head -n 1 "$f")" = "$hint" ] || { echo "$f does not start with $hint" >&2; exit 1; }
	done
	[ "$(cat "$dir/VERSION")" = "$(version SHA256SUMS)" ] || { echo "VERSION is not $(version SHA256SUMS)" >&2; exit 1; }
	echo "desk CMS $(cat "$dir/VERSION"): dist/ matches SHA256SUMS"
	exit 0
	;;
verify)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	sh "$0" build "$tmp/out"
	cd "$tmp/out" && sha256sum --quiet -c "$dir/dist/SHA256SUMS"
	[ "$(ls | wc -l)" = "$(wc -l < "$dir/dist/SHA256SUMS")" ] || { echo "the build makes files SHA256SUMS does not list" >&2; exit 1; }
	echo "desk CMS $(cat "$dir/VERSION"): dist/ is what build/ makes"
	exit 0
	;;
build)
	# build OUT: the files of dist/, unpacked, in OUT.
	out=$2
	cd "$dir/build"
	npm ci --ignore-scripts --no-audit --no-fund --silent
	node build.mjs "$out"
	rm "$out/meta.json"
	for f in "$out"/*.js; do
		{ echo "$hint"; cat "$f"; } > "$f.hinted" && mv "$f.hinted" "$f"
	done
	exit 0
	;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$0" build "$tmp/out"
rm -rf "$dir/dist" && mkdir -p "$dir/dist"
cd "$tmp/out"
files=$(ls | sort)
sha256sum $files > "$dir/dist/SHA256SUMS"
for f in $files; do gzip -9n < "$f" > "$dir/dist/$f.gz"; done
version "$dir/dist/SHA256SUMS" > "$dir/VERSION"
echo "desk CMS $(cat "$dir/VERSION"): $(echo $files | wc -w) files in $dir/dist"
