#!/usr/bin/env bash
# make bench, group "gb18030": the speed of the libc's GB18030 decoder on
# four-byte sequences (libc/patches/0018, CVE-2026-6042). bench/gb18030.c
# built for this machine's target decodes the same characters from
# GB18030 and from UTF-16LE in alternating rounds (ns per character); the
# same program built against the host's glibc follows, for comparison.
# The ratio GB18030 / UTF-16LE is the figure: each library's two rows
# alternate inside one program (this libc's and glibc's runs follow each
# other, so compare their ratios, not their times). (musl 1.2.3's decoder
# rescanned its two-byte table over and over for one character; to time
# it, take 0018 out of libc/patches/series, ./build.sh, and run this.)
#
#   bench/gb18030.sh [--help] [REPS]     REPS conversions per round (default 20)
# Environment: BENCH_RUNS / BENCH_RUNS_GB18030, the rounds (default 7, at most 99).
source "$(dirname "$0")/lib.sh"
case ${1:-} in
-h|--help) usage; exit 0 ;;
"") reps=20 ;;
*[!0-9]*) die "REPS must be a number, not '$1' (see --help)" ;;
*) reps=$1 ;;
esac
n=$(rounds gb18030 7)
[ "$n" -le 99 ] || die "at most 99 rounds, not $n"
need "$(ours_cc)" "the toolchain"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$(ours_cc)" -O2 -Wall -Werror "$bench/gb18030.c" -o "$tmp/gb18030"
clang-19 -O2 -Wall -Werror -fuse-ld=lld "$bench/gb18030.c" -o "$tmp/gb18030-glibc"

grp=gb18030
group $grp "GB18030 four-byte decoding against UTF-16LE of the same characters ($n rounds, alternating inside each program)" ns/char
decode() { # LIBRARY PROGRAM...
	local lib=$1 line
	shift
	"$@" "$n" "$reps" > "$tmp/out" || die "$lib: the program failed (above)"
	while read -r line; do
		if [[ $line =~ ^round\ [0-9]+:\ GB18030\ ([0-9.]+)\ ns/char,\ UTF-16LE\ ([0-9.]+)\ ns/char$ ]]; then
			sample $grp "$lib: GB18030" "${BASH_REMATCH[1]}"
			sample $grp "$lib: UTF-16LE" "${BASH_REMATCH[2]}"
		fi
	done < "$tmp/out"
}
decode "this libc" "$tmp/gb18030" 3< "$tmp"
decode "glibc (host)" "$tmp/gb18030-glibc"
ratio $grp "this libc: GB18030 / UTF-16LE" "this libc: GB18030" "this libc: UTF-16LE" report 0
ratio $grp "glibc: GB18030 / UTF-16LE" "glibc (host): GB18030" "glibc (host): UTF-16LE" report 0
show $grp
