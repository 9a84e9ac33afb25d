#!/usr/bin/env bash
# make check-reproducible: build every artifact of make packages twice and
# compare them byte for byte (docs/packaging.md).
#
#   packaging/check-reproducible.sh [--reference DIR | --compare DIR_A DIR_B]
#
# --reference DIR takes DIR (the out/packages of a make packages of the
# same commit, made elsewhere: another clone, another time) as build A
# instead of building it here; --compare only compares two such
# directories. A build of another commit cannot pass: its version,
# changelogs and tarballs differ.
#
# The two builds differ in what must not matter: the directory they build
# in (so every build path differs), the time they run at, the umask, the
# locale and the time zone. Each prints its SHA256SUMS; the artifacts
# must be identical. Where one differs, diffoscope shows the first
# differences and the check fails with one line naming the artifact.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
base=$top/build/reproducible
reference= compare=
while [ $# -gt 0 ]; do
	case $1 in
	--reference) shift; reference=$(realpath -m "${1:?--reference needs a directory}") ;;
	--compare) compare=1; reference=$(realpath -m "${2:?--compare needs two directories}")
		b=$(realpath -m "${3:?--compare needs two directories}"); shift 2 ;;
	-h|--help) sed -n '5p' "$0" | sed 's/^# *//'; exit 0 ;;
	*) echo "reproducible: error: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done
for d in $reference ${compare:+$b}; do
	if [ ! -s "$d/SHA256SUMS" ]; then
		echo "reproducible: error: $d has no SHA256SUMS (the out/packages of make packages)" >&2
		exit 2
	fi
done
if [ -z "$compare" ]; then
	rm -rf "$base"
	mkdir -p "$base"
	b=$base/b/out
fi

a=$base/a/out
if [ -n "$reference" ]; then
	a=$reference
	echo "reproducible: build A is $a"
else
	echo "reproducible: build A (umask 022, C.UTF-8, UTC) ..."
	(umask 022; LC_ALL=C.UTF-8 TZ=UTC "$top/packaging/build.sh" --work "$base/a/work" --out "$a") > "$base/a.log" 2>&1 ||
		{ tail -20 "$base/a.log"; echo "reproducible: error: build A failed ($base/a.log)" >&2; exit 1; }
fi
if [ -n "$compare" ]; then
	echo "reproducible: build B is $b"
else
	echo "reproducible: build B (umask 077, another directory, fr_FR locale, UTC+13) ..."
	(umask 077; LANG=fr_FR.UTF-8 LC_ALL= TZ=Pacific/Tongatapu "$top/packaging/build.sh" --work "$base/b/somewhere/else/work" --out "$b") > "$base/b.log" 2>&1 ||
		{ tail -20 "$base/b.log"; echo "reproducible: error: build B failed ($base/b.log)" >&2; exit 1; }
fi

bad=0
while read -r sum file; do
	other=$(awk -v f="$file" '$2 == f { print $1 }' "$b/SHA256SUMS")
	if [ "$sum" = "$other" ]; then
		printf 'identical  %s  %s\n' "$sum" "$file"
	else
		printf 'DIFFERENT  %s  %s (B: %s)\n' "$sum" "$file" "${other:-missing}"
		bad=$((bad + 1))
		if [ -n "$other" ] && command -v diffoscope > /dev/null; then
			diffoscope --text - "$a/$file" "$b/$file" 2>/dev/null | head -n 40 || true
		fi
	fi
done < "$a/SHA256SUMS"
if [ "$(wc -l < "$a/SHA256SUMS")" != "$(wc -l < "$b/SHA256SUMS")" ]; then
	echo "reproducible: error: the two builds made different sets of artifacts" >&2
	exit 1
fi
if [ "$bad" -gt 0 ]; then
	echo "reproducible: error: $bad artifact(s) differ between the two builds (above)" >&2
	exit 1
fi
echo "reproducible: all $(wc -l < "$a/SHA256SUMS") artifacts identical"
