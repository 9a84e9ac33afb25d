# expat: CMake with the toolchain file; ctest runs runtests (C) and
# runtestspp (the same suite compiled as C++, against libc++) through
# cloudabi-run. xmlwf opens files by path and is not built.
system="CMake"
patched="yes: tests run through the emulator"

native_tests() { cmake_native "$1/expat" "$2"; }

cross_build() { cmake_cross "$1" "$2/expat" "$3" -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_CXX_TESTS=ON; }

cross_tests() { ctest_run "$3"; }
