#!/usr/bin/env bash
# The Symfony app of tests/integration/app (its /db endpoint: 10 sequential PostgreSQL queries
# through Doctrine DBAL) served three ways with the same number of processes, measured with wrk at a
# fixed number of connections:
#   ours:     tests/integration/app/server.inc.php on this extension, BENCH_WORKERS processes, a
#             coroutine per connection and a pooled kernel per in-flight request;
#   baseline: PHP's built-in server with PHP_CLI_SERVER_WORKERS=BENCH_WORKERS (one request per
#             process at a time, a kernel per request, a new database connection per request), and
#             the same with a persistent connection per worker (PDO::ATTR_PERSISTENT);
#   baseline: Debian's PHP-FPM (pm = static, BENCH_WORKERS children, Debian's php.ini) behind nginx
#             (one worker, fastcgi over a unix socket, keep-alive to wrk), a new database
#             connection per request, and the same with a persistent one.
# All with OPcache on. Each query waits BENCH_QUERY_MS in PostgreSQL (pg_sleep; 0: a plain
# SELECT), standing for a database across a network. BENCH_REPEAT runs of each (default 3).
#   BENCH_WORKERS=2 BENCH_CONNECTIONS=50 BENCH_SECONDS=10 BENCH_QUERY_MS=2 bench/framework.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
workers="${BENCH_WORKERS:-2}"
connections="${BENCH_CONNECTIONS:-50}"
seconds="${BENCH_SECONDS:-10}"
query_ms="${BENCH_QUERY_MS:-2}"
repeat="${BENCH_REPEAT:-3}"
app="$root/tests/integration/app"
[ -f "$root/out/ext/async.so" ] || "$root/scripts/build.sh" >/dev/null
[ -f "$root/tests/integration/vendor/autoload.php" ] \
	|| (cd "$root/tests/integration" && COMPOSER_ALLOW_SUPERUSER=1 composer install --no-interaction --no-progress -q)
php_fpm="php-fpm$(php -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"    # Debian's name
command -v wrk >/dev/null && command -v nginx >/dev/null && command -v "$php_fpm" >/dev/null || "$root/bench/deps.sh"

php_args=(-n -d extension_dir="$root/out/ext" -d zend_extension=opcache -d opcache.enable_cli=1
	-d memory_limit=512M -d extension=pdo -d extension=pdo_pgsql -d extension=posix -d extension=ctype
	-d extension=mbstring -d extension=tokenizer -d extension=iconv)

