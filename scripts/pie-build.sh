#!/usr/bin/env bash
# Builds the extension the way PIE does, from a clean clone of the committed tree (HEAD, or the
# commit given): phpize, ./configure with the options composer.json declares, make, then
# `make install` into a staging directory. Checks that the module loads and reports the
# CHANGELOG's version. Needs what scripts/deps.sh installs; touches nothing outside a temp dir.
#   scripts/pie-build.sh [commit]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
commit="${1:-HEAD}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone --quiet --no-local "$root" "$work/src"
git -C "$work/src" checkout --quiet "$commit"
cd "$work/src"

# The configure flags PIE may pass: every php-ext.configure-options entry (none needs a value).
options=$(php -r '
	$json = json_decode(file_get_contents("composer.json"), true, 512, JSON_THROW_ON_ERROR);
	foreach ($json["php-ext"]["configure-options"] ?? [] as $o) {
		if (!empty($o["needs-value"])) { fwrite(STDERR, "option {$o["name"]} needs a value\n"); exit(1); }
		echo "--{$o["name"]} ";
	}')
echo "pie-build: phpize, ./configure $options, make (clone of $(git rev-parse --short HEAD))"
phpize >"$work/phpize.log" 2>&1 || { cat "$work/phpize.log" >&2; exit 1; }
# shellcheck disable=SC2086
./configure $options >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; exit 1; }
make -j"$(nproc 2>/dev/null || echo 2)" >"$work/make.log" 2>&1 || { cat "$work/make.log" >&2; exit 1; }
make install INSTALL_ROOT="$work/stage" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 1; }

so="$work/stage$(php-config --extension-dir)/async.so"
header="$work/stage$(php-config --include-dir)/ext/async/zend_async_API.h"
[ -f "$so" ] || { echo "pie-build: make install did not install async.so" >&2; exit 1; }
[ -f "$header" ] || { echo "pie-build: make install did not install zend_async_API.h" >&2; exit 1; }
version=$(php -n -d extension="$so" -r 'echo phpversion("async");')
expected=$(grep -oP '^## \[\K[0-9]+\.[0-9]+\.[0-9]+' CHANGELOG.md | head -n 1)
[ "$version" = "$expected" ] || { echo "pie-build: the module reports '$version', CHANGELOG.md '$expected'" >&2; exit 1; }
php -n -d extension="$so" -r 'Async\await(Async\spawn(fn() => print("pie-build: a coroutine ran\n")));'
echo "pie-build: ok (async $version)"
