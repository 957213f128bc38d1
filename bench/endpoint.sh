#!/usr/bin/env bash
# A realistic endpoint: one MariaDB query per request (bench/endpoint/query.inc.php), served five
# ways, measured with the same wrk command, the servers taking turns; prints every run and, per run,
# ours beside each baseline:
#   ours:       bench/endpoint/server.php on this extension, one process, a coroutine per connection,
#               the query on a PDO connection from an Async\Pool of BENCH_POOL;
#   php -S:     PHP's built-in server, one process, one request at a time, a connection per request;
#   PHP-FPM:    Debian's php-fpm behind nginx (one worker, fastcgi over a unix socket), its stock
#               pool settings (pm = dynamic, at most 5 children) and Debian's php.ini (OPcache on),
#               a connection per request;
#   PHP-FPM 1:  the same with as many processes as ours (pm = static, 1 child);
#   PHP-FPM p:  Debian's pool again, each child keeping a persistent connection (PDO::ATTR_PERSISTENT).
# OPcache is on in all of them. The query is a primary-key look-up (BENCH_QUERY_MS=N: it also waits
# N ms in MariaDB, standing for a database across a network).
#   BENCH_CONNECTIONS=200 BENCH_SECONDS=5 BENCH_REPEAT=3 BENCH_QUERY_MS=0 BENCH_POOL=16 bench/endpoint.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/out/bench/endpoint"
connections="${BENCH_CONNECTIONS:-200}"
seconds="${BENCH_SECONDS:-5}"
repeat="${BENCH_REPEAT:-3}"
query_ms="${BENCH_QUERY_MS:-0}"
pool="${BENCH_POOL:-16}"
app="$root/bench/endpoint"
mkdir -p "$out"
[ -f "$root/out/ext/async.so" ] || "$root/scripts/build.sh" >/dev/null
php_fpm="php-fpm$(php -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"    # Debian's name
for tool in nginx wrk "$php_fpm" mariadbd; do
	command -v "$tool" >/dev/null || { echo "$tool is missing: run bench/deps.sh" >&2; exit 1; }
done
ulimit -n "$(ulimit -Hn)"

. "$root/bench/lib.sh"
trap 'bench_stop_servers; "$root/scripts/mariadb.sh" stop' EXIT

"$root/scripts/mariadb.sh" start >/dev/null
. "$root/out/mariadb/env"
php_args=(-n -d zend_extension=opcache -d opcache.enable_cli=1 -d extension=mysqlnd -d extension=pdo
	-d extension=pdo_mysql)
php "${php_args[@]}" "$app/setup.php"
path="/item?id=42&sleep=$(php -n -r "echo $query_ms / 1000;")"

