# cmocka: CMake with the toolchain file. Its tests are added with the old
# add_test(name command) form and its own TARGET_SYSTEM_EMULATOR (empty
# here), so ctest runs the programs directly: they confine themselves at
# start-up (x86_64), with the tests' build directory inherited as
# descriptor 3 for the XML reports; aarch64 runs through binfmt_misc.
system="CMake"
patched="yes: XML report and two tests on descriptor 3; 64-bit word on aarch64"

native_tests() {
	local src=$1 b=$2
	cmake -S "$src" -B "$b" -G Ninja -DCMAKE_C_COMPILER=gcc -DUNIT_TESTING=ON >&2
	cmake --build "$b" -j "$jobs" >&2
	(cd "$b" && ctest >&2)
	(cd "$b" && ctest -N | awk '/^Total Tests:/ { print $3 }')
}

cross_build() {
	local arch=$1 src=$2 b=$3
	cmake -S "$src" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$(cmake_toolchain "$arch")" -DUNIT_TESTING=ON
	cmake --build "$b" -j "$jobs"
}

cross_tests() {
	local b=$3
	mkdir -p "$b/tests"
	cd "$b" && CLOUDABI_ALLOW_UNCONFINED=1 ctest --output-on-failure 3< "$b/tests" >&2 || true
	ctest_counts "$b"
}
