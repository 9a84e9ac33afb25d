# json-c: CMake with the toolchain file (-DDISABLE_WERROR=ON, upstream's own
# option: json-c 0.16 has "()" prototypes that Clang 19 warns about, with
# -Werror; gcc does not). Its tests are shell scripts that run the programs
# directly and compare their output, so they are confined by the programs'
# own start-up confinement (x86_64), with the tests' directory inherited as
# descriptor 3; aarch64 runs through binfmt_misc and qemu-user.
system="CMake"
patched="yes: *_file() by path fail with ENOTCAPABLE; test_util_file uses openat"
known_missing=1
known_why="test_util_file uses the *_file() path functions"

native_tests() { cmake_native "$1" "$2"; }

cross_build() { cmake_cross "$1" "$2" "$3" -DCLOUDABI_RUN_DIR="$3/tests" -DDISABLE_WERROR=ON; }

cross_tests() {
	local arch=$1 b=$3
	cd "$b" && CLOUDABI_ALLOW_UNCONFINED=1 ctest --output-on-failure 3< "$b/tests" >&2 || true
	ctest_counts "$b"
}
