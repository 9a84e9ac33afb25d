#!/usr/bin/env bash
# Assemble the OCI image's build context (docs/packaging.md):
#
#   packaging/oci/context.sh OUTDIR DEBDIR
#
# DEBDIR holds the .debs of make packages (out/packages). OUTDIR becomes
# the context packaging/oci/Containerfile is built from:
#
#   OUTDIR/Containerfile
#   OUTDIR/apt/       the .debs and their index, Packages and Packages.xz
#                     (dpkg-scanpackages)
#   OUTDIR/smoke/     the test stage: smoke.sh, its programs, and the CMake
#                     project and libc-free escape of tests/packaging
#
# The context depends only on its inputs: the index is sorted by package
# name and holds the .debs' own fields, sizes and checksums (xz
# single-threaded); every other file is a plain copy (mode 644, or 755 for
# smoke.sh). An existing OUTDIR is
# replaced only if it is a context made by this script (it holds a
# Containerfile), so a wrong argument never removes someone's directory.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
die() { printf 'oci context: error: %s\n' "$*" >&2; exit 1; }

[ $# = 2 ] || die "usage: packaging/oci/context.sh OUTDIR DEBDIR"
# absolute and without a trailing slash: OUTDIR.new is made beside OUTDIR
outdir=$(realpath -m -- "$1") debdir=$2
[ -d "$debdir" ] || die "DEBDIR '$debdir' is not a directory (run make packages first)"
# The packages the Containerfile installs: each must be there, once.
for p in cloudabi-toolchain cloudabi-run \
	x86-64-unknown-cloudabi-c-runtime x86-64-unknown-cloudabi-cxx-runtime \
	aarch64-unknown-cloudabi-c-runtime aarch64-unknown-cloudabi-cxx-runtime; do
	n=$(find "$debdir" -maxdepth 1 -name "${p}_*.deb" | wc -l)
	[ "$n" = 1 ] || die "DEBDIR '$debdir' holds $n ${p}_*.deb, not one (run make packages first)"
done
command -v dpkg-scanpackages > /dev/null ||
	die "dpkg-scanpackages is not installed (dpkg-dev: scripts/host-packages.txt, [packaging])"
if [ -e "$outdir" ] && [ -n "$(ls -A "$outdir" 2> /dev/null)" ] && [ ! -f "$outdir/Containerfile" ]; then
	die "OUTDIR '$outdir' exists and is not an image context; not replacing it"
fi

umask 022
new=$outdir.new
rm -rf "$new"
mkdir -p "$new/apt" "$new/smoke"
cp "$here/Containerfile" "$new/Containerfile"
for d in "$debdir"/*.deb; do
	cp "$d" "$new/apt/"
done
# dpkg-scanpackages sorts by package name; run in apt/ so Filename is
# ./NAME.deb (a flat repository: "deb ... ./").
(cd "$new/apt" && LC_ALL=C dpkg-scanpackages . /dev/null > Packages 2> ../scan.log) ||
	{ cat "$new/scan.log" >&2; die "dpkg-scanpackages failed on $debdir"; }
rm -f "$new/scan.log"
# apt, given a flat source with no Release, asks for Packages.xz first
# (then .bz2, .lzma, .gz, ...): with it there, it asks for nothing else.
xz -6 -T1 -c "$new/apt/Packages" > "$new/apt/Packages.xz"
cp "$here"/smoke/hello.c "$here"/smoke/hello.cc "$here"/smoke/beneath.c "$here"/smoke/Makefile "$here"/smoke/greet.pc "$new/smoke/"
cp "$here/smoke/smoke.sh" "$new/smoke/smoke.sh"
cp "$top/tests/packaging/escape.c" "$new/smoke/escape.c"
mkdir -p "$new/smoke/cmake-project"
cp "$top"/tests/packaging/cmake-project/* "$new/smoke/cmake-project/"
find "$new" -type d -exec chmod 755 {} +
find "$new" -type f -exec chmod 644 {} +
chmod 755 "$new/smoke/smoke.sh"
rm -rf "$outdir"
mv "$new" "$outdir"
echo "oci context: $outdir ($(grep -c '^Package: ' "$outdir/apt/Packages") packages)"
