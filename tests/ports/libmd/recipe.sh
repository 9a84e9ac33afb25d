# libmd: autoconf (the release's configure) with --host and the site file;
# `make check` runs its six digest tests through cloudabi-run (automake's
# LOG_COMPILER).
system="autoconf"
patched="yes: the *File() helpers (paths) fail with ENOTCAPABLE"

native_tests() {
	local src=$1
	cd "$src" && CC=gcc ./configure >&2 && make -j "$jobs" >&2
	make -j "$jobs" check >&2 || true
	awk '/^# TOTAL:/ { print $3 }' test/test-suite.log
}

cross_build() {
	local arch=$1 src=$2
	cd "$src"
	CONFIG_SITE=$(config_site "$arch") ./configure --host="$arch-unknown-cloudabi"
	make -j "$jobs"
}

cross_tests() {
	local arch=$1 src=$2
	cd "$src"
	make -j "$jobs" check LOG_COMPILER="$(runner "$arch" "$src/test")" >&2 || true
	awk '/^# PASS:/ { p = $3 } /^# TOTAL:/ { t = $3 } END { print p + 0, t + 0 }' test/test-suite.log
}
