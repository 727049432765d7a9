#!/usr/bin/env bash
# tests/soak.sh (make soak; a short form in make test): the whole stack under
# load while things break. wrk walks an agent's pages and a manager's; texts
# are queued all along and the simulator answers them with status
# callbacks; leads text in through the simulator. Meanwhile: a portal worker
# gets SIGKILL, MariaDB restarts, the sender gets SIGKILL and comes back,
# and the simulator answers 5xx, then 429, then times out, then sends its
# callbacks twice and out of order, each for a while.
# Afterwards: no 5xx beyond the requests in flight at the faults, every text
# in one final state, none sent twice (the simulator's record), no inbound
# text lost, no status behind the provider's; worker memory sampled along
# the way (make soak: 15 minutes, and it must stay flat).
# SOAK_SECONDS sets the length. Prints its figures; exits 1 on a failed check.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"
SECS=${SOAK_SECONDS:-900}
[ "$SECS" -ge 30 ] || SECS=30
export SP_ROOT=$ROOT
export SP_VAR=$ROOT/var/soak-$$
export SP_BUILD=${SP_BUILD:-$ROOT/build}
export SP_SEED=demo SP_WORKERS=${SP_WORKERS:-4} SP_DB_POOL=256M
export SP_RETRY_S=1 SP_POLL_S=1 SP_STUCK_S=3 SP_LEASE_S=5 SP_PROVIDER_TIMEOUT_MS=1500 SP_SWEEP_S=2
export SIM_DELAY_MS=100
export PORT=${SOAK_PORT:-$(free_port)} SIM_PORT=${SOAK_SIM_PORT:-$(free_port)}
B=http://127.0.0.1:$PORT
SIM=http://127.0.0.1:$SIM_PORT
LEADS=2000
fail=0
pids=()
passed=0 failed=0
check() {
	if eval "$2"; then echo "soak: ok: $1"; passed=$((passed + 1))
	else echo "soak: FAILED: $1"; fail=1; failed=$((failed + 1)); fi
}
say() { printf 'soak: %6.1f s  %s\n' "$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" "$*"; }

cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	bash "$ROOT/scripts/stack.sh" stop >/dev/null 2>&1
	if [ "$fail" -eq 0 ] && [ -z "${SP_KEEP_TEST_VAR:-}" ]; then
		rm -rf "$SP_VAR"
	else
		echo "soak: state kept in $SP_VAR" >&2
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

T0=$(date +%s.%N)
bash "$ROOT/scripts/stack.sh" start >/dev/null || { fail=1; exit 1; }
dba() { mariadb --no-defaults -S "$SP_VAR/run/mysqld.sock" -u "$( [ "$(id -u)" -eq 0 ] && echo root || id -un)" -N -B salespartner -e "$1"; }
say "stack up on $B: $SP_WORKERS portal workers, one sender, the simulator"

# 2,000 leads with a fresh look-up: numbers ending 00-49 are delivered, one
# in ten ends in 55 (undelivered, 30004: blocked)
biz=$(dba "SELECT id FROM businesses WHERE name = 'Acme Roofing'")
num=$(dba "SELECT MIN(id) FROM sending_numbers WHERE business_id = $biz")
acme=$(dba "SELECT e164 FROM sending_numbers WHERE id = $num")
dba "UPDATE businesses SET quiet_start = 0, quiet_end = 1440;
     UPDATE sending_numbers SET per_minute = 0 WHERE id = $num;
     INSERT INTO leads (business_id, name, phone_raw, phone_e164)
     SELECT $biz, CONCAT('Soak ', seq), p, p FROM (SELECT seq, CONCAT('+1917', 6000000 + seq * 100 +
         IF(seq % 10 = 0, 55, seq % 50)) AS p FROM seq_1_to_$LEADS) s;
     INSERT INTO conversations (business_id, lead_id, sending_number_id)
     SELECT $biz, id, $num FROM leads WHERE name LIKE 'Soak %';
     INSERT INTO number_lookups (e164, valid, line_type, carrier, checked_at)
     SELECT phone_e164, 1, 'mobile', 'Soak Wireless', NOW(3) FROM leads WHERE name LIKE 'Soak %'" || { fail=1; exit 1; }
conv=$(dba "SELECT MIN(c.id) FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.name = 'Soak 1'")

