#!/usr/bin/env bash
# tests/cluster.sh (make cluster-test): the whole stack on a three-node
# Galera cluster (scripts/cluster.sh) with two portals behind one nginx
# upstream and two senders, each process on its own node. Under load on the
# pages, 2,000 texts go out while one node is killed with SIGKILL and later
# brought back. Then: every text in one final state, none sent twice (the
# simulator's record), the pages answering again, the node rejoined.
# Prints its figures; exits 1 on any failed check.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"
export SP_ROOT=$ROOT
export SP_CLUSTER_DIR=$ROOT/var/cluster-test
export CLUSTER_PORT=${CLUSTER_PORT:-3321}
export SP_VAR=$SP_CLUSTER_DIR/app
export SP_BUILD=${SP_BUILD:-$ROOT/build}
export PORT=${CLUSTER_HTTP_PORT:-8191} SIM_PORT=${CLUSTER_SIM_PORT:-8192}
export SP_SEED=demo SP_PORTALS=2 SP_SENDERS=2 SP_WORKERS=2
export SP_RETRY_S=1 SP_POLL_S=1 SP_STUCK_S=2 SP_LEASE_S=6 SP_PROVIDER_TIMEOUT_MS=2000
export SIM_DELAY_MS=50
N=${CLUSTER_TEXTS:-2000}
KILL=${CLUSTER_KILL_NODE:-2}
B=http://127.0.0.1:$PORT
SIM=http://127.0.0.1:$SIM_PORT
cluster() { bash "$ROOT/scripts/cluster.sh" "$@"; }
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi; }

cleanup() {
	bash "$ROOT/scripts/stack.sh" stop >/dev/null 2>&1
	cluster stop >/dev/null 2>&1
	[ "$fail" -eq 0 ] && rm -rf "$SP_CLUSTER_DIR"
}
trap cleanup EXIT
rm -rf "$SP_CLUSTER_DIR"
t0=$(date +%s.%N)
cluster start >/dev/null || exit 1
export SP_DB_HOSTS=$(cluster hosts) SP_DB_ADMIN_SOCK=$(cluster sock 1)
bash "$ROOT/scripts/stack.sh" start >/dev/null || exit 1
echo "cluster: 3 nodes, 2 portals, 2 senders up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
dba() { mariadb --no-defaults -S "$(cluster sock "${NODE:-1}")" -u "$( [ "$(id -u)" -eq 0 ] && echo root || id -un)" -N -B salespartner -e "$1"; }

# 2,000 leads, each with a text queued; numbers ending in 00-49 are
# delivered by the simulator
biz=$(dba "SELECT id FROM businesses WHERE name = 'Acme Roofing'")
num=$(dba "SELECT MIN(id) FROM sending_numbers WHERE business_id = $biz")
dba "UPDATE businesses SET quiet_start = 0, quiet_end = 1440;
     UPDATE sending_numbers SET per_minute = 0 WHERE id = $num;
     INSERT INTO leads (business_id, name, phone_raw, phone_e164)
     SELECT $biz, CONCAT('Cluster ', seq), CONCAT('+1917', 5000000 + seq * 100), CONCAT('+1917', 5000000 + seq * 100)
     FROM seq_1_to_$N;
     INSERT INTO conversations (business_id, lead_id, sending_number_id)
     SELECT $biz, id, $num FROM leads WHERE name LIKE 'Cluster %';
     INSERT INTO number_lookups (e164, valid, line_type, carrier, checked_at)
     SELECT phone_e164, 1, 'mobile', 'Cluster Wireless', NOW(3) FROM leads WHERE name LIKE 'Cluster %';"
cookie=$(signin "$B" agent@acme.example demo-password)

# load on the pages for the whole run
wrk -t1 -c8 -d60s -H "Cookie: $cookie" "$B/conversations" >"$SP_VAR/wrk.txt" 2>&1 &
wrkpid=$!
tag="cluster-$(date +%s)"
t1=$(date +%s.%N)
dba "INSERT INTO messages (business_id, conversation_id, direction, body, status, queue_state, due_at)
     SELECT $biz, c.id, 'out', CONCAT('$tag ', c.id), 'queued', 'waiting', NOW(3)
     FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.name LIKE 'Cluster %'"
sent() { NODE=${1:-1} dba "SELECT COUNT(*) FROM messages WHERE body LIKE '$tag %' AND queue_state = 'done'" 2>/dev/null; }
while [ "$(sent)" -lt $((N / 4)) ]; do sleep 0.2; done
echo "cluster: $(sent) of $N sent; SIGKILL to node $KILL"
cluster kill "$KILL"
tk=$(date +%s.%N)
# the pages answer again within seconds
ok_at=
for i in $(seq 1 100); do
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$B/conversations")
	[ "$code" = 200 ] && { ok_at=$(date +%s.%N); break; }
	sleep 0.1
