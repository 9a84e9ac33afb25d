#!/usr/bin/env bash
# Build the patched musl for one target and install it into a sysroot.
#
#   build-musl.sh ARCH SRCDIR BUILDDIR SYSROOT JOBS
#
# SRCDIR is musl with libc/patches already applied. Only static libraries
# are built: CloudABI programs are static PIE, so every object is -fPIE.
set -euo pipefail
arch=$1 src=$2 build=$3 sysroot=$4 jobs=$5

rm -rf "$build"
mkdir -p "$build"
cd "$build"
"$src/configure" \
	--target="$arch-linux-musl" \
	--prefix="$sysroot" \
	--disable-shared \
	CC="clang-19 --target=$arch-unknown-linux-musl" \
	AR=llvm-ar-19 RANLIB=llvm-ranlib-19 \
	CFLAGS="-fPIE -ffile-prefix-map=$src=musl" \
	LIBCC=" "
make -j"$jobs"
rm -rf "$sysroot"
make install
