#!/usr/bin/env bash
# dgraph-cluster.sh — a throwaway sharded Dgraph v24.0.5 on loopback: one
# zero (--replicas 1) and three alphas, so each alpha is its own group and
# predicates (tablets) can live in different groups.
#
#   scripts/dgraph-cluster.sh start DIR   start zero + 3 alphas with data in DIR; waits
#                                         until all three alphas are healthy, prints
#                                         export lines (below) and writes DIR/pids
#   scripts/dgraph-cluster.sh state       print which group serves which predicate
#   scripts/dgraph-cluster.sh stop DIR    stop exactly the processes listed in DIR/pids
#
# Ports: DYAD_DGRAPH_CLUSTER_OFFSET (default 500) is the zero's port offset
# and the first alpha's; the others take the next offsets. With 500:
#   zero     gRPC 5580, HTTP 6580
#   alpha1   internal 7580, HTTP 8580, gRPC 9580   (DIR/alpha1/{p,w,t})
#   alpha2   internal 7581, HTTP 8581, gRPC 9581   (DIR/alpha2/{p,w,t})
#   alpha3   internal 7582, HTTP 8582, gRPC 9582   (DIR/alpha3/{p,w,t})
# Everything binds to loopback only (--bindall=false). The binary is the one
# scripts/dgraph.sh builds once into ~/.cache/dyad/bin.
#
# start prints, for eval:
#   export DYAD_DGRAPH_ADDR=127.0.0.1:9580              one alpha, for --store dgraph:...
#   export DYAD_DGRAPH_CLUSTER_ADDR=127.0.0.1:9580,...  every alpha (dgraph/cluster_test.go)
#   export DYAD_DGRAPH_CLUSTER_ZERO=127.0.0.1:6580      zero's HTTP endpoint (/state, /moveTablet)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
OFFSET="${DYAD_DGRAPH_CLUSTER_OFFSET:-500}"
ALPHAS=3

zero_grpc=$((5080 + OFFSET))
zero_http=$((6080 + OFFSET))

state() {
	curl -fsS --max-time 5 "http://127.0.0.1:$zero_http/state"
}

start() {
	local dir="$1"
	local bin
	bin="$("$HERE/dgraph.sh" build)"
	mkdir -p "$dir"
	if [ -s "$dir/pids" ]; then
		echo "dgraph-cluster.sh: $dir/pids exists: a cluster may be running there; stop it first" >&2
		exit 1
	fi
	local ports=("$zero_grpc" "$zero_http")
	for i in $(seq 0 $((ALPHAS - 1))); do
		ports+=($((7080 + OFFSET + i)) $((8080 + OFFSET + i)) $((9080 + OFFSET + i)))
	done
	for port in "${ports[@]}"; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "dgraph-cluster.sh: port $port is already in use; set DYAD_DGRAPH_CLUSTER_OFFSET to another offset" >&2
			exit 1
		fi
	done

	"$bin" zero --my="127.0.0.1:$zero_grpc" --port_offset "$OFFSET" --replicas 1 --bindall=false \
		--wal "$dir/zw" >"$dir/zero.log" 2>&1 &
	echo $! >"$dir/pids"
	# Wait for zero before the alphas join, so they join in order
	# (alpha1 usually becomes group 1).
	for _ in $(seq 1 60); do
		curl -fsS --max-time 2 "http://127.0.0.1:$zero_http/health" >/dev/null 2>&1 && break
		sleep 0.5
	done
	for i in $(seq 1 $ALPHAS); do
		local o=$((OFFSET + i - 1)) a="$dir/alpha$i"
		mkdir -p "$a"
		"$bin" alpha --my="127.0.0.1:$((7080 + o))" --zero="127.0.0.1:$zero_grpc" --port_offset "$o" --bindall=false \
			--postings "$a/p" --wal "$a/w" --tmp "$a/t" --cache "size-mb=256" \
			--security "whitelist=127.0.0.1/8" >"$dir/alpha$i.log" 2>&1 &
		echo $! >>"$dir/pids"
		sleep 1
	done

	local healthy=0
	for _ in $(seq 1 180); do
		healthy=0
		for i in $(seq 1 $ALPHAS); do
			if curl -fsS --max-time 2 "http://127.0.0.1:$((8080 + OFFSET + i - 1))/health" 2>/dev/null | grep -q '"status":"healthy"'; then
				healthy=$((healthy + 1))
			fi
		done
		[ "$healthy" -eq "$ALPHAS" ] && break
		sleep 1
	done
	local groups=0
	if [ "$healthy" -eq "$ALPHAS" ]; then
		for _ in $(seq 1 60); do
			groups="$(state 2>/dev/null | grep -o '"groups":{.*' | grep -oE '"[0-9]+":\{"members"' | wc -l || true)"
			[ "$groups" -ge "$ALPHAS" ] && break
			sleep 1
		done
	fi
	if [ "$healthy" -ne "$ALPHAS" ] || [ "$groups" -lt "$ALPHAS" ]; then
		echo "dgraph-cluster.sh: $healthy of $ALPHAS alphas healthy, $groups groups, after 3 minutes; last log lines:" >&2
		for i in $(seq 1 $ALPHAS); do
			echo "-- alpha$i" >&2
			tail -n 10 "$dir/alpha$i.log" >&2
		done
		stop "$dir"
		exit 1
	fi
	local addrs=""
	for i in $(seq 1 $ALPHAS); do
		addrs="${addrs:+$addrs,}127.0.0.1:$((9080 + OFFSET + i - 1))"
	done
	echo "export DYAD_DGRAPH_ADDR=127.0.0.1:$((9080 + OFFSET))"
	echo "export DYAD_DGRAPH_CLUSTER_ADDR=$addrs"
	echo "export DYAD_DGRAPH_CLUSTER_ZERO=127.0.0.1:$zero_http"
}

# print_state summarises zero's /state: each group's alpha and predicates.
print_state() {
	local json
	json="$(state)" || {
		echo "dgraph-cluster.sh: zero at 127.0.0.1:$zero_http does not answer" >&2
		exit 1
	}
	if command -v python3 >/dev/null 2>&1; then
		python3 -c '
import json, sys
s = json.load(sys.stdin)
for gid, g in sorted(s.get("groups", {}).items(), key=lambda kv: int(kv[0])):
    addrs = ", ".join(m.get("addr", "?") for m in g.get("members", {}).values())
    tabs = sorted(g.get("tablets", {}))
    print("group %s (%s): %d tablets" % (gid, addrs, len(tabs)))
    for t in tabs:
        print("  " + t)
' <<<"$json"
	else
		echo "$json"
	fi
}

# The pids file has the same form as dgraph.sh's: its stop does the job.
stop() { "$HERE/dgraph.sh" stop "$1"; }

case "${1:-}" in
start) start "${2:?usage: dgraph-cluster.sh start DIR}" ;;
state) print_state ;;
stop) stop "${2:?usage: dgraph-cluster.sh stop DIR}" ;;
*)
	echo "usage: scripts/dgraph-cluster.sh start DIR | state | stop DIR" >&2
	exit 2
	;;
esac
