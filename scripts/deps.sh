#!/usr/bin/env bash
# scripts/deps.sh: the one list of Debian packages the project needs; installs
# only what is missing (apt-get runs only when something is).
set -euo pipefail

PACKAGES=(
	build-essential pkg-config clang libclang-rt-14-dev
	libfcgi-dev clearsilver-dev libmariadb-dev mariadb-server nginx
	libcurl4-openssl-dev libjansson-dev libargon2-dev libssl-dev
	libcmocka-dev libphonenumber-dev libmicrohttpd-dev libgoogle-perftools-dev
	wrk curl procps nodejs npm chromium fonts-dejavu-core tzdata libicu-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
# nodejs/npm may come from the image rather than Debian: a working node counts.
if command -v node >/dev/null && command -v npm >/dev/null; then
	filtered=()
	for p in "${missing[@]}"; do
		case "$p" in nodejs|npm) ;; *) filtered+=("$p") ;; esac
	done
	missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	# The image's mariadb-server must not start a system service: we run
	# our own.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
		$SUDO chmod +x /usr/sbin/policy-rc.d
		trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
	fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Browser-test tooling only (package.json): playwright-core drives Debian's
# chromium, axe-core checks the pages. Never a downloaded browser.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -e "$ROOT/node_modules/playwright-core/package.json" ] ||
    [ ! -e "$ROOT/node_modules/axe-core/axe.min.js" ] ||
    [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
	echo "deps: npm ci (playwright-core, axe-core)"
	(cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
