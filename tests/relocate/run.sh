#!/usr/bin/env bash
# The prefix is relocatable: a copy of out/ works from anywhere once the
# originals are gone. The test copies out/ to a temporary directory, moves
# build/ and out/ aside (and always puts them back), then compiles and runs
# hello from the copy and checks where the driver says its files are.
source "$(dirname "$0")/../lib.sh"

copy=$scratch/some/other/place
mkdir -p "$scratch/tools" "$scratch/work"
# The copy is made by the install target a user would run.
check "make install PREFIX=<dir> installs the prefix" \
	make -s -C "$top" install PREFIX="$copy"
cp -a "$top/build/host-tools/." "$scratch/tools/"
export PATH=$scratch/tools

aside=$top/.relocate-test-aside
if [ -e "$aside" ]; then
	echo "FAIL - $aside exists: an earlier run was interrupted; move its build/ and out/ back"
	echo "0 passed, 1 failed"
	exit 1
fi
mkdir "$aside"
restore() {
	[ -e "$aside/build" ] && mv "$aside/build" "$top/build"
	[ -e "$aside/out" ] && mv "$aside/out" "$top/out"
	rmdir "$aside"
	rm -rf "$scratch"
}
trap restore EXIT
trap 'exit 1' INT TERM
mv "$top/build" "$aside/build"
mv "$top/out" "$aside/out"

printf '#include <stdio.h>\nint main(void) { puts("relocated"); return 0; }\n' > "$scratch/work/hello.c"
cd "$scratch/work"

# inside PATH: the canonical form of PATH lies under the copy.
inside() {
	local p
	p=$(realpath -e "$1") || { echo "$1 does not exist"; return 1; }
	case $p in "$(realpath "$copy")"/*) ;; *) echo "$p is outside the copy"; return 1 ;; esac
}

for arch in $arches; do
	cc=$copy/bin/$arch-unknown-cloudabi-cc
	check "$arch: the copy compiles hello with build/ and out/ gone" "$cc" hello.c -o "hello-$arch"
	check "$arch: hello from the copy runs" test "$(run_on "$arch" "./hello-$arch")" = relocated
	for q in -print-resource-dir -print-libgcc-file-name -print-file-name=libc.a; do
		check "$arch: $q points inside the copy" inside "$("$cc" $q)"
	done
	check "$arch: the C++ driver from the copy compiles too" \
		"$copy/bin/$arch-unknown-cloudabi-c++" -x c++ -c hello.c -o "hello-$arch.o"
done

# The sysroots come in packages of their own: a prefix without one names
# the package to install rather than failing on a missing header.
for arch in $arches; do
	triple=$arch-unknown-cloudabi
	mv "$copy/$triple" "$copy/$triple.away"
	expect_fail "$arch: without its sysroot the driver names the runtime package" \
		"no C runtime for $triple at .*: install the package ${triple//_/-}-c-runtime" \
		"$copy/bin/$triple-cc" hello.c -o "hello-$arch"
	mv "$copy/$triple.away" "$copy/$triple"
done
check "the resource directory is not lib/clang (Debian's libclang-common owns it in /usr)" \
	test ! -e "$copy/lib/clang"

finish
