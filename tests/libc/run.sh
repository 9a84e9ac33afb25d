#!/usr/bin/env bash
# Functional tests of the capability libc: what it keeps and what it adds.
# Each program gets an empty directory on descriptor 3 and checks itself.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
run_programs "$here"

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

# The C++ overloads at run time, without the C++ library (none is built).
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
		while IFS= read -r line; do
			case $line in
			"ok   - "*) ok "$arch argdata-cxx $std: ${line#ok   - }" ;;
			"FAIL - "*) not_ok "$arch argdata-cxx $std: ${line#FAIL - }" ;;
			esac
		done <<< "$output"
		if [ "$status" != 0 ] && ! grep -q '^FAIL' <<< "$output"; then
			not_ok "$arch argdata-cxx $std: exits 0" "exit status $status" "$(tail -n 5 <<< "$output")"
		fi
	done
done
finish
