#!/usr/bin/env bash
# The demo command: installs what is missing, builds, runs examples/demo.php with the freshly
# built extension, then PHP's own blocking network functions in coroutines: examples/crawler.php
# fetches 20 pages with file_get_contents() from examples/http_server.php, which takes 200 ms
# per answer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh" >/dev/null
php=(php -n -d extension_dir="$root/out/ext" -d extension=async)
"${php[@]}" "$root/examples/demo.php" "$@"

fetches=20
echo
echo "== file_get_contents() in $fetches coroutines against a coroutine HTTP server (200 ms per answer)"
address_file="$(mktemp)"
"${php[@]}" "$root/examples/http_server.php" 127.0.0.1 0 200 "$fetches" >"$address_file" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$address_file"' EXIT
url=""
for _ in $(seq 50); do
	url="$(sed -n 's/^http server listening on //p' "$address_file")"
	[ -z "$url" ] || break
	sleep 0.1
done
[ -n "$url" ] || { echo "the example server did not start" >&2; exit 1; }
echo "server: $url"
"${php[@]}" -d allow_url_fopen=1 "$root/examples/crawler.php" --repeat "$fetches" "$url" | tail -n 3
wait "$server"