done
check "the pages answer after the node's loss (in $(awk -v a="$tk" -v b="${ok_at:-0}" 'BEGIN{printf "%.2f", b-a}') s)" '[ -n "$ok_at" ]'
sleep 5
echo "cluster: $(sent) of $N sent with node $KILL down; restarting it"
t2=$(date +%s.%N)
cluster restart "$KILL" >/dev/null 2>&1
echo "cluster: node $KILL rejoined and synced in $(awk -v a="$t2" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
for i in $(seq 1 600); do
	[ "$(sent)" -ge "$N" ] && break
	sleep 0.2
done
t3=$(date +%s.%N)
wait "$wrkpid"
done_n=$(sent)
echo "cluster: $done_n of $N texts done in $(awk -v a="$t1" -v b="$t3" 'BEGIN{printf "%.1f", b-a}') s"
check "every text in one final state" '[ "$done_n" -eq "$N" ]'
bad=$(dba "SELECT COUNT(*) FROM messages WHERE body LIKE '$tag %' AND status NOT IN ('sent', 'delivered')")
check "every text sent or delivered ($bad not)" '[ "$bad" -eq 0 ]'
curl -s "$SIM/sim/messages" | grep -o "\"body\":\"$tag [0-9]*\"" | sort >"$SP_VAR/sim-bodies.txt"
at_sim=$(wc -l <"$SP_VAR/sim-bodies.txt")
twice=$(uniq -d "$SP_VAR/sim-bodies.txt" | wc -l)
check "the simulator got each text once ($at_sim texts, $twice twice)" '[ "$at_sim" -eq "$N" ] && [ "$twice" -eq 0 ]'
sizes=$(for n in 1 2 3; do NODE=$n dba "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}'; done | sort -u | tr '\n' ' ')
check "every node sees a cluster of 3 ($sizes)" '[ "$sizes" = "3 " ]'
same=$(for n in 1 2 3; do NODE=$n dba "SELECT COUNT(*) FROM messages WHERE body LIKE '$tag %' AND queue_state = 'done'"; done | sort -u | wc -l)
check "the three nodes hold the same texts" '[ "$same" -eq 1 ]'
# Pacing across the two senders on two nodes: 20 texts at 120 a minute
# (500 ms apart, +-jitter) from one number.
tag2="pace-$(date +%s)"
dba "UPDATE sending_numbers SET per_minute = 120, next_send_at = NOW(3) WHERE id = $num;
     INSERT INTO messages (business_id, conversation_id, direction, body, status, queue_state, due_at)
     SELECT $biz, c.id, 'out', CONCAT('$tag2 ', c.id), 'queued', 'waiting', NOW(3)
     FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.name LIKE 'Cluster %' LIMIT 20"
for i in $(seq 1 300); do
	[ "$(dba "SELECT COUNT(*) FROM messages WHERE body LIKE '$tag2 %' AND queue_state = 'done'")" -ge 20 ] && break
	sleep 0.2
done
times=$(dba "SELECT CAST(UNIX_TIMESTAMP(attempt_started_at) * 1000 AS SIGNED) FROM messages
             WHERE body LIKE '$tag2 %' ORDER BY attempt_started_at")
gaps=$(awk 'NR > 1 { print $1 - prev } { prev = $1 }' <<<"$times" | sort -n)
span=$(( $(tail -1 <<<"$times") - $(head -1 <<<"$times") ))
# the most sends in any one second
burst=$(awk '{ t[NR] = $1 } END { m = 0; for (i = 1; i <= NR; i++) { c = 0;
    for (j = i; j <= NR && t[j] < t[i] + 1000; j++) c++; if (c > m) m = c } print m }' <<<"$times")
min_gap=$(head -1 <<<"$gaps")
med_gap=$(sed -n "$(( $(wc -l <<<"$gaps") / 2 + 1 ))p" <<<"$gaps")
echo "cluster: pacing at 120 a minute across two senders: 20 sends over ${span} ms, gaps min ${min_gap} ms, median ${med_gap} ms, at most ${burst} in a second"
# slots 500 ms apart +-30%; a send may start up to a poll late, so a gap
# can shrink, but never to two at once, nor more than the rate in a second
check "pacing holds across the senders (gaps >= 200 ms, <= 3 a second, 20 over >= 6.6 s)" \
    '[ "${min_gap:-0}" -ge 200 ] && [ "$burst" -le 3 ] && [ "$span" -ge 6650 ]'

non2xx=$(awk '/Non-2xx/ {print $NF}' "$SP_VAR/wrk.txt")
echo "cluster: pages under load: $(awk '/^Requests\/sec/ {print $2}' "$SP_VAR/wrk.txt") req/s, $(awk '/requests in/ {print $1}' "$SP_VAR/wrk.txt") requests, non-2xx ${non2xx:-0}, socket errors: $(grep -o 'Socket errors:.*' "$SP_VAR/wrk.txt" || echo none)"
# claims that Galera's certification refused (another node's sender took
# the rows first): the sender logs the deadlock and claims again
echo "cluster: claims refused by certification: $(cat "$SP_VAR"/log/sender*.log | grep -ci deadlock)"
echo "cluster: processes that moved to another node: $(cat "$SP_VAR"/log/portal*.log "$SP_VAR"/log/sender*.log | grep -c 'now on node')"
[ "$fail" -eq 0 ] && echo "cluster: all checks passed"
exit $fail
