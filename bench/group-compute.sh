#!/usr/bin/env bash
# make bench, group "compute": zlib compressing 64 MiB of generated text in
# memory (bench/zbench.c; the program times deflate itself), the same
# source built four ways, each run once a round (the order rotated):
#   ours       zlib built as tests/ports builds its port (the same
#              machinery: the pinned Debian source, the port's patch, its
#              recipe's configure and make), run under cloudabi-run
#   musl       the same zlib source built with Debian's musl-gcc, static
#   glibc      gcc against Debian's own zlib (zlib1g, the same upstream
#              version), as a Debian program is
#   WASI       the same zlib source built with clang-19 for wasm32-wasi
#              (Debian's wasi-libc), run by Node.js's WASI
# zlib's configure picks its own flags (-O3) in the three source builds.
# Every build must produce the same compressed stream (size and CRC-32 are
# checked). Targets: ours within 2% of musl; at least 1.5x faster than
# WASI on Node.
#
#   bench/group-compute.sh [--help]
# Environment: BENCH_RUNS / BENCH_RUNS_COMPUTE, the rounds (default 3);
# BENCH_ZLIB_MIB, the input size (default 64).
source "$(dirname "$0")/lib.sh"
no_arguments "$@"
n=$(rounds compute 3)
mib=${BENCH_ZLIB_MIB:-64}
cc=$(ours_cc)
need "$cc" "the toolchain"
need "$out/bin/cloudabi-run" "cloudabi-run"
z=$work/zlib
rm -rf "$z"
mkdir -p "$z"

grp=compute
r_ours="ours: zlib port, under cloudabi-run"
r_musl="plain musl: musl-gcc -static, same zlib source"
r_glibc="glibc: gcc, Debian's zlib1g"
r_wasi="WASI: clang-19 wasm32-wasi, same zlib source, on Node.js $(node --version)"
group $grp "Compute: zlib deflate of $mib MiB at the default level ($n rounds, alternating; wall time of deflate as the program measures it)" ns
group $grp-cpu "Compute: zlib deflate, CPU time of the same runs (CLOCK_PROCESS_CPUTIME_ID around deflate; Node's compiler and GC threads included)" ns
rows $grp "$r_ours" "$r_musl" "$r_glibc" "$r_wasi"
rows $grp-cpu "$r_ours" "$r_musl" "$r_glibc" "$r_wasi"

# The port's source and patch, fetched and verified by tests/ports'
# machinery, and its recipe's cross build for this machine.
log=$z/build.log
port() { # ACTION ARGS...: tests/ports' functions in a subshell
	(
		# shellcheck disable=SC1091
		source "$top/tests/lib.sh"
		# shellcheck disable=SC1091
		source "$top/tests/ports/lib-ports.sh"
		"$@"
	)
}
ours_build() {
	unpack zlib "$z/ours" patch
	# shellcheck disable=SC1091
	source "$top/tests/ports/zlib/recipe.sh"
	cross_build "$arch" "$z/ours"
}
plain_build() { # DIR CC AR RANLIB: the same source, zlib's configure --static
	unpack zlib "$1" patch
	cd "$1" && CC=$2 AR=$3 RANLIB=$4 ./configure --static && make -j "$(nproc)" libz.a
}
gone() { not_measured_both $grp "$1" "$2"; }  # ROW REASON
cflags_of() { sed -n 's/^CFLAGS=//p' "$1/Makefile" | head -n 1; }

say "building zlib four ways (log: $(clean "$log"))"
: > "$log"
fetched=yes
port fetch_ports zlib >> "$log" 2>&1 || fetched="the pinned zlib source could not be fetched: $(tail -n 1 "$log")"
if [ "$fetched" != yes ]; then
	gone "$r_ours" "$fetched"
elif port ours_build >> "$log" 2>&1 &&
	"$cc" -O2 -Wall -Werror -I"$z/ours" "$bench/zbench.c" "$z/ours/libz.a" -o "$z/zbench-ours" >> "$log" 2>&1; then
	note $grp "ours: zlib CFLAGS $(cflags_of "$z/ours")"
