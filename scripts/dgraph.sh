#!/usr/bin/env bash
# dgraph.sh — build Dgraph v24.0.5 once into a per-user cache and run a
# throwaway zero + alpha on loopback.
#
#   scripts/dgraph.sh build          print the binary's path, building it if missing
#   scripts/dgraph.sh start DIR      start zero + alpha with data in DIR; prints
#                                    "export DYAD_DGRAPH_ADDR=..." and writes DIR/pids
#   scripts/dgraph.sh stop DIR       stop exactly the processes listed in DIR/pids
#
# Ports: DYAD_DGRAPH_PORT_OFFSET (default 100) shifts every port, so a
# Dgraph already on the default ports is left alone: gRPC on 9080+offset,
# HTTP on 8080+offset.
set -euo pipefail

VERSION=v24.0.5
CACHE="${DYAD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dyad}"
BIN="$CACHE/bin/dgraph-$VERSION"
OFFSET="${DYAD_DGRAPH_PORT_OFFSET:-100}"

build() {
	if [ -x "$BIN" ] && "$BIN" version >/dev/null 2>&1; then
		echo "$BIN"
		return
	fi
	echo "dgraph.sh: building Dgraph $VERSION into $BIN (about 2 minutes, once)" >&2
	local mod
	mod="$(mktemp -d)"
	(
		cd "$mod"
		go mod init dgraphbuild >/dev/null 2>&1
		GOFLAGS=-mod=mod go get "github.com/dgraph-io/dgraph/v24/dgraph@$VERSION" >&2
		mkdir -p "$CACHE/bin"
		go build -o "$BIN.tmp" github.com/dgraph-io/dgraph/v24/dgraph >&2
		mv "$BIN.tmp" "$BIN"
	)
	rm -rf "$mod"
	echo "$BIN"
}

start() {
	local dir="$1"
	local bin
	bin="$(build)"
	mkdir -p "$dir"
	local zero=$((5080 + OFFSET)) alpha=$((7080 + OFFSET)) http=$((8080 + OFFSET)) grpc=$((9080 + OFFSET))
	for port in $zero $((6080 + OFFSET)) $alpha $http $grpc; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "dgraph.sh: port $port is already in use; set DYAD_DGRAPH_PORT_OFFSET to another offset" >&2
			exit 1
		fi
	done
	# --bindall=false: listen on loopback only (the whitelist covers admin
	# requests, not the ports themselves).
	"$bin" zero --my="127.0.0.1:$zero" --port_offset "$OFFSET" --bindall=false --wal "$dir/zw" >"$dir/zero.log" 2>&1 &
	echo $! >"$dir/pids"
	"$bin" alpha --my="127.0.0.1:$alpha" --zero="127.0.0.1:$zero" --port_offset "$OFFSET" --bindall=false \
		--postings "$dir/p" --wal "$dir/w" --tmp "$dir/t" \
		--security "whitelist=127.0.0.1/8" >"$dir/alpha.log" 2>&1 &
	echo $! >>"$dir/pids"
	for _ in $(seq 1 120); do
		if curl -fsS "http://127.0.0.1:$http/health" 2>/dev/null | grep -q '"status":"healthy"'; then
			echo "export DYAD_DGRAPH_ADDR=127.0.0.1:$grpc"
			return
		fi
		sleep 1
	done
	echo "dgraph.sh: Dgraph did not become healthy in 120 s; last alpha log lines:" >&2
	tail -n 20 "$dir/alpha.log" >&2
	stop "$dir"
	exit 1
}

stop() {
	local dir="$1"
	[ -f "$dir/pids" ] || return 0
	# Alpha first, then zero; only the PIDs this script started.
	for pid in $(tac "$dir/pids"); do
		kill "$pid" 2>/dev/null || true
	done
	for pid in $(cat "$dir/pids"); do
		for _ in $(seq 1 30); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$pid" 2>/dev/null || true
	done
	rm -f "$dir/pids"
}

case "${1:-}" in
build) build ;;
start) start "${2:?usage: dgraph.sh start DIR}" ;;
stop) stop "${2:?usage: dgraph.sh stop DIR}" ;;
*)
	echo "usage: scripts/dgraph.sh build | start DIR | stop DIR" >&2
	exit 2
	;;
esac
