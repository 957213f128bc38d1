#!/usr/bin/env bash
# Installs what the benchmarks need besides the build's own packages (scripts/deps.sh):
# the baselines (Amp v2, nginx, wrk, Debian's PHP-FPM behind nginx for endpoint.sh and framework.sh),
# perf (system calls per round trip) and strace (the system calls of one connection in order).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/deps.sh" php-amphp-amp nginx wrk linux-perf php-fpm strace "$@"
