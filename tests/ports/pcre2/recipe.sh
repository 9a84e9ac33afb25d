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

native_tests() {
	local src=$1
	cd "$src" && CC=gcc ./configure >&2 && make -j "$jobs" >&2
	make -j "$jobs" check >&2 || true
	awk '/^# TOTAL:/ { print $3 }' test-suite.log
}

cross_build() {
	local arch=$1 src=$2 t=$arch-unknown-cloudabi
	cd "$src"
	CONFIG_SITE=$(config_site "$arch") ./configure --host="$t" --disable-pcre2grep-callout-fork
	make -j "$jobs"
}

cross_tests() {
	local arch=$1 src=$2
	cd "$src"
	CLOUDABI_ALLOW_UNCONFINED=1 make -j "$jobs" check 3< "$src" >&2 || true
	awk '/^# PASS:/ { p = $3 } /^# TOTAL:/ { t = $3 } END { print p + 0, t + 0 }' test-suite.log
}
