#!/usr/bin/env bash
# Make DIR hold one symbolic link per command listed in a host-packages.txt,
# pointing at the system's copy. The build and the tests put only DIR on
# PATH, so they can run nothing the package list does not install.
#
#   host-tools.sh LIST DIR
set -euo pipefail
list=$1 dir=$2
# apt keeps apt-helper in its own directory, not on PATH
system_path=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/apt

rm -rf "$dir.new"
mkdir -p "$dir.new"
sed 's/#.*//' "$list" | while read -r package commands; do
	[ -n "$package" ] || continue
	for c in $commands; do
		path=$(PATH=$system_path type -P "$c") || {
			echo "host-tools.sh: '$c' (from $package) is not installed" >&2
			exit 1
		}
		ln -s "$path" "$dir.new/$c"
	done
done
rm -rf "$dir"
mv "$dir.new" "$dir"
