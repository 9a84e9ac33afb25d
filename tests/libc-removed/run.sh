#!/usr/bin/env bash
# Every entry of libc/manifest.tsv, on both targets, tested from the
# manifest itself (so a new entry is tested without writing a test):
#  - compile: each removed function referenced from its header, in C
#    (c99, c11, c17, gnu17) and C++ (c++11, c++17, c++20); the error at its
#    line must carry the manifest's reason. One translation unit per header
#    and standard, -ferror-limit=0.
#  - link: a hand-written prototype of every removed symbol (names and
#    musl's aliases) in one program; lld's error for each must come with
#    the manifest's explanation.
#  - libc.a defines none of them; removed macros are not defined.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
quiet_ok=1
manifest=$top/libc/manifest.tsv
gen=$scratch/gen
check "the manifest is well formed (libc/check-manifest.sh)" \
	"$top/libc/check-manifest.sh" "$top/build/src/musl-1.2.3/include"
python3 "$top/libc/manifest.py" tests "$manifest" "$gen" > /dev/null

# Names libc.a still defines until the kept code that uses them is reworked
# (libc/pending-removals.txt): reported as pending, counted neither way.
pending=$(sed 's/#.*//' "$top/libc/pending-removals.txt" | awk -F '\t' 'NF { print $1 }')
is_pending() { grep -qx -- "$1" <<< "$pending"; }
report_pending() {
	echo "pending - $1: $2 (libc/pending-removals.txt: $(awk -F '\t' -v n="$1" '$1 == n { print $2 }' "$top/libc/pending-removals.txt"))"
}

c_stds="c99 c11 c17 gnu17"
cxx_stds="c++11 c++17 c++20"

