#!/usr/bin/env bash
# Functional tests of the capability libc: what it keeps and what it adds.
# Each program gets an empty directory on descriptor 3 and checks itself.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
run_programs "$here"

# CVE-2026-6042 (libc/patches/0018): every four-byte GB18030 sequence of a
# BMP code point, the edges of the invalid ranges and a sample of
# U+10000..U+10FFFF, decoded by the target libc and compared with the
# host's glibc iconv: gb18030/oracle.c (host) prints the cases with glibc's
# answers, gb18030/decode.c (target) reads them on stdin and checks. The
# time limit only ends a decoder as slow as musl 1.2.3's (seconds per
# character); the speed is measured by bench/gb18030.sh.
gb_limit=${GB18030_TIMEOUT:-300}
if output=$(clang-19 -std=c11 -O2 -Wall -Wextra -Werror -fuse-ld=lld "$here/gb18030/oracle.c" \
	-o "$scratch/gb18030-oracle" 2>&1) && output=$("$scratch/gb18030-oracle" 2>&1 > "$scratch/gb18030-cases"); then
	ok "gb18030: glibc decodes the $(grep -vc '^#' "$scratch/gb18030-cases") cases (host oracle)"
	for arch in $arches; do
		exe=$scratch/gb18030-decode-$arch
		if ! output=$("$(tool "$arch" cc)" -std=gnu17 -O2 -Wall -Wextra -Werror -I "$top/tests/programs" \
			"$here/gb18030/decode.c" -o "$exe" 2>&1); then
			not_ok "$arch gb18030: builds" "$output"
			continue
		fi
		cmd=("$exe")
		[ "$arch" = "$(uname -m)" ] || cmd=(env CLOUDABI_ALLOW_UNCONFINED=1 "qemu-$arch-static" "$exe")
		status=0
		output=$(timeout "$gb_limit" "${cmd[@]}" < "$scratch/gb18030-cases" 2>&1) || status=$?
		[ "$status" != 124 ] || not_ok "$arch gb18030: decodes the cases within ${gb_limit}s"
		record_checks "$arch gb18030: " "$status" "$output"
		if grep -q '^FAIL' <<< "$output"; then
			grep '^# ' <<< "$output" | grep -v '^# two-byte' | head -n 24 | sed 's/^/       /'
		fi
	done
else
	not_ok "gb18030: the host oracle builds and runs" "$output"
fi
python3 "$top/libc/gb18030-runs.py" "$top/build/src/musl-1.2.3/src/locale/gb18030.h" > "$scratch/gb18030runs.h"
check "gb18030: the libc's gb18030runs.h is what libc/gb18030-runs.py makes of gb18030.h" \
	cmp "$top/build/src/musl-1.2.3/src/locale/gb18030runs.h" "$scratch/gb18030runs.h"

# CVE-2026-40200 (libc/patches/0017) needs more elements than the 64th
# Leonardo number with 64-bit words, which no target array reaches
# (qsort.c above checks qsort there). qsort-words/ builds the libc's own
# qsort.c, as patched (build/src), for the host with 32-bit words and
# AddressSanitizer, and sorts L(33)+5 and L(34)+5 elements arranged to
# take trinkle to the lowest bit of the high word; musl 1.2.3's qsort.c
# overflows trinkle's stack array on both.
if output=$(clang-19 -std=gnu17 -O1 -g -fsanitize=address -fno-omit-frame-pointer -fuse-ld=lld \
	-I "$here/qsort-words" -I "$top/build/src/musl-1.2.3/src/stdlib" "$here/qsort-words/harness.c" \
	-o "$scratch/qsort-words" 2>&1); then
	for k in 33 34; do
		check "qsort.c with 32-bit words sorts L($k)+5 elements through the high word, no overflow (ASan)" \
			"$scratch/qsort-words" "$k"
	done
else
	not_ok "qsort-words: the libc's qsort.c builds for the host with 32-bit words" "$output"
fi

# sysconf's memory and processor counts (runtime/policy allows sysinfo;
# libc/patches/0020): sysconf/values.c built for the host's glibc is the
# oracle, and each target, run confined (x86_64), must print the same.
if output=$(clang-19 -std=gnu17 -O2 -Wall -Wextra -Werror -fuse-ld=lld "$here/sysconf/values.c" \
	-o "$scratch/sysconf-host" 2>&1) && host_values=$("$scratch/sysconf-host" 2>&1); then
	for arch in $arches; do
		exe=$scratch/sysconf-values-$arch
		if ! output=$("$(tool "$arch" cc)" -std=gnu17 -O2 -Wall -Wextra -Werror "$here/sysconf/values.c" -o "$exe" 2>&1); then
			not_ok "$arch sysconf/values: builds" "$output"
			continue
		fi
		status=0
		output=$(run_on "$arch" "$exe" 2>&1) || status=$?
		if [ "$status" = 0 ] && [ "$output" = "$host_values" ]; then
			ok "$arch sysconf: physical memory and processors as the host's glibc says ($(tr '\n' ' ' <<< "$output"))"
		else
			not_ok "$arch sysconf: physical memory and processors as the host's glibc says" \
				"target (exit $status):" "$output" "host:" "$host_values"
		fi
	done
