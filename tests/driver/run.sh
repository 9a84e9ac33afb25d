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

# Versioned names (the names distcc sends: docs/distributed.md): this
# version's compiles as the plain name does; another version's is refused
# with both versions named.
version=$("$(tool x86_64 cc)" --version | sed -n '1s/^CloudABI toolchain \([^ ]*\) .*/\1/p')
printf '#include <stdio.h>\nint main(void) { return puts("v") < 0; }\n' > "$scratch/v.c"
printf '#include <string>\nint main() { return std::string("v").size() != 1; }\n' > "$scratch/v.cc"
for arch in $arches; do
	triple=$arch-unknown-cloudabi
	check "$arch: $triple-cc-$version compiles as $triple-cc does" sh -c \
		"'$out/bin/$triple-cc-$version' -O2 -c '$scratch/v.c' -o '$scratch/v1.o' && '$(tool "$arch" cc)' -O2 -c '$scratch/v.c' -o '$scratch/v2.o' && cmp '$scratch/v1.o' '$scratch/v2.o'"
	check "$arch: $triple-c++-$version compiles C++ as $triple-c++ does" sh -c \
		"'$out/bin/$triple-c++-$version' -O2 -c '$scratch/v.cc' -o '$scratch/v1.o' && '$(tool "$arch" c++)' -O2 -c '$scratch/v.cc' -o '$scratch/v2.o' && cmp '$scratch/v1.o' '$scratch/v2.o'"
	ln -sf "$out/libexec/cloudabi/driver" "$scratch/$triple-cc-0.0.0-other"
	expect_fail "$arch: $triple-cc-0.0.0-other (another version's name) is refused, naming both" \
		"$triple-cc-0.0.0-other: this is CloudABI toolchain ${version//+/\\+}, not 0.0.0-other" \
		"$scratch/$triple-cc-0.0.0-other" -c "$scratch/v.c" -o "$scratch/x.o"
	ln -sf "$out/libexec/cloudabi/driver" "$scratch/$triple-ld-$version"
	expect_fail "$arch: only cc and c++ have versioned names ($triple-ld-$version is unknown)" "cannot tell the tool" \
		"$scratch/$triple-ld-$version" --version
done
check "the versioned names are installed (--list-tools)" sh -c \
	"'$out/libexec/cloudabi/driver' --list-tools | grep -qx 'cc-$version' && '$out/libexec/cloudabi/driver' --list-tools | grep -qx 'c++-$version'"

# Without /proc (icecream runs compilers chrooted into an environment that
# has none), the prefix is found from the name the driver was started
# under, through its links: by path and through PATH.
noproc() { unshare -m sh -c 'mount -t tmpfs none /proc && exec "$@"' - "$@"; }
check "(control) in that mount namespace /proc/self/exe is not there" noproc sh -c '! test -e /proc/self/exe'
check "without /proc the compiler finds its prefix (by path)" \
	noproc "$(tool x86_64 cc)" -O2 -c "$scratch/v.c" -o "$scratch/np1.o"
check "without /proc the compiler finds its prefix (through PATH)" \
	noproc env PATH="$out/bin:$PATH" x86_64-unknown-cloudabi-cc-$version -O2 -c "$scratch/v.c" -o "$scratch/np2.o"
check "... and compiles what it compiles with /proc" sh -c "cmp '$scratch/np1.o' '$scratch/v2.o' 2>/dev/null || { '$(tool x86_64 cc)' -O2 -c '$scratch/v.c' -o '$scratch/v3.o' && cmp '$scratch/np1.o' '$scratch/v3.o' && cmp '$scratch/np2.o' '$scratch/v3.o'; }"
expect_fail "without /proc, a name that cannot be found is one line" "cannot read /proc/self/exe .* nor find" \
	noproc bash -c 'PATH=/nonexistent; exec -a x86_64-unknown-cloudabi-cc "$0" --version' "$out/libexec/cloudabi/driver"

# A link that refers to a removed name: lld's own "error:" line comes
# first, then the explanation (lld runs its error-handling script before
# printing the error; the driver prints the notes after lld), each note
# once, then the compiler's "linker command failed". Two removed names and
# a control name that is merely undefined (no note).
cat > "$scratch/removed.c" <<'EOF2'
int open(const char *, int, ...);
int getpid(void);
int not_in_any_library(void);
int main(void) { return open("x", 0) + getpid() + not_in_any_library(); }
EOF2
for arch in $arches; do
	cc=$(tool "$arch" cc)
	status=0
	"$cc" "$scratch/removed.c" -o "$scratch/removed" > "$scratch/link.out" 2>&1 || status=$?
	log=$(cat "$scratch/link.out")
	err_open=$(grep -n 'error: undefined symbol: open$' "$scratch/link.out" | head -n 1 | cut -d: -f1)
	note_open=$(grep -n '^>>> note: open() is not available on CloudABI' "$scratch/link.out" | head -n 1 | cut -d: -f1)
	err_pid=$(grep -n 'error: undefined symbol: getpid$' "$scratch/link.out" | head -n 1 | cut -d: -f1)
	note_pid=$(grep -n '^>>> note: getpid() is not available on CloudABI' "$scratch/link.out" | head -n 1 | cut -d: -f1)
	failed_line=$(grep -n 'linker command failed' "$scratch/link.out" | head -n 1 | cut -d: -f1)
	if [ "$status" != 0 ] && [ -n "$err_open" ] && [ -n "$note_open" ] && [ -n "$err_pid" ] && [ -n "$note_pid" ]; then
		ok "$arch: a link with removed names fails with lld's errors and a note for each"
		check "$arch: the note for open() comes after lld's error line for it" test "$note_open" -gt "$err_open"
		check "$arch: the note for getpid() comes after lld's error line for it" test "$note_pid" -gt "$err_pid"
		check "$arch: the notes come before the compiler's 'linker command failed'" \
			test -n "$failed_line" -a "$failed_line" -gt "$note_open" -a "$failed_line" -gt "$note_pid"
		check "$arch: each note once" test "$(grep -c '^>>> note: ' "$scratch/link.out")" = 2
		check "$arch: control: the merely undefined name has an error and no note" \
			sh -c 'grep -q "error: undefined symbol: not_in_any_library" "$1" && ! grep -q "note: not_in_any_library" "$1"' - "$scratch/link.out"
	else
		not_ok "$arch: a link with removed names fails with lld's errors and a note for each" "exit $status" "$log"
	fi
done
# the script alone, without the driver's descriptor: the note on stderr
check "ld-error-handler without CLOUDABI_LD_NOTES_FD prints the note on stderr" \
	sh -c 'env -u CLOUDABI_LD_NOTES_FD "$1" undefined-symbol open 2>&1 >/dev/null | grep -q "^>>> note: open() is not available"' - \
	"$out/libexec/cloudabi/ld-error-handler"
check "ld-error-handler with a closed CLOUDABI_LD_NOTES_FD falls back to stderr" \
	sh -c 'CLOUDABI_LD_NOTES_FD=57 "$1" undefined-symbol open 2>&1 >/dev/null | grep -q "^>>> note: open() is not available"' - \
	"$out/libexec/cloudabi/ld-error-handler"

finish