else
	gone "$r_ours" "the zlib port did not build: $(tail -n 1 "$log")"
fi
if [ "$fetched" != yes ]; then
	gone "$r_musl" "$fetched"
elif port plain_build "$z/musl" musl-gcc ar ranlib >> "$log" 2>&1 &&
	musl-gcc -static -O2 -Wall -Werror -I"$z/musl" "$bench/zbench.c" "$z/musl/libz.a" -o "$z/zbench-musl" >> "$log" 2>&1; then
	note $grp "musl: zlib CFLAGS $(cflags_of "$z/musl") ($(musl-gcc --version | head -n 1))"
else
	gone "$r_musl" "musl-gcc build failed: $(tail -n 1 "$log")"
fi
if host_cc "$bench/zbench.c" -lz -o "$z/zbench-glibc" >> "$log" 2>&1; then
	note $grp "glibc: zlib1g $(dpkg-query -W -f='${Version}' zlib1g), linked dynamically"
else
	gone "$r_glibc" "gcc build failed: $(tail -n 1 "$log")"
fi
if [ "$fetched" != yes ]; then
	gone "$r_wasi" "$fetched"
elif port plain_build "$z/wasi" "clang-19 --target=wasm32-wasi" llvm-ar-19 llvm-ranlib-19 >> "$log" 2>&1 &&
	wasi_cc -Wall -Werror -I"$z/wasi" "$bench/zbench.c" "$z/wasi/libz.a" -o "$z/zbench.wasm" >> "$log" 2>&1; then
	note $grp "WASI: zlib CFLAGS $(cflags_of "$z/wasi")"
else
	gone "$r_wasi" "the WASI build failed: $(tail -n 1 "$log")"
fi

rows=()
declare -A cmd=()
[ -x "$z/zbench-ours" ] && rows+=("$r_ours") && cmd[$r_ours]="$out/bin/cloudabi-run $z/zbench-ours $mib"
[ -x "$z/zbench-musl" ] && rows+=("$r_musl") && cmd[$r_musl]="$z/zbench-musl $mib"
[ -x "$z/zbench-glibc" ] && rows+=("$r_glibc") && cmd[$r_glibc]="$z/zbench-glibc $mib"
[ -f "$z/zbench.wasm" ] && rows+=("$r_wasi") && cmd[$r_wasi]="$(node_wasi "$bench") $z/zbench.wasm $mib"

say "$grp: ${#rows[@]} builds x $n rounds"
declare -A stream=() broken=()
for ((r = 0; r < n; r++)); do
	# the order rotates each round: no build always runs first
	for ((j = 0; j < ${#rows[@]}; j++)); do
		row=${rows[(j + r) % ${#rows[@]}]}
		[ -z "${broken[$row]:-}" ] || continue
		# shellcheck disable=SC2086
		if line=$(${cmd[$row]} 2> "$z/err"); then
			read -r wall cpu size crc <<< "$line"
			sample_both $grp "$row" "$wall" "$cpu"
			stream[$row]="$size bytes, CRC-32 $crc"
		else
			broken[$row]=1
			not_measured_both $grp "$row" "$(first_line "$(cat "$z/err")")"
		fi
	done
done
streams=$(for row in "${rows[@]}"; do [ -n "${stream[$row]:-}" ] && echo "${stream[$row]}"; done | sort -u)
if [ "$(wc -l <<< "$streams")" = 1 ]; then
	note $grp "Every build produced the same compressed stream: $streams."
else
	for row in "${rows[@]}"; do note $grp "Compressed stream of $row: ${stream[$row]:-none}"; done
fi
for k in $grp $grp-cpu; do
	ratio $k "ours / plain musl" "$r_ours" "$r_musl" "<=" 1.02
	ratio $k "ours / glibc (Debian's zlib)" "$r_ours" "$r_glibc" report 0
	ratio $k "WASI on Node / ours (times faster)" "$r_wasi" "$r_ours" ">=" 1.5
done
show $grp $grp-cpu
