#!/usr/bin/env bash
# scripts/cluster.sh: a three-node MariaDB Galera cluster on this machine,
# for the scale-out tests (make cluster): three mariadbd on loopback ports,
# their data under var/cluster/nN, joined with Debian's galera-4, state
# transfers by rsync.
#
#   run            start, then the stack on it in the foreground (two
#                  portals, two senders: make cluster); Ctrl-C or SIGTERM
#                  stops the stack and the nodes
#   start          bootstrap node 1, join 2 and 3, wait until all are synced
#   stop           stop every node
#   kill N         SIGKILL node N (a lost machine)
#   restart N      start node N again: it rejoins (IST or SST)
#   status         each node's state and the cluster's size
#   hosts          the DB.Hosts line for the portal and the senders
#
# Ports: SQL CLUSTER_PORT+N-1 (3311...), group 4411..., IST 4421...,
# SST 4431....
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${SP_CLUSTER_DIR:-$ROOT/var/cluster}
BASE=${CLUSTER_PORT:-3311}
NODES=3
PROVIDER=/usr/lib/galera/libgalera_smm.so

log() { printf 'cluster: %s\n' "$*" >&2; }
sqlport() { echo $((BASE + $1 - 1)); }
gport() { echo $((BASE + 1100 + $1 - 1)); }
sock() { echo "$DIR/n$1/run/mysqld.sock"; }
# As root the nodes run as nobody: the rsync daemon of a state transfer,
# started by the joining node, drops to nobody anyway and must be able to
# write the node's files.
asroot() { [ "$(id -u)" -eq 0 ] && echo --user=nobody || true; }
node_sql() {
	local user=root
	[ "$(id -u)" -eq 0 ] || user=$(id -un)
	mariadb --no-defaults -S "$(sock "$1")" -u "$user" -N -B -e "$2"
}
alive() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat")" != Z ]; }
pid_of() { [ -s "$DIR/n$1/run/mysqld.pid" ] && cat "$DIR/n$1/run/mysqld.pid" || true; }

# Every node's address on one of its ports (list sqlport or list gport).
list() {
	local i out=""
	for i in $(seq 1 $NODES); do
		out="$out${out:+,}127.0.0.1:$("$1" "$i")"
	done
	echo "$out"
}

start_node() {
	local n=$1 new=${2:-} d=$DIR/n$1
	alive "$(pid_of "$n")" && return 0
	mkdir -p "$d/db" "$d/run" "$d/log" "$d/tmp"
	[ "$(id -u)" -ne 0 ] || chown -R nobody:nogroup "$d"
	if [ ! -d "$d/db/mysql" ]; then
		mariadb-install-db --no-defaults --datadir="$d/db" $(asroot) \
		    --skip-test-db --auth-root-authentication-method=socket \
		    >"$d/log/install-db.log" 2>&1 || { cat "$d/log/install-db.log" >&2; exit 1; }
	fi
	local bootstrap=()
	[ -n "$new" ] && bootstrap=(--wsrep-new-cluster)
	# a node that stopped last may bootstrap from its own state
	[ -n "$new" ] && [ -f "$d/db/grastate.dat" ] &&
	    sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$d/db/grastate.dat"
	mariadbd --no-defaults --datadir="$d/db" --socket="$(sock "$n")" \
	    --pid-file="$d/run/mysqld.pid" $(asroot) \
	    --bind-address=127.0.0.1 --port="$(sqlport "$n")" \
	    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
	    --innodb-buffer-pool-size=${SP_DB_POOL:-256M} \
	    --innodb-flush-log-at-trx-commit=2 --max-connections=500 \
	    --innodb-autoinc-lock-mode=2 --binlog-format=ROW \
	    --log-bin-trust-function-creators=1 \
	    --default-storage-engine=InnoDB \
	    --wsrep-on=ON --wsrep-provider="$PROVIDER" \
	    --wsrep-cluster-name=salespartner \
	    --wsrep-cluster-address="gcomm://$(list gport)" \
	    --wsrep-node-name="n$n" --wsrep-node-address="127.0.0.1:$(gport "$n")" \
	    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$(gport "$n");ist.recv_addr=127.0.0.1:$((BASE + 1110 + n - 1));evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S" \
	    --wsrep-sst-method=rsync \
	    --wsrep-sst-receive-address="127.0.0.1:$((BASE + 1120 + n - 1))" \
	    "${bootstrap[@]}" \
	    --tmpdir="$d/tmp" --log-error="$d/log/mariadb.log" &
	echo $! >"$d/run/mysqld.launch"
	wait_synced "$n" 600
}

