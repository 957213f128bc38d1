#!/usr/bin/env bash
# Timer event pool: the same create/start/stop/dispose cycle with the pool (async.timer_pool_size
# default) and without it (0, the baseline), in one run; prints both and the ratio.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/out/ext/async_test.so" ] || "$root/scripts/build.sh" >/dev/null
n="${1:-200000}"
php_run() { php -n -d extension_dir="$root/out/ext" -d extension=async -d extension=async_test "$@" "$root/bench/timer_pool.php" "$n"; }
best() { # the fastest of 5 runs
	for i in 1 2 3 4 5; do php_run "$@"; done | sort -n | head -1
}
read -r t_pool rate_pool alloc_pool reused_pool <<<"$(best)"
read -r t_base rate_base alloc_base reused_base <<<"$(best -d async.timer_pool_size=0)"
printf "%-26s %12s %12s %12s\n" "timer events ($n)" "cycles/s" "allocations" "reused"
printf "%-26s %12d %12d %12d\n" "pool (default 1024)" "$rate_pool" "$alloc_pool" "$reused_pool"
printf "%-26s %12d %12d %12d\n" "no pool (baseline)" "$rate_base" "$alloc_base" "$reused_base"
awk -v a="$t_base" -v b="$t_pool" 'BEGIN { printf "speed ratio pool/no pool: %.2fx\n", a / b }'
