#!/bin/sh
# Refreshes the Decap CMS bundled in the binary (internal/desk/decap/dist)
# from npm, or with "check" verifies that the committed files are the ones
# the pinned release holds. The tarball is checked against the integrity
# sum npm publishes for it, pinned here: a changed release fails loudly.
#
#   sh internal/desk/decap/refresh.sh          fetch, verify, write dist/
#   sh internal/desk/decap/refresh.sh check    verify dist/ against SHA256SUMS
#
# To move to a newer release, set VERSION and INTEGRITY from
# `npm view decap-cms@<version> dist.integrity` and run it.
set -eu
VERSION=3.16.3
INTEGRITY=sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==
dir=$(cd "$(dirname "$0")" && pwd)

# The main bundle is stored with V8's compile hint as its first line:
# Chromium then compiles all of it on a background thread as it arrives,
# rather than each function on the page's thread when first called, which
# took most of the desk's first opening (docs/desk.md, The bundle).
hint='//# allFunctionsCalledOnLoad'

if [ "${1:-}" = check ]; then
	cd "$dir/dist"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	for f in *.gz; do gzip -dc "$f" > "$tmp/${f%.gz}"; done
	[ "$(head -n 1 "$tmp/decap-cms.js")" = "$hint" ] || { echo "decap-cms.js does not start with $hint" >&2; exit 1; }
	tail -n +2 "$tmp/decap-cms.js" > "$tmp/hinted" && mv "$tmp/hinted" "$tmp/decap-cms.js"
	cp SHA256SUMS "$tmp/" && cd "$tmp" && sha256sum --quiet -c SHA256SUMS
	[ "$(ls | grep -vc SHA256SUMS)" = "$(wc -l < SHA256SUMS)" ] || { echo "dist/ holds files SHA256SUMS does not list" >&2; exit 1; }
	echo "decap-cms $VERSION: dist/ matches SHA256SUMS"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "decap-cms@$VERSION" > /dev/null)
got="sha512-$(openssl dgst -sha512 -binary "$tmp/decap-cms-$VERSION.tgz" | base64 -w0)"
if [ "$got" != "$INTEGRITY" ]; then
	echo "decap-cms-$VERSION.tgz: integrity $got, want $INTEGRITY" >&2
	exit 1
fi
tar xzf "$tmp/decap-cms-$VERSION.tgz" -C "$tmp"
src="$tmp/package/dist"
rm -rf "$dir/dist" && mkdir -p "$dir/dist"
# The main bundle, the chunks it loads on demand, its WebAssembly, its
# stylesheet and the licences of what it bundles; not the source maps nor
# the second copy built as cms.js.
cd "$src"
files=$(ls decap-cms.js decap-cms.js.LICENSE.txt cms.css *.decap-cms.js *.wasm | sort)
sha256sum $files > "$dir/dist/SHA256SUMS"
for f in $files; do
	if [ "$f" = decap-cms.js ]; then
		{ echo "$hint"; cat "$f"; } | gzip -9n > "$dir/dist/$f.gz"
	else
		gzip -9n < "$f" > "$dir/dist/$f.gz"
	fi
done
echo "$VERSION" > "$dir/VERSION"
echo "decap-cms $VERSION: $(echo $files | wc -w) files in $dir/dist"
