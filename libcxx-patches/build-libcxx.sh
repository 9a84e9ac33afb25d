#!/usr/bin/env bash
# Build libc++ and libc++abi (static) for one target into its sysroot.
#
#   build-libcxx.sh ARCH LLVMSRC BUILDDIR SYSROOT RESOURCEDIR JOBS CFG
#
# CFG is toolchain/target.cfg.in: the library is compiled with the same
# operating-system macros as the programs that will use its headers (no
# __linux__, __CloudABI__ defined), so both see one configuration.
#
# libc++abi goes inside libc++.a, because Clang's driver links only -lc++;
# the unwinder is the libunwind built before this (--unwindlib=libunwind).
# The headers land in SYSROOT/include/c++/v1, with libcxx-patches applied.
#
# CMake's link checks cannot fail here (a static-library try-compile links
# nothing), so what they would find is stated: musl has pthread, rt and dl
# in libc.a, no libatomic, and no __cxa_thread_atexit_impl (libc++abi then
# runs thread_local destructors itself).
set -euo pipefail
arch=$1 llvm=$2 build=$3 sysroot=$4 resource=$5 jobs=$6 cfg=$7
triple=$arch-unknown-linux-musl
os_macros=$(grep -E '^-(U|D)' "$cfg" | tr '\n' ' ')
flags="-resource-dir=$resource -ffile-prefix-map=$llvm=llvm $os_macros"

# shellcheck source=libcxx-patches/llvm-cross.sh
source "$(dirname "$0")/llvm-cross.sh"
llvm_cross_configure "$llvm/runtimes" "$build" "$triple" "$sysroot" "$flags" \
	-DLLVM_ENABLE_RUNTIMES="libcxxabi;libcxx" \
	-DLIBCXXABI_ENABLE_SHARED=OFF \
	-DLIBCXXABI_HAS_CXA_THREAD_ATEXIT_IMPL=OFF -DLIBCXXABI_HAS_DL_LIB=OFF \
	-DLIBCXXABI_HAS_PTHREAD_LIB=OFF -DLIBCXX_HAS_PTHREAD_LIB=OFF \
	-DLIBCXX_HAS_RT_LIB=OFF -DLIBCXX_HAS_ATOMIC_LIB=OFF \
	-DLIBCXXABI_USE_COMPILER_RT=ON \
	-DLIBCXXABI_USE_LLVM_UNWINDER=OFF \
	-DLIBCXXABI_INCLUDE_TESTS=OFF \
	-DLIBCXX_ENABLE_SHARED=OFF \
	-DLIBCXX_CXX_ABI=libcxxabi \
	-DLIBCXX_ENABLE_STATIC_ABI_LIBRARY=ON \
	-DLIBCXX_HAS_MUSL_LIBC=ON \
	-DLIBCXX_USE_COMPILER_RT=ON \
	-DLIBCXX_ENABLE_FILESYSTEM_OPERATIONS=OFF \
	-DLIBCXX_ENABLE_TIME_ZONE_DATABASE=OFF \
	-DLIBCXX_INSTALL_MODULES=OFF \
	-DLIBCXX_INCLUDE_TESTS=OFF -DLIBCXX_INCLUDE_BENCHMARKS=OFF -DLIBCXX_INCLUDE_DOCS=OFF \
	-DLLVM_INCLUDE_TESTS=OFF -DLLVM_INCLUDE_DOCS=OFF \
	-DCMAKE_INSTALL_PREFIX="$sysroot"
ninja -C "$build" -j "$jobs"
ninja -C "$build" install
