#!/usr/bin/env bash
# The cost of cloudabi-run --isolate: the same program started N times
# through the launcher with and without it, in one run; prints both and
# the ratio.
#
#   bench/isolate.sh [N]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-500}
run=$top/out/bin/cloudabi-run
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'int main(void) { return 0; }\n' > "$dir/hello.c"
"$top/out/bin/$(uname -m)-unknown-cloudabi-cc" -O2 "$dir/hello.c" -o "$dir/hello"
mkdir "$dir/g"

time_runs() {
	local t0 t1 i
	t0=$(date +%s%N)
	for ((i = 0; i < n; i++)); do "$run" "$@" --dir g="$dir/g" "$dir/hello"; done
	t1=$(date +%s%N)
	echo $((t1 - t0))
}
time_runs > /dev/null   # warm up
plain=$(time_runs)
isolated=$(time_runs --isolate)
awk -v p="$plain" -v i="$isolated" -v n="$n" 'BEGIN {
	printf "cloudabi-run:           %.1f us\ncloudabi-run --isolate: %.1f us\nratio: %.2f (%.0f us more per start)\n",
		p / n / 1000, i / n / 1000, i / p, (i - p) / n / 1000 }'
