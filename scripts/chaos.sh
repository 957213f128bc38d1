#!/usr/bin/env bash
# The chaos run: tests whose outcome must not depend on the order coroutines run in, run with
# ASYNC_CHAOS_SEED=N for several seeds (scheduler/chaos.c: the runnable coroutines in a random
# order, reactor polls at random points, random short sleeps; off without the variable).
#   scripts/chaos.sh             seeds 1 2 3
#   scripts/chaos.sh 7 8         those seeds
# Ends with the line "N passed, N failed, N skipped" over all seeds. Tests that pin an order the
# API promises (FIFO run queue, who runs first after suspend()) are not in the list, nor slow ones
# (the whole run stays within about two minutes a seed).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
tests=(
	tests/scheduler/stress_destructors.phpt
	tests/hooks/stress_io.phpt
	tests/scheduler/concurrency.phpt
	tests/scheduler/busy_yield_fairness.phpt
	tests/scheduler/output_buffer_many.phpt
	tests/scheduler/scope_memory.phpt
	tests/hooks/sleep_never_early.phpt
	tests/hooks/stream_tcp_overlap.phpt
	tests/hooks/stream_select_concurrency.phpt
	tests/hooks/sockets_concurrency.phpt
	tests/hooks/mysql_pdo_error_mode.phpt
	tests/userland/iterate.phpt
	tests/reactor/timer_many.phpt
	tests/reliability/cancel_every_wait.phpt
)
passed=0; failed=0; skipped=0
for seed in "${seeds[@]}"; do
	echo "==== ASYNC_CHAOS_SEED=$seed"
	line="$(ASYNC_CHAOS_SEED="$seed" "$root/scripts/test.sh" "${tests[@]/#/$root/}" 2>&1 | tee /dev/stderr | tail -n 1)"
	read -r p f s <<<"$(echo "$line" | awk '/passed, .* failed, .* skipped/ { print $1, $3, $5 }')"
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1})); skipped=$((skipped + ${s:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
