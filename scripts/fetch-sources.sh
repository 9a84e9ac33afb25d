#!/usr/bin/env bash
# Put every file a source lock names (sources.lock, tests/ports/ports.lock)
# into DEST, verified.
#
#   fetch-sources.sh LOCKFILE DEST STATEDIR
#
# A lock line is "name version source-package debian-version file sha256":
# the upstream file (usually the .orig tarball) as Debian version
# debian-version of source-package carries it. The fetch asks the archive's
# Sources indices (through a private apt configuration in STATEDIR, derived
# from the machine's own; scripts/lib-apt.sh) which versions list that file
# with that sha256: the pinned version first, then any other. A version the
# archive dropped, or whose files this machine cannot download, does not
# matter while another carries the same bytes. When none does, the fetch
# stops with one line that names the input, what was pinned, what the
# archive has, and the command that moves the pin (make update-locks).
#
# With CLOUDABI_SOURCES=DIR set, files are copied from DIR instead (an
# offline build); they are verified the same way.
set -euo pipefail

lock=$1 dest=$2 state=$3
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib-apt.sh"
lockname=$(basename "$lock")
mkdir -p "$dest"

# Lines of the lock file without comments.
entries() { grep -v '^[[:space:]]*#' "$lock" | grep -v '^[[:space:]]*$'; }

# candidates PACKAGE DEBVERSION FILE SHA256: "version uri" for every index
# entry that lists FILE with SHA256, the pinned version first.
candidates() {
	apt_records | awk -v p="$1" -v v="$2" -v f="$3" -v s="$4" '
		$1 == p && $3 == "source" && $5 == s && $7 == f {
			if ($2 == v) print $2, $4; else later[++k] = $2 " " $4
		}
		END { for (i = 1; i <= k; i++) print later[i] }'
}

# same_name PACKAGE FILE: the versions listing a file of that name with
# any sha256 ("version:sha256 ..."), to tell a changed file from a gone one.
same_name() {
	apt_records | awk -v p="$1" -v f="$2" '
		$1 == p && $3 == "source" && $7 == f && !seen[$2]++ { printf "%s%s sha256 %s", (k++ ? ", " : ""), $2, $5 }'
}

entries | while read -r name version package debversion file sha extra; do
	if [ -z "$sha" ] || [ -n "${extra:-}" ]; then
		echo "error: $lockname: the line for '$name' needs 6 fields (name version source-package debian-version file sha256)" >&2
		exit 1
	fi
	if [ -f "$dest/$file" ]; then
		verify "$dest/$file" "$sha" "$lockname"
		echo "$name $version: $file verified"
		continue
	fi
	if [ -n "${CLOUDABI_SOURCES:-}" ]; then
		if [ ! -f "$CLOUDABI_SOURCES/$file" ]; then
			echo "error: CLOUDABI_SOURCES=$CLOUDABI_SOURCES has no $file ($name $version)" >&2
			exit 1
		fi
		verify "$CLOUDABI_SOURCES/$file" "$sha" "$lockname"
		cp "$CLOUDABI_SOURCES/$file" "$dest/$file"
		echo "$name $version: $file copied from $CLOUDABI_SOURCES, verified"
		continue
	fi
	apt_init "$state" deb-src
	work=$state/download-$name
	got="" tried=""
	while read -r from uri; do
		[ -n "$uri" ] || continue
		if apt_download "$uri" "$work/$file" "$sha"; then
			got=$from
			break
		fi
		tried="$tried${tried:+,} $from ($(apt_last_error))"
	done < <(candidates "$package" "$debversion" "$file" "$sha")
	if [ -z "$got" ]; then
		have=$(apt_versions "$package")
		other=$(same_name "$package" "$file")
		if [ -n "$tried" ]; then
			why="listed by the archive but did not download:$tried"
		elif [ -n "$other" ]; then
			why="listed with another sha256 by $other"
		else
			why="carried by no version the archive has (${have:-no $package at all})"
		fi
		echo "error: $name: $file (pinned: $package $debversion, sha256 $sha) is $why; to move the pin deliberately: make update-locks NAME=$name" >&2
		exit 1
	fi
	verify "$work/$file" "$sha" "$lockname"
	mv "$work/$file" "$dest/$file"
	rm -rf "$work"
	if [ "$got" = "$debversion" ]; then
		echo "$name $version: $file downloaded ($package $got), verified"
	elif [[ "$tried" = *" $debversion ("* ]]; then
		echo "$name $version: $file downloaded from $package $got (the pinned $debversion lists the same file, which did not download), verified"
	else
		echo "$name $version: $file downloaded from $package $got (the pinned $debversion is not in the archive), verified"
	fi
done
