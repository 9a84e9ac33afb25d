#!/usr/bin/env bash
# Where self-confinement's start-up time goes in the seccomp step: a child
# that attaches no filter, a one-instruction filter, and the policy's
# generated filter, N of each in one run (bench/seccomp-attach.c). The
# difference between the last two is what the policy's size costs; divided
# by its instruction count, what one instruction of filter costs to attach.
#
#   bench/seccomp-attach.sh [N]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-2000}
arch=$(uname -m)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
clang-19 -O2 -Wall -Werror -fuse-ld=lld -I"$top/build/policy" "$top/bench/seccomp-attach.c" \
	"$top/build/policy/filter-$arch.c" -o "$dir/attach"
len=$(sed -n 's/.*cloudabi_seccomp_filter_len = \([0-9]*\);.*/\1/p' "$top/build/policy/filter-$arch.c")

"$dir/attach" none "$n" > /dev/null   # warm up
none=$("$dir/attach" none "$n")
one=$("$dir/attach" one "$n")
policy=$("$dir/attach" policy "$n")
awk -v a="$none" -v b="$one" -v c="$policy" -v len="$len" 'BEGIN {
	printf "fork + exit, no filter:          %.1f us\n", a
	printf "  with a 1-instruction filter:   %.1f us (+%.1f)\n", b, b - a
	printf "  with the policy (%d insns):   %.1f us (+%.1f)\n", len, c, c - a
	printf "per filter instruction: %.3f us; the policy costs %.2fx a 1-instruction filter\n",
		(c - b) / (len - 1), (c - a) / (b - a) }'
