#!/usr/bin/env bash
# fuzz.sh — run every Go fuzz target in Dyad, one after another, and
# summarise.
#
#   scripts/fuzz.sh [DURATION]
#
# DURATION is how long each target fuzzes, as go test's -fuzztime takes it:
# "10m" (the default), "90s", or "5000x" for a number of executions.
#
# Targets are discovered, not listed here: every package with a
# "func Fuzz..." in a _test.go file is asked for its targets with
# `go test -list 'Fuzz.*'`, and each target runs alone as
#
#   go test -run '^$' -fuzz '^Name$' -fuzztime DURATION -fuzzminimizetime 5s PACKAGE
#
# (its seed corpus, f.Add and testdata/fuzz/Name, runs first). A summary
# gives each target's result, executions and new coverage-increasing
# inputs; the exit status is non-zero if any target failed.
#
# When a target fails, Go writes the input to PACKAGE/testdata/fuzz/Name/
# and the summary prints the command that re-runs it. That file then runs
# with every `go test`: keep it as a regression seed once the bug is fixed,
# or delete it. The growing corpus of interesting inputs lives in Go's
# cache ($(go env GOCACHE)/fuzz), so later runs start where earlier ones
# stopped.
#
# Environment:
#   FUZZ_MATCH     only targets whose name matches this extended regexp
#   FUZZ_PARALLEL  fuzzing workers per target (go test -parallel; default
#                  GOMAXPROCS)
#   FUZZ_MINIMIZE  -fuzzminimizetime (default 5s). Go's own default, 60s,
#                  is spent minimizing each new interesting input while
#                  its worker runs nothing else: with few workers and
#                  short runs most of the time goes there.
#   FUZZ_LOGDIR    where each target's full output goes (default: a new
#                  temporary directory, printed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-10m}"
if [ $# -gt 1 ] || [[ "$duration" == -* ]]; then
	sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
fi
logdir="${FUZZ_LOGDIR:-$(mktemp -d "${TMPDIR:-/tmp}/dyad-fuzz.XXXXXX")}"
mkdir -p "$logdir"
parallel=()
if [ -n "${FUZZ_PARALLEL:-}" ]; then
	parallel=(-parallel "$FUZZ_PARALLEL")
fi

# Discover: packages with a fuzz function in a test file, then their targets.
targets=() # "package name" pairs
while read -r pkg dir; do
	if ! grep -qs '^func Fuzz[A-Z0-9_a-z]*(' "$dir"/*_test.go; then
		continue
	fi
	if ! list="$(go test -list 'Fuzz.*' "$pkg" 2>&1)"; then
		echo "fuzz.sh: cannot list the fuzz targets of $pkg:" >&2
		echo "$list" >&2
		exit 1
	fi
	while read -r name; do
		if [ -n "${FUZZ_MATCH:-}" ] && ! [[ "$name" =~ $FUZZ_MATCH ]]; then
			continue
		fi
		targets+=("$pkg $name")
	done < <(grep -E '^Fuzz[A-Za-z0-9_]*$' <<<"$list" || true)
done < <(go list -f '{{.ImportPath}} {{.Dir}}' ./...)

if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz.sh: no fuzz targets found${FUZZ_MATCH:+ matching $FUZZ_MATCH}" >&2
	exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets, $duration each; logs in $logdir"

summary=()
failures=()
failed=0
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	log="$logdir/${pkg//\//_}.$name.log"
	echo
	echo "== $name ($pkg) for $duration"
	start=$(date +%s)
	set +e
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "$duration" -fuzzminimizetime "${FUZZ_MINIMIZE:-5s}" "${parallel[@]}" "$pkg" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	set -e
	secs=$(($(date +%s) - start))
	# The last progress line carries the totals:
	# "fuzz: elapsed: 1m0s, execs: 123456 (2057/sec), new interesting: 12 (total: 40)"
	last="$(grep -E '^fuzz: elapsed: .*execs: ' "$log" | tail -n 1 || true)"
	execs="$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")"
	interesting="$(sed -nE 's/.*new interesting: ([0-9]+ \(total: [0-9]+\)).*/\1/p' <<<"$last")"
	if [ "$status" -eq 0 ]; then
		result=ok
	else
		result=FAIL
		failed=$((failed + 1))
		input="$(sed -nE 's/.*Failing input written to (.*)$/\1/p' "$log" | tail -n 1)"
		if [ -n "$input" ]; then
			path="$(go list -f '{{.Dir}}' "$pkg")/$input"
			result="FAIL: ${path#"$PWD"/}"
			failures+=("go test -run '^$name\$/^$(basename "$input")\$' $pkg")
		else
			failures+=("$name ($pkg): no failing input written; see $log")
		fi
	fi
	summary+=("$(printf '%-20s %-44s %5ss wall  execs %-11s new interesting %-16s %s' \
		"$name" "$pkg" "$secs" "${execs:-?}" "${interesting:-?}" "$result")")
done

echo
echo "== summary ($duration per target; logs in $logdir)"
printf '%s\n' "${summary[@]}"
echo "${#targets[@]} targets, $failed failed"
if [ "$failed" -gt 0 ]; then
	echo
	echo "== re-run the failures"
	printf '%s\n' "${failures[@]}"
	exit 1
fi
