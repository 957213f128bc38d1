#!/usr/bin/env bash
# The integration suite: the libraries PHP applications are made of (Guzzle, Symfony HttpClient,
# Doctrine DBAL, Predis, Monolog, Symfony's framework), installed by Composer from
# tests/integration/composer.json (every version pinned; never a dependency of the extension), then
# tests/integration run by scripts/test.sh: the same run-tests.php, the same MariaDB and PostgreSQL
# servers, the same last line "N passed, N failed, N skipped".
#   scripts/integration.sh [--valgrind|--opcache] [tests/integration/...]
# A registry that does not answer is a failure, never a skip.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
options=()
case "${1:-}" in --valgrind|--opcache) options=("$1"); shift ;; esac
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=("$root/tests/integration")

# Composer itself and the redis-server the Predis test starts.
"$root/scripts/deps.sh" composer redis-server

echo "composer install in tests/integration"
if ! (cd "$root/tests/integration" && COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1 \
	composer install --no-progress); then
	echo "composer install failed (is the package registry reachable?): the integration tests cannot run" >&2
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
exec "$root/scripts/test.sh" "${options[@]}" "${paths[@]}"
