#!/usr/bin/env bash
# Build the patched musl for one target and install it into a sysroot.
#
#   build-musl.sh ARCH SRCDIR BUILDDIR SYSROOT JOBS POLICYDIR
#
# SRCDIR is musl with libc/patches applied and libc/overlay copied in. Only
# static libraries are built: CloudABI programs are static PIE, so every
# object is -fPIE. Then the manifest of removed names is applied to what was
# installed: the headers declare removed functions unavailable (musl's own
# sources still compile against the unmarked headers, so internal and
# public headers diverge), and libc.a loses every member defining one.
# POLICYDIR holds the seccomp filters generated from runtime/policy, which
# the start-up code installs (overlay src/program/cloudabi_filter.c).
set -euo pipefail
arch=$1 src=$2 build=$3 sysroot=$4 jobs=$5 policy=$6
libc=$(cd "$(dirname "$0")" && pwd)

rm -rf "$build"
mkdir -p "$build"
cd "$build"
"$src/configure" \
	--target="$arch-linux-musl" \
	--prefix="$sysroot" \
	--disable-shared \
	CC="clang-19 --target=$arch-unknown-linux-musl" \
	AR=llvm-ar-19 RANLIB=llvm-ranlib-19 \
	CFLAGS="-fPIE -ffile-prefix-map=$src=musl -I$policy" \
	LIBCC=" "
make -j"$jobs"
python3 "$libc/manifest.py" prune "$libc/manifest.tsv" "$libc/pending-removals.txt" "$build"
rm -rf "$sysroot"
make install
python3 "$libc/manifest.py" headers "$libc/manifest.tsv" "$sysroot/include"
