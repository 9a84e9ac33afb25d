#!/bin/sh
# The OCI image's smoke test: the test stage of packaging/oci/Containerfile
# runs it as the image's user, in a copy of this directory, with nothing
# but the environment the image presets. It does what a user of the image
# does first: C and C++ hello worlds for x86_64 (run here, confined) and
# for aarch64 (run through qemu-user), a Makefile and a CMake project with
# ctest, the binary tools and pkg-config under their preset names, and a
# raw system call refused under cloudabi-run.
#
# Every check prints "ok   - NAME" or "FAIL - NAME" (with what it got);
# all of them run, the last line counts them, and the exit status is 1 if
# any failed, which fails the image build. tests/packaging/oci.sh builds a
# context whose inputs are broken on purpose and requires every check to
# fail there.
set -u
cd "$(dirname "$0")"
passed=0
failed=0

ok() { echo "ok   - $1"; passed=$((passed + 1)); }
fail() {
	echo "FAIL - $1"
	shift
	printf '%s\n' "$@" | sed 's/^/       /'
	failed=$((failed + 1))
}

# expect NAME WANT SCRIPT: SCRIPT (run by sh) must exit 0 and print exactly
# WANT on its standard output and error together.
expect() {
	name=$1 want=$2 script=$3
	status=0
	got=$(sh -c "$script" 2>&1) || status=$?
	if [ "$status" = 0 ] && [ "$got" = "$want" ]; then
		ok "$name"
	else
		fail "$name" "wanted: $want" "got (status $status):" "$got"
	fi
}

# succeeds NAME SCRIPT: SCRIPT must exit 0 (its output is shown if not).
succeeds() {
	name=$1 script=$2
	status=0
	got=$(sh -c "$script" 2>&1) || status=$?
	if [ "$status" = 0 ]; then ok "$name"; else fail "$name" "status $status:" "$got"; fi
}

# ---- the image itself --------------------------------------------------------
# The user: builds in the image run as someone who is not root.
expect "the build runs as the image's user, not root" "builder" 'id -un; [ "$(id -u)" != 0 ] || echo "uid 0"'

# Every tool variable names a command on PATH, and the toolchain file is
# there (a build system reads them, not this script's own names).
succeeds "the preset CC, CXX, CPP, AR, RANLIB, NM, STRIP, OBJCOPY, OBJDUMP, READELF, LD, PKG_CONFIG are commands; CMAKE_TOOLCHAIN_FILE is a file" '
	for v in CC CXX CPP AR RANLIB NM STRIP OBJCOPY OBJDUMP READELF LD PKG_CONFIG; do
		eval "c=\${$v:-}"
		[ -n "$c" ] || { echo "$v is not set"; exit 1; }
		command -v "$c" > /dev/null || { echo "$v=$c is not a command"; exit 1; }
	done
	[ -f "${CMAKE_TOOLCHAIN_FILE:-}" ] || { echo "CMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE:-} is not a file"; exit 1; }'

# ---- x86_64: built with the presets, run on this kernel, confined -------------
# What the kernel, through the build's own seccomp profile, offers:
# Landlock and seccomp filters must both be there.
expect "cloudabi-run --check: Landlock and seccomp filters are available in the build" "landlock: available
seccomp: available" \
	'cloudabi-run --check | sed -n "s/^\(landlock\|seccomp\): \(available\).*/\1: \2/p"'
# Started directly, the program confines itself (Landlock and seccomp)
# before main, or refuses to start: so printing its line shows that
# confinement works inside the build too.
expect "x86_64 C: \$CC builds hello.c, which runs (confining itself)" "hello, C" \
	'"$CC" -O2 -Wall -Werror hello.c -o hello-x86_64 && ./hello-x86_64'
expect "x86_64 C++: \$CXX builds hello.cc (an exception thrown and caught), which runs" "hello, C++" \
	'"$CXX" -O2 -Wall -Werror hello.cc -o hellocc-x86_64 && ./hellocc-x86_64'
expect "x86_64: hello runs under cloudabi-run" "hello, C" 'cloudabi-run ./hello-x86_64'
# escape.c has no C library: it cannot confine itself, and opens
# /etc/passwd by raw system call. cloudabi-run must refuse that open; the
# control shows the same binary gets through unconfined.
expect "x86_64: a libc-free binary built with \$CC; under cloudabi-run its raw open(\"/etc/passwd\") is refused" "EPERM" \
	'"$CC" -nostdlib -ffreestanding -O2 escape.c -o escape && cloudabi-run ./escape'
expect "(control) x86_64: with --unconfined the same open gets through" "opened" \
	'cloudabi-run --unconfined ./escape 2>/dev/null'

