#!/usr/bin/env bash
# Installs the Debian packages that building and testing need, only those that are missing.
#   scripts/deps.sh [extra packages...]       install what is missing
#   scripts/deps.sh --print [extra...]        print the package names only (scripts/chroot-test.sh)
# The PHP packages are those of the PHP the system has: the installed `php`, else the version
# Debian's php-cli would install (8.2 on Debian 12, 8.4 on Debian 13); ASYNC_PHP_VERSION=8.4
# names it outright.
set -euo pipefail
print=""
if [ "${1:-}" = "--print" ]; then print=1; shift; fi

apt_updated=""
apt_update() {
	[ -z "$apt_updated" ] || return 0
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt_updated=1
}

php_version() {
	if [ -n "${ASYNC_PHP_VERSION:-}" ]; then
		echo "$ASYNC_PHP_VERSION"
	elif command -v php >/dev/null; then
		php -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;'
	else
		# php-cli is Debian's "default PHP" package: its version is that PHP's, e.g. 2:8.4+96.
		local candidate; candidate="$(apt-cache policy php-cli 2>/dev/null | awk '$1 == "Candidate:" { print $2 }')"
		if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
			[ -n "$print" ] || [ "$(id -u)" != 0 ] || { apt_update; candidate="$(apt-cache policy php-cli | awk '$1 == "Candidate:" { print $2 }')"; }
		fi
		candidate="${candidate#*:}"
		echo "${candidate%%+*}"
	fi
}

v="$(php_version)"
# valgrind, mariadb-server with php-mysql, postgresql with php-pgsql, memcached with php-memcached,
# redis-server with php-redis, php-curl, iproute2 (the DNS test's network namespace), strace and openssl
# (its openssl.cnf, for the TLS tests' certificates) are for the tests.
case "$v" in
	[0-9].[0-9]*) ;;
	*) echo "cannot tell which PHP to build for (no php, no php-cli package); set ASYNC_PHP_VERSION, e.g. 8.4" >&2; exit 1 ;;
esac
packages="php$v-dev php$v-cli libuv1-dev pkg-config make gcc valgrind mariadb-server php$v-mysql php$v-curl php$v-pgsql postgresql php$v-memcached memcached php$v-redis redis-server iproute2 strace openssl $*"
if [ -n "$print" ]; then
	echo $packages
	exit 0
fi

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
	apt_update
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
