#!/usr/bin/env bash
# A throw-away PostgreSQL server for the pgsql tests, under out/postgres (as scripts/mariadb.sh).
#   scripts/postgres.sh start   initdb's a fresh cluster, starts it on 127.0.0.1 (a free port)
#                               with trust authentication, except for the role asyncpw, which
#                               needs its password (for the wrong-password tests); prints the
#                               settings as `export` lines and writes them to out/postgres/env
#   scripts/postgres.sh stop    stops that server and removes the cluster
# The tests read ASYNC_TEST_PGSQL_HOST, _PORT, _USER, _DB and skip without them.
# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/test_server_lib.sh"
dir="$root/out/postgres"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
	if [ -f "$dir/data/postmaster.pid" ]; then
		# The cluster is thrown away: an immediate shutdown is enough.
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

start() {
	[ -x "$bin/initdb" ] || { echo "PostgreSQL not found: apt-get install postgresql" >&2; exit 1; }
	stop
	mkdir -p "$dir"
	[ "$(id -u)" != 0 ] || chown postgres: "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
		|| { cat "$dir/initdb.log" >&2; exit 1; }
	# The role asyncpw must give its password; everyone else is trusted.
	as_owner sh -c "printf 'host all asyncpw 127.0.0.1/32 scram-sha-256\nhost all all 127.0.0.1/32 trust\nlocal all all trust\n' > '$dir/data/pg_hba.conf'"
	local port; port="$(free_port)"
	# Small and quick: no fsync, enough connections for 100 coroutines.
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=150 -c shared_buffers=16MB" \
		>/dev/null || { cat "$dir/server.log" >&2; stop; exit 1; }
	as_owner "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
		-c "CREATE ROLE asynctest LOGIN" -c "CREATE DATABASE asynctest OWNER asynctest" \
		-c "CREATE ROLE asyncpw LOGIN PASSWORD 'asyncpw-pass'" >/dev/null
	write_env "$dir/env" "ASYNC_TEST_PGSQL_HOST=127.0.0.1" \
		"ASYNC_TEST_PGSQL_PORT=$port" \
		"ASYNC_TEST_PGSQL_USER=asynctest" \
		"ASYNC_TEST_PGSQL_DB=asynctest"
}

test_server_main "$@"
