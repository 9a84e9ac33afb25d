#!/usr/bin/env bash
# Put every package debs.lock names into DEST, verified.
#
#   tests/vm/fetch.sh LOCKFILE DEST STATEDIR
#
# A lock line is "role arch package version sha256". The archive's Packages
# indices (read through a private apt configuration in STATEDIR whose "deb"
# list is derived from the machine's own; scripts/lib-apt.sh) say where
# that very file is: the pinned version in any of the archive's suites.
# Kernel packages carry their ABI in their name and a point release drops
# old ABIs, so a pin can vanish; then the fetch stops with one line that
# names the pin, what the archive has now (for a kernel, what the
# linux-image-ARCH metapackage stands for) and the command that moves the
# pin (make update-locks NAME=role-arch). Nothing is skipped silently.
#
# With CLOUDABI_VM_DEBS=DIR set, the .deb files are copied from DIR
# (offline), verified the same way.
set -euo pipefail
lock=$1 dest=$2 state=$3
top=$(cd "$(dirname "$0")/../.." && pwd)
source "$top/scripts/lib-apt.sh"
mkdir -p "$dest"

# what_archive_has ROLE ARCH PACKAGE: the versions of PACKAGE the archive
# has and, for a kernel, the package its metapackage depends on now.
what_archive_has() {
	local have meta
	have=$(apt_versions "$3" "$2")
	[ -n "$have" ] && printf '%s %s' "$3" "$have" || printf 'no %s' "$3"
	if [ "$1" = kernel ]; then
		meta=$(apt_kernel_for "$2")
		[ -n "$meta" ] && printf '; linux-image-%s %s stands for %s' "$2" "${meta% *}" "${meta#* }"
	fi
	return 0
}

grep -v '^[[:space:]]*#' "$lock" | grep -v '^[[:space:]]*$' |
while read -r role arch package version sha extra; do
	if [ -z "$sha" ] || [ -n "${extra:-}" ]; then
		echo "error: $lock: the line for '$role $arch' needs 5 fields (role arch package version sha256)" >&2
		exit 1
	fi
	file=${package}_${version}_$arch.deb
	if [ -f "$dest/$file" ]; then
		verify "$dest/$file" "$sha" "$lock"
		continue
	fi
	if [ -n "${CLOUDABI_VM_DEBS:-}" ]; then
		verify "$CLOUDABI_VM_DEBS/$file" "$sha" "$lock"
		cp "$CLOUDABI_VM_DEBS/$file" "$dest/$file"
		echo "$role $file: copied from $CLOUDABI_VM_DEBS, verified"
		continue
	fi
	apt_init "$state" deb
	got=0 listed=0
	# every index entry of this very file: the package, arch and sha256
	while read -r uri; do
		listed=1
		if apt_download "$uri" "$state/download/$file" "$sha"; then got=1; break; fi
	done < <(apt_records | awk -v p="$package" -v a="$arch" -v s="$sha" \
		'$1 == p && $3 == a && $5 == s { print $4 }')
	if [ "$got" = 0 ] && [ "$listed" = 1 ]; then
		echo "error: $role-$arch: $file (pinned: sha256 $sha) is in the archive's index but did not download ($(apt_last_error)); see $state/download.log" >&2
		exit 1
	elif [ "$got" = 0 ]; then
		echo "error: $role-$arch: $file (pinned: sha256 $sha) is not in the archive (it has $(what_archive_has "$role" "$arch" "$package")); to move the pin deliberately: make update-locks NAME=$role-$arch" >&2
		exit 1
	fi
	verify "$state/download/$file" "$sha" "$lock"
	mv "$state/download/$file" "$dest/$file"
	echo "$role $file: downloaded, verified"
done
