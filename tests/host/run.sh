#!/usr/bin/env bash
# The host packages: scripts/host-packages.txt is the one list build.sh
# (and, for its own section, packaging/build.sh) installs, and the build and
# tests run with PATH limited to its commands. Check that each command
# really comes from the package its line names, and that the limit holds:
# build/host-tools holds exactly the commands of the sections it names.
source "$(dirname "$0")/../lib.sh"
list=$top/scripts/host-packages.txt
# apt keeps apt-helper in its own directory, not on PATH
system_path=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/apt

# owner PATH: the Debian package that installed PATH (merged /usr aware).
owner() {
	local p=$1 o
	for cand in "$p" "${p#/usr}"; do
		o=$(dpkg-query -S "$cand" 2>/dev/null | grep -v '^diversion' | head -n 1) || continue
		[ -n "$o" ] && { echo "${o%%:*}"; return; }
	done
	echo "(no package)"
}

sections=$(cat "$top/build/host-tools/.sections")
check "build/host-tools holds the build and test sections" \
	sh -c "echo ' $sections ' | grep -q ' build ' && echo ' $sections ' | grep -q ' test '"
listed=()
while read -r package commands; do
	[ -n "$package" ] || continue
	check "package $package is installed" \
		sh -c "dpkg-query -W -f='\${Status}' '$package' | grep -q 'install ok installed'"
	for c in $commands; do
		listed+=("$c")
		path=$(PATH=$system_path type -P "$c" || true)
		if [ -z "$path" ]; then
			not_ok "$c comes from $package" "not found on $system_path"
			continue
		fi
		# the command's own path (python3 -> python3-minimal), else where
		# its links lead (awk -> mawk through /etc/alternatives)
		got=$(owner "$path")
		[ "$got" = "$package" ] || got=$(owner "$(realpath "$path")")
		real=$(realpath "$path")
		if [ "$got" = "$package" ]; then
			ok "$c comes from $package"
		else
			not_ok "$c comes from $package" "$real belongs to $got"
		fi
	done
done < <("$top/scripts/host-packages.sh" "$list" $sections)

# The tests' PATH is exactly the listed commands.
have=$(ls "$top/build/host-tools" | LC_ALL=C sort)
want=$(printf '%s\n' "${listed[@]}" | LC_ALL=C sort)
check "the test PATH holds exactly the listed commands" diff <(echo "$want") <(echo "$have")
check "the tests run with PATH=build/host-tools" test "$PATH" = "$top/build/host-tools"

# Negative control: a program this machine has but the list does not name
# must be out of reach, or the limit above proves nothing.
control=""
for c in gcc perl python3 curl git; do
	if PATH=$system_path type -P "$c" > /dev/null && ! printf '%s\n' "${listed[@]}" | grep -qx "$c"; then
		control=$c
		break
	fi
done
if [ -n "$control" ]; then
	expect_fail "an unlisted installed program ($control) cannot be run" "not found" \
		bash -c "$control --version"
else
	ok "no unlisted program installed to try (nothing to control)"
fi

finish
