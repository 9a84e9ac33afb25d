# libpng (with zlib): autoconf with --host and the site file; zlib is the
# zlib port, built for the target first and passed by CPPFLAGS/LDFLAGS.
# `make check` runs its test scripts, which run the programs directly: they
# confine themselves at start-up (x86_64), with the source directory (the
# build is in-tree) inherited as descriptor 3 for the files they name.
system="autoconf"
patched="yes: *_file() by path fail with ENOTCAPABLE; tests open files beneath descriptor 3"

native_tests() {
	local src=$1
	cd "$src" && CC=gcc ./configure >&2 && make -j "$jobs" >&2
	make -j "$jobs" check >&2 || true
	awk '/^# TOTAL:/ { print $3 }' test-suite.log
}

cross_build() {
	local arch=$1 src=$2 t=$arch-unknown-cloudabi z=$ports_dir/libpng/zlib-$arch
	unpack zlib "$z/src" patch
	(cd "$z/src" && CHOST=$t CC="$out/bin/$t-cc" AR="$out/bin/$t-ar" RANLIB="$out/bin/$t-ranlib" \
		./configure --static --prefix="$z/root" && make -j "$jobs" static && make install)
	cd "$src"
	CONFIG_SITE=$(config_site "$arch") ./configure --host="$t" CPPFLAGS="-I$z/root/include" LDFLAGS="-L$z/root/lib"
	make -j "$jobs"
}

cross_tests() {
	local arch=$1 src=$2
	cd "$src"
	CLOUDABI_ALLOW_UNCONFINED=1 make -j "$jobs" check 3< "$src" >&2 || true
	awk '/^# PASS:/ { p = $3 } /^# TOTAL:/ { t = $3 } END { print p + 0, t + 0 }' test-suite.log
}
