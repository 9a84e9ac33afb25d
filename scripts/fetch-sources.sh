#!/usr/bin/env bash
# Put every tarball named in sources.lock into DEST, verified.
#
#   fetch-sources.sh LOCKFILE DEST STATEDIR
#
# With CLOUDABI_SOURCES=DIR set, tarballs are copied from DIR (offline
# build). Otherwise they come from "apt-get source --download-only" through
# a private apt configuration in STATEDIR whose deb-src list is derived from
# the machine's own apt sources; the system's apt state is not touched.
set -euo pipefail

lock=$1 dest=$2 state=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dest"

# Lines of the lock file without comments: name version package file sha256.
entries() { grep -v '^[[:space:]]*#' "$lock" | grep -v '^[[:space:]]*$'; }

verify() { # file sha256
	local got
	got=$(sha256sum "$1" | cut -d' ' -f1)
	if [ "$got" != "$2" ]; then
		echo "error: $1 does not match sources.lock" >&2
		echo "  expected sha256 $2" >&2
		echo "  got      sha256 $got" >&2
		echo "  refusing to build from an unverified source; delete it to fetch again" >&2
		return 1
	fi
}

private_apt() {
	apt-get -q \
		-o Dir::Etc::SourceList="$state/sources.list" \
		-o Dir::Etc::SourceParts="$state/sources.list.d" \
		-o Dir::State="$state/state" \
		-o Dir::Cache="$state/cache" \
		-o Debug::NoLocking=1 \
		"$@"
}

updated=0
apt_update() {
	[ "$updated" = 1 ] && return
	mkdir -p "$state/sources.list.d" "$state/state/lists/partial" "$state/cache/archives/partial"
	: > "$state/sources.list"
	"$here/deb-src-list.sh" > "$state/sources.list.d/derived.sources"
	private_apt update
	updated=1
}

entries | while read -r name version package file sha; do
	if [ -f "$dest/$file" ]; then
		verify "$dest/$file" "$sha"
		echo "$name $version: $file verified"
		continue
	fi
	if [ -n "${CLOUDABI_SOURCES:-}" ]; then
		if [ ! -f "$CLOUDABI_SOURCES/$file" ]; then
			echo "error: CLOUDABI_SOURCES=$CLOUDABI_SOURCES has no $file ($name $version)" >&2
			exit 1
		fi
		verify "$CLOUDABI_SOURCES/$file" "$sha"
		cp "$CLOUDABI_SOURCES/$file" "$dest/$file"
		echo "$name $version: $file copied from $CLOUDABI_SOURCES, verified"
		continue
	fi
	apt_update
	work="$state/download-$package"
	rm -rf "$work"; mkdir -p "$work"
	# The upstream tarball is all that is used: a Debian part the mirror
	# lacks (some mirrors hold the .orig of a security update only) does
	# not matter, so the check below decides.
	(cd "$work" && private_apt source --download-only "$package") || true
	if [ ! -f "$work/$file" ]; then
		echo "error: the archive's $package source package has no $file:" >&2
		ls "$work" >&2
		echo "  the archive moved past $name $version; update sources.lock deliberately" >&2
		exit 1
	fi
	verify "$work/$file" "$sha"
	mv "$work/$file" "$dest/$file"
	rm -rf "$work"
	echo "$name $version: $file downloaded, verified"
done
