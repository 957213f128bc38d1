# Sourced by the benchmark scripts (bash): servers run in the background and stopped on exit, free
# loopback ports, the CPU time a server spent.
#   . "$root/bench/lib.sh"
# A script with more to clean up on exit sets its own EXIT trap and calls bench_stop_servers in it.

bench_server_pids=()

# Kills and reaps every server started with bench_start (or recorded with bench_track).
bench_stop_servers() {
	local pid
	for pid in "${bench_server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${bench_server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap bench_stop_servers EXIT

# Records a process started in the background by the caller, to be stopped on exit.
bench_track() { bench_server_pids+=("$1"); }

# log command...: starts a server in the background, output to log, its pid in $server_pid.
bench_start() {
	local log="$1"; shift
	"$@" >"$log" 2>&1 &
	server_pid=$!
	bench_track "$server_pid"
}

# pid: stops one server now.
bench_stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# A loopback port nothing listens on (the kernel's pick).
free_port() {
	php -n -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);'
}

# port [pid]: true once something accepts on the port; false after 10 s, or once pid (if given) died.
wait_port() {
	for _ in $(seq 100); do
		[ -z "${2:-}" ] || kill -0 "$2" 2>/dev/null || return 1
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# pid: user + system CPU time of the process and its children (nginx's worker, a server's forked
# workers) in clock ticks. Per operation it shows a server's own cost, which the other processes of a
# shared machine disturb much less than its throughput.
clock_ticks="$(getconf CLK_TCK)"
cpu_ticks() {
	local pid total=0
	for pid in "$1" $(pgrep -P "$1" || true); do
		total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
	done
	echo "$total"
}
