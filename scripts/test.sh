#!/usr/bin/env bash
# test.sh — run every test of Dyad: formatting and vet, then all Go tests
# with a real Dgraph v24.0.5 started on loopback for the Dgraph suites.
# This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== gofmt"
unformatted="$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"
if [ -n "$unformatted" ]; then
	echo "gofmt: these files need formatting:" >&2
	echo "$unformatted" >&2
	exit 1
fi

echo "== go vet"
go vet ./...

echo "== Chromium (for the dashboard's browser test)"
if ! command -v "${DYAD_CHROMIUM:-chromium}" >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "installing Debian's chromium"
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 ||
			echo "could not install chromium; the browser test will fail in CI" >&2
	else
		echo "chromium is missing; install it (apt-get install chromium) or the browser test skips (and fails in CI)" >&2
	fi
fi

echo "== Dgraph"
work="$(mktemp -d "${TMPDIR:-/tmp}/dyad-test.XXXXXX")"
cleanup() {
	scripts/dgraph.sh stop "$work/dgraph" || true
	scripts/dgraph-cluster.sh stop "$work/cluster" || true
	rm -rf "$work"
}
trap cleanup EXIT
eval "$(scripts/dgraph.sh start "$work/dgraph")"
echo "Dgraph is healthy; tests use DYAD_DGRAPH_ADDR=$DYAD_DGRAPH_ADDR"
export DYAD_DGRAPH_ADDR

echo "== Dgraph cluster (one zero, three alphas) for the scale-out test"
eval "$(scripts/dgraph-cluster.sh start "$work/cluster" | grep DYAD_DGRAPH_CLUSTER_)"
echo "cluster is healthy: DYAD_DGRAPH_CLUSTER_ADDR=$DYAD_DGRAPH_CLUSTER_ADDR"
export DYAD_DGRAPH_CLUSTER_ADDR DYAD_DGRAPH_CLUSTER_ZERO

echo "== go test"
set +e
go test -count=1 -timeout 30m -v ./... 2>&1 | tee "$work/test.log" |
	grep --line-buffered -E '^\s*--- (PASS|FAIL|SKIP)|^(FAIL|ok|PASS)\b|^panic|_test\.go:[0-9]+:|dgraphtest\.go:[0-9]+:'
status=${PIPESTATUS[0]}
set -e
passed=$(grep -cE '^\s*--- PASS' "$work/test.log" || true)
failed=$(grep -cE '^\s*--- FAIL' "$work/test.log" || true)
skipped=$(grep -cE '^\s*--- SKIP' "$work/test.log" || true)
echo
if [ "$status" -ne 0 ]; then
	echo "== failures"
	grep -B2 -A30 -E '^\s*--- FAIL|^panic|^FAIL|build failed|\[setup failed\]' "$work/test.log" | head -300
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
