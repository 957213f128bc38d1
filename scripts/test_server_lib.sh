#!/usr/bin/env bash
# What the tests' throw-away servers (scripts/mariadb.sh, postgres.sh, memcached.sh, redis.sh)
# share; each sources this and defines its own start and stop. Not run by itself.

# Asks the kernel for a free loopback port.
free_port() {
	php -n -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);'
}

# Ends the process whose pid is in $1 (with signal $2, TERM by default) and waits up to 5 s for it.
stop_pidfile() {
	local pidfile="$1" signal="${2:-TERM}"
	[ -f "$pidfile" ] || return 0
	local pid; pid="$(cat "$pidfile")"
	kill "-$signal" "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}

# Waits up to 5 s for 127.0.0.1:$1 to accept connections; prints the log $2 and fails if it does not.
wait_for_port() {
	local port="$1" log="$2"
	for _ in $(seq 1 50); do
		php -n -r "exit(@fsockopen('127.0.0.1', $port) ? 0 : 1);" && return 0
		sleep 0.1
	done
	cat "$log" >&2
	return 1
}

# Writes the `export` lines given as arguments to the file $1 and prints them.
write_env() {
	local file="$1"; shift
	printf 'export %s\n' "$@" >"$file"
	cat "$file"
}

# The scripts' command line: start or stop.
test_server_main() {
	case "${1:-}" in
		start) start ;;
		stop) stop ;;
		*) echo "usage: $0 start|stop" >&2; exit 2 ;;
	esac
}
