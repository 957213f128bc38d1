#!/usr/bin/env bash
# Event object pools: the same create/start/stop/dispose cycle of timer and poll events with the
# pool (default size) and without it (size 0, the baseline), in one run; prints both and the ratio.
#   bench/event_pool.sh [cycles]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/out/ext/async_test.so" ] || "$root/scripts/build.sh" >/dev/null
n="${1:-200000}"
php_run() { # kind, php options...
	local kind="$1"; shift
	php -n -d extension_dir="$root/out/ext" -d extension=async -d extension=async_test "$@" \
		"$root/bench/event_pool.php" "$kind" "$n"
}
best() { for i in 1 2 3 4 5; do php_run "$@"; done | sort -n | head -1; } # fastest of 5
printf "%-28s %12s %12s %12s\n" "$n cycles" "cycles/s" "allocations" "reused"
for kind in timer poll; do
	read -r t_pool rate_pool alloc_pool reused_pool <<<"$(best "$kind")"
	read -r t_base rate_base alloc_base reused_base <<<"$(best "$kind" -d "async.${kind}_pool_size=0")"
	printf "%-28s %12d %12d %12d\n" "$kind, pool (default 1024)" "$rate_pool" "$alloc_pool" "$reused_pool"
	printf "%-28s %12d %12d %12d\n" "$kind, no pool (baseline)" "$rate_base" "$alloc_base" "$reused_base"
	awk -v a="$t_base" -v b="$t_pool" -v k="$kind" 'BEGIN { printf "%s speed ratio pool/no pool: %.2fx\n", k, a / b }'
done
