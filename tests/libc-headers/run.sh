#!/usr/bin/env bash
# Every public header of the capability libc compiles on its own, and all
# of them together, in C (c99, c11, c17, gnu17) and C++ (c++11, c++17,
# c++20) with -Wall -Wextra -Werror, on both targets. bits/ headers, and
# libunwind's unwind_itanium.h and unwind_arm_ehabi.h, are parts of other
# headers and are not included on their own. libc++'s headers (c++/v1) are
# C++ only and are tested by tests/cxx and libc++'s own tests (tests/libcxx).
#
# One exception, printed as such: <aio.h> is a POSIX header whose struct
# needs struct sigevent, which <signal.h> hides in the strict ISO modes
# (c99, c11, c17, c++NN); there it is compiled with _POSIX_C_SOURCE, as a
# program must.
source "$(dirname "$0")/../lib.sh"
quiet_ok=1

c_stds="c99 c11 c17 gnu17"
cxx_stds="c++11 c++17 c++20"

for arch in $arches; do
	inc=$out/$arch-unknown-cloudabi/include
	(cd "$inc" && find . -name '*.h' ! -path './bits/*' ! -path './*/bits/*' ! -path './c++/*' \
		! -name unwind_itanium.h ! -name unwind_arm_ehabi.h | sed 's#^\./##' | LC_ALL=C sort) > "$scratch/headers"
	check "$arch: the sysroot has headers to test" test "$(wc -l < "$scratch/headers")" -gt 100

	# one translation unit per header, compiled in every standard
	mkdir -p "$scratch/$arch"
	: > "$scratch/$arch/jobs"
	while read -r h; do
		tu=$scratch/$arch/$(echo "$h" | tr '/.' '__').c
		printf '#include <%s>\n' "$h" > "$tu"
		for std in $c_stds; do echo "c $std $tu $h"; done >> "$scratch/$arch/jobs"
		for std in $cxx_stds; do echo "c++ $std $tu $h"; done >> "$scratch/$arch/jobs"
	done < "$scratch/headers"
	cc=$(tool "$arch" cc)
	# results: "ok|FAIL lang std header" lines, two compilers at a time
	xargs -P 2 -L 1 sh -c '
		posix=""
		case "$4:$2" in aio.h:gnu*) ;; aio.h:*) posix=-D_POSIX_C_SOURCE=200809L ;; esac
		if "$0" -x "$1" -std="$2" $posix -fsyntax-only -Wall -Wextra -Werror "$3" > "$3.$1.$2.log" 2>&1
		then echo "ok $1 $2 $4"; else echo "FAIL $1 $2 $4"; fi' "$cc" < "$scratch/$arch/jobs" > "$scratch/$arch/results"
	while read -r verdict lang std h; do
		if [ "$verdict" = ok ]; then
			ok "$arch $lang $std: <$h> compiles on its own"
		else
			tu=$scratch/$arch/$(echo "$h" | tr '/.' '__').c
			not_ok "$arch $lang $std: <$h> compiles on its own" "$(head -n 4 "$tu.$lang.$std.log")"
		fi
	done < "$scratch/$arch/results"

	# all together, plain and with _GNU_SOURCE (which declares the most)
	sed -e 's/.*/#include <&>/' \
		-e 's/^#include <aio.h>$/#if !defined(__STRICT_ANSI__) || defined(_POSIX_C_SOURCE)\n&\n#endif/' \
		"$scratch/headers" > "$scratch/$arch/all.c"
	for def in "" -D_GNU_SOURCE; do
		for std in $c_stds; do
			check "$arch c $std ${def:-(no feature macros)}: all headers together" \
				"$cc" -x c -std="$std" $def -fsyntax-only -Wall -Wextra -Werror "$scratch/$arch/all.c"
		done
		for std in $cxx_stds; do
			check "$arch c++ $std ${def:-(no feature macros)}: all headers together" \
				"$cc" -x c++ -std="$std" $def -fsyntax-only -Wall -Wextra -Werror "$scratch/$arch/all.c"
		done
	done
done

echo "note: <aio.h> in the strict ISO modes is compiled with _POSIX_C_SOURCE (see the top of this file)"
echo "(passing cases are counted, not listed; TESTS_VERBOSE=1 lists them)"
finish
