# fmt (C++): CMake with the toolchain file; ctest runs fmt's googletest-based
# test programs through cloudabi-run, with the build directory granted.
# googletest comes from its own pinned source (ports.lock; fmt's "needs"):
# unpatched for the native build, with the googletest port's patches for the
# targets (gtest-source.patch says why fmt needs it at all).
# cloudabi-port.patch replaces fmt's by-path file opening with forms that
# open beneath a directory descriptor, and points the tests at them.
# Three tests cannot pass with musl's locales: chrono-test, unicode-test and
# xchar-test ask for ru_RU.UTF-8 (or be_BY) and expect its day names. fmt's
# get_locale() takes the locale for present when std::locale(name) does not
# throw, and musl accepts every locale name (without locale data, which
# CloudABI could never load, it behaves as C.UTF-8); natively, glibc
# refuses a locale that is not installed and the tests skip those checks.
system="CMake"
patched="yes: file(), buffered_file() and output_file() open beneath a directory descriptor (openat/fopenat); tests use them; googletest from its pinned source; char_traits for libc++ 19"
known_missing=3
known_why="chrono-test, unicode-test, xchar-test: musl accepts any locale name, so ru_RU.UTF-8 looks present but has C's day names"

native_tests() {
	patch -d "$1" -p1 --no-backup-if-mismatch < "$top/tests/ports/fmt/gtest-source.patch" >&2
	unpack googletest "$2-googletest"
	cmake_native "$1" "$2" -DFMT_GTEST_SOURCE_DIR="$2-googletest"
}

cross_build() {
	unpack googletest "$3-googletest" patch
	cmake_cross "$1" "$2" "$3" -DFMT_GTEST_SOURCE_DIR="$3-googletest"
}

# The counts, provided the failures are exactly the known ones: the three
# programs, each failing only its locale case (any other failure makes the
# passed count 0, so the run fails).
cross_tests() {
	local b=$3 line cases
	line=$(ctest_run "$b")
	cases=$(grep -E '^\[  FAILED  \] [A-Za-z0-9_]+\.[A-Za-z0-9_]+ \(' "$b/Testing/Temporary/LastTest.log" |
		awk '{ print $4 }' | sort | tr '\n' ' ')
	if [ "$(ctest_failed "$b")" != "chrono-test unicode-test xchar-test" ] ||
		[ "$cases" != "chrono_test.weekday locale_test.chrono_weekday unicode_test.legacy_locale " ]; then
		echo "fmt: failures other than the known locale cases: $(ctest_failed "$b"); $cases" >&2
		echo "0 ${line#* }"
		return
	fi
	echo "$line"
}
