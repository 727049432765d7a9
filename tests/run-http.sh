#!/usr/bin/env bash
# tests/run-http.sh: a throwaway stack of its own (own runtime dir and port,
# never the demo's), the HTTP tests against nginx, then everything stopped,
# also when a test fails.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib.sh"
export SP_ROOT=$ROOT
export SP_VAR=$ROOT/var/test-$$
export SP_BUILD=${SP_BUILD:-$ROOT/build}
export SP_SEED=demo
export SP_WORKERS=${SP_WORKERS:-4}
export SP_DB_POOL=128M
# quick retries and polls, short leases: the tests wait seconds, not minutes
export SP_RETRY_S=1 SP_POLL_S=1 SP_STUCK_S=2 SP_LEASE_S=4 SP_PROVIDER_TIMEOUT_MS=1500 SP_SWEEP_S=1
export SIM_DELAY_MS=100
PORT=$(free_port) SIM_PORT=$(free_port)
export PORT SIM_PORT
export SP_TEST_URL=http://127.0.0.1:$PORT
export SP_SIM_URL=http://127.0.0.1:$SIM_PORT

cleanup() {
	bash "$ROOT/scripts/stack.sh" stop
	if [ "${SP_KEEP_TEST_VAR:-}" = "" ] && [ "$rc" -eq 0 ]; then
		rm -rf "$SP_VAR"
	else
		echo "test state kept in $SP_VAR" >&2
	fi
}
rc=1
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$ROOT/scripts/stack.sh" start || exit 1
# Quiet hours (8:00-21:00 in the lead's zone) would hold the tests' texts
# when CI runs at night: open all day here; the quiet-hours test sets its
# own window.
mariadb --no-defaults -S "$SP_VAR/run/mysqld.sock" -u "$( [ "$(id -u)" -eq 0 ] && echo root || id -un)" \
    salespartner -e "UPDATE businesses SET quiet_start = 0, quiet_end = 1440" || exit 1
# the provider client against the simulator (C, cmocka)
"$SP_BUILD/test_provider" "$SP_VAR/sp.hdf" || provider_rc=1
node --test --test-concurrency=1 --test-reporter=tap "$ROOT"/tests/http/*.test.mjs | tee "$SP_VAR/http.tap"
rc=${PIPESTATUS[0]}
# browser tests: Debian's Chromium through playwright-core, axe-core on each
# page; screenshots in var/screenshots
echo "browser: tests/browser (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
node --test --test-concurrency=1 --test-reporter=tap "$ROOT"/tests/browser/*.test.mjs | tee "$SP_VAR/browser.tap"
[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
# what ran, in two lines (CI prints them last)
for s in http browser; do
	printf 'summary: %s%s tests (%s files): %s passed, %s failed\n' "${SP_SUMMARY_PREFIX:-}" "$s" \
	    "$(ls "$ROOT"/tests/$s/*.test.mjs | wc -l)" \
	    "$(sed -n 's/^# pass //p' "$SP_VAR/$s.tap" | tail -1)" \
	    "$(sed -n 's/^# fail //p' "$SP_VAR/$s.tap" | tail -1)" | tee -a "$ROOT/var/test-summary.txt"
done
[ "${provider_rc:-0}" -eq 0 ] || rc=1
# A worker that crashed was restarted and the tests may not have seen it:
# the logs tell (sanitizer reports, signals other than the tests' SIGKILL).
if grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:|killed by signal ([0-8]|1[0-9])\b" \
    "$SP_VAR"/log/portal.log >&2; then
	echo "http: the portal's log shows a crash (above)" >&2
	rc=1
fi
exit $rc