wait_synced() {
	local n=$1 tries=$2 i state
	for i in $(seq 1 "$tries"); do
		state=$(node_sql "$n" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}') || true
		[ "$state" = Synced ] && return 0
		if ! alive "$(cat "$DIR/n$n/run/mysqld.launch" 2>/dev/null)"; then
			tail -20 "$DIR/n$n/log/mariadb.log" >&2
			log "node $n did not start"; exit 1
		fi
		sleep 0.2
	done
	log "node $n not synced after $((tries / 5)) s"; exit 1
}

stop_node() {
	local n=$1 pid
	pid=$(pid_of "$n")
	[ -n "$pid" ] || pid=$(cat "$DIR/n$n/run/mysqld.launch" 2>/dev/null || true)
	if alive "$pid"; then
		kill -TERM "$pid"
		for _ in $(seq 1 300); do alive "$pid" || break; sleep 0.1; done
		alive "$pid" && kill -KILL "$pid"
	fi
	rm -f "$DIR/n$n/run/mysqld.pid" "$DIR/n$n/run/mysqld.launch"
}

status() {
	local n
	for n in $(seq 1 $NODES); do
		if alive "$(pid_of "$n")"; then
			printf 'node %d (port %d): %s, cluster size %s\n' "$n" "$(sqlport "$n")" \
			    "$(node_sql "$n" "SHOW STATUS LIKE 'wsrep_local_state_comment'" | awk '{print $2}')" \
			    "$(node_sql "$n" "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}')"
		else
			printf 'node %d (port %d): down\n' "$n" "$(sqlport "$n")"
		fi
	done
}

stack_env() {
	SP_VAR=${SP_VAR:-$DIR/app} SP_DB_HOSTS=$(list sqlport) \
	    SP_DB_ADMIN_SOCK=$(sock 1) SP_PORTALS=${SP_PORTALS:-2} \
	    SP_SENDERS=${SP_SENDERS:-2} "$@"
}

case "${1:-}" in
run)
	trap 'stack_env bash "$ROOT/scripts/stack.sh" stop; for n in $(seq $NODES -1 1); do stop_node "$n"; done' EXIT
	trap 'exit 0' INT TERM
	start_node 1 new
	for n in $(seq 2 $NODES); do start_node "$n"; done
	status
	stack_env bash "$ROOT/scripts/stack.sh" run
	;;
start)
	start_node 1 new
	for n in $(seq 2 $NODES); do start_node "$n"; done
	status
	;;
stop)
	# the last to stop is the one safe to bootstrap from
	for n in $(seq $NODES -1 1); do stop_node "$n"; done
	;;
kill)
	pid=$(pid_of "$2")
	alive "$pid" && kill -KILL "$pid"
	for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.05; done
	rm -f "$DIR/n$2/run/mysqld.pid" "$DIR/n$2/run/mysqld.launch"
	;;
restart)
	start_node "$2"
	;;
status)
	status
	;;
hosts)
	list sqlport
	;;
sock)
	sock "$2"
	;;
*)
	echo "usage: $0 run|start|stop|kill N|restart N|status|hosts|sock N" >&2
	exit 2
	;;
esac
