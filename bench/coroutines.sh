#!/usr/bin/env bash
# Coroutines beside PHP's own Fiber, same workloads, one process: see bench/coroutines.php.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/out/ext/async.so" ] || "$root/scripts/build.sh" >/dev/null
exec php -n -d memory_limit=-1 -d extension_dir="$root/out/ext" -d extension=async "$root/bench/coroutines.php" "$@"
