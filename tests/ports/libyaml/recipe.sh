# libyaml: autoconf (bootstrapped with autoreconf, as Debian does), built with
# --host and the site file only; `make check` runs test-version and
# test-reader, each started through cloudabi-run.
system="autoconf"
patched="yes: the run-* tools open files with fopenat on descriptor 3"

native_tests() {
	local src=$1
	cd "$src" && autoreconf -fi >&2
	CC=gcc ./configure >&2 && make -j "$jobs" >&2 && make check >&2
	awk '/^# TOTAL:/ { print $3 }' tests/test-suite.log
}

cross_build() {
	local arch=$1 src=$2
	cd "$src" && autoreconf -fi
	CONFIG_SITE=$(config_site "$arch") ./configure --host="$arch-unknown-cloudabi"
	make -j "$jobs"
}

cross_tests() {
	local arch=$1 src=$2
	cd "$src"
	make check LOG_COMPILER="$(runner "$arch" "$src/tests")" >&2 || true
	awk '/^# PASS:/ { p = $3 } /^# TOTAL:/ { t = $3 } END { print p + 0, t + 0 }' tests/test-suite.log
}
