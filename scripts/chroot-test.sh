#!/usr/bin/env bash
# The suite on Debian 13 (trixie) and its PHP 8.4, in a chroot under out/trixie, as root:
#   scripts/chroot-test.sh [--valgrind|--opcache] [paths...]   as scripts/test.sh, inside the chroot
#   scripts/chroot-test.sh --setup                              only make (or check) the chroot
# The first run makes the chroot with debootstrap (minbase, then the build and test packages of
# scripts/deps.sh) from the Debian mirror this machine's apt uses; later runs reuse it.
# The project is bind-mounted read-only at /src, its files (tracked and untracked, not ignored)
# copied to /build/async so the 8.4 build does not touch this tree's 8.2 build, and built and
# tested there. Each test may run ASYNC_TEST_TIMEOUT seconds (default 60; run-tests.php gives a
# test under valgrind 300 whatever the setting), so a hang fails fast.
# Everything runs in a private mount namespace: the mounts (/proc, /sys, /dev, /dev/pts, /src)
# go away when the script ends, however it ends; it also unmounts them itself on exit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
suite=trixie  # Debian 13, whose PHP is 8.4
php_version=8.4
dir="$root/out/$suite"

if [ "$(id -u)" != 0 ]; then
	echo "$0: run as root (debootstrap, chroot and mount need it)" >&2
	exit 1
fi
if [ -z "${ASYNC_CHROOT_NAMESPACE:-}" ]; then
	ASYNC_CHROOT_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi

# The URI of the Debian archive this machine's apt uses: the source that serves its own release
# (deb822 .sources files first, then one-line .list files). ASYNC_CHROOT_MIRROR overrides it.
apt_mirror() {
	if [ -n "${ASYNC_CHROOT_MIRROR:-}" ]; then echo "$ASYNC_CHROOT_MIRROR"; return; fi
	local codename; codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
	local uri=""
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		uri="$(awk -v release="$codename" '
			BEGIN { RS = ""; FS = "\n" }
			{
				uris = ""; suites = ""; deb = 0; enabled = 1
				for (i = 1; i <= NF; i++) {
					if ($i ~ /^URIs:/) { uris = $i; sub(/^URIs:[ \t]*/, "", uris) }
					if ($i ~ /^Suites:/) { suites = " " $i " " }
					if ($i ~ /^Types:.*(^|[ \t])deb([ \t]|$)/) deb = 1
					if ($i ~ /^Enabled:[ \t]*no/) enabled = 0
				}
				if (deb && enabled && suites ~ ("[ \t]" release "[ \t]")) { split(uris, u, /[ \t]+/); print u[1]; exit }
			}' "$f")"
		[ -z "$uri" ] || break
	done
	if [ -z "$uri" ]; then
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$f" ] || continue
			# deb [options] uri suite components...
			uri="$(sed -e 's/\[[^]]*\]//' "$f" | awk -v release="$codename" '$1 == "deb" && $3 == release { print $2; exit }')"
			[ -z "$uri" ] || break
		done
	fi
	if [ -z "$uri" ]; then
		echo "$0: found no Debian archive for '$codename' in /etc/apt; set ASYNC_CHROOT_MIRROR" >&2
		return 1
	fi
	echo "$uri"
}

# The packages: scripts/deps.sh's list for PHP 8.4, plus netbase (/etc/services, /etc/protocols).
packages="$(ASYNC_PHP_VERSION=$php_version "$root/scripts/deps.sh" --print netbase)"

