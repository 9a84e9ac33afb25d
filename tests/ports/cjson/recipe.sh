# cJSON: CMake with the toolchain file; ctest runs the unity tests through
# cloudabi-run with the tests' build directory (holding inputs/) granted.
# -Wno-long-long: cJSON builds with -std=c89 -pedantic -Werror, and musl's
# isnan/isinf macros use 1ULL, which Clang flags even from a system header
# (so does plain Clang with musl); an open problem of the C library.
system="CMake"
patched="yes: tests read inputs with fopenat; add_test names targets"

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
		-DCLOUDABI_RUN_DIR="$b/tests" -DCMAKE_C_FLAGS=-Wno-long-long
	cmake --build "$b" -j "$jobs"
}

cross_tests() {
	local b=$3
	cd "$b" && ctest --output-on-failure >&2 || true
	ctest_counts "$b"
}
