#!/usr/bin/env bash
# Hello world on both targets: it compiles with the target's cc, runs
# (x86_64 natively, aarch64 under qemu-aarch64-static and, where binfmt_misc
# is registered, by a plain exec), and is a static PIE with no interpreter,
# marked ELFOSABI_CLOUDABI (17).
source "$(dirname "$0")/../lib.sh"

cat > "$scratch/hello.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv)
{
	printf("hello, %s\n", argc > 1 ? argv[1] : "world");
	return 0;
}
C

# readelf_is_cloudabi_pie FILE: the ELF header and program headers say
# static PIE for CloudABI.
readelf_is_cloudabi_pie() {
	local h
	h=$(llvm-readelf-19 --file-header --program-headers "$1")
	grep -qE 'OS/ABI: +(Nuxi )?CloudABI' <<< "$h" || { echo "OS/ABI is not CloudABI:"; grep OS/ABI <<< "$h"; return 1; }
	grep -qE 'Type: +DYN' <<< "$h" || { echo "not a position-independent executable"; return 1; }
	! grep -q INTERP <<< "$h" || { echo "has a program interpreter"; return 1; }
	local dyn
	dyn=$(llvm-readelf-19 --dynamic-table "$1")
	! grep -q NEEDED <<< "$dyn" || { echo "needs shared libraries"; return 1; }
	# e_ident[EI_OSABI] itself, byte 7
	[ "$(od -An -tu1 -j7 -N1 "$1" | tr -d ' ')" = 17 ] || { echo "e_ident[7] is not 17"; return 1; }
}

osabi() { od -An -tu1 -j7 -N1 "$1" | tr -d ' '; }
runs_as_cloudabi() { run_on "$1" "$2" > /dev/null && readelf_is_cloudabi_pie "$2"; }
stripped_keeps_osabi() { "$(tool "$1" strip)" "$2" -o "$3" && [ "$(osabi "$3")" = 17 ]; }
relocatable_is_plain() { "$(tool "$1" ld)" -r "$2" -o "$3" && [ "$(osabi "$3")" = 0 ]; }
# (output captured first: grep -q closing a pipe early would fail it under pipefail)
readelf_shows() { local h; h=$("$(tool "$1" readelf)" -h "$2") && grep -q 'OS/ABI:.*CloudABI' <<< "$h"; }

for arch in $arches; do
	cc=$(tool "$arch" cc)
	exe=$scratch/hello-$arch
	check "$arch: hello.c compiles" "$cc" "$scratch/hello.c" -o "$exe"
	check "$arch: hello prints its output" test "$(run_on "$arch" "$exe" CloudABI)" = "hello, CloudABI"
	if [ "$arch" != "$(uname -m)" ] && [ -e "/proc/sys/fs/binfmt_misc/qemu-$arch" ]; then
		check "$arch: hello runs by a plain exec (binfmt_misc)" \
			test "$(CLOUDABI_ALLOW_UNCONFINED=1 "$exe")" = "hello, world"
	fi
	check "$arch: hello is a static PIE with OS/ABI 17 and no interpreter" readelf_is_cloudabi_pie "$exe"
	check "$arch: <triple>-readelf -h shows the OS/ABI" readelf_shows "$arch" "$exe"
	check "$arch: strip keeps the OS/ABI" stripped_keeps_osabi "$arch" "$exe" "$scratch/s-$arch"
	for flag in -static -static-pie; do
		check "$arch: $flag links" "$cc" $flag "$scratch/hello.c" -o "$scratch/h$flag-$arch"
		check "$arch: $flag output runs and is a CloudABI static PIE" \
			runs_as_cloudabi "$arch" "$scratch/h$flag-$arch"
	done
	# Separate compile and link, as build systems do.
	check "$arch: compile to an object" "$cc" -c "$scratch/hello.c" -o "$exe.o"
	check "$arch: link the object" "$cc" "$exe.o" -o "$scratch/h2-$arch"
	check "$arch: the separately linked program is a CloudABI static PIE" \
		runs_as_cloudabi "$arch" "$scratch/h2-$arch"
	check "$arch: ld -r output stays a plain relocatable object" \
		relocatable_is_plain "$arch" "$exe.o" "$scratch/r-$arch.o"
done

finish
