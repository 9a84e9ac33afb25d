#!/usr/bin/env bash
# Functional tests of the capability libc: what it keeps and what it adds.
# Each program gets an empty directory on descriptor 3 and checks itself.
source "$(dirname "$0")/../lib.sh"
run_programs "$(cd "$(dirname "$0")" && pwd)"

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
		header_case "$arch" "$std" "<sys/procdesc.h> alone" \
			"#include <sys/procdesc.h>
int (*f)(int *, int) = pdfork; int (*g)(int, int *, int) = pdwait; int (*h)(int, int) = pdkill;"
		header_case "$arch" "$std" "<cloudabi_version.h> alone" \
			"#include <cloudabi_version.h>
#if __cloudabi_libc_major__ < 0 || __cloudabi_libc_minor__ < 0
#error bad version
#endif"
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
