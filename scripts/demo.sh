#!/usr/bin/env bash
# The demo command: installs what is missing, builds, and runs examples/demo.php with the
# freshly built extension.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh" >/dev/null
exec php -n -d extension_dir="$root/out/ext" -d extension=async "$root/examples/demo.php" "$@"
