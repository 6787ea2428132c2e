#!/usr/bin/env bash
# fetch.sh — refresh the GraphiQL assets embedded in the binary from the npm
# registry (exact versions, so the result is reproducible). Run from this
# folder: bash fetch.sh. Needs npm; users of Dyad need nothing of it.
set -euo pipefail
cd "$(dirname "$0")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent graphiql@3.8.3 react@18.3.1 react-dom@18.3.1 >/dev/null)
for pkg in graphiql-3.8.3 react-18.3.1 react-dom-18.3.1; do
	mkdir -p "$tmp/$pkg" && tar xzf "$tmp/$pkg.tgz" -C "$tmp/$pkg"
done
cp "$tmp/graphiql-3.8.3/package/graphiql.min.js" "$tmp/graphiql-3.8.3/package/graphiql.min.css" assets/
cp "$tmp/react-18.3.1/package/umd/react.production.min.js" assets/
cp "$tmp/react-dom-18.3.1/package/umd/react-dom.production.min.js" assets/
{
	echo "GraphiQL 3.8.3 (MIT, GraphQL Contributors), React 18.3.1 and ReactDOM 18.3.1 (MIT, Meta Platforms, Inc.),"
	echo "copied unmodified from the npm registry by fetch.sh."
	echo
	cat "$tmp/graphiql-3.8.3/package/LICENSE"
	echo
	cat "$tmp/react-18.3.1/package/LICENSE"
} >assets/LICENSES.txt
