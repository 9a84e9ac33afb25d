# expat: CMake with the toolchain file; ctest runs runtests and (with libc++)
# runtestspp through cloudabi-run. xmlwf opens files by path and is not built.
system="CMake"
patched="yes: tests run through the emulator; runtestspp only with libc++"
# runtestspp is C++: built when the prefix has libc++, else counted missing
if [ -f "$out/x86_64-unknown-cloudabi/lib/libc++.a" ]; then
	expat_cxx=ON
else
	expat_cxx=OFF known_missing=1 known_why="runtestspp is C++ (no libc++ in this prefix)"
fi

native_tests() {
	local src=$1 b=$2
	cmake -S "$src/expat" -B "$b" -G Ninja -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ >&2
	cmake --build "$b" -j "$jobs" >&2
	(cd "$b" && ctest >&2)
	(cd "$b" && ctest -N | awk '/^Total Tests:/ { print $3 }')
}

cross_build() {
	local arch=$1 src=$2 b=$3
	cmake -S "$src/expat" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$(cmake_toolchain "$arch")" \
		-DEXPAT_BUILD_TOOLS=OFF -DEXPAT_CXX_TESTS="$expat_cxx"
	cmake --build "$b" -j "$jobs"
}

cross_tests() {
	local b=$3
	cd "$b" && ctest --output-on-failure >&2 || true
	ctest_counts "$b"
}
