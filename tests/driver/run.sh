#!/usr/bin/env bash
# The compiler driver: target selection, the CloudABI triple it reports, and
# clear refusals of what CloudABI does not have (other targets, shared
# libraries, non-PIE executables).
source "$(dirname "$0")/../lib.sh"

printf 'int main(void) { return 0; }\n' > "$scratch/main.c"
printf 'int f(void) { return 1; }\n' > "$scratch/lib.c"

for arch in $arches; do
	triple=$arch-unknown-cloudabi
	other=$([ "$arch" = x86_64 ] && echo aarch64 || echo x86_64)
	cc=$(tool "$arch" cc)

	for t in "--target=$triple" "--target=$arch-cloudabi"; do
		check "$arch: accepts $t" "$cc" "$t" -c "$scratch/main.c" -o "$scratch/main.o"
	done
	check "$arch: accepts -target $triple (two words)" \
		"$cc" -target "$triple" -c "$scratch/main.c" -o "$scratch/main.o"
	expect_fail "$arch: refuses --target=$other-unknown-cloudabi" \
		"targets only $triple; refusing --target=$other-unknown-cloudabi" \
		"$cc" "--target=$other-unknown-cloudabi" -c "$scratch/main.c" -o "$scratch/x.o"
	expect_fail "$arch: refuses --target=$arch-linux-gnu" \
		"targets only $triple; refusing --target=$arch-linux-gnu" \
		"$cc" "--target=$arch-linux-gnu" -c "$scratch/main.c" -o "$scratch/x.o"

	for flag in -dumpmachine -print-target-triple -print-effective-triple; do
		check "$arch: $flag prints $triple" test "$("$cc" $flag)" = "$triple"
	done
	check "$arch: c++ -dumpmachine prints $triple" test "$("$(tool "$arch" c++)" -dumpmachine)" = "$triple"
	version=$("$cc" --version)
	check "$arch: --version names $triple" grep -qx "Target: $triple" <<< "$version"
	check "$arch: --version starts with the project's version (VERSION)" \
		grep -Eqx "CloudABI toolchain $(sed "s/[.]/[.]/g" "$top/VERSION")(\+dirty)? \($triple\)" <<< "$(head -n 1 <<< "$version")"
	check "$arch: --version then gives Clang's" sh -c 'sed -n 2p | grep -q "clang version 19"' <<< "$version"
	check "$arch: --version hides the internal triple" \
		sh -c '! grep -q linux-musl' <<< "$version"

	expect_fail "$arch: -shared is refused with an explanation" \
		"shared libraries are not supported" \
		"$cc" -shared "$scratch/lib.c" -o "$scratch/lib.so"
	expect_fail "$arch: -Wl,-shared is refused" "shared libraries are not supported" \
		"$cc" -Wl,-shared "$scratch/lib.c" -o "$scratch/lib.so"
	expect_fail "$arch: ld -shared is refused" "shared libraries are not supported" \
		"$(tool "$arch" ld)" -shared "$scratch/main.o" -o "$scratch/lib.so"
	expect_fail "$arch: -no-pie is refused" "always static PIE" \
		"$cc" -no-pie "$scratch/main.c" -o "$scratch/main"
	check "$arch: no lib.so was left behind" test ! -e "$scratch/lib.so"

	# Every tool name runs (ld --version once tried to stamp a missing a.out).
	for t in $("$out/libexec/cloudabi/driver" --list-tools); do
		check "$arch: $triple-$t runs (--version)" "$(tool "$arch" "$t")" --version
	done
	check "$arch: ar + nm see the object" sh -c \
		"'$(tool "$arch" ar)' rc '$scratch/l.a' '$scratch/main.o' && '$(tool "$arch" nm)' '$scratch/l.a' | grep -q ' T main'"
	check "$arch: cpp preprocesses for CloudABI" sh -c \
		"printf '__CloudABI__ __linux__\n' | '$(tool "$arch" cpp)' -P - | grep -qx '1 __linux__'"

	# Host settings that would pull in the build machine's files are ignored.
	# (the pattern matches the host directories, not the sysroot's usr/include)
	leak='(^| |")(-L)?/usr/(lib|include)("| |$)'
	check "$arch: LIBRARY_PATH and CPATH do not leak into a link" sh -c \
		"LIBRARY_PATH=/usr/lib CPATH=/usr/include '$cc' -v '$scratch/main.c' -o '$scratch/m' 2>&1 | { ! grep -E '$leak'; }"
	check "$arch: (control) the same settings do leak into plain clang" sh -c \
		"LIBRARY_PATH=/usr/lib CPATH=/usr/include /usr/lib/llvm-19/bin/clang --config='$out/share/cloudabi/$triple.cfg' -v '$scratch/main.c' -o '$scratch/m' 2>&1 | grep -qE '$leak'"
done

# A name reached through other symbolic links still selects the tool.
ln -s "$(tool x86_64 cc)" "$scratch/mycc"
check "a symlink with another name finds the tool by its link chain" \
	test "$("$scratch/mycc" -dumpmachine)" = x86_64-unknown-cloudabi
expect_fail "an unknown tool name is refused" "cannot tell the tool" \
	"$out/libexec/cloudabi/driver" -c "$scratch/main.c"

finish
