#!/usr/bin/env bash
# Speed of the libc's GB18030 decoder on four-byte sequences
# (libc/patches/0018, CVE-2026-6042): bench/gb18030.c built for this
# machine's target decodes the same characters from GB18030 and from
# UTF-16LE in alternating rounds and prints the ratio of the medians
# (GB18030 / UTF-16LE, both measured in this run). The same program built
# against the host's glibc follows, for comparison. (musl 1.2.3's decoder
# rescanned its two-byte table over and over for one character; to time
# it, take 0018 out of libc/patches/series, ./build.sh, and run this.)
#
#   bench/gb18030.sh [ROUNDS [REPS]]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-7}
reps=${2:-20}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$top/out/bin/$(uname -m)-unknown-cloudabi-cc" -O2 -Wall -Werror "$top/bench/gb18030.c" -o "$dir/gb18030"
clang-19 -O2 -Wall -Werror -fuse-ld=lld "$top/bench/gb18030.c" -o "$dir/gb18030-glibc"

echo "this libc:"
"$dir/gb18030" "$rounds" "$reps" 3< "$dir" | sed 's/^/  /'
echo "glibc (host), same program:"
"$dir/gb18030-glibc" "$rounds" "$reps" | tail -n 1 | sed 's/^/  /'
