#!/usr/bin/env bash
# The seccomp policy (runtime/policy): the table's system call numbers
# against the kernel's headers and the libc's, the generated filters'
# form, and every case under the real kernel (x86_64) and through a BPF
# emulator (both architectures; qemu-user cannot install a filter).
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
policy=$top/runtime/policy
gen=$scratch/gen

# run_checks NAME COMMAND...: one case per "ok - "/"FAIL - " line COMMAND
# prints ("skip - " lines are shown, not counted), and a failure if it
# exits non-zero without saying why.
run_checks() {
	local name=$1 output status=0
	shift
	output=$("$@" 2>&1) || status=$?
	record_checks "$name: " "$status" "$output"
}

check "runtime/policy/build.sh writes filter-x86_64.c, filter-aarch64.c, filter.h" \
	sh -c "'$policy/build.sh' '$gen' && test -s '$gen/filter-x86_64.c' && test -s '$gen/filter-aarch64.c' && test -s '$gen/filter.h'"
check "the generated filters are the same when built again elsewhere" \
	sh -c "'$policy/build.sh' '$scratch/again' && cmp '$gen/filter-x86_64.c' '$scratch/again/filter-x86_64.c' && cmp '$gen/filter-aarch64.c' '$scratch/again/filter-aarch64.c'"

# The generator refuses a malformed table rather than emitting something.
bad_table() {
	local name=$1 pattern=$2
	printf '%s\n' "$3" > "$scratch/bad.tsv"
	expect_fail "gen-filter refuses $name" "$pattern" "$gen/gen-filter" "$scratch/bad.tsv" x86_64 "$scratch/bad.c"
}
tab=$'\t'
bad_table "an unknown action" "bad action" "read${tab}0${tab}63${tab}permit${tab}-${tab}why"
bad_table "a rule without a default" "default" "read${tab}0${tab}63${tab}check${tab}lo32(arg0) == 1 -> deny${tab}why"
bad_table "a 64-bit value compared with lo32()" "32 bits" "read${tab}0${tab}63${tab}check${tab}lo32(arg0) == 0x100000000 -> deny; allow${tab}why"
bad_table "an unknown constant" "unknown constant" "read${tab}0${tab}63${tab}check${tab}lo32(arg0) == NOPE -> deny; allow${tab}why"
bad_table "two calls with one number" "same number" "read${tab}0${tab}63${tab}allow${tab}-${tab}why"$'\n'"write${tab}0${tab}64${tab}allow${tab}-${tab}why"
bad_table "a row without a reason" "say why" "read${tab}0${tab}63${tab}allow${tab}-${tab}"

# --explain's table (runtime/policy/explain.tsv): generated the same
# again, and refused when a denied call has no row there or a row is wrong.
check "the explain tables are the same when built again elsewhere" \
	sh -c "cmp '$gen/explain-x86_64.c' '$scratch/again/explain-x86_64.c' && cmp '$gen/explain-aarch64.c' '$scratch/again/explain-aarch64.c'"
bad_explain() {
	local name=$1 pattern=$2
	printf '%s\n' "$3" > "$scratch/bad-explain.tsv"
	expect_fail "gen-filter --explain refuses $name" "$pattern" \
		"$gen/gen-filter" --explain "$policy/policy.tsv" "$scratch/bad-explain.tsv" "$top/libc/manifest.tsv" x86_64 "$scratch/bad-explain.c"
}
grep -v '^open'$'\t' "$policy/explain.tsv" > "$scratch/no-open.tsv"
expect_fail "gen-filter --explain refuses a denied call with no row in explain.tsv" "open is not allow but has no row" \
	"$gen/gen-filter" --explain "$policy/policy.tsv" "$scratch/no-open.tsv" "$top/libc/manifest.tsv" x86_64 "$scratch/bad-explain.c"
bad_explain "a call the policy allows" "nothing to explain" "read${tab}fd${tab}-"
bad_explain "an unknown argument kind" "unknown argument kind" "open${tab}path,flagz${tab}-"
bad_explain "a call the policy does not have" "no such call" "nosuchcall${tab}-${tab}-"

# The generated sources compile as target code (the libc) and as host code
# (the launcher), and filter.h in C++ too.
printf '#include "filter.h"\nint f(void) { return cloudabi_seccomp_filter[0].code + cloudabi_seccomp_filter_len; }\n' \
	> "$scratch/use-filter.c"
for arch in $arches; do
	for std in c99 c11; do
		check "$arch filter-$arch.c compiles for the target in $std with -Wall -Wextra -Werror -pedantic" \
			"$(tool "$arch" cc)" -std=$std -Wall -Wextra -Werror -pedantic -c "$gen/filter-$arch.c" -o "$scratch/f-$arch.o"
	done
	check "$arch filter.h compiles in C++ for the target" \
		"$(tool "$arch" c++)" -x c++ -std=c++11 -Wall -Wextra -Werror -I "$gen" -c "$scratch/use-filter.c" -o "$scratch/u-$arch.o"
