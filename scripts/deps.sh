#!/usr/bin/env bash
# Installs the Debian packages that building and testing need, only those that are missing.
set -euo pipefail
packages="php8.2-dev php8.2-cli libuv1-dev pkg-config make gcc valgrind mariadb-server php8.2-mysql strace php8.2-curl php8.2-pgsql postgresql $*"
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "Installing:$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "Run as root (or install these packages yourself):$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
