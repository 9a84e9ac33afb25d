# json-c: CMake with the toolchain file; ctest runs its tests through
# suites (json_process over the test data) through cloudabi-run.
system="CMake"
patched="no"

native_tests() {
	local src=$1 b=$2
	cmake -S "$src" -B "$b" -G Ninja -DCMAKE_C_COMPILER=gcc >&2
	cmake --build "$b" -j "$jobs" >&2
	(cd "$b" && ctest >&2)
	(cd "$b" && ctest -N | awk '/^Total Tests:/ { print $3 }')
}

cross_build() {
	local arch=$1 src=$2 b=$3
	cmake -S "$src" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$(cmake_toolchain "$arch")" \
		-DCLOUDABI_RUN_DIR="$src/test"
	cmake --build "$b" -j "$jobs"
}

cross_tests() {
	local b=$3
	cd "$b" && ctest --output-on-failure >&2 || true
	ctest_counts "$b"
}
