#!/usr/bin/env bash
# Build libunwind (static) for one target into its sysroot.
#
#   build-libunwind.sh ARCH LLVMSRC BUILDDIR SYSROOT RESOURCEDIR JOBS
#
# The Clang configuration names --unwindlib=libunwind, so every C link uses
# it; it comes from the same LLVM 19.1.7 source as compiler-rt.
set -euo pipefail
arch=$1 llvm=$2 build=$3 sysroot=$4 resource=$5 jobs=$6
triple=$arch-unknown-linux-musl
# No dladdr: the capability libc removes it (nothing is loaded by path).
flags="-resource-dir=$resource -ffile-prefix-map=$llvm=llvm -D_LIBUNWIND_USE_DLADDR=0 -D__CloudABI__=1"

# shellcheck source=libcxx-patches/llvm-cross.sh
source "$(dirname "$0")/llvm-cross.sh"
llvm_cross_configure "$llvm/runtimes" "$build" "$triple" "$sysroot" "$flags" \
	-DLLVM_ENABLE_RUNTIMES=libunwind \
	-DLIBUNWIND_ENABLE_SHARED=OFF \
	-DLIBUNWIND_USE_COMPILER_RT=ON \
	-DLIBUNWIND_INCLUDE_TESTS=OFF -DLIBUNWIND_INCLUDE_DOCS=OFF \
	-DLLVM_INCLUDE_TESTS=OFF -DLLVM_INCLUDE_DOCS=OFF \
	-DCMAKE_INSTALL_PREFIX="$sysroot"
ninja -C "$build" -j "$jobs"
ninja -C "$build" install
