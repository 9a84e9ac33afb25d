#!/usr/bin/env bash
# Validate libc/manifest.tsv against a musl include directory.
#
#   libc/check-manifest.sh MUSL_INCLUDE_DIR [MANIFEST]
#
# MUSL_INCLUDE_DIR is musl's include/ (for example build/src/musl-1.2.3/include);
# headers named bits/... are also looked up in ../arch/generic/bits and
# ../arch/x86_64/bits next to it (or in MUSL_INCLUDE_DIR/bits for an
# installed sysroot). MANIFEST defaults to manifest.tsv next to this script.
#
# Checks: 7 tab-separated fields per row; kind and area from the allowed
# sets; no empty fields; each name and alias appears once in the whole file
# (both columns); reason and replacement free of tabs and double quotes,
# reason also of semicolons, a trailing period and a leading capital; every
# header exists; every name occurs as a word in at least one of its headers.
# Prints each problem and exits 1 if there is any.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 MUSL_INCLUDE_DIR [MANIFEST]" >&2
	exit 2
fi
inc=${1%/}
case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
manifest=${2:-$here/manifest.tsv}

if [ ! -d "$inc" ]; then
	echo "$0: $inc: not a directory" >&2
	exit 2
fi
if [ ! -f "$manifest" ]; then
	echo "$0: $manifest: no such file" >&2
	exit 2
fi

problems=0
problem() {
	echo "$manifest: $*"
	problems=$((problems + 1))
}

# Directories in which a header named bits/X may live.
bitsdirs=("$inc/bits" "$inc/../arch/generic/bits" "$inc/../arch/x86_64/bits")

# Print the paths of the files that header $1 resolves to (nothing if none).
header_files() {
	local h=$1 d
	if [ -f "$inc/$h" ]; then
		echo "$inc/$h"
	fi
	case $h in
	bits/*)
		for d in "${bitsdirs[@]}"; do
			if [ -f "$d/${h#bits/}" ]; then
				echo "$d/${h#bits/}"
			fi
		done
		;;
	esac
}

# Row syntax: field count, allowed values, forbidden characters.
syntax=$(awk -F'\t' '
	/^#/ || /^[[:space:]]*$/ { next }
	{
		row++
		where = "line " NR " (" $1 ")"
		if (NF != 7) { print where ": " NF " fields, want 7"; next }
		for (i = 1; i <= 7; i++)
			if ($i == "" || $i ~ /^[ ]|[ ]$/)
				print where ": field " i " is empty or has surrounding spaces"
		if ($1 !~ /^[A-Za-z_][A-Za-z0-9_]*$/)
			print where ": name is not an identifier"
		if ($2 !~ /^(function|macro|type|variable)$/)
			print where ": bad kind \"" $2 "\""
		if ($3 !~ /^(paths|cwd|processes|network|users|ipc|host|loading|terminals|raw)$/)
			print where ": bad area \"" $3 "\""
		if ($4 != "-" && $4 !~ /^[A-Za-z0-9_\/.+-]+\.h(,[A-Za-z0-9_\/.+-]+\.h)*$/)
			print where ": bad header list \"" $4 "\""
		if ($5 != "-" && $5 !~ /^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*$/)
			print where ": bad alias list \"" $5 "\""
		if ($6 ~ /[";]/) print where ": reason has a double quote or semicolon"
		if ($6 ~ /\.$/) print where ": reason ends with a period"
		if ($6 !~ /^[a-z]/) print where ": reason does not start in lower case"
		if ($7 ~ /"/) print where ": replacement has a double quote"
	}
	END { if (row == 0) print "no rows" }
' "$manifest")
if [ -n "$syntax" ]; then
	while IFS= read -r line; do
		problem "$line"
	done <<<"$syntax"
fi

# Carriage returns would hide inside the last field.
if grep -q $'\r' "$manifest"; then
	problem "contains carriage returns"
fi

# Each name and alias only once across the whole file.
dups=$(awk -F'\t' '
	/^#/ || /^[[:space:]]*$/ || NF != 7 { next }
	{
		print $1
		if ($5 != "-") { n = split($5, a, ","); for (i = 1; i <= n; i++) print a[i] }
	}
' "$manifest" | sort | uniq -d)
if [ -n "$dups" ]; then
	while IFS= read -r d; do
		problem "\"$d\" appears more than once (name or alias)"
	done <<<"$dups"
fi

# Headers exist and declare the name.
rows=0
aliased=0
while IFS=$'\t' read -r name kind area headers aliases reason replacement; do
	rows=$((rows + 1))
	if [ "$aliases" != "-" ]; then
		aliased=$((aliased + 1))
	fi
	# "-": musl defines the function in libc.a but declares it nowhere
	[ "$headers" = "-" ] && continue
	found=no
	IFS=, read -r -a hs <<<"$headers"
	for h in "${hs[@]}"; do
		files=$(header_files "$h")
		if [ -z "$files" ]; then
			problem "$name: header $h not found under $inc"
			continue
		fi
		while IFS= read -r f; do
			if grep -qw -- "$name" "$f"; then
				found=yes
			fi
		done <<<"$files"
	done
	if [ $found = no ]; then
		problem "$name: not found as a word in $headers"
	fi
done < <(awk -F'\t' '!/^#/ && !/^[[:space:]]*$/ && NF == 7' "$manifest")

if [ $problems -ne 0 ]; then
	echo "manifest: $problems problem(s)"
	exit 1
fi
echo "manifest: $rows rows, $aliased names with aliases, ok"
