# libtommath: its plain makefile with CC and AR set; `make test` builds the
# test program (42 tests), run through cloudabi-run. Its mp_set_double test
# is compiled only where __STDC_IEC_559__ is predefined (the target does).
system="make"
patched="yes: arc4random_buf instead of opening /dev/urandom"

native_tests() {
	local src=$1
	cd "$src" && make -j "$jobs" test CC=gcc >&2
	./test >&2
	# "Tests OK/NOP/FAIL: 42/0/0": every test it ran
	./test 2>&1 | awk -F'[ /]+' '/^Tests OK\/NOP\/FAIL:/ { print $5 + $6 + $7 }'
}

cross_build() {
	local arch=$1 src=$2 t=$arch-unknown-cloudabi
	# the makefile runs a plain "ranlib": make it the target's
	mkdir -p "$src/cross-bin"
	ln -sf "$out/bin/$t-ranlib" "$src/cross-bin/ranlib"
	cd "$src" && PATH=$src/cross-bin:$PATH make -j "$jobs" test CC="$out/bin/$t-cc" AR="$out/bin/$t-ar"
}

cross_tests() {
	local arch=$1 src=$2 line
	cd "$src"
	line=$($(runner "$arch" "$src") ./test 2>&1 | tee /dev/stderr | grep '^Tests OK/NOP/FAIL:')
	awk -F'[ /]+' '{ print $5, $5 + $6 + $7 }' <<< "$line"
}
