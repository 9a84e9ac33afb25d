# libmd: autoconf (the release's configure) with --host and the site file;
# `make check` runs its six digest tests through cloudabi-run (automake's
# LOG_COMPILER).
system="autoconf"
patched="yes: the *File() helpers (paths) fail with ENOTCAPABLE"

native_tests() { autoconf_native "$1" test/test-suite.log; }

cross_build() { autoconf_cross "$1" "$2"; }

cross_tests() {
	local arch=$1 src=$2
	cd "$src"
	make -j "$jobs" check LOG_COMPILER="$(runner "$arch" "$src/test")" >&2 || true
	automake_counts test/test-suite.log
}