agent=$(signin "$B" agent@acme.example demo-password)
manager=$(signin "$B" manager@acme.example demo-password)
[ -n "$agent" ] && [ -n "$manager" ] || { echo "soak: cannot sign in" >&2; fail=1; exit 1; }

# worker memory: RSS of each portal worker (pid rss)
master=$(cat "$SP_VAR/run/portal.pid")
workers_rss() { ps -o pid=,rss= --ppid "$master" | awk '{print $1, $2}' | sort -k1,1; }
rss_sum() { awk '{s += $2} END {print s + 0}'; }
: >"$SP_VAR/rss.txt"

# the load: an agent's pages and a manager's, for the whole run
wrk -t1 -c8 -d"${SECS}s" --timeout 20s -s "$ROOT/tests/soak.lua" -H "Cookie: $agent" "$B" -- \
    /conversations "/conversations/$conv" "/conversations?tab=reply" "/conversations?q=917" \
    >"$SP_VAR/wrk-agent.txt" 2>&1 &
pids+=($!)
wrk -t1 -c4 -d"${SECS}s" --timeout 20s -s "$ROOT/tests/soak.lua" -H "Cookie: $manager" "$B" -- \
    /dashboard /optouts /conversations "/dashboard/messages?outcome=failed" \
    >"$SP_VAR/wrk-manager.txt" 2>&1 &
pids+=($!)

# texts queued all along: 20 every half second, to leads in turn
tag="soak$$"
(
	i=0
	end=$(( $(date +%s) + SECS - 5 ))
	while [ "$(date +%s)" -lt "$end" ]; do
		dba "INSERT INTO messages (business_id, conversation_id, direction, body, status, queue_state, due_at)
		     SELECT $biz, c.id, 'out', CONCAT('$tag ', $i, '-', l.id), 'queued', 'waiting', NOW(3)
		     FROM conversations c JOIN leads l ON l.id = c.lead_id
		     WHERE l.name LIKE 'Soak %' AND l.id % 100 = $(( i % 100 )) LIMIT 20" 2>>"$SP_VAR/queue-errors.txt"
		i=$((i + 1))
		sleep 0.5
	done
) &
pids+=($!)

# leads texting in through the simulator, about five a second: what the
# portal answered each time is kept (the simulator keeps them all)
(
	i=0
	end=$(( $(date +%s) + SECS - 5 ))
	while [ "$(date +%s)" -lt "$end" ]; do
		from="+1917$(( 6000000 + (i % LEADS + 1) * 100 + ((i % LEADS + 1) % 10 == 0 ? 55 : (i % LEADS + 1) % 50) ))"
		curl -s -m 20 --data-urlencode "From=$from" --data-urlencode "To=$acme" \
		    --data-urlencode "Body=$tag-in $i" "$SIM/sim/inbound" >>"$SP_VAR/inbound.jsonl"
		echo >>"$SP_VAR/inbound.jsonl"
		i=$((i + 1))
		sleep 0.2
	done
) &
pids+=($!)

at() { # waits until the run's fraction $1 (percent)
	local t
	t=$(awk -v a="$T0s" -v p="$1" -v s="$SECS" 'BEGIN{printf "%.3f", a + s * p / 100}')
	while awk -v t="$t" -v n="$(date +%s.%N)" 'BEGIN{exit !(n < t)}'; do sleep 0.2; done
}
T0s=$(date +%s.%N)
sample() { workers_rss >"$SP_VAR/rss-$1.txt"; echo "$1 $(rss_sum <"$SP_VAR/rss-$1.txt")" >>"$SP_VAR/rss.txt"; }

at 8; sample warm
say "load on: worker memory $(rss_sum <"$SP_VAR/rss-warm.txt") KB over $(wc -l <"$SP_VAR/rss-warm.txt") workers"
# worker memory from here to the end: every minute in a long run
(
	while :; do
		sleep "$( [ "$SECS" -ge 300 ] && echo 60 || echo 5)"
		sample "t$(date +%s)"
	done
) &
sampler=$!
pids+=($sampler)
at 15
victim=$(head -1 "$SP_VAR/rss-warm.txt" | awk '{print $1}')
kill -KILL "$victim"
say "fault: SIGKILL to portal worker $victim"
at 30
say "fault: MariaDB restarts"
bash "$ROOT/scripts/stack.sh" restart-db >/dev/null 2>&1
say "MariaDB is back"
at 45
sp=$(cat "$SP_VAR/run/sender.pid")
kill -KILL "$sp"
say "fault: SIGKILL to the sender $sp"
sleep 2
bash "$ROOT/scripts/stack.sh" start-sender >/dev/null 2>&1
say "the sender is back ($(cat "$SP_VAR/run/sender.pid"))"
at 55
for f in "fail_5xx=0.3" "fail_429=0.3" "timeout=0.2&hang_ms=2500" "duplicate=1&out_of_order=1"; do
	curl -s -o /dev/null -d "fail_5xx=0&fail_429=0&timeout=0&duplicate=0&out_of_order=0" "$SIM/sim/faults"
	curl -s -o /dev/null -d "$f" "$SIM/sim/faults"
	say "fault: the simulator: $f"
	sleep $(( SECS / 30 + 3 ))
