#!/usr/bin/env bash
# scripts/stack.sh: the whole stack on one machine, state under one runtime
# directory: a private MariaDB, the portal's FastCGI workers and nginx.
#   stack.sh run         start, print the URL and logins, stay in the
#                        foreground; Ctrl-C or SIGTERM stops it all
#   stack.sh start|stop  the same in the background / stopping it by PID
#   stack.sh restart-db  stop and start MariaDB only (tests use it)
# Environment: SP_VAR (runtime dir, default ./var), PORT (8080),
# SP_BUILD (binaries, default ./build), SP_SEED (demo|none, default demo),
# SP_WORKERS (portal workers, default two per core), SIM_PORT (the provider
# simulator's port when the config is first written, default 8099).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${SP_VAR:-$ROOT/var}
mkdir -p "$VAR"
VAR=$(cd "$VAR" && pwd)
PORT=${PORT:-8080}
BUILD=${SP_BUILD:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
SEED=${SP_SEED:-demo}
CONF=$VAR/sp.hdf
# A Galera cluster (scripts/cluster.sh) instead of a private MariaDB:
# SP_DB_HOSTS lists its nodes, SP_DB_ADMIN_SOCK is one node's socket for
# the setup. SP_PORTALS and SP_SENDERS start several of each.
SOCK=${SP_DB_ADMIN_SOCK:-$VAR/run/mysqld.sock}
DB_HOSTS=${SP_DB_HOSTS:-}
PORTALS=${SP_PORTALS:-1}
SENDERS=${SP_SENDERS:-1}
DEMO_PASSWORD=demo-password

log() { printf 'stack: %s\n' "$*" >&2; }

dba() {
	# The OS user that owns the instance logs in over the socket.
	local user=root
	[ "$(id -u)" -eq 0 ] || user=$(id -un)
	mariadb --no-defaults -S "$SOCK" -u "$user" "$@"
}

alive() {
	# A pid that is running (zombies count as gone: reaping is slow here).
	local pid=$1 state
	[ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
	state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
	[ "$state" != Z ]
}

pidof_file() { [ -s "$1" ] && cat "$1" || true; }

wait_gone() {
	local pid=$1 i
	for i in $(seq 1 200); do
		alive "$pid" || return 0
		sleep 0.05
	done
	return 1
}

write_config() {
	if [ -f "$CONF" ]; then
		# a config from before the webhooks had workers of their own
		grep -q '^Portal.HookSocket = ' "$CONF" ||
		    printf 'Portal.HookSocket = %s\n' "$VAR/run/hooks.sock" >>"$CONF"
		return 0
	fi
	local secret dbpw workers
	secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
	dbpw=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
	workers=${SP_WORKERS:-0}
	umask 077
	cat > "$CONF" <<HDF
# Written by scripts/stack.sh for this machine; edit freely. Never commit it.
DB.Socket = $( [ -n "$DB_HOSTS" ] || echo "$SOCK")
DB.Hosts = $DB_HOSTS
DB.Name = salespartner
DB.User = sp
DB.Password = $dbpw
DB.WaitMs = ${SP_DB_WAIT_MS:-10000}
Portal.Socket = $VAR/run/portal.sock
Portal.Workers = $workers
# the provider's webhooks: workers of their own, below the pages' priority
Portal.HookSocket = $VAR/run/hooks.sock
Portal.HookWorkers = 2
Portal.HookNice = 10
Portal.PublicURL = http://127.0.0.1:$PORT
Portal.Templates = $ROOT/templates
Portal.MaxBody = 1048576
Session.Secret = $secret
Session.IdleMinutes = 120
Session.AbsoluteMinutes = 720
Login.AccountFailures = 5
Login.AddressFailures = 20
Login.WindowMinutes = 15
# The provider: the simulator here; the real provider's base URLs and
# credentials in production (README).
Provider.ApiBase = http://127.0.0.1:${SIM_PORT:-8099}
Provider.LookupBase = http://127.0.0.1:${SIM_PORT:-8099}
Provider.AccountSid = AC$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
Provider.AuthToken = $(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
Provider.TimeoutMs = ${SP_PROVIDER_TIMEOUT_MS:-10000}
# sp-sender: claims, pacing, retries, look-ups, stuck messages
Sender.Batch = 50
Sender.Parallel = 32
Sender.LeaseSeconds = ${SP_LEASE_S:-60}
Sender.Pacing = ${SP_PACING:-1}
Sender.LookupTTLDays = 30
Sender.MaxAttempts = 5
Sender.RetrySeconds = ${SP_RETRY_S:-5}
Sender.StuckSeconds = ${SP_STUCK_S:-3600}
Sender.StuckPolls = 3
Sender.PollSeconds = ${SP_POLL_S:-30}
Sender.InboundSweepSeconds = ${SP_SWEEP_S:-60}
HDF
	umask 022
}

conf_get() { sed -n "s/^$1 = //p" "$CONF"; }

start_db() {
	local pid
	[ -z "$DB_HOSTS" ] || return 0	# the cluster runs on its own
	pid=$(pidof_file "$VAR/run/mysqld.pid")
	if alive "$pid"; then return 0; fi
	mkdir -p "$VAR/db" "$VAR/run" "$VAR/log" "$VAR/tmp"
	local asroot=()
	[ "$(id -u)" -eq 0 ] && asroot=(--user=root)
	if [ ! -d "$VAR/db/mysql" ]; then
		log "creating a private MariaDB in $VAR/db"
		mariadb-install-db --no-defaults --datadir="$VAR/db" \
		    "${asroot[@]}" --skip-test-db --auth-root-authentication-method=socket \
		    >"$VAR/log/install-db.log" 2>&1 || {
			cat "$VAR/log/install-db.log" >&2; exit 1; }
	fi
	mariadbd --no-defaults --datadir="$VAR/db" --socket="$SOCK" \
	    --pid-file="$VAR/run/mysqld.pid" --skip-networking "${asroot[@]}" \
	    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
	    --innodb-buffer-pool-size=${SP_DB_POOL:-512M} \
	    --innodb-flush-log-at-trx-commit=2 --max-connections=500 \
	    --tmpdir="$VAR/tmp" --log-error="$VAR/log/mariadb.log" &
	echo $! >"$VAR/run/mysqld.launch"
	local i
	for i in $(seq 1 300); do
		[ -S "$SOCK" ] && dba -e 'SELECT 1' >/dev/null 2>&1 && return 0
		if ! alive "$!"; then
			tail -20 "$VAR/log/mariadb.log" >&2
			log "MariaDB did not start"; exit 1
		fi
		sleep 0.1
	done
	log "MariaDB did not answer in 30 s"; exit 1
}

stop_db() {
	local pid
	[ -z "$DB_HOSTS" ] || return 0
	pid=$(pidof_file "$VAR/run/mysqld.pid")
	[ -n "$pid" ] || pid=$(pidof_file "$VAR/run/mysqld.launch")
	if alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null || true
		wait_gone "$pid" || { sleep 5; alive "$pid" && kill -KILL "$pid"; }
		wait_gone "$pid" || true
	fi
	rm -f "$VAR/run/mysqld.pid" "$VAR/run/mysqld.launch"
}

setup_db() {
	local name pw
	name=$(conf_get DB.Name)
	pw=$(conf_get DB.Password)
	dba <<SQL
CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'sp'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'sp'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON \`$name\`.* TO 'sp'@'localhost';
CREATE USER IF NOT EXISTS 'sp'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER 'sp'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON \`$name\`.* TO 'sp'@'127.0.0.1';
SQL
	"$BUILD/sp-admin" -c "$CONF" migrate "$ROOT/sql" >"$VAR/log/migrate.log" 2>&1 || {
		cat "$VAR/log/migrate.log" >&2; exit 1; }
	if [ "$SEED" = demo ]; then
		echo "$DEMO_PASSWORD" | "$BUILD/sp-admin" -c "$CONF" seed-demo "$ROOT/sql" >&2
	fi
}

# Instance i's files: portal.sock and portal.pid for the first, portal2.*
# and so on for the others.
start_portal() {
	local i
	for i in $(seq 1 "$PORTALS"); do
		start_portal_one "$( [ "$i" -eq 1 ] || echo "$i")"
	done
}

start_portal_one() {
	local n=$1 pid conf=$CONF
	pid=$(pidof_file "$VAR/run/portal$n.pid")
	alive "$pid" && return 0
	rm -f "$VAR/run/portal$n.sock" "$VAR/run/hooks$n.sock"
	if [ -n "$n" ]; then
		conf=$VAR/sp$n.hdf
		sed -e "s#^Portal.Socket = .*#Portal.Socket = $VAR/run/portal$n.sock#" \
		    -e "s#^Portal.HookSocket = .*#Portal.HookSocket = $VAR/run/hooks$n.sock#" \
		    "$CONF" >"$conf"
	fi
	"$BUILD/sp-portal" -c "$conf" >>"$VAR/log/portal$n.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/portal$n.pid"
	local i
	for i in $(seq 1 100); do
		[ -S "$VAR/run/portal$n.sock" ] && [ -S "$VAR/run/hooks$n.sock" ] &&
		    return 0
		alive "$!" || break
		sleep 0.05
	done
	tail -20 "$VAR/log/portal$n.log" >&2
	log "sp-portal$n did not start"; exit 1
}

# The simulator runs when the provider's base URL is on this machine; a
# config pointed at the real provider starts none.
start_sim() {
	local pid api port
	api=$(conf_get Provider.ApiBase)
	case "$api" in http://127.0.0.1:*) ;; *) return 0 ;; esac
	port=${api##*:}
	pid=$(pidof_file "$VAR/run/sim.pid")
	alive "$pid" && return 0
	"$BUILD/sp-sim" -p "$port" -d "${SIM_DELAY_MS:-200}" \
	    -a "$(conf_get Provider.AccountSid)" \
	    -t "$(conf_get Provider.AuthToken)" \
	    -i "$(conf_get Portal.PublicURL)/hooks/provider/inbound" \
	    >>"$VAR/log/sim.log" 2>&1 </dev/null &
	echo $! >"$VAR/run/sim.pid"
	local i
	for i in $(seq 1 100); do
		curl -fsS -o /dev/null "http://127.0.0.1:$port/sim/faults" 2>/dev/null && return 0
		alive "$!" || break
		sleep 0.05
	done
	tail -20 "$VAR/log/sim.log" >&2
	log "sp-sim did not answer on port $port"; exit 1
}

# Sender i starts on the cluster's node i (DB.FirstNode), so that several
# senders share the queue from different nodes.
start_sender() {
	local i n pid conf
	for i in $(seq 1 "$SENDERS"); do
		n=$( [ "$i" -eq 1 ] || echo "$i")
		pid=$(pidof_file "$VAR/run/sender$n.pid")
		alive "$pid" && continue
		conf=$CONF
		if [ -n "$DB_HOSTS" ]; then
			conf=$VAR/sender$i.hdf
			{ cat "$CONF"; echo "DB.FirstNode = $((i - 1))"; } >"$conf"
		fi
		"$BUILD/sp-sender" -c "$conf" >>"$VAR/log/sender$n.log" 2>&1 </dev/null &
		echo $! >"$VAR/run/sender$n.pid"
		sleep 0.1
		alive "$!" || { tail -20 "$VAR/log/sender$n.log" >&2; log "sp-sender$n did not start"; exit 1; }
	done
}

start_nginx() {
	local pid
	pid=$(pidof_file "$VAR/run/nginx.pid")
	alive "$pid" && return 0
	mkdir -p "$VAR/tmp/body" "$VAR/tmp/proxy" "$VAR/tmp/fastcgi" \
	    "$VAR/tmp/uwsgi" "$VAR/tmp/scgi"
	local ups="" hups="" i
	for i in $(seq 2 "$PORTALS"); do
		ups="$ups		server unix:$VAR/run/portal$i.sock;\n"
		hups="$hups		server unix:$VAR/run/hooks$i.sock;\n"
	done
	sed -e "s#@VAR@#$VAR#g" -e "s#@ROOT@#$ROOT#g" -e "s#@PORT@#$PORT#g" \
	    -e "s#@UPSTREAMS@#$ups#" -e "s#@HOOK_UPSTREAMS@#$hups#" \
	    "$ROOT/nginx/portal.conf.in" >"$VAR/nginx.conf"
	nginx -p "$VAR/" -c "$VAR/nginx.conf" -e "$VAR/log/nginx-error.log" \
	    </dev/null >>"$VAR/log/nginx-error.log" 2>&1 &
	echo $! >"$VAR/run/nginx.launch"
	local i
	for i in $(seq 1 100); do
		if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/ping" 2>/dev/null; then
			return 0
		fi
		alive "$!" || break
		sleep 0.05
	done
	tail -20 "$VAR/log/nginx-error.log" >&2
	log "nginx did not answer on port $PORT"; exit 1
}

stop_pidfile() {
	local file=$1 sig=$2 pid
	pid=$(pidof_file "$file")
	if alive "$pid"; then
		kill "-$sig" "$pid" 2>/dev/null || true
		wait_gone "$pid" || { kill -KILL "$pid" 2>/dev/null || true; wait_gone "$pid" || true; }
	fi
	rm -f "$file"
}

start_all() {
	[ -x "$BUILD/sp-portal" ] || { log "build first: make"; exit 1; }
	mkdir -p "$VAR/run" "$VAR/log" "$VAR/tmp"
	write_config
	start_db
	setup_db
	start_sim
	start_portal
	start_sender
	start_nginx
}

stop_all() {
	stop_pidfile "$VAR/run/nginx.launch" QUIT
	stop_pidfile "$VAR/run/nginx.pid" QUIT
	local f
	for f in "$VAR"/run/sender*.pid; do
		[ -e "$f" ] && stop_pidfile "$f" TERM
	done
	for f in "$VAR"/run/portal*.pid; do
		[ -e "$f" ] && stop_pidfile "$f" TERM
	done
	stop_pidfile "$VAR/run/sim.pid" TERM
	stop_db
}

banner() {
	cat <<MSG

  SalesPartner portal: http://127.0.0.1:$PORT/
  Demo sign-ins (password: $DEMO_PASSWORD)
    manager@acme.example          Acme Roofing, manager
    agent@acme.example            Acme Roofing, agent
    agent@birch.example           Birch Dental, agent
    support@salespartner.example  SalesPartner support
  Provider simulator: $(conf_get Provider.ApiBase)/sim/messages
  State and logs: $VAR   Stop: Ctrl-C here, or 'make stop'.

MSG
}

case "${1:-}" in
start)
	start_all
	;;
stop)
	stop_all
	;;
restart-db)
	stop_db
	start_db
	;;
start-sender)
	start_sender
	;;
stop-db)
	stop_db
	;;
start-db)
	start_db
	;;
run)
	trap 'trap - INT TERM EXIT; log stopping; stop_all; exit 0' INT TERM
	trap 'stop_all' EXIT
	start_all
	banner
	# stay in the foreground while the portal and nginx live
	while alive "$(pidof_file "$VAR/run/portal.pid")" &&
	    alive "$(pidof_file "$VAR/run/nginx.launch")"; do
		sleep 1 &
		wait $! || true
	done
	log "a server stopped; stopping the rest"
	;;
*)
	echo "usage: $0 run|start|stop|restart-db" >&2
	exit 2
	;;
esac
