# cJSON: CMake with the toolchain file; ctest runs the unity tests through
# cloudabi-run with the tests' build directory (holding inputs/) granted.
# -Wno-long-long: cJSON builds with -std=c89 -pedantic -Werror, and musl's
# isnan/isinf macros use 1ULL, which Clang flags even from a system header
# (so does plain Clang with musl); an open problem of the C library.
system="CMake"
patched="yes: tests read inputs with fopenat; add_test names targets"

native_tests() { cmake_native "$1" "$2"; }

cross_build() { cmake_cross "$1" "$2" "$3" -DCLOUDABI_RUN_DIR="$3/tests" -DCMAKE_C_FLAGS=-Wno-long-long; }

cross_tests() { ctest_run "$3"; }