# beneath.c, started directly with this directory as descriptor 3, opens
# a path above it by raw system call, past the C library's own check: only
# the Landlock ruleset its start-up made can refuse that.
expect "x86_64: started directly, a program's raw openat(3, \"../../..\") above its directory is refused by Landlock" "EACCES" \
	'"$CC" -O2 -Wall -Werror beneath.c -o beneath && ./beneath 3< .'

# make's built-in rules take CC, CXX, AR and RANLIB from the environment.
expect "x86_64 make: a Makefile naming no compiler builds a library and a C++ program, which runs" \
	"hello from a library, 42" \
	'make -s hello > make.log 2>&1 || { cat make.log; exit 1; }; ./hello'
expect "x86_64 binary tools: \$NM lists libgreet.a's symbol, \$READELF shows OS/ABI CloudABI, the \$STRIP'd program still runs" \
	"T greet_answer
CloudABI
hello from a library, 42" \
	'"$NM" libgreet.a | awk "\$3 == \"greet_answer\" { print \$2, \$3 }"
	"$READELF" -h hello | sed -n "s/^ *OS\/ABI: *\([A-Za-z]*\).*/\1/p"
	"$OBJCOPY" hello hello-copy && "$STRIP" hello-copy -o hello-stripped && ./hello-stripped'
# A .pc file for /usr: the target's pkg-config finds it on PKG_CONFIG_PATH
# and puts its paths inside the sysroot.
expect "x86_64 pkg-config: \$PKG_CONFIG finds greet.pc and prefixes its paths with the sysroot" \
	"-I/usr/x86_64-unknown-cloudabi/usr/include/greet" \
	'echo $(PKG_CONFIG_PATH=$PWD "$PKG_CONFIG" --cflags greet)'
# CMake reads CMAKE_TOOLCHAIN_FILE (and CMAKE_GENERATOR) from the
# environment; ctest runs the test through cloudabi-run, confined.
expect "x86_64 CMake: configures with the preset toolchain file, builds an x86_64 program with ninja, ctest passes" "ok" \
	'{ cmake -S cmake-project -B build-x86_64 && cmake --build build-x86_64 &&
	  ctest --test-dir build-x86_64 --output-on-failure; } > cmake-x86_64.log 2>&1 &&
	  grep -q "CMAKE_GENERATOR:INTERNAL=Ninja" build-x86_64/CMakeCache.txt &&
	  "$READELF" -h build-x86_64/hello | grep -q "Machine: *Advanced Micro Devices X86-64" && echo ok || cat cmake-x86_64.log'

# ---- aarch64: through qemu-user ---------------------------------------------
# qemu-user implements neither Landlock nor seccomp, so an aarch64 program
# refuses to start under it, naming qemu-user, unless
# CLOUDABI_ALLOW_UNCONFINED=1 (honoured only where nothing can confine).
expect "aarch64 C: aarch64-unknown-cloudabi-cc builds hello.c, which runs under qemu-aarch64-static (unconfined)" "hello, C" \
	'aarch64-unknown-cloudabi-cc -O2 -Wall -Werror hello.c -o hello-aarch64 &&
	 CLOUDABI_ALLOW_UNCONFINED=1 qemu-aarch64-static ./hello-aarch64'
expect "aarch64 C++: aarch64-unknown-cloudabi-c++ builds hello.cc, which runs under qemu-aarch64-static" "hello, C++" \
	'aarch64-unknown-cloudabi-c++ -O2 -Wall -Werror hello.cc -o hellocc-aarch64 &&
	 CLOUDABI_ALLOW_UNCONFINED=1 qemu-aarch64-static ./hellocc-aarch64'
expect "aarch64: without CLOUDABI_ALLOW_UNCONFINED it refuses to start, naming qemu-user (status 127)" "127 qemu-user" \
	'qemu-aarch64-static ./hello-aarch64 > refusal.log 2>&1; s=$?
	 echo "$s $(grep -o "runs under qemu-user" refusal.log | cut -d" " -f3)"'
# CLOUDABI_TARGET picks the target of the preset toolchain file; ctest runs
# the test through cloudabi-run --unconfined and qemu-aarch64-static.
expect "aarch64 CMake: with CLOUDABI_TARGET=aarch64 it builds an aarch64 program, ctest passes through qemu-user" "ok" \
	'{ CLOUDABI_TARGET=aarch64 cmake -S cmake-project -B build-aarch64 && cmake --build build-aarch64 &&
	  ctest --test-dir build-aarch64 --output-on-failure; } > cmake-aarch64.log 2>&1 &&
	  "$READELF" -h build-aarch64/hello | grep -q "Machine: *AArch64" && echo ok || cat cmake-aarch64.log'

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
