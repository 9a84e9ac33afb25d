#!/usr/bin/env bash
# Print a deb822 sources file with a "deb-src" stanza for every enabled
# "deb" entry of this machine's own apt configuration; with --binary, a
# "deb" stanza instead (tests/vm downloads kernel packages through it).
#
# The project never names a package archive: whatever mirror, snapshot or
# proxy the machine's apt already uses is where the pinned sources come from.
# Only the output is new; /etc/apt is read, never written.
set -euo pipefail

etc=${APT_ETC:-/etc/apt}
type=deb-src
[ "${1:-}" = --binary ] && type=deb

# One-line format: "deb [options] URI SUITE COMPONENT..." becomes deb822.
one_line() {
	sed -e 's/#.*//' "$1" | awk -v type="$type" '
		$1 != "deb" { next }
		{
			i = 2; opts = ""
			if ($2 ~ /^\[/) {
				while (i <= NF) { opts = opts " " $i; if ($i ~ /\]$/) { i++; break } i++ }
			}
			uri = $i; suite = $(i + 1); comps = ""
			for (j = i + 2; j <= NF; j++) comps = comps " " $j
			print "Types: " type
			print "URIs: " uri
			print "Suites: " suite
			if (comps != "") print "Components:" comps
			if (match(opts, /signed-by=[^] ]+/))
				print "Signed-By: " substr(opts, RSTART + 10, RLENGTH - 10)
			if (opts ~ /trusted=yes/)
				print "Trusted: yes"
			print ""
		}'
}

# deb822 format: keep stanzas whose Types include "deb" and that are not
# disabled, rewrite their Types line, drop comment lines.
deb822() {
	awk -v type="$type" '
		function flush() {
			if (stanza != "" && hasdeb && enabled) printf "%s\n", stanza
			stanza = ""; hasdeb = 0; enabled = 1
		}
		BEGIN { enabled = 1 }
		/^[ \t]*#/ { next }
		/^[ \t]*$/ { flush(); next }
		/^Types:/ {
			for (k = 2; k <= NF; k++) if ($k == "deb") hasdeb = 1
			stanza = stanza "Types: " type "\n"; next
		}
		/^Enabled:/ { if ($2 ~ /^(no|false|0)$/) enabled = 0 }
		{ stanza = stanza $0 "\n" }
		END { flush() }' "$1"
}

found=0
for f in "$etc/sources.list" "$etc"/sources.list.d/*.list; do
	[ -f "$f" ] || continue
	one_line "$f"; found=1
done
for f in "$etc"/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	deb822 "$f"; found=1
done
if [ "$found" = 0 ]; then
	echo "deb-src-list.sh: no apt sources found under $etc" >&2
	exit 1
fi