# The chroot: debootstrap's minbase, then the packages with apt-get (measured: apt's parallel
# downloads and one dpkg run make this about a minute faster than debootstrap --include). dpkg
# skips fsync and the documentation: this is a throw-away test system.
make_chroot() {
	if [ -f "$dir/.ready" ] && [ "$(cat "$dir/.ready")" = "$packages" ]; then
		return 0
	fi
	local started=$SECONDS
	if [ ! -f "$dir/.minbase" ]; then
		command -v debootstrap >/dev/null || "$root/scripts/deps.sh" debootstrap >/dev/null
		local mirror; mirror="$(apt_mirror)"
		echo "chroot: debootstrap $suite (minbase) into $dir"
		rm -rf "$dir"
		mkdir -p "$dir/etc/dpkg/dpkg.cfg.d"
		printf '%s\n' force-unsafe-io >"$dir/etc/dpkg/dpkg.cfg.d/async-unsafe-io"
		printf 'path-exclude=%s\n' '/usr/share/doc/*' '/usr/share/man/*' '/usr/share/info/*' '/usr/share/locale/*' \
			>"$dir/etc/dpkg/dpkg.cfg.d/async-no-docs"
		if ! debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$root/out/debootstrap.log" 2>&1; then
			tail -n 30 "$root/out/debootstrap.log" >&2
			echo "$0: debootstrap failed (log: out/debootstrap.log)" >&2
			exit 1
		fi
		# No daemon starts from a package's scripts (the tests start their own MariaDB).
		printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
		chmod 755 "$dir/usr/sbin/policy-rc.d"
		printf '%s\n' 'Acquire::Languages "none";' 'APT::Install-Recommends "false";' >"$dir/etc/apt/apt.conf.d/90async"
		touch "$dir/.minbase"
	fi
	echo "chroot: apt-get install $packages"
	mount_all
	if ! chroot "$dir" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages && apt-get clean" \
		>"$root/out/chroot-apt.log" 2>&1; then
		tail -n 30 "$root/out/chroot-apt.log" >&2
		echo "$0: installing the packages in the chroot failed (log: out/chroot-apt.log)" >&2
		exit 1
	fi
	echo "$packages" >"$dir/.ready"
	echo "chroot: ready in $((SECONDS - started)) s"
}

mounted=()
mount_one() { # mount args... target (the last argument)
	local target="${*: -1}"
	mountpoint -q "$target" && return 0
	mkdir -p "$target"
	mount "$@"
	mounted=("$target" "${mounted[@]}")
}
mount_all() {
	mount_one -t proc proc "$dir/proc"
	mount_one -t sysfs sysfs "$dir/sys"
	mount_one --rbind /dev "$dir/dev"        # with /dev/pts and /dev/shm
	mount_one --bind "$root" "$dir/src"
	mount -o remount,bind,ro "$dir/src"
}
unmount_all() {
	for m in "${mounted[@]}"; do umount -R "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
	mounted=()
}
trap unmount_all EXIT

make_chroot
[ "${1:-}" != "--setup" ] || exit 0
mount_all
# Name resolution as on this machine (the tests use localhost and 127.0.0.1).
cp /etc/hosts "$dir/etc/hosts"
cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true

# The copy to build in: this tree's files, tracked or untracked but not ignored. Files gone from
# the tree since the last run are deleted from the copy; the build output stays, so make rebuilds
# only what changed.
mkdir -p "$dir/build/async"
git -C "$root" ls-files -co --exclude-standard | sort >"$dir/build/files.new"
if [ -f "$dir/build/files" ]; then
	comm -23 "$dir/build/files" "$dir/build/files.new" | while IFS= read -r f; do rm -f "$dir/build/async/$f"; done
fi
mv "$dir/build/files.new" "$dir/build/files"
chroot "$dir" tar -C /src -cf - -T /build/files | chroot "$dir" tar -C /build/async -xf -

# Arguments: options as they are, paths of this tree as paths of the copy.
args=()
for a in "$@"; do
	case "$a" in
		"$root"/*) args+=("${a#"$root"/}") ;;
		*) args+=("$a") ;;
	esac
done
set +e
chroot "$dir" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	LANG=C.UTF-8 TERM="${TERM:-dumb}" ASYNC_TEST_TIMEOUT="${ASYNC_TEST_TIMEOUT:-60}" \
	sh -c 'cd /build/async && exec scripts/test.sh "$@"' test.sh "${args[@]}"
status=$?
set -e
exit $status
