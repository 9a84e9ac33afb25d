#!/usr/bin/env bash
# Build-system integration: the CMake toolchain and platform files, the
# pkg-config wrappers, the meson cross files, the autoconf site files and
# ccache, each on a small project of the kind a user writes, for both
# targets. Target programs run through cloudabi-run (aarch64 through
# qemu-user, unconfined since qemu-user cannot be confined).
source "$(dirname "$0")/../lib.sh"
here=$top/tests/integration
share=$out/share/cloudabi
jobs=$(nproc)

for arch in $arches; do
	triple=$arch-unknown-cloudabi

	# ---- CMake: only the toolchain file (and CLOUDABI_TARGET) ----
	b=$scratch/cmake-$arch
	extra=()
	[ "$arch" = x86_64 ] || extra=(-DCLOUDABI_TARGET="$arch")
	if output=$(cmake -S "$here/cmake-project" -B "$b" -G Ninja \
		-DCMAKE_TOOLCHAIN_FILE="$share/cmake/cloudabi.cmake" "${extra[@]}" 2>&1); then
		ok "$arch cmake: configures (find_package, try_run, check_symbol_exists)"
		grep -q "Looking for open - not found" <<< "$output" &&
			ok "$arch cmake: check_symbol_exists(open) reports it unavailable" ||
			not_ok "$arch cmake: check_symbol_exists(open) reports it unavailable" "$output"
		grep -q "try_run: probe: fd 3 is a directory" <<< "$output" &&
			ok "$arch cmake: try_run ran the probe through cloudabi-run" ||
			not_ok "$arch cmake: try_run ran the probe through cloudabi-run" "$output"
		check "$arch cmake: builds" cmake --build "$b" -j "$jobs"
		check "$arch cmake: the executable is CloudABI's" \
			sh -c "'$(tool "$arch" readelf)' -h '$b/demo' | grep -q 'OS/ABI:.*CloudABI'"
		check "$arch cmake: add_library(SHARED) gave a static library" test -f "$b/libgreet_shared.a"
		if output=$(cd "$b" && ctest --output-on-failure 2>&1); then
			grep -q "100% tests passed, 0 tests failed out of 4" <<< "$output" &&
				ok "$arch cmake: ctest runs the 4 tests through cloudabi-run" ||
				not_ok "$arch cmake: ctest runs the 4 tests through cloudabi-run" "$output"
		else
			not_ok "$arch cmake: ctest runs the 4 tests through cloudabi-run" "$output"
		fi
		check "$arch cmake: the test wrote into the granted build directory" \
			grep -qx capability "$b/written-by-test.txt"
	else
		not_ok "$arch cmake: configures (find_package, try_run, check_symbol_exists)" "$output"
	fi

	# The per-target toolchain file gives the same target.
	b=$scratch/cmake-pertarget-$arch
	check "$arch cmake: $triple.cmake selects the target" \
		sh -c "cmake -S '$here/cmake-project' -B '$b' -G Ninja -DCMAKE_TOOLCHAIN_FILE='$share/cmake/$triple.cmake' | grep -q 'target: $triple'"

	# ---- CMake: the old add_test(<name> <command>) form goes through the
	# emulator (Platform/CloudABI.cmake), and CLOUDABI_RUN_DIR given when
	# reconfiguring takes effect (cloudabi-common.cmake). Each test writes a
	# marker into its descriptor 3, which only cloudabi-run grants.
	b=$scratch/cmake-old-$arch
	run2=$scratch/cmake-old-rundir-$arch
	mkdir -p "$run2"
	if output=$(cmake -S "$here/cmake-oldtest" -B "$b" -G Ninja \
		-DCMAKE_TOOLCHAIN_FILE="$share/cmake/$triple.cmake" 2>&1 && cmake --build "$b" 2>&1); then
		status=0
		output=$(cd "$b" && ctest --output-on-failure 2>&1) || status=$?
		if [ "$status" = 0 ] && grep -q "100% tests passed, 0 tests failed out of 5" <<< "$output"; then
			ok "$arch cmake old add_test: ctest passes the 5 tests (old form by name, by path, with odd arguments; NAME form; a host command)"
		else
			not_ok "$arch cmake old add_test: ctest passes the 5 tests" "$output"
		fi
		for t in old-name old-path old-args new-form; do
			check "$arch cmake old add_test: $t ran through cloudabi-run (marker in the granted build dir)" \
				test -f "$b/marker-$t"
		done
		check "$arch cmake old add_test: an empty argument and 'a;b' arrive unchanged" \
			test "$(cat "$b/marker-old-args" 2>/dev/null)" = "$(printf '[]\n[a;b]')"
		# reconfigure the same build directory with another run directory
		rm -f "$b"/marker-*
		if output=$(cmake -S "$here/cmake-oldtest" -B "$b" -DCLOUDABI_RUN_DIR="$run2" 2>&1) &&
			output=$(cd "$b" && ctest --output-on-failure 2>&1); then
			ok "$arch cmake: reconfigured with -DCLOUDABI_RUN_DIR, ctest passes"
		else
			not_ok "$arch cmake: reconfigured with -DCLOUDABI_RUN_DIR, ctest passes" "$output"
		fi
		check "$arch cmake: after reconfiguring, the tests are given the new CLOUDABI_RUN_DIR" \
			test -f "$run2/marker-old-name" -a -f "$run2/marker-new-form"
		check "$arch cmake: ... and no longer the old one" test ! -e "$b/marker-new-form"
	else
		not_ok "$arch cmake old add_test: configures and builds" "$output"
	fi
	# a project with its own add_test() cannot chain to the wrapper (CMake
	# keeps one original): a clear error, and CLOUDABI_WRAP_ADD_TEST=OFF
	ovr=$scratch/cmake-override-src
	mkdir -p "$ovr"
	cp "$here/cmake-oldtest/mark.c" "$ovr/"
	cat > "$ovr/CMakeLists.txt" <<'EOF2'
