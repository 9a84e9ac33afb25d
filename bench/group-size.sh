#!/usr/bin/env bash
# make bench, group "size": the file size of hello world in C
# (bench/hello.c) and in C++ with iostream (bench/hello.cc), as built and
# stripped (each with its own tool's strip), by this toolchain, by
# Debian's musl-gcc -static, by gcc/g++ -static (glibc, libstdc++) and by
# clang-19 for WASI (Debian's wasi-libc and libc++), all -O2. Debian has no C++ library for musl-gcc, so that
# row says so. Target: ours, C, stripped, at most 32 KiB.
#
#   bench/group-size.sh [--help]
source "$(dirname "$0")/lib.sh"
no_arguments "$@"
need "$(ours_cc)" "the toolchain"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grp=size
group $grp "Size of hello world (bytes on disk; -O2)" bytes
note $grp "stripped: ours with $arch-unknown-cloudabi-strip (llvm-strip), musl's and glibc's with binutils' strip (llvm-strip-19 refuses glibc's static binaries), WASI's with llvm-strip-19; each tool's default, all symbols and debug sections."

# one LANG NAME BUILD-COMMAND... ; STRIP-COMMAND...: both rows of a build
one() {
	local lang=$1 name=$2
	local bin=$tmp/$lang-${name//[^a-z0-9+]/_}
	shift 2
	local build=() strip=()
	while [ $# -gt 0 ] && [ "$1" != ";" ]; do build+=("$1"); shift; done
	shift
	strip=("$@")
	if "${build[@]}" -o "$bin" 2> "$tmp/err"; then
		sample $grp "$lang hello, $name" "$(stat -c %s "$bin")"
		cp "$bin" "$bin.stripped"
		if "${strip[@]}" "$bin.stripped" 2> "$tmp/err"; then
			sample $grp "$lang hello, $name, stripped" "$(stat -c %s "$bin.stripped")"
		else
			not_measured $grp "$lang hello, $name, stripped" "$(first_line "$(cat "$tmp/err")")"
		fi
	else
		local why
		why=$(first_line "$(cat "$tmp/err")")
		not_measured $grp "$lang hello, $name" "$why"
		not_measured $grp "$lang hello, $name, stripped" "$why"
	fi
}
c=$bench/hello.c cxx=$bench/hello.cc
one C "ours" "$(ours_cc)" -O2 "$c" ";" "$out/bin/$arch-unknown-cloudabi-strip"
one C "musl-gcc -static" musl-gcc -static -O2 "$c" ";" strip
one C "glibc gcc -static" gcc -static -O2 "$c" ";" strip
one C "WASI clang-19" clang-19 --target=wasm32-wasi -O2 "$c" ";" llvm-strip-19
one C++ "ours" "$(ours_cxx)" -O2 "$cxx" ";" "$out/bin/$arch-unknown-cloudabi-strip"
for s in "" ", stripped"; do
	not_measured $grp "C++ hello, musl$s" "Debian 12 has no C++ compiler or library for musl (musl-tools has musl-gcc only; no libstdc++ or libc++ built for musl)"
done
one C++ "glibc g++ -static" g++ -static -O2 "$cxx" ";" strip
# Debian's wasm32 libc++ is built without exceptions
one C++ "WASI clang++-19 -fno-exceptions" clang++-19 --target=wasm32-wasi -O2 -fno-exceptions "$cxx" ";" llvm-strip-19
target $grp "ours, C, stripped" "C hello, ours, stripped" "<=" 32768
ratio $grp "ours / musl, C, stripped" "C hello, ours, stripped" "C hello, musl-gcc -static, stripped" report 0
ratio $grp "ours / glibc, C++, stripped" "C++ hello, ours, stripped" "C++ hello, glibc g++ -static, stripped" report 0
show $grp
