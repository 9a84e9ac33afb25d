# pcre2: autoconf (the release's own configure) with --host and the site
# file. `make check` runs RunTest (pcre2test over testdata/), RunGrepTest
# (pcre2grep) and pcre2posix_test; the programs run directly, confined by
# their own start-up (x86_64), with the in-tree build directory inherited as
# descriptor 3. pcre2grep's callouts that fork and exec a program by path
# are off (--disable-pcre2grep-callout-fork): there is no exec by path.
system="autoconf"
patched="yes: pcre2test and pcre2grep open files beneath descriptor 3"
known_missing=1
known_why="RunGrepTest names absolute paths (refused: ENOTCAPABLE) and compares the error text"

native_tests() { autoconf_native "$1" test-suite.log; }

cross_build() { autoconf_cross "$1" "$2" --disable-pcre2grep-callout-fork; }

cross_tests() {
	local src=$2
	cd "$src"
	CLOUDABI_ALLOW_UNCONFINED=1 make -j "$jobs" check 3< "$src" >&2 || true
	automake_counts test-suite.log
}