cmake_minimum_required(VERSION 3.16)
project(override C)
enable_testing()
function(add_test)
  _add_test(${ARGV})
endfunction()
add_executable(mark mark.c)
add_test(NAME t COMMAND mark t)
EOF2
	expect_fail "$arch cmake: a project's own add_test() after the wrapper is an error that says what to do" \
		"CLOUDABI_WRAP_ADD_TEST=OFF" \
		cmake -S "$ovr" -B "$scratch/cmake-override-$arch" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$share/cmake/$triple.cmake"
	check "$arch cmake: ... and configures with -DCLOUDABI_WRAP_ADD_TEST=OFF" \
		cmake -S "$ovr" -B "$scratch/cmake-override-off-$arch" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$share/cmake/$triple.cmake" \
		-DCLOUDABI_WRAP_ADD_TEST=OFF
	# an emulator the user chose is kept when CLOUDABI_RUN_DIR changes
	if [ "$arch" = "$(uname -m)" ]; then
		b=$scratch/cmake-own-emulator-$arch
		run3=$scratch/cmake-own-rundir-$arch
		mkdir -p "$run3"
		if cmake -S "$here/cmake-oldtest" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$share/cmake/$triple.cmake" \
			"-DCMAKE_CROSSCOMPILING_EMULATOR=$out/bin/cloudabi-run;--dir;build=$run3:rw;--" > /dev/null 2>&1 &&
			cmake -S "$here/cmake-oldtest" -B "$b" -DCLOUDABI_RUN_DIR="$run2-unused" > /dev/null 2>&1 &&
			cmake --build "$b" > /dev/null 2>&1 && { (cd "$b" && ctest > /dev/null 2>&1) || true; }; then
			check "$arch cmake: a CMAKE_CROSSCOMPILING_EMULATOR the user set is kept on reconfiguring" \
				test -f "$run3/marker-new-form"
		else
			not_ok "$arch cmake: a CMAKE_CROSSCOMPILING_EMULATOR the user set is kept on reconfiguring"
		fi
	fi

	# ---- pkg-config: the sysroot only, paths re-rooted into it ----
	pc=$scratch/pc-$arch
	mkdir -p "$pc"
	printf '%s\n' 'prefix=/usr' 'includedir=${prefix}/include' 'libdir=${prefix}/lib' \
		'Name: demo' 'Description: demo' 'Version: 1.0' \
		'Cflags: -I${includedir}/demo' 'Libs: -L${libdir} -ldemo' 'Libs.private: -lm' > "$pc/demo.pc"
	got=$(PKG_CONFIG_PATH=$pc "$(tool "$arch" pkg-config)" --cflags --libs demo 2>&1 | sed 's/ *$//' || true)
	want="-I$out/$triple/usr/include/demo -L$out/$triple/usr/lib -ldemo -lm"
	check "$arch pkg-config: sysroot-prefixed paths, static libraries" test "$got" = "$want"
	expect_fail "$arch pkg-config: the host's .pc files are not seen" "not found|No package" \
		"$(tool "$arch" pkg-config)" --exists --print-errors zlib

	# ---- autoconf: --host and CONFIG_SITE, nothing else ----
	b=$scratch/autoconf-$arch
	cp -R "$here/autoconf-project" "$b"
	if output=$(cd "$b" && autoreconf -i 2>&1 &&
		CONFIG_SITE=$share/autoconf/$triple/config.site ./configure --host="$triple" 2>&1); then
		ok "$arch autoconf: configures with --host=$triple and CONFIG_SITE"
		grep -q "checking for open... no" <<< "$output" && grep -q "checking for openat... yes" <<< "$output" &&
			ok "$arch autoconf: open absent, openat present" ||
			not_ok "$arch autoconf: open absent, openat present" "$output"
		check "$arch autoconf: configures with --prefix as well (the site file ends with status 0)" \
			sh -c "cd '$b' && CONFIG_SITE='$share/autoconf/$triple/config.site' ./configure --host='$triple' --prefix='$scratch/inst-$arch'"
		if [ "$arch" = x86_64 ]; then
			check "$arch autoconf: make check (the program confines itself)" make -C "$b" check
		else
			check "$arch autoconf: make check (qemu-user)" env CLOUDABI_ALLOW_UNCONFINED=1 make -C "$b" check
		fi
	else
		not_ok "$arch autoconf: configures with --host=$triple and CONFIG_SITE" "$output"
	fi

	# ---- meson: the cross file ----
	# the cross file names the tools: <prefix>/bin goes on PATH
	b=$scratch/meson-$arch
	if output=$(PATH=$out/bin:$PATH meson setup --cross-file "$share/meson/$triple.ini" "$b" "$here/meson-project" 2>&1); then
		ok "$arch meson: sets up with the cross file"
		check "$arch meson: builds" env PATH="$out/bin:$PATH" meson compile -C "$b"
		check "$arch meson: meson test runs through cloudabi-run" env PATH="$out/bin:$PATH" meson test -C "$b"
	else
		not_ok "$arch meson: sets up with the cross file" "$output"
	fi
