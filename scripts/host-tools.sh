#!/usr/bin/env bash
# Make DIR hold one symbolic link per command that the named sections of a
# host-packages.txt list, pointing at the system's copy. The build and the
# tests put only DIR on PATH, so they can run nothing the package list does
# not install. DIR/.sections records which sections it holds (tests/host).
#
#   host-tools.sh LIST DIR SECTION...
set -euo pipefail
list=$1 dir=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
# apt keeps apt-helper in its own directory, not on PATH
system_path=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/apt

rm -rf "$dir.new"
mkdir -p "$dir.new"
"$here/host-packages.sh" "$list" "$@" | while read -r package commands; do
	for c in $commands; do
		path=$(PATH=$system_path type -P "$c") || {
			echo "host-tools.sh: '$c' (from $package) is not installed" >&2
			exit 1
		}
		ln -s "$path" "$dir.new/$c"
	done
done
echo "$*" > "$dir.new/.sections"
# from the system: when DIR is on PATH (a rerun of build.sh from make
# bench), its rm and mv are gone between these two lines
PATH=$system_path rm -rf "$dir"
PATH=$system_path mv "$dir.new" "$dir"
