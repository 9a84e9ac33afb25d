# Sourced by build-compiler-rt.sh, build-libunwind.sh and build-libcxx.sh:
# what every LLVM runtime build for a target has in common.
#
#   llvm_cross_configure SRCDIR BUILDDIR TRIPLE SYSROOT FLAGS [CMAKE ARG...]
#
# configures SRCDIR in a fresh BUILDDIR with the host's clang-19 and LLVM
# tools for TRIPLE (the internal <arch>-unknown-linux-musl), against
# SYSROOT's headers and libraries, position-independent (every program is a
# static PIE), and with FLAGS for C, C++ and assembler alike. CMake's
# try-compiles build static libraries: nothing can be linked before the
# runtimes exist.
llvm_cross_configure() {
	local src=$1 build=$2 triple=$3 sysroot=$4 flags=$5
	shift 5
	rm -rf "$build"
	cmake -G Ninja -S "$src" -B "$build" \
		-DCMAKE_BUILD_TYPE=Release \
		-DCMAKE_C_COMPILER=clang-19 -DCMAKE_ASM_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
		-DCMAKE_C_COMPILER_TARGET="$triple" -DCMAKE_ASM_COMPILER_TARGET="$triple" \
		-DCMAKE_CXX_COMPILER_TARGET="$triple" \
		-DCMAKE_AR="$(command -v llvm-ar-19)" -DCMAKE_RANLIB="$(command -v llvm-ranlib-19)" \
		-DCMAKE_NM="$(command -v llvm-nm-19)" \
		-DCMAKE_SYSROOT="$sysroot" \
		-DCMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY \
		-DCMAKE_POSITION_INDEPENDENT_CODE=ON \
		-DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_ASM_FLAGS="$flags" \
		"$@"
}