done
curl -s -o /dev/null -d "fail_5xx=0&fail_429=0&timeout=0&duplicate=0&out_of_order=0" "$SIM/sim/faults"
say "the simulator answers normally again"
at 99
kill "$sampler" 2>/dev/null
sample end
for p in "${pids[@]}"; do [ "$p" = "$sampler" ] || wait "$p" 2>/dev/null; done
pids=()
say "load off"

# settle: the queue empties, the last callbacks land, the sweep runs
total=$(dba "SELECT COUNT(*) FROM messages WHERE body LIKE '$tag %'")
for i in $(seq 1 600); do
	open=$(dba "SELECT COUNT(*) FROM messages WHERE body LIKE '$tag %'
	            AND (queue_state <> 'done' OR status NOT IN ('delivered', 'undelivered', 'failed'))" 2>/dev/null || echo x)
	[ "$open" = 0 ] && break
	sleep 0.5
done
sleep $(( 15 + SP_SWEEP_S * 2 ))	# the sweep leaves the last 15 s to the webhooks
say "settled: $total texts queued, ${open} not final"

# the figures
for w in agent manager; do
	f=$SP_VAR/wrk-$w.txt
	say "$w pages: $(awk '/^Requests\/sec/ {print $2}' "$f") req/s, $(awk '/requests in/ {print $1}' "$f") requests, $(grep '^answers:' "$f" | cut -d' ' -f2-)"
done
five=$(cat "$SP_VAR"/wrk-*.txt | awk '/^answers:/ {s += $9} END {print s + 0}')
sockerr=$(cat "$SP_VAR"/wrk-*.txt | grep -c 'Socket errors' || true)
inflight=$(( SP_WORKERS + 1 ))
check "5xx only for requests in flight at a fault ($five; at most $inflight: one killed worker's, and each worker's at the restart)" \
    '[ "$five" -le "$inflight" ]'
check "no other errors on the pages ($(cat "$SP_VAR"/wrk-*.txt | awk '/^answers:/ {s += $5 + $7} END {print s + 0}') 3xx/4xx)" \
    '[ "$(cat "$SP_VAR"/wrk-*.txt | awk "/^answers:/ {s += \$5 + \$7} END {print s + 0}")" -eq 0 ]'

dba "SELECT id, IFNULL(provider_sid, '-'), status, queue_state, body FROM messages WHERE body LIKE '$tag %'" >"$SP_VAR/db-out.tsv"
dba "SELECT provider_sid FROM messages WHERE direction = 'in' AND body LIKE '$tag-in %'" >"$SP_VAR/db-in.txt"
curl -s "$SIM/sim/messages" >"$SP_VAR/sim.json"
node - "$SP_VAR" "$tag" <<'JS' >"$SP_VAR/accounting.txt"
const fs = require('fs');
const [dir, tag] = process.argv.slice(2);
const sim = JSON.parse(fs.readFileSync(`${dir}/sim.json`, 'utf8')).messages;
const out = fs.readFileSync(`${dir}/db-out.tsv`, 'utf8').trim().split('\n').filter(Boolean)
  .map((l) => { const [id, sid, status, q, ...b] = l.split('\t'); return { id, sid, status, q, body: b.join('\t') }; });
const dbIn = new Set(fs.readFileSync(`${dir}/db-in.txt`, 'utf8').split('\n').filter(Boolean));
const simOut = sim.filter((m) => m.direction !== 'inbound' && m.body.startsWith(`${tag} `));
const simIn = sim.filter((m) => m.direction === 'inbound' && m.body.startsWith(`${tag}-in `));
const byBody = new Map();
for (const m of simOut) byBody.set(m.body, (byBody.get(m.body) || 0) + 1);
const twice = [...byBody.values()].filter((n) => n > 1).length;
const simBySid = new Map(simOut.map((m) => [m.sid, m]));
const dbSids = new Set(out.filter((m) => m.sid !== '-').map((m) => m.sid));
const orphans = simOut.filter((m) => !dbSids.has(m.sid)).length;
const notFinal = out.filter((m) => m.q !== 'done' || !['delivered', 'undelivered', 'failed'].includes(m.status)).length;
// the provider's final word against ours: behind it means a status moved back
const behind = out.filter((m) => { const s = simBySid.get(m.sid); return s && s.status !== m.status; });
const lostIn = simIn.filter((m) => !dbIn.has(m.sid)).length;
const counts = {};
for (const m of out) counts[m.status] = (counts[m.status] || 0) + 1;
console.log(`texts ${out.length} ${JSON.stringify(counts)}`);
console.log(`provider ${simOut.length} twice ${twice} orphans ${orphans}`);
console.log(`notfinal ${notFinal}`);
console.log(`behind ${behind.length} ${behind.slice(0, 3).map((m) => `${m.id}:${m.status}/${simBySid.get(m.sid).status}`).join(' ')}`);
console.log(`inbound ${simIn.length} lost ${lostIn}`);
JS
cat "$SP_VAR/accounting.txt" | sed 's/^/soak: /'
val() { awk -v k="$1" -v f="$2" '$1 == k {print $f}' "$SP_VAR/accounting.txt"; }
hooks_refused=$(grep . "$SP_VAR/inbound.jsonl" | grep -vc '"portal_status": *200' || true)
say "the sender: $(dba "SELECT COUNT(*) FROM messages WHERE body LIKE '$tag %' AND attempts > 1") texts tried more than once (5xx, 429, timeouts); $(cat "$SP_VAR"/log/sender*.log | grep -c 'outcome unknown') outcomes unknown and reconciled, $(cat "$SP_VAR"/log/sender*.log | grep -c 'found as') of them found at the provider"
say "inbound: $(cat "$SP_VAR"/log/sender*.log | grep -c 'found in the provider') texts whose webhook failed stored by the sweep"
check "texts were queued and sent ($(val texts 2) queued, $(val provider 2) at the provider)" '[ "$(val texts 2)" -gt 0 ] && [ "$(val provider 2)" -gt 0 ]'
check "every text in one final state ($(val notfinal 2) not)" '[ "$(val notfinal 2)" = 0 ]'
check "none sent twice ($(val provider 4) texts twice at the provider)" '[ "$(val provider 4)" = 0 ]'
check "no send the portal does not know ($(val provider 6) at the provider without a message)" '[ "$(val provider 6)" = 0 ]'
check "no status behind the provider's ($(val behind 2) differ)" '[ "$(val behind 2)" = 0 ]'
check "no inbound text lost ($(val inbound 2) texted in, $hooks_refused webhooks refused, $(val inbound 4) missing)" \
    '[ "$(val inbound 2)" -gt 0 ] && [ "$(val inbound 4)" = 0 ]'

# memory: the workers alive from warm-up to the end
grown=$(join "$SP_VAR/rss-warm.txt" "$SP_VAR/rss-end.txt" | awk '{a += $2; b += $3; n++} END {printf "%d %d %d", n, a, b}')
read -r nw kb0 kb1 <<<"$grown"
say "worker memory: $(tr '\n' ' ' <"$SP_VAR/rss.txt" | sed 's/t[0-9]*/./g')(KB, all workers)"
say "the $nw workers that lived through: ${kb0} KB after warm-up, ${kb1} KB at the end"
if [ "$SECS" -ge 300 ]; then
	check "worker memory flat (${kb0} -> ${kb1} KB, within 10%)" \
	    '[ "$nw" -gt 0 ] && [ "$kb1" -le $(( kb0 + kb0 / 10 )) ]'
fi
if grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$SP_VAR"/log/*.log >&2; then
	check "no sanitizer report in the logs" false
fi
crashes=$(grep -cE "killed by signal" "$SP_VAR/log/portal.log" || true)
check "the one worker killed was the only one lost ($crashes)" '[ "$crashes" -le 1 ]'
[ "$fail" -eq 0 ] && say "all checks passed"
printf 'summary: soak (%d s under load, 7 faults): %d checks passed, %d failed\n' "$SECS" "$passed" "$failed" |
    tee -a "$ROOT/var/test-summary.txt"
exit $fail
