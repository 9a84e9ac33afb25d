#!/usr/bin/env bash
# The exact set of predefined macros per target and language, against the
# committed lists in tests/expected/<triple>/ (make update-expected writes
# them after a deliberate change), plus the CloudABI identity itself.
source "$(dirname "$0")/../lib.sh"
here=$(dirname "$0")

for arch in $arches; do
	triple=$arch-unknown-cloudabi
	for lang in c c++; do
		expected=$top/tests/expected/$triple/predefined-macros-$lang.txt
		"$top/tests/expected/list.sh" "$out" "$arch" "predefined-macros-$lang" > "$scratch/got" || true
		check "$arch $lang: predefined macros match $(basename "$expected")" \
			diff -u "$expected" "$scratch/got"
		for m in __CloudABI__ __ELF__ __STDC_ISO_10646__ __STDC_UTF_16__ __STDC_UTF_32__; do
			check "$arch $lang: $m is defined" grep -q "^#define $m " "$scratch/got"
		done
		for m in __linux__ __linux linux __gnu_linux__ __unix__ __unix unix; do
			check "$arch $lang: $m is not defined" sh -c "! grep -q '^#define $m ' '$scratch/got'"
		done
		# C++ keeps Clang's _GNU_SOURCE (libc++ needs POSIX under strict
		# -std=c++NN); C has it only when a program asks.
		if [ "$lang" = c ]; then
			check "$arch c: _GNU_SOURCE is not defined" sh -c "! grep -q '^#define _GNU_SOURCE ' '$scratch/got'"
		else
			check "$arch c++: _GNU_SOURCE is defined" grep -q '^#define _GNU_SOURCE ' "$scratch/got"
		fi
		check "$arch $lang: __STDC_ISO_10646__ is 201206L" \
			grep -qx '#define __STDC_ISO_10646__ 201206L' "$scratch/got"
		# Annex F is claimed (as glibc does), Annex G and C23's BFP are not
		check "$arch $lang: __STDC_IEC_559__ is 1" \
			grep -qx '#define __STDC_IEC_559__ 1' "$scratch/got"
		for m in __STDC_IEC_559_COMPLEX__ __STDC_IEC_60559_BFP__; do
			check "$arch $lang: $m is not defined" sh -c "! grep -q '^#define $m ' '$scratch/got'"
		done
	done
	# -Werror=implicit-function-declaration is part of the target (C89 would
	# otherwise only warn).
	printf 'int main(void) { return undeclared_function(); }\n' > "$scratch/implicit.c"
	expect_fail "$arch: an implicit function declaration is an error" \
		"error: implicit declaration of function .*-Werror,-Wimplicit-function-declaration" \
		"$(tool "$arch" cc)" -std=c89 -c "$scratch/implicit.c" -o "$scratch/implicit.o"
done

finish
