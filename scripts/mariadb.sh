#!/usr/bin/env bash
# A throw-away MariaDB server for the database tests, under out/mariadb.
#   scripts/mariadb.sh start   initialises a fresh datadir, starts mariadbd on 127.0.0.1 (a free
#                              port) and a socket in out/mariadb, creates the test user and
#                              database, prints the settings as `export` lines and writes them to
#                              out/mariadb/env (source it to run a test by hand)
#   scripts/mariadb.sh stop    stops that server and removes its datadir
# The tests read ASYNC_TEST_MYSQL_HOST, _PORT, _SOCKET, _USER, _PASS and _DB, and skip without them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/test_server_lib.sh"
dir="$root/out/mariadb"
pidfile="$dir/mariadbd.pid"
sock="$dir/mariadbd.sock"

stop() {
	# The datadir is thrown away, so there is nothing to shut down cleanly for.
	stop_pidfile "$pidfile" KILL
	rm -rf "$dir"
}

start() {
	command -v mariadbd >/dev/null || { echo "mariadbd not found: apt-get install mariadb-server" >&2; exit 1; }
	stop
	mkdir -p "$dir/data" "$dir/tmp"
	mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" --auth-root-authentication-method=socket \
		--skip-test-db >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }
	local port; port="$(free_port)"
	# Small and quick: no binlog, a small buffer pool, enough connections for 50 coroutines.
	mariadbd --no-defaults --user="$(id -un)" --datadir="$dir/data" --tmpdir="$dir/tmp" --socket="$sock" \
		--pid-file="$pidfile" --bind-address=127.0.0.1 --port="$port" --skip-name-resolve --skip-log-bin \
		--innodb-buffer-pool-size=16M --innodb-log-file-size=8M --max-connections=300 \
		--log-error="$dir/error.log" >/dev/null 2>&1 &
	for _ in $(seq 1 300); do
		mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1 && break
		sleep 0.1
	done
	mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1 || { cat "$dir/error.log" >&2; stop; exit 1; }
	mariadb --no-defaults --socket="$sock" -uroot -e "
		CREATE DATABASE asynctest;
		CREATE USER 'asynctest'@'127.0.0.1' IDENTIFIED BY 'asynctest-pass';
		CREATE USER 'asynctest'@'localhost' IDENTIFIED BY 'asynctest-pass';
		GRANT ALL ON asynctest.* TO 'asynctest'@'127.0.0.1';
		GRANT ALL ON asynctest.* TO 'asynctest'@'localhost';"
	write_env "$dir/env" "ASYNC_TEST_MYSQL_HOST=127.0.0.1" \
		"ASYNC_TEST_MYSQL_PORT=$port" \
		"ASYNC_TEST_MYSQL_SOCKET=$sock" \
		"ASYNC_TEST_MYSQL_USER=asynctest" \
		"ASYNC_TEST_MYSQL_PASS=asynctest-pass" \
		"ASYNC_TEST_MYSQL_DB=asynctest"
}

test_server_main "$@"
