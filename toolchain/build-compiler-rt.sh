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

rm -rf "$build"
cmake -G Ninja -S "$llvm/compiler-rt/lib/builtins" -B "$build" \
	-DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_C_COMPILER=clang-19 -DCMAKE_ASM_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
	-DCMAKE_C_COMPILER_TARGET="$triple" -DCMAKE_ASM_COMPILER_TARGET="$triple" \
	-DCMAKE_CXX_COMPILER_TARGET="$triple" \
	-DCMAKE_AR="$(command -v llvm-ar-19)" -DCMAKE_RANLIB="$(command -v llvm-ranlib-19)" \
	-DCMAKE_NM="$(command -v llvm-nm-19)" \
	-DCMAKE_SYSROOT="$sysroot" \
	-DCMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY \
	-DCMAKE_C_FLAGS="-ffile-prefix-map=$llvm=llvm" -DCMAKE_ASM_FLAGS="-ffile-prefix-map=$llvm=llvm" \
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