. "$root/bench/lib.sh"
"$root/scripts/postgres.sh" start >/dev/null
server_pid=""
fpm_pid=""
stop_server() {
	# php -S with PHP_CLI_SERVER_WORKERS leaves its workers running when it is killed: they go first
	[ -z "$server_pid" ] || { kill $(pgrep -P "$server_pid") "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
	[ -z "$fpm_pid" ] || { kill "$fpm_pid" 2>/dev/null; wait "$fpm_pid" 2>/dev/null || true; fpm_pid=""; }
}
trap 'stop_server; bench_stop_servers; "$root/scripts/postgres.sh" stop' EXIT
. "$root/out/postgres/env"
php "${php_args[@]}" "$app/setup.inc.php"
path="/db?id=1&sleep=$(php -n -r "echo $query_ms / 1000;")"


measure() { # port label: one warm-up, then $repeat wrk runs; prints a row per run
	curl -sf "http://127.0.0.1:$1$path" >/dev/null || { echo "the server did not answer $path" >&2; exit 1; }
	wrk -t2 -c"$connections" -d2s --timeout 10s "http://127.0.0.1:$1$path" >/dev/null
	for run in $(seq 1 "$repeat"); do
		local load; load="$(cut -d' ' -f1 /proc/loadavg)"
		wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency "http://127.0.0.1:$1$path" >"$root/out/wrk.log"
		awk -v label="$2" -v run="$run" -v loadavg="$load" '
			/Requests\/sec/ { rps = $2 }
			$1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
			/Non-2xx|Socket errors/ { errors = errors " " $0 }
			END { printf "%-44s %3d %10.0f %10s %10s %6s %s\n", label, run, rps, p50, p99, loadavg, errors }' "$root/out/wrk.log"
	done
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), PHP $(php -r 'echo PHP_VERSION;'), PostgreSQL $(psql --version | awk '{ print $3 }'), $(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }')"
echo "command: BENCH_WORKERS=$workers BENCH_CONNECTIONS=$connections BENCH_SECONDS=$seconds BENCH_QUERY_MS=$query_ms BENCH_REPEAT=$repeat bench/framework.sh"
echo "endpoint: GET $path (10 sequential queries, each waiting $query_ms ms in PostgreSQL)"
echo
printf "%-44s %3s %10s %10s %10s %6s\n" "server ($workers processes, $connections connections)" "run" "req/s" "p50" "p99" "load"

port="$(free_port)"
mkfifo "$root/out/framework-stdin" 2>/dev/null || true
php "${php_args[@]}" -d extension=async "$app/server.inc.php" --port="$port" --workers="$workers" \
	<"$root/out/framework-stdin" >"$root/out/framework-server.out" &
server_pid=$!
exec 3>"$root/out/framework-stdin"                              # the server runs while this stays open
# It prints its port once every worker listens (probing the port could reach the parent's socket).
for _ in $(seq 1 100); do [ -s "$root/out/framework-server.out" ] && break; sleep 0.1; done
measure "$port" "coroutines (this extension), pooled kernels"
exec 3>&-
stop_server
rm -f "$root/out/framework-stdin"

port="$(free_port)"
PHP_CLI_SERVER_WORKERS="$workers" php "${php_args[@]}" -S "127.0.0.1:$port" "$app/public.inc.php" >/dev/null 2>&1 &
server_pid=$!
wait_port "$port"
measure "$port" "blocking workers (php -S), kernel per request"
stop_server

# The same workers keeping one persistent database connection each (PDO::ATTR_PERSISTENT).
port="$(free_port)"
APP_PERSISTENT_DB=1 PHP_CLI_SERVER_WORKERS="$workers" php "${php_args[@]}" -S "127.0.0.1:$port" "$app/public.inc.php" >/dev/null 2>&1 &
server_pid=$!
wait_port "$port"
measure "$port" "blocking workers, persistent connections"
stop_server

# Debian's PHP-FPM with as many processes, behind nginx (one worker): $1 = 1 for persistent connections.
fpm_server() {
	local dir="$root/out/framework-fpm" v
	rm -rf "$dir"; mkdir -p "$dir"
	{
		echo "[global]"
		echo "error_log = $dir/fpm.log"
		echo "[www]"
		[ "$(id -u)" != 0 ] || echo "user = root"
		echo "listen = $dir/fpm.sock"
		echo "pm = static"
		echo "pm.max_children = $workers"
		for v in HOST PORT USER DB; do echo "env[ASYNC_TEST_PGSQL_$v] = $(printenv "ASYNC_TEST_PGSQL_$v")"; done
		echo "env[APP_PERSISTENT_DB] = $1"
	} >"$dir/fpm.conf"
	"$php_fpm" --nodaemonize -R -y "$dir/fpm.conf" >"$dir/fpm.stderr" 2>&1 &
	fpm_pid=$!
	port="$(free_port)"
	cat >"$dir/nginx.conf" <<CONF
daemon off;
$([ "$(id -u)" != 0 ] || echo "user root;")
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $dir/client_body;
	proxy_temp_path $dir/proxy;
	fastcgi_temp_path $dir/fastcgi;
	uwsgi_temp_path $dir/uwsgi;
	scgi_temp_path $dir/scgi;
	server {
		listen 127.0.0.1:$port backlog=511;
		location / {
			include /etc/nginx/fastcgi_params;
			fastcgi_param SCRIPT_FILENAME $app/public.inc.php;
			fastcgi_pass unix:$dir/fpm.sock;
		}
	}
}
CONF
	nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log" >"$dir/nginx.stderr" 2>&1 &
	server_pid=$!
	wait_port "$port"
	for _ in $(seq 1 50); do [ -S "$dir/fpm.sock" ] && break; sleep 0.1; done
}
fpm_server 0
measure "$port" "PHP-FPM + nginx, kernel per request"
stop_server
fpm_server 1
measure "$port" "PHP-FPM + nginx, persistent connections"
stop_server
