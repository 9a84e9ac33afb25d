# libpng (with zlib): autoconf with --host and the site file; zlib is the
# zlib port, built for the target first and passed by CPPFLAGS/LDFLAGS.
# `make check` runs its test scripts, which run the programs directly: they
# confine themselves at start-up (x86_64), with the source directory (the
# build is in-tree) inherited as descriptor 3 for the files they name.
system="autoconf"
patched="yes: *_file() by path fail with ENOTCAPABLE; tests open files beneath descriptor 3"

native_tests() { autoconf_native "$1" test-suite.log; }

cross_build() {
	local arch=$1 src=$2 t=$1-unknown-cloudabi z=$ports_dir/libpng/zlib-$1
	unpack zlib "$z/src" patch
	(cd "$z/src" && CHOST=$t CC="$out/bin/$t-cc" AR="$out/bin/$t-ar" RANLIB="$out/bin/$t-ranlib" \
		./configure --static --prefix="$z/root" && make -j "$jobs" static && make install)
	autoconf_cross "$arch" "$src" CPPFLAGS="-I$z/root/include" LDFLAGS="-L$z/root/lib"
}

cross_tests() {
	local src=$2
	cd "$src"
	CLOUDABI_ALLOW_UNCONFINED=1 make -j "$jobs" check 3< "$src" >&2 || true
	automake_counts test-suite.log
}
