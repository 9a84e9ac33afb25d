#!/usr/bin/env bash
# Build CPython 3.11 for CloudABI targets: for each, one static executable
# with its extension modules and the standard library frozen in.
#
#   python/build.sh SOURCES PREFIX BUILD JOBS ARCH...
#
# SOURCES holds the tarballs python/python.lock pins (cpython,
# cpython-debian, zlib); PREFIX is the toolchain (out/); each ARCH is built
# in BUILD/ARCH/python, which ends up holding python3. The steps, for each
# target:
#   1. CPython's source with Debian's fixes (python/debian-patches) and
#      this repository's patches (python/patches/series);
#   2. zlib's compression core, for the zlib module;
#   3. configure, told what a cross build cannot find out and which
#      modules are left out (python/config.site). configure runs one small
#      compile and link after another for minutes, on one core: the
#      targets' configure runs go side by side (logs in
#      BUILD/ARCH/python/configure.log);
#   4. the build's _sysconfigdata, then the standard library frozen
#      (python/freeze-stdlib.py) in place of Python/cloudabi_frozen.c;
#   5. the interpreter, linked and stripped.
set -euo pipefail

[ $# -ge 5 ] || { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2; }
jobs=$4
# absolute: the steps below change directory
sources=$(realpath "$1") prefix=$(realpath "$2") build=$(realpath -m "$3")
shift 4
arches=("$@")
here=$(cd "$(dirname "$0")" && pwd)

lock_file() { awk -v n="$1" '!/^[[:space:]]*#/ && $1 == n { print $5 }' "$here/python.lock"; }
build_python=$(command -v python3.11) ||
	{ echo "python/build.sh: needs Debian's python3.11 (apt-get install python3.11)" >&2; exit 1; }

# 1 and 2: sources, patches and zlib for ARCH.
prepare() {
	local arch=$1 work=$build/$1/python t=$1-unknown-cloudabi p f
	rm -rf "$work"
	mkdir -p "$work/src" "$work/debian" "$work/zlib-src" "$work/zlib/lib" "$work/zlib/include" "$work/obj"
	tar -xzf "$sources/$(lock_file cpython)" -C "$work/src" --strip-components=1
	tar -xJf "$sources/$(lock_file cpython-debian)" -C "$work/debian"
	for p in $(grep -v '^[[:space:]]*#' "$here/debian-patches"); do
		patch -d "$work/src" -p1 -s --no-backup-if-mismatch < "$work/debian/debian/patches/$p"
	done
	for p in $(grep -v '^[[:space:]]*#' "$here/patches/series"); do
		patch -d "$work/src" -p1 -s --no-backup-if-mismatch < "$here/patches/$p"
	done
	# zlib's compression core: the zlib module uses nothing else (its gz*
	# file functions open paths)
	bzip2 -dc "$sources/$(lock_file zlib)" | tar -x -C "$work/zlib-src" --strip-components=1
	local zobjs=()
	for f in adler32 compress crc32 deflate infback inffast inflate inftrees trees uncompr zutil; do
		"$prefix/bin/$t-cc" -O2 -w -c "$work/zlib-src/$f.c" -o "$work/zlib-src/$f.o"
		zobjs+=("$work/zlib-src/$f.o")
	done
	"$prefix/bin/$t-ar" rcs "$work/zlib/lib/libz.a" "${zobjs[@]}"
	cp "$work/zlib-src/zlib.h" "$work/zlib-src/zconf.h" "$work/zlib/include/"
}

# 3: configure for ARCH.
configure() {
	local arch=$1 work=$build/$1/python t=$1-unknown-cloudabi
	(
		set -a
		# shellcheck source=python/config.site
		. "$here/config.site"
		set +a
		cd "$work/obj"
		CONFIG_SITE="$prefix/share/cloudabi/autoconf/$t/config.site" \
		ZLIB_CFLAGS="-I$work/zlib/include" ZLIB_LIBS="-L$work/zlib/lib -lz" \
			../src/configure --host="$t" --build="$(uname -m)-pc-linux-gnu" \
			--with-build-python="$build_python" --disable-shared --without-ensurepip \
			--prefix=/   # the interpreter has no file layout: nothing is found by path
	) > "$work/configure.log" 2>&1
}

# 4 and 5: the frozen standard library and the interpreter for ARCH.
make_python() {
	local arch=$1 work=$build/$1/python t=$1-unknown-cloudabi sysconfigdata
	cd "$work/obj"
	make -j "$jobs" pybuilddir.txt
	sysconfigdata=$(ls "$work/obj/$(cat pybuilddir.txt)"/_sysconfigdata_*.py)
	"$build_python" "$here/freeze-stdlib.py" ../src/Lib ../src/Python/frozen.c "$work/frozen" "$sysconfigdata"
	cp "$work/frozen/frozen_stdlib.c" ../src/Python/cloudabi_frozen.c
	make -j "$jobs" python
	"$prefix/bin/$t-strip" -o "$work/python3" python
	echo "python3 for $t: $(stat -c %s "$work/python3") bytes"
}

for arch in "${arches[@]}"; do prepare "$arch"; done
pids=()
for arch in "${arches[@]}"; do
	configure "$arch" &
	pids+=($!)
done
failed=0
for i in "${!arches[@]}"; do
	if ! wait "${pids[$i]}"; then
		echo "python/build.sh: configure for ${arches[$i]} failed; the end of $build/${arches[$i]}/python/configure.log:" >&2
		tail -n 15 "$build/${arches[$i]}/python/configure.log" >&2
		failed=1
	fi
done
[ "$failed" = 0 ] || exit 1
for arch in "${arches[@]}"; do make_python "$arch"; done