else
	not_ok "sysconf: the host oracle builds and runs" "$output"
fi

# <argdata.h> on its own, and its type-generic argdata_create_int and
# argdata_get_int, in every C and C++ standard the toolchain supports.
cat > "$scratch/argdata-header.c" <<'EOF'
#include <argdata.h>
int argdata_header_use(const argdata_t *ad);
int argdata_header_use(const argdata_t *ad)
{
	argdata_t *a = argdata_create_int(-1), *b = argdata_create_int(1u);
	short s;
	unsigned long long u;
	int e = argdata_get_int(ad, &s) + argdata_get_int(ad, &u);
	argdata_map_iterator_t it;
	argdata_map_iterate(&argdata_null, &it);
	argdata_free(a);
	argdata_free(b);
	return e + (it.index == ARGDATA_ITERATOR_INVALID);
}
EOF
for arch in $arches; do
	for std in c99 c11 c17 gnu17 c++11 c++17 c++20; do
		lang=c driver=cc
		case $std in c++*) lang=c++ driver=c++ ;; esac
		check "$arch <argdata.h> in $std with -Wall -Wextra -Werror -pedantic" \
			"$(tool "$arch" "$driver")" -x "$lang" -std="$std" -Wall -Wextra -Werror -pedantic \
			-c "$scratch/argdata-header.c" -o "$scratch/argdata-header.o"
	done
done

# The C++ overloads at run time, without the C++ library (<argdata.h> needs
# none: -nostdlib++ -fno-exceptions -fno-rtti).
for arch in $arches; do
	for std in c++11 c++17 c++20; do
		exe=$scratch/argdata-cxx-$std-$arch
		if ! output=$("$(tool "$arch" c++)" -std="$std" -O2 -Wall -Wextra -Werror \
			-nostdlib++ -fno-exceptions -fno-rtti -I "$top/tests/programs" \
			"$here/argdata-cxx.cc" -o "$exe" 2>&1); then
			not_ok "$arch argdata-cxx $std: builds" "$output"
			continue
		fi
		status=0
		output=$(run_on "$arch" "$exe" 2>&1) || status=$?
		record_checks "$arch argdata-cxx $std: " "$status" "$output"
	done
done

# The headers this library adds compile on their own in every C and C++
# standard the toolchain supports, with warnings as errors; and the
# declarations added to musl's headers are there in every standard.
# fopenat, opendirat, scandirat are declared in every mode; arc4random
# with _BSD_SOURCE or _GNU_SOURCE (musl's default without a strict -std).
std_list="c99 c11 c17 gnu17 c++11 c++17 c++20"
header_case() { # ARCH STD NAME SOURCE
	local arch=$1 std=$2 name=$3 src=$4 lang=c driver=cc output
	case $std in c++*) lang=c++ driver=c++ ;; esac
	if output=$("$(tool "$arch" "$driver")" -x "$lang" -std="$std" -Wall -Wextra -Werror \
		-fsyntax-only - <<< "$src" 2>&1); then
		ok "$arch $std: $name"
	else
		not_ok "$arch $std: $name" "$output"
	fi
}
for arch in $arches; do
	for std in $std_list; do
		header_case "$arch" "$std" "<sys/procdesc.h> declares pdfork, pdwait, pdkill with their types" \
			"#include <sys/procdesc.h>
int (*f)(int *, int) = pdfork; int (*g)(int, int *, int) = pdwait; int (*h)(int, int) = pdkill;"
		header_case "$arch" "$std" "<features.h> defines the version macros" \
			"#include <features.h>
#if !defined(__cloudabi_libc_major__) || !defined(__cloudabi_libc_minor__)
#error no version macros
#endif"
		header_case "$arch" "$std" "fopenat in <stdio.h>, opendirat and scandirat in <dirent.h>" \
			"#include <stdio.h>
#include <dirent.h>
void *p[] = { (void *)&fopenat, (void *)&opendirat, (void *)&scandirat };"
		header_case "$arch" "$std" "arc4random in <stdlib.h> with _BSD_SOURCE" \
			"#define _BSD_SOURCE 1
#include <stdlib.h>
void *p[] = { (void *)&arc4random, (void *)&arc4random_buf, (void *)&arc4random_uniform };"
	done
done
finish