done

# ---- ccache: a rebuild is a cache hit, as a prefix and as a masquerade ----
export CCACHE_DIR=$scratch/ccache CCACHE_NOHASHDIR=1 CCACHE_BASEDIR=$scratch
printf '#include <stdio.h>\nint main(void) { puts("cached"); return 0; }\n' > "$scratch/cached.c"
hits() { ccache --print-stats | awk -F'\t' '$1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { n += $2 } END { print n + 0 }'; }
for arch in $arches; do
	ccache -C > /dev/null; ccache -z > /dev/null
	ccache "$(tool "$arch" cc)" -c "$scratch/cached.c" -o "$scratch/c1-$arch.o"
	ccache "$(tool "$arch" cc)" -c "$scratch/cached.c" -o "$scratch/c2-$arch.o"
	check "$arch ccache <triple>-cc: the rebuild is a cache hit" test "$(hits)" = 1
	check "$arch ccache: the cached object is the same" cmp "$scratch/c1-$arch.o" "$scratch/c2-$arch.o"
	# masquerade: a directory of links named like the compiler, first on PATH
	m=$scratch/masq-$arch
	mkdir -p "$m"
	ln -sf "$(command -v ccache)" "$m/$arch-unknown-cloudabi-cc"
	ccache -z > /dev/null
	PATH=$m:$out/bin:$PATH "$arch-unknown-cloudabi-cc" -c "$scratch/cached.c" -o "$scratch/c3-$arch.o"
	check "$arch ccache as a masquerading link: a cache hit" test "$(hits)" = 1
	# CMake's compiler launcher: a clean rebuild of the project comes from the cache
	b=$scratch/ccache-cmake-$arch
	{ cmake -S "$here/cmake-project" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$share/cmake/$triple.cmake" \
		-DCMAKE_C_COMPILER_LAUNCHER=ccache && cmake --build "$b" && ccache -z &&
		cmake --build "$b" --target clean && cmake --build "$b"; } > /dev/null 2>&1 || true
	check "$arch CMake with CMAKE_C_COMPILER_LAUNCHER=ccache: a clean rebuild hits (3 objects)" test "$(hits)" = 3
done

finish
