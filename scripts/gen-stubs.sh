#!/usr/bin/env bash
# Regenerates every *_arginfo.h from its *.stub.php with PHP's own gen_stub.php, offline: it
# runs a copy of gen_stub.php beside a PHP-Parser taken from Debian's php-parser package.
set -euo pipefail
cd "$(dirname "$0")/.."
gen_stub="$(php-config --extension-dir | sed 's|/[^/]*$||')/$(basename "$(php-config --extension-dir)")/build/gen_stub.php"
[ -f "$gen_stub" ] || gen_stub="$(dirname "$(php-config --php-binary)")/../lib/php/build/gen_stub.php"
[ -f "$gen_stub" ] || { echo "gen_stub.php not found: apt-get install php8.2-dev" >&2; exit 1; }
[ -d /usr/share/php/PhpParser ] || { echo "PHP-Parser not found: apt-get install php-parser" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$gen_stub" "$work/gen_stub.php"
version=$(grep -oP '\$version = "\K[0-9.]+' "$work/gen_stub.php")
mkdir -p "$work/PHP-Parser-$version"
ln -s /usr/share/php "$work/PHP-Parser-$version/lib"

for stub in $(find engine reactor scheduler userland hooks tests -name '*.stub.php' 2>/dev/null | sort); do
	php "$work/gen_stub.php" -f "$stub"
done
php scripts/gen-ide-stubs.php   # stubs/async.php, the IDE stubs, from the same files
