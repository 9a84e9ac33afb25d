# cmocka: CMake with the toolchain file. Its tests are added with the old
# add_test(name command) form and its own TARGET_SYSTEM_EMULATOR (empty
# here), so ctest runs the programs directly: they confine themselves at
# start-up (x86_64), with the tests' build directory inherited as
# descriptor 3 for the XML reports; aarch64 runs through binfmt_misc.
system="CMake"
patched="yes: XML report and two tests on descriptor 3; 64-bit word on aarch64"

native_tests() { cmake_native "$1" "$2" -DUNIT_TESTING=ON; }

cross_build() { cmake_cross "$1" "$2" "$3" -DUNIT_TESTING=ON; }

cross_tests() {
	local b=$3
	mkdir -p "$b/tests"
	cd "$b" && CLOUDABI_ALLOW_UNCONFINED=1 ctest --output-on-failure 3< "$b/tests" >&2 || true
	ctest_counts "$b"
}
