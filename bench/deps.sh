#!/usr/bin/env bash
# Installs what the benchmarks need besides the build's own packages (scripts/deps.sh):
# the baselines (Amp v2, nginx, wrk), perf (system calls per round trip, profiles) and strace
# (system calls per workload: strace -c).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/deps.sh" php-amphp-amp nginx wrk linux-perf strace "$@"
