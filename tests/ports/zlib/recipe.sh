# zlib: its own configure script (CHOST, CC, AR, RANLIB, --static) and
# makefile; the test targets run the programs through the makefile's own
# emulator hook, QEMU_RUN, set to cloudabi-run with the source directory
# granted. Natively `make test` runs three: static, 64-bit and shared; the
# shared one cannot exist on CloudABI and counts as not passed.
system="configure + make"
patched="yes: gzopen by path fails (ENOTCAPABLE), tests use gzdopen(openat())"
known_missing=1
known_why="the shared-library test: CloudABI has no shared libraries"

native_tests() {
	local src=$1
	cd "$src" && CC=gcc ./configure >&2 && make -j "$jobs" >&2
	make test 2>&1 | tee /dev/stderr | grep -c 'test OK'
}

cross_build() {
	local arch=$1 src=$2 t=$arch-unknown-cloudabi
	cd "$src"
	CHOST=$t CC="$out/bin/$t-cc" AR="$out/bin/$t-ar" RANLIB="$out/bin/$t-ranlib" ./configure --static
	make -j "$jobs" static all64
}

cross_tests() {
	local arch=$1 src=$2 n
	cd "$src"
	n=$(make teststatic test64 QEMU_RUN="$(runner "$arch" "$src")" 2>&1 | tee /dev/stderr | grep -c 'test OK' || true)
	echo "$n 3"
}
