#!/usr/bin/env bash
# Put every package debs.lock names into DEST, verified.
#
#   tests/vm/fetch.sh LOCKFILE DEST STATEDIR
#
# With CLOUDABI_VM_DEBS=DIR set, the .deb files are copied from DIR
# (offline). Otherwise "apt-get download" fetches them through a private
# apt configuration in STATEDIR: its own state directory, the arm64
# architecture added, and a "deb" list derived from the machine's own apt
# sources (scripts/deb-src-list.sh --binary), so the system's apt state is
# not touched and no archive is named here.
set -euo pipefail
lock=$1 dest=$2 state=$3
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$dest"

verify() { # FILE SHA256
	local got
	got=$(sha256sum "$1" | cut -d' ' -f1)
	if [ "$got" != "$2" ]; then
		echo "error: $1 does not match $lock" >&2
		echo "  expected sha256 $2, got $got; refusing it (delete it to fetch again)" >&2
		return 1
	fi
}

native=$(dpkg --print-architecture)
private_apt() {
	apt-get -q \
		-o Dir::Etc::SourceList="$state/sources.list" \
		-o Dir::Etc::SourceParts="$state/sources.list.d" \
		-o Dir::State="$state/state" \
		-o Dir::State::status="$state/status" \
		-o Dir::Cache="$state/cache" \
		-o Debug::NoLocking=1 \
		-o APT::Architecture="$native" \
		-o APT::Architectures::=amd64 -o APT::Architectures::=arm64 \
		"$@"
}

updated=0
grep -v '^[[:space:]]*#' "$lock" | grep -v '^[[:space:]]*$' |
while read -r role arch package version sha; do
	file=${package}_${version}_$arch.deb
	if [ -f "$dest/$file" ]; then
		verify "$dest/$file" "$sha"
		continue
	fi
	if [ -n "${CLOUDABI_VM_DEBS:-}" ]; then
		verify "$CLOUDABI_VM_DEBS/$file" "$sha"
		cp "$CLOUDABI_VM_DEBS/$file" "$dest/$file"
		echo "$role $file: copied from $CLOUDABI_VM_DEBS, verified"
		continue
	fi
	if [ "$updated" = 0 ]; then
		mkdir -p "$state/sources.list.d" "$state/state/lists/partial" "$state/cache/archives/partial"
		: > "$state/sources.list"
		: > "$state/status"   # nothing installed: only downloads
		"$top/scripts/deb-src-list.sh" --binary > "$state/sources.list.d/derived.sources"
		private_apt update > "$state/update.log" 2>&1 || { cat "$state/update.log" >&2; exit 1; }
		updated=1
	fi
	# apt drops privileges to _apt for downloads: give it a directory it may write.
	work=$state/download
	rm -rf "$work"; mkdir -p "$work"; chmod 777 "$work"
	if ! (cd "$work" && private_apt download "$package:$arch=$version" > "$state/download.log" 2>&1); then
		cat "$state/download.log" >&2
		echo "error: $package $version ($arch) is not in the archive any more; update $lock deliberately" >&2
		exit 1
	fi
	verify "$work/$file" "$sha"
	mv "$work/$file" "$dest/$file"
	echo "$role $file: downloaded, verified"
done
