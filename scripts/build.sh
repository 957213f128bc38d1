#!/usr/bin/env bash
# Builds async.so, stages its `make install` (headers included) under out/stage, builds the
# test-only extension against that staged public header, and gathers both beside PHP's own
# shared extensions in out/ext, the extension_dir the tests and the demo use.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/out"
jobs="$(nproc 2>/dev/null || echo 2)"
mkdir -p "$out"

build_ext() { # dir configure-args...
	local dir="$1"; shift
	local name; name="$(basename "$dir")"
	cd "$dir"
	# config.m4 lists the .c files it finds, so a new file (or a new config.m4) needs configure again.
	local sources; sources="$(find . -name '*.c' -not -path './.libs/*' | sort; cat config.m4)"
	if [ ! -f Makefile ] || [ "$sources" != "$(cat "$out/sources-$name" 2>/dev/null)" ]; then
		phpize >"$out/phpize-$name.log" 2>&1
		./configure "$@" >"$out/configure-$name.log" 2>&1 || { cat "$out/configure-$name.log" >&2; exit 1; }
		echo "$sources" >"$out/sources-$name"
	fi
	make -j"$jobs" >"$out/make-$name.log" 2>&1 || { cat "$out/make-$name.log" >&2; exit 1; }
	if grep -q 'warning:' "$out/make-$name.log"; then
		grep 'warning:' "$out/make-$name.log" >&2
		echo "the build of $name has compiler warnings" >&2
		exit 1
	fi
}

build_ext "$root" --enable-async
rm -rf "$out/stage"
make -C "$root" install INSTALL_ROOT="$out/stage" >/dev/null

include_dir="$out/stage$(php-config --include-dir)"
build_ext "$root/tests/ext/async_test" --enable-async-test --with-async-include="$include_dir"

rm -rf "$out/ext"
mkdir -p "$out/ext"
for so in "$(php-config --extension-dir)"/*.so; do
	ln -s "$so" "$out/ext/"
done
ln -sf "$root/modules/async.so" "$out/ext/async.so"
ln -sf "$root/tests/ext/async_test/modules/async_test.so" "$out/ext/async_test.so"
echo "built: $out/ext/async.so (engine API header staged at $include_dir/ext/async/zend_async_API.h)"
