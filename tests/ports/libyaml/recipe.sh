# libyaml: autoconf (bootstrapped with autoreconf, as Debian does), built with
# --host and the site file only; `make check` runs test-version and
# test-reader, each started through cloudabi-run.
system="autoconf"
patched="yes: the run-* tools open files with fopenat on descriptor 3"

native_tests() {
	(cd "$1" && autoreconf -fi >&2)
	autoconf_native "$1" tests/test-suite.log
}

cross_build() {
	(cd "$2" && autoreconf -fi)
	autoconf_cross "$1" "$2"
}

cross_tests() {
	local arch=$1 src=$2
	cd "$src"
	make check LOG_COMPILER="$(runner "$arch" "$src/tests")" >&2 || true
	automake_counts tests/test-suite.log
}
