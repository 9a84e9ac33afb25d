# jansson: CMake with the toolchain file; ctest runs its api tests and the
# suites (json_process over the test data) through cloudabi-run.
system="CMake"
patched="yes: *_file() by path fail with ENOTCAPABLE, arc4random seed, tests on descriptor 3"

native_tests() { cmake_native "$1" "$2"; }

cross_build() { cmake_cross "$1" "$2" "$3" -DCLOUDABI_RUN_DIR="$2/test/suites"; }

cross_tests() { ctest_run "$3"; }