names=() urls=()
# ours
port="$(free_port)"
bench_start "$out/ours.log" php "${php_args[@]}" -d extension_dir="$root/out/ext" -d extension=async "$app/server.php" "$port" "$pool"
wait_port "$port" "$server_pid" || { echo "bench/endpoint/server.php did not start: $out/ours.log" >&2; exit 1; }
names+=("coroutines (this extension), 1 process, Pool of $pool"); urls+=("http://127.0.0.1:$port$path")
# php -S, one process
port="$(free_port)"
bench_start "$out/cli-server.log" php "${php_args[@]}" -S "127.0.0.1:$port" "$app/blocking.php"
wait_port "$port" "$server_pid" || { echo "php -S did not start: $out/cli-server.log" >&2; exit 1; }
names+=("php -S, 1 process"); urls+=("http://127.0.0.1:$port$path")
# PHP-FPM behind nginx: Debian's pool settings, then one static child
fpm_user=""; [ "$(id -u)" = 0 ] && fpm_user="user = root"
nginx_user=""; [ "$(id -u)" = 0 ] && nginx_user="user root;"
fpm() { # directory name pm-lines...: starts php-fpm and nginx in front of it, adds the server
	local dir="$out/$1" name="$2"; shift 2
	mkdir -p "$dir"
	{
		echo "[global]"
		echo "error_log = $dir/fpm.log"
		echo "[www]"
		[ -z "$fpm_user" ] || echo "$fpm_user"
		echo "listen = $dir/fpm.sock"
		printf '%s\n' "$@"
		echo "env[ENDPOINT_PERSISTENT] = ${persistent:-0}"
		for v in HOST PORT DB USER PASS; do echo "env[ASYNC_TEST_MYSQL_$v] = $(printenv "ASYNC_TEST_MYSQL_$v")"; done
	} >"$dir/fpm.conf"
	bench_start "$dir/fpm.stderr" "$php_fpm" --nodaemonize -R -y "$dir/fpm.conf"
	local port; port="$(free_port)"
	cat >"$dir/nginx.conf" <<CONF
daemon off;
$nginx_user
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
worker_rlimit_nofile $(ulimit -n);
events { worker_connections 4096; }
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
			fastcgi_param SCRIPT_FILENAME $app/blocking.php;
			fastcgi_pass unix:$dir/fpm.sock;
		}
	}
}
CONF
	bench_start "$dir/nginx.stderr" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log"
	wait_port "$port" "$server_pid" || { echo "nginx for $name did not start: $dir/nginx-error.log" >&2; exit 1; }
	for _ in $(seq 50); do [ -S "$dir/fpm.sock" ] && break; sleep 0.1; done
	names+=("$name"); urls+=("http://127.0.0.1:$port$path")
}
fpm fpm-debian "PHP-FPM (Debian's pool: dynamic, max 5)" "pm = dynamic" "pm.max_children = 5" "pm.start_servers = 2" \
	"pm.min_spare_servers = 1" "pm.max_spare_servers = 3"
fpm fpm-static "PHP-FPM, 1 process (static)" "pm = static" "pm.max_children = 1"
persistent=1 fpm fpm-persistent "PHP-FPM (Debian's pool), persistent conn." "pm = dynamic" "pm.max_children = 5" \
	"pm.start_servers = 2" "pm.min_spare_servers = 1" "pm.max_spare_servers = 3"

for url in "${urls[@]}"; do
	curl -sf "$url" | grep -q '"item 42"' || { echo "no answer from $url" >&2; exit 1; }
	wrk -t2 -c"$connections" -d1s --timeout 10s "$url" >/dev/null 2>&1 || true   # warm-up, not counted
done

: >"$out/wrk.log"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), PHP $(php -r 'echo PHP_VERSION;'), $(mariadbd --version | awk '{ print $3 }'), $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }')"
echo "command: BENCH_CONNECTIONS=$connections BENCH_SECONDS=$seconds BENCH_REPEAT=$repeat BENCH_QUERY_MS=$query_ms BENCH_POOL=$pool bench/endpoint.sh"
echo "endpoint: GET $path (one query, waiting $query_ms ms in MariaDB); wrk -t2 -c$connections -d${seconds}s --timeout 10s"
echo
printf "%-4s %-52s %9s %10s %10s %6s  %s\n" run server "req/s" p50 p99 load errors
for run in $(seq 1 "$repeat"); do
	rps=()
	for i in "${!urls[@]}"; do
		load="$(cut -d' ' -f1 /proc/loadavg)"
		result="$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency "${urls[$i]}" 2>&1)"
		echo "$result" >>"$out/wrk.log"
		read -r r p50 p99 errors <<<"$(awk '
			/Requests\/sec:/ { rps = $2 }
			$1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
			/Non-2xx/ { errors = errors "non-2xx:" $NF " " }
			/Socket errors/ { gsub(/,/, ""); errors = errors "connect:" $4 " read:" $6 " write:" $8 " timeout:" $10 }
			END { printf "%s %s %s %s\n", rps, p50, p99, errors == "" ? "none" : errors }' <<<"$result")"
		printf "%-4s %-52s %9.0f %10s %10s %6s  %s\n" "$run" "${names[$i]}" "$r" "$p50" "$p99" "$load" "$errors"
		rps+=("$r")
	done
	for i in $(seq 1 $((${#urls[@]} - 1))); do
		awk -v a="${rps[0]}" -v b="${rps[$i]}" -v n="${names[$i]}" \
			'BEGIN { printf "     ratio ours / %s: %.2f\n", n, (b > 0 ? a / b : 0) }'
	done
done
