#!/usr/bin/env bash
# Start-up cost of self-confinement: the same hello world, with the libc's
# start-up confinement and without it (a program-defined no-op
# __cloudabi_confine replaces the library's), each started N times in one
# run; prints both and the ratio. The target is <= 1.2 (docs/confinement.md).
#
#   bench/startup.sh [N]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-2000}
cc=$top/out/bin/$(uname -m)-unknown-cloudabi-cc
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

printf 'int main(void) { return 0; }\n' > "$dir/hello.c"
printf 'void __cloudabi_confine(void) {}\n' > "$dir/noconfine.c"
"$cc" -O2 "$dir/hello.c" -o "$dir/confined"
"$cc" -O2 "$dir/hello.c" "$dir/noconfine.c" -o "$dir/unconfined"

# time_runs PROGRAM: nanoseconds for N starts, one after another
time_runs() {
	local t0 t1 i
	t0=$(date +%s%N)
	for ((i = 0; i < n; i++)); do "$1" 3< "$dir"; done
	t1=$(date +%s%N)
	echo $((t1 - t0))
}
time_runs "$dir/unconfined" > /dev/null   # warm up
base=$(time_runs "$dir/unconfined")
conf=$(time_runs "$dir/confined")
awk -v b="$base" -v c="$conf" -v n="$n" 'BEGIN {
	printf "unconfined start: %.1f us\nconfined start:   %.1f us\nratio: %.2f (target <= 1.20)\n",
		b / n / 1000, c / n / 1000, c / b }'
