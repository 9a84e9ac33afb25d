#!/bin/sh
# Print the "package commands..." lines of the named sections of a
# host-packages.txt (comments and blank lines dropped). A section starts
# with a line "[name]"; with no section named, every section is printed.
#
#   host-packages.sh LIST [SECTION...]
set -eu
list=$1
shift
awk -v want=" $* " '
	{ sub(/#.*/, "") }
	/^\[[a-z]+\][[:space:]]*$/ { section = $1; gsub(/[][]/, "", section); next }
	NF == 0 { next }
	want == "  " || index(want, " " section " ") { print }
' "$list"
