#!/usr/bin/env bash
# Build compiler-rt's builtins and crtbegin/crtend for one target.
#
#   build-compiler-rt.sh ARCH LLVMSRC BUILDDIR SYSROOT RESOURCEDIR JOBS
#
# Installs RESOURCEDIR/lib/<internal triple>/{libclang_rt.builtins.a,
# clang_rt.crtbegin.o, clang_rt.crtend.o}, where Clang's Linux driver looks
# for them with --rtlib=compiler-rt. SYSROOT provides musl's headers.
set -euo pipefail
arch=$1 llvm=$2 build=$3 sysroot=$4 resource=$5 jobs=$6
triple=$arch-unknown-linux-musl

# shellcheck source=libcxx-patches/llvm-cross.sh
source "$(dirname "$0")/llvm-cross.sh"
llvm_cross_configure "$llvm/compiler-rt/lib/builtins" "$build" "$triple" "$sysroot" \
	"-ffile-prefix-map=$llvm=llvm" \
	-DLLVM_CMAKE_DIR="$llvm/llvm/cmake/modules" \
	-DCOMPILER_RT_DEFAULT_TARGET_ONLY=ON \
	-DCOMPILER_RT_BUILD_CRT=ON \
	-DCOMPILER_RT_BUILTINS_ENABLE_PIC=ON \
	-DLLVM_ENABLE_PER_TARGET_RUNTIME_DIR=ON \
	-DCMAKE_INSTALL_PREFIX="$resource" \
	-DCOMPILER_RT_INSTALL_PATH="$resource"
ninja -C "$build" -j "$jobs"
rm -rf "$resource/lib/$triple"
ninja -C "$build" install
