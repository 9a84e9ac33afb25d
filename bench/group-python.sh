#!/usr/bin/env bash
# make bench, group "python": the CloudABI python3 against the host's
# Debian python3.11 (the same CPython version), in the same run:
#   start-up   python3 -c pass, from posix_spawn to wait4 (bench/spawn.c),
#              ours started by cloudabi-run (confined), the host's plain
#   json       dumps and loads of a generated document, in-process
#   regex      seven patterns over generated text, in-process
#              (bench/python-work.py times both inside the interpreter)
# Every round runs each variant once, alternating. No target: the ratios
# are reported.
#
#   bench/group-python.sh [--help]
# Environment: BENCH_RUNS / BENCH_RUNS_PYTHON, the rounds (default 30 for
# the start-up, a fifth of that, at least 3, for the workloads).
source "$(dirname "$0")/lib.sh"
no_arguments "$@"
n=$(rounds python 30)
nw=$(( n / 5 < 3 ? 3 : n / 5 ))
py=$out/$arch-unknown-cloudabi/bin/python3
need "$py" "python3 (./build.sh without --without-python)"
need "$out/bin/cloudabi-run" "cloudabi-run"
host_py=$(realpath "$(command -v python3.11)")
spawn=$(spawn_tool)
tmp=$work/python
rm -rf "$tmp"
mkdir -p "$tmp"
cp "$bench/python-work.py" "$tmp/work.py"

r_ours="ours: python3 under cloudabi-run"
r_host="host: Debian's python3.11"
group python-start "Python start-up, python3 -c pass: wall time per start ($n rounds, alternating)" ns
group python-start-cpu "Python start-up, python3 -c pass: CPU time per start, the same starts" ns
rows python-start "$r_ours" "$r_host"
rows python-start-cpu "$r_ours" "$r_host"
printf '%s\t-\t%s\t--\t%s\t-c\tpass\n' "$r_ours" "$out/bin/cloudabi-run" "$py" > "$tmp/list"
printf '%s\t-\t%s\t-c\tpass\n' "$r_host" "$host_py" >> "$tmp/list"
"$spawn" -n "$n" "$tmp/list" > "$tmp/times" || die "python-start: the timed run failed (above)"
while IFS=$'\t' read -r name wall cpu; do sample_both python-start "$name" "$wall" "$cpu"; done < "$tmp/times"
for k in python-start python-start-cpu; do ratio $k "ours / host" "$r_ours" "$r_host" report 0; done
show python-start python-start-cpu

for w in json regex; do
	group python-$w "Python $w workload, in-process ($nw rounds, alternating; bench/python-work.py)" ns
	rows python-$w "$r_ours" "$r_host"
done
for ((i = 0; i < nw; i++)); do
	# alternate which runs first
	order=("ours" "host")
	[ $((i % 2)) = 1 ] && order=("host" "ours")
	for who in "${order[@]}"; do
		if [ "$who" = ours ]; then
			got=$("$out/bin/cloudabi-run" --file script="$tmp/work.py" -- "$py") || die "python: ours failed: $got"
			row=$r_ours
		else
			got=$(cd "$tmp" && "$host_py" work.py) || die "python: the host's python3.11 failed: $got"
			row=$r_host
		fi
		while read -r w ns; do sample python-$w "$row" "$ns"; done <<< "$got"
	done
done
for w in json regex; do ratio python-$w "ours / host" "$r_ours" "$r_host" report 0; done
show python-json python-regex