# compile_check ARCH LANG STDS: one case per (entry, header) for LANG.
compile_check() {
	local arch=$1 lang=$2 stds=$3 cc src base std errors line name reason bad
	cc=$(tool "$arch" cc)
	[ "$lang" = c++ ] && cc=$(tool "$arch" c++)
	for src in "$gen"/*.c; do
		base=$(basename "$src" .c)
		[ "$base" != link ] && [ -f "$gen/$base.expect" ] || continue
		: > "$scratch/errors"
		for std in $stds; do
			"$cc" -x "$lang" -std="$std" -fsyntax-only -ferror-limit=0 -Wall -Wextra "$src" \
				2>&1 | grep ': error: ' | sed "s/^/$std /" >> "$scratch/errors" || true
		done
		while IFS=$'\t' read -r line name reason; do
			bad=""
			for std in $stds; do
				grep -qF "$std $src:$line:" "$scratch/errors" &&
					grep -F "$std $src:$line:" "$scratch/errors" |
					grep -qF "'$name' is unavailable: $name() is not available on CloudABI: $reason" ||
					bad="$bad $std"
			done
			if [ -z "$bad" ]; then
				ok "$arch $lang: $name is a compile error with its reason"
			else
				not_ok "$arch $lang: $name is a compile error with its reason" \
					"missing or wrong in:$bad" "$(grep -F ":$line:" "$scratch/errors" | head -3)"
			fi
		done < "$gen/$base.expect"
		# the header itself must not produce any other error
		local others
		others=$(grep -vF "is unavailable: " "$scratch/errors" || true)
		if [ -n "$others" ]; then
			not_ok "$arch $lang: <$base> has no other errors" "$(head -5 <<< "$others")"
		fi
	done
}

# The targets run side by side (each is thousands of compiles on one
# core), each in its own subshell with its own scratch directory; a
# subshell prints its cases, then its counts, which are added here.
scratch_root=$scratch
one_arch() {
	local arch=$1
	scratch=$scratch_root/$arch
	mkdir -p "$scratch"
	passed=0 failed=0
	compile_check "$arch" c "$c_stds"
	compile_check "$arch" c++ "$cxx_stds"

	# The issue's list of common calls, written as a program would.
	for std in c11 gnu17 c++17 c++20; do
		lang=c; cc=$(tool "$arch" cc)
		case $std in c++*) lang=c++; cc=$(tool "$arch" c++) ;; esac
		while read -r verdict name why; do
			if [ "$verdict" = ok ]; then ok "$arch $std: calling $name fails to compile, naming its replacement"
			else not_ok "$arch $std: calling $name fails to compile, naming its replacement" "$why"; fi
		done < <("$here/acceptance.sh" "$cc" "$lang" "$std")
	done

	# One link with every removed symbol undefined.
	"$(tool "$arch" cc)" -w -c "$gen/link.c" -o "$scratch/link.o"
	"$(tool "$arch" cc)" "$scratch/link.o" -Wl,--error-limit=0 -o "$scratch/link" \
		> "$scratch/link.out" 2>&1 && not_ok "$arch: the link of removed symbols fails" "it succeeded"
	while IFS=$'\t' read -r name reason; do
		if is_pending "$name"; then
			report_pending "$name" "still links from a hand-written prototype"
		elif grep -qE "undefined symbol: $name\$" "$scratch/link.out" &&
			grep -qF ">>> note: $name() is not available on CloudABI: $reason" "$scratch/link.out"; then
			ok "$arch link: $name is undefined, with its explanation"
		else
			not_ok "$arch link: $name is undefined, with its explanation" \
				"$(grep -F "$name" "$scratch/link.out" | head -3)"
		fi
	done < "$gen/link.expect"

	check "$arch: libc.a's symbols are tests/expected/$arch-unknown-cloudabi/defined-symbols.txt" \
		sh -c "'$top/tests/expected/list.sh' '$out' $arch defined-symbols | diff -u '$top/tests/expected/$arch-unknown-cloudabi/defined-symbols.txt' -"

	check "$arch: the installed headers' removals are tests/expected/$arch-unknown-cloudabi/removed-by-header.txt" \
		sh -c "'$top/tests/expected/list.sh' '$out' $arch removed-by-header | diff -u '$top/tests/expected/$arch-unknown-cloudabi/removed-by-header.txt' -"
	# control: a header whose open() lost its marking shows in that list
	rm -rf "$scratch/inc" && cp -r "$out/$arch-unknown-cloudabi/include" "$scratch/inc"
	sed -i 's/^int open(const char \*, int, \.\.\.) __attribute__.*/int open(const char *, int, ...);/' "$scratch/inc/fcntl.h"
	check "$arch: (control) an unmarked open() in fcntl.h drops its line from that list" \
		sh -c "python3 '$top/tests/expected/removed.py' '$scratch/inc' '$manifest' | diff '$top/tests/expected/$arch-unknown-cloudabi/removed-by-header.txt' - | grep -qx '< fcntl.h	unavailable function	open'"

	# libc.a defines none of the names.
	llvm-nm-19 --defined-only --extern-only "$out/$arch-unknown-cloudabi/lib/libc.a" 2>/dev/null |
		awk 'NF >= 3 { print $3 }' | LC_ALL=C sort -u > "$scratch/defined"
	python3 "$top/libc/manifest.py" names "$manifest" | while read -r name; do
		if grep -qx "$name" "$scratch/defined"; then echo "FAIL $name"; else echo "ok $name"; fi
	done > "$scratch/nm"
	while read -r verdict name; do
		if is_pending "$name"; then report_pending "$name" "still defined in libc.a"
		elif [ "$verdict" = ok ]; then ok "$arch: libc.a does not define $name"
		else not_ok "$arch: libc.a does not define $name"; fi
	done < "$scratch/nm"

	# No global path inside the library (debug information aside).
	llvm-objcopy-19 --strip-debug "$out/$arch-unknown-cloudabi/lib/libc.a" "$scratch/libc-stripped.a"
	found=$(grep -aoE '/(etc|proc|dev|bin|usr)/[[:print:]]*|/tmp[[:print:]]*' "$scratch/libc-stripped.a" | LC_ALL=C sort -u || true)
	# only those allowed-paths.txt names, each with its reason
	paths=$(grep -vxF -f <(grep -v '^#' "$here/allowed-paths.txt" | grep .) <<< "$found" || true)
	check "$arch: libc.a holds no /etc/, /proc/, /dev/, /tmp, /bin/ or /usr/ string but those allowed-paths.txt names" test -z "$paths"
	check "$arch: (control) the search finds the one allowed-paths.txt names" grep -qxF /proc/sys/kernel/arch <<< "$found"
	[ -z "$paths" ] || printf '       %s\n' $paths
	check "$arch: (control) the search finds such a string where there is one" \
		sh -c "printf 'x\0/etc/passwd\0' | grep -aqE '/(etc|proc|dev|bin|usr)/'"

	for std in $c_stds; do
		check "$arch $std: removed macros are not defined" \
			"$(tool "$arch" cc)" -std="$std" -fsyntax-only "$gen/absent.c"
	done
	for std in $cxx_stds; do
		check "$arch $std: removed macros are not defined" \
			"$(tool "$arch" c++)" -x c++ -std="$std" -fsyntax-only "$gen/absent.c"
	done
	echo "@@counts $passed $failed"
}
for arch in $arches; do
	one_arch "$arch" > "$scratch_root/out-$arch" 2>&1 &
done
wait
for arch in $arches; do
	grep -v '^@@counts ' "$scratch_root/out-$arch" || true
	if read -r _ p f < <(grep '^@@counts ' "$scratch_root/out-$arch"); then
		passed=$((passed + p)) failed=$((failed + f))
	else
		not_ok "$arch: the cases ran to the end" "$(tail -n 5 "$scratch_root/out-$arch")"
	fi
done

echo "(passing cases are counted, not listed; TESTS_VERBOSE=1 lists them)"
finish
