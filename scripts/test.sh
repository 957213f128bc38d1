#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs the whole .phpt suite with PHP's
# run-tests.php and ends with the line "N passed, N failed, N skipped".
#   scripts/test.sh                 the suite
#   scripts/test.sh --valgrind      the suite under valgrind (leaks and invalid accesses fail)
#   scripts/test.sh --opcache       the suite with OPcache and its tracing JIT on
#   scripts/test.sh [--valgrind|--opcache] tests/engine/...   a part of it
#   (tests/integration is not part of the default run: scripts/integration.sh)
# ASYNC_TEST_TIMEOUT=N gives each test N seconds without output before it fails (run-tests.php's
# --set-timeout; its default is 60, and 300 under valgrind whatever is set).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
valgrind=""
opcache=()
case "${1:-}" in
	--valgrind) valgrind="-m"; shift ;;
	--opcache)
		# OPcache in the CLI with the tracing JIT, as production runs it (the JIT compiles hot
		# code into machine code that calls zend_execute_ex and the hooked functions differently).
		opcache=(-d zend_extension=opcache -d opcache.enable_cli=1 -d opcache.jit=tracing -d opcache.jit_buffer_size=64M)
		shift ;;
esac
timeout=()
[ -z "${ASYNC_TEST_TIMEOUT:-}" ] || timeout=(--set-timeout "$ASYNC_TEST_TIMEOUT")
# run-tests.php runs valgrind without a leak check: ask for one, so a leak fails the test.
# It also follows child processes: system binaries that tests run through /bin/sh are not ours,
# and fork()ed test children _exit() without freeing what PHP allocated at startup. scripts/valgrind.supp
# silences reports about code that is not ours (the dynamic loader).
[ -z "$valgrind" ] || export VALGRIND_OPTS="${VALGRIND_OPTS:-} --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --trace-children-skip=/bin/*,/usr/bin/*,/sbin/*,/usr/sbin/* --child-silent-after-fork=yes --suppressions=$root/scripts/valgrind.supp"
paths=("$@")
# By default every folder of tests/ but tests/integration, whose libraries come from Composer
# (scripts/integration.sh installs them and runs it).
if [ ${#paths[@]} -eq 0 ]; then
	for dir in "$root"/tests/*/; do
		[ "$dir" = "$root/tests/integration/" ] || paths+=("${dir%/}")
	done
fi

"$root/scripts/deps.sh"
"$root/scripts/build.sh"

out="$root/out"
log="$out/run-tests${valgrind:+-valgrind}${opcache:+-opcache}.log"
# The database tests (tests/hooks/mysql_*) need a server: one throw-away MariaDB for the whole
# run, unless one is configured already or no selected path can hold those tests.
needs_db() { # [file pattern]
	for p in "${paths[@]}"; do
		case "$p" in ${1:-*mysql_*.phpt}) return 0 ;; *.phpt) ;; *) return 0 ;; esac
	done
	return 1
}
# Each server started is stopped when the run ends.
at_exit=""
stop_at_exit() { at_exit="$1; $at_exit"; trap "$at_exit" EXIT; }
if [ -z "${ASYNC_TEST_MYSQL_HOST:-}" ] && needs_db; then
	if "$root/scripts/mariadb.sh" start >/dev/null; then
		stop_at_exit '"$root/scripts/mariadb.sh" stop'
		. "$out/mariadb/env"
	else
		echo "could not start the test database: the mysql tests will skip" >&2
	fi
fi
# The PostgreSQL tests (tests/hooks/pgsql_*) likewise need a throw-away server (scripts/postgres.sh).
if [ -z "${ASYNC_TEST_PGSQL_HOST:-}" ] && needs_db '*pgsql_*.phpt'; then
	if "$root/scripts/postgres.sh" start >/dev/null; then
		stop_at_exit '"$root/scripts/postgres.sh" stop'
		. "$out/postgres/env"
	else
		echo "could not start the test PostgreSQL server: the pgsql tests will skip" >&2
	fi
fi
# The memcached and phpredis tests likewise (scripts/memcached.sh, scripts/redis.sh).
if [ -z "${ASYNC_TEST_MEMCACHED_HOST:-}" ] && needs_db '*memcached_*.phpt'; then
	if "$root/scripts/memcached.sh" start >/dev/null; then
		stop_at_exit '"$root/scripts/memcached.sh" stop'
		. "$out/memcached/env"
	else
		echo "could not start the test memcached: the memcached tests will skip" >&2
	fi
fi
if [ -z "${ASYNC_TEST_REDIS_HOST:-}" ] && needs_db '*redis_*.phpt'; then
	if "$root/scripts/redis.sh" start >/dev/null; then
		stop_at_exit '"$root/scripts/redis.sh" stop'
		. "$out/redis/env"
	else
		echo "could not start the test redis-server: the redis tests will skip" >&2
	fi
fi
jobs="$(nproc 2>/dev/null || echo 2)"
cd "$root"
set +e
TEST_PHP_EXECUTABLE="$(command -v php)" NO_INTERACTION=1 REPORT_EXIT_STATUS=1 \
	php "$root/run-tests.php" -n -q $valgrind -j"$jobs" --show-diff "${timeout[@]}" \
	-d extension_dir="$out/ext" "${opcache[@]}" -d extension=async -d extension=async_test \
	"${paths[@]}" 2>&1 | tee "$log"
set -e

count() { # the number on the summary line "Tests <what> : N (..."
	awk -v what="$1" '$1 == "Tests" && $2 == what { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }' "$log"
}
passed=$(count passed); failed=$(count failed); skipped=$(count skipped)
warned=$(count warned); leaked=$(count leaked); borked=$(grep -c 'BORK' "$log" || true)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}; warned=${warned:-0}; leaked=${leaked:-0}
# A test that warned, leaked or could not run counts as failed.
failed=$((failed + warned + leaked + borked))
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
	echo "run-tests.php ran no test" >&2
	failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
