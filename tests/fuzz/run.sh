#!/usr/bin/env bash
# libFuzzer over the argdata decoder (tests/fuzz/argdata_fuzz.c), built
# for the host from the libc's own argdata sources with AddressSanitizer,
# seeded from the committed corpus (encoding vectors of CAPABILITY-API.md)
# and run for FUZZ_SECONDS (60 by default): no crash, no sanitizer report,
# and decode(encode(x)) == x for every input that decodes.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-60}

check "the fuzz target builds with -fsanitize=fuzzer,address" \
	clang-19 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fuse-ld=lld \
	-I "$top/libc/overlay/include" -I "$top/libc/overlay/src/argdata" \
	"$here/argdata_fuzz.c" "$top"/libc/overlay/src/argdata/*.c -lm -o "$scratch/argdata_fuzz"
mkdir -p "$scratch/corpus"
cp "$here"/corpus/* "$scratch/corpus/"
check "the committed corpus holds the seeds" test "$(ls "$here/corpus" | wc -l)" -ge 10
if [ -x "$scratch/argdata_fuzz" ]; then
	check "fuzzing the argdata decoder for ${seconds}s finds nothing" \
		"$scratch/argdata_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 "$scratch/corpus"
	check "every seed decodes and re-encodes identically" "$scratch/argdata_fuzz" -runs=0 "$here/corpus"
fi
finish
