#!/usr/bin/env bash
# Unpack MathJax 3 (its npm package; no CDN is used by the site) into docs/assets/mathjax.
set -euo pipefail
VERSION=3.2.2
DEST="$(dirname "$0")/assets/mathjax"
[ -f "$DEST/es5/tex-chtml.js" ] && [ -f "$DEST/.version-$VERSION" ] && exit 0
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "mathjax@$VERSION" >/dev/null)
rm -rf "$DEST" && mkdir -p "$DEST"
tar -xzf "$TMP/mathjax-$VERSION.tgz" -C "$TMP" package/es5 package/LICENSE
mv "$TMP/package/es5" "$TMP/package/LICENSE" "$DEST/"
touch "$DEST/.version-$VERSION"
