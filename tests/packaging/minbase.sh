#!/usr/bin/env bash
# tests/packaging/minbase.sh TAR: a clean Debian bookworm root
# (debootstrap --variant=minbase from the mirror this machine's own apt
# configuration names, scripts/deb-src-list.sh) packed as TAR, made once
# and reused while TAR exists. run.sh's roots and oci.sh's image base both
# start from it. Exits non-zero, with debootstrap's last lines, on failure.
set -euo pipefail
tar_out=$1
[ -s "$tar_out" ] && exit 0
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(dirname "$tar_out")/debootstrap
mirror=$("$top/scripts/deb-src-list.sh" --binary | awk '
	/^URIs:/ { uri = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") { print uri; exit } }')
echo "debootstrap --variant=minbase bookworm from this machine's mirror ..."
rm -rf "$work"
mkdir -p "$(dirname "$work")"
if PATH=/usr/sbin:/usr/bin:/sbin:/bin debootstrap --variant=minbase bookworm "$work" "$mirror" > "$work.log" 2>&1; then
	tar -C "$work" -cf "$tar_out" .
	rm -rf "$work"
else
	tail -5 "$work.log" >&2
	exit 1
fi
