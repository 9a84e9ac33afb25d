#!/usr/bin/env bash
# libFuzzer over the argdata decoder (tests/fuzz/argdata_fuzz.c) and over
# cloudabi-run's YAML-to-argdata conversion (config_fuzz.c), each built
# for the host from the libc's own argdata sources with AddressSanitizer,
# seeded from the committed corpus (the encoding vectors of
# docs/capability-api.md)
# and run for FUZZ_SECONDS each (30 by default): no crash, no sanitizer report,
# and decode(encode(x)) == x for every input that decodes.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-30}
# a crashing input is written here, never into the working directory
artifacts=(-artifact_prefix="$scratch/")

check "the fuzz target builds with -fsanitize=fuzzer,address" \
	clang-19 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fuse-ld=lld \
	-I "$top/libc/overlay/include" -I "$top/libc/overlay/src/argdata" \
	"$here/argdata_fuzz.c" "$top"/libc/overlay/src/argdata/*.c -lm -o "$scratch/argdata_fuzz"
mkdir -p "$scratch/corpus"
cp "$here"/corpus/* "$scratch/corpus/"
check "the committed corpus holds the seeds" test "$(ls "$here/corpus" | wc -l)" -ge 10
check "the config fuzz target builds" \
	clang-19 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fuse-ld=lld \
	-I "$top/runtime/cloudabi-run" -I "$top/runtime/policy" -I "$top/libc/overlay/include" -I "$top/libc/overlay/src/argdata" \
	"$here/config_fuzz.c" "$top/runtime/cloudabi-run/config.c" "$top"/libc/overlay/src/argdata/*.c \
	-Wl,-Bstatic -lyaml -Wl,-Bdynamic -lm -o "$scratch/config_fuzz"
mkdir -p "$scratch/corpus-config"
cp "$here"/corpus-config/* "$scratch/corpus-config/"
# The two fuzzers run side by side, one processor each; their results are
# checked when both have ended.
# fuzz NAME COMMAND...: run COMMAND in the background, its output and exit
# status in $scratch/NAME.log and NAME.status
fuzz() {
	local name=$1
	shift
	( "$@" > "$scratch/$name.log" 2>&1; echo $? > "$scratch/$name.status" ) &
}
# fuzzed NAME CHECK: the check passes if NAME's fuzzer exited 0
fuzzed() {
	[ -e "$scratch/$1.status" ] || return 0
	if [ "$(cat "$scratch/$1.status")" = 0 ]; then ok "$2"
	else not_ok "$2" "exit status $(cat "$scratch/$1.status")" "$(tail -n 30 "$scratch/$1.log")"; fi
}
[ -x "$scratch/argdata_fuzz" ] && fuzz argdata "$scratch/argdata_fuzz" "${artifacts[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 "$scratch/corpus"
[ -x "$scratch/config_fuzz" ] && fuzz config env ASAN_OPTIONS=detect_leaks=0 "$scratch/config_fuzz" "${artifacts[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-detect_leaks=0 -print_final_stats=1 "$scratch/corpus-config"
wait
fuzzed argdata "fuzzing the argdata decoder for ${seconds}s finds nothing"
fuzzed config "fuzzing YAML to argdata for ${seconds}s finds nothing"
if [ -x "$scratch/argdata_fuzz" ]; then
	check "every seed decodes and re-encodes identically" "$scratch/argdata_fuzz" "${artifacts[@]}" -runs=0 "$here/corpus"
fi
finish