done
check "filter.h and filter-x86_64.c compile for the host (the launcher)" \
	clang-19 -std=c11 -Wall -Wextra -Werror -pedantic -I "$gen" -c "$gen/filter-x86_64.c" -o "$scratch/f-host.o"

# The table's numbers. x86_64: asm/unistd_64.h; aarch64: the generic
# numbering of asm-generic/unistd.h with arm64's choices
# (arch/arm64/include/uapi/asm/unistd.h); both: the libc's <bits/syscall.h>.
# The headers are Linux 6.1; rows they lack must be newer (>= 451).
header_numbers() {
	local arch=$1 f=$scratch/generic.c names
	if [ "$arch" = x86_64 ]; then
		sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9][0-9]*\)$/\1 \2/p' /usr/include/x86_64-linux-gnu/asm/unistd_64.h
		return
	fi
	printf '%s\n' '#define __ARCH_WANT_RENAMEAT' '#define __ARCH_WANT_NEW_STAT' \
		'#define __ARCH_WANT_SET_GET_RLIMIT' '#define __ARCH_WANT_TIME32_SYSCALLS' \
		'#define __ARCH_WANT_SYS_CLONE3' '#define __ARCH_WANT_MEMFD_SECRET' \
		'#include <asm-generic/unistd.h>' > "$f"
	names=$(clang-19 -E -dM -nostdinc -I/usr/include -I/usr/include/x86_64-linux-gnu "$f" |
		sed -n 's/^#define __NR_\([a-z0-9_]*\) .*/\1/p' | grep -vx 'syscalls\|arch_specific_syscall')
	for n in $names; do echo "@@ $n __NR_$n"; done >> "$f"
	clang-19 -E -P -nostdinc -I/usr/include -I/usr/include/x86_64-linux-gnu "$f" | sed -n 's/^@@ //p'
}
libc_numbers() {
	sed -n 's/^#define __NR_\([a-z0-9_]*\)[[:space:]][[:space:]]*\([0-9][0-9]*\)$/\1 \2/p' "$out/$1-unknown-cloudabi/include/bits/syscall.h"
}
# compare_numbers WHAT TABLE REFERENCE [NEWER]: every reference name is
# in the table with the same number; with NEWER, a table row the reference
# lacks must be numbered NEWER or above (newer than the reference).
compare_numbers() {
	awk -v what="$1" -v newer="${4:-}" '
		NR == FNR { table[$2] = $1; next }
		{ ref[$1] = $2; n++
		  if (!($1 in table)) { print what " has " $1 " (" $2 "), policy.tsv does not"; bad = 1 }
		  else if (table[$1] != $2) { print $1 ": policy.tsv " table[$1] ", " what " " $2; bad = 1 } }
		END { for (t in table) if (newer != "" && !(t in ref) && table[t] < newer + 0) { print t " (" table[t] ") is not in " what; bad = 1 }
		      if (!n) { print what ": no numbers read"; bad = 1 }
		      exit bad }' "$2" "$3"
}
for arch in $arches; do
	"$gen/gen-filter" --list "$policy/policy.tsv" "$arch" > "$scratch/list-$arch"
	header_numbers "$arch" > "$scratch/kernel-$arch"
	libc_numbers "$arch" > "$scratch/libc-$arch"
	check "$arch policy.tsv numbers every call of the Linux 6.1 headers, as they do ($(wc -l < "$scratch/kernel-$arch") calls)" \
		compare_numbers "the $arch kernel headers" "$scratch/list-$arch" "$scratch/kernel-$arch" 451
	check "$arch policy.tsv numbers every call the libc's <bits/syscall.h> knows, as it does ($(wc -l < "$scratch/libc-$arch") calls)" \
		compare_numbers "the $arch libc's bits/syscall.h" "$scratch/list-$arch" "$scratch/libc-$arch"
done

# The cases: the filter as data on both architectures, then under the
# kernel with a negative control (x86_64, the machine's own).
for arch in $arches; do
	upper=$(echo "$arch" | tr a-z A-Z)
	if ! output=$(clang-19 -std=gnu11 -O2 -Wall -Wextra -Werror -fuse-ld=lld -DPOLICY_ARCH_$upper \
		-I "$gen" "$here/policy-test.c" "$gen/filter-$arch.c" -o "$scratch/policy-test-$arch" 2>&1); then
		not_ok "policy-test with the $arch filter builds" "$output"
		continue
	fi
	run_checks "policy-test emulate ($arch)" "$scratch/policy-test-$arch" emulate "$scratch/list-$arch"
done
if [ "$(uname -m)" = x86_64 ] && [ -x "$scratch/policy-test-x86_64" ]; then
	run_checks "policy-test kernel (x86_64)" "$scratch/policy-test-x86_64" kernel "$scratch/list-x86_64"
fi

finish
