#!/usr/bin/env bash
# Builds the C parts of the benchmarks into out/bench: the raw epoll echo server (the ceiling of
# the TCP echo benchmark), the libuv echo server, the echo load generator and the file read
# comparison (file_io.c). Fails on any compiler warning, like scripts/build.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/out/bench"
mkdir -p "$out"
flags="-O2 -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE $(pkg-config --cflags libuv)"
libs="$(pkg-config --libs libuv)"
for prog in uv_echo_server epoll_echo_server echo_load file_io; do
	# shellcheck disable=SC2086 # flags are words
	gcc $flags -o "$out/$prog" "$root/bench/$prog.c" $libs
done
echo "built: $out/uv_echo_server $out/epoll_echo_server $out/echo_load $out/file_io"
