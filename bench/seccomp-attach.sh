#!/usr/bin/env bash
# make bench, group "attach": where self-confinement's start-up time goes
# in the seccomp step. bench/seccomp-attach.c forks N children one after
# another, each attaching no filter, a one-instruction filter, or the
# policy's generated filter (build/policy/filter-<arch>.c) before it
# exits, and prints the mean microseconds per child; the three alternate,
# ROUNDS times. The difference between the last two is what the policy's
# length costs; divided by its instruction count, what one instruction of
# filter costs to attach.
#
#   bench/seccomp-attach.sh [--help] [N]      N children per sample (default 200)
# Environment: BENCH_RUNS / BENCH_RUNS_ATTACH, the rounds (default 15).
source "$(dirname "$0")/lib.sh"
case ${1:-} in
-h|--help) usage; exit 0 ;;
"") per=200 ;;
*[!0-9]*) die "N must be a number, not '$1' (see --help)" ;;
*) per=$1 ;;
esac
n=$(rounds attach 15)
filter=$top/build/policy/filter-$arch.c
need "$filter" "the policy's filter"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
host_cc -I"$top/build/policy" "$bench/seccomp-attach.c" "$filter" -o "$tmp/attach"
len=$(sed -n 's/.*cloudabi_seccomp_filter_len = \([0-9]*\);.*/\1/p' "$filter")

grp=attach
group $grp "Attaching seccomp filters: a forked child per start ($n rounds of $per children, alternating)" us
note $grp "Each sample is the mean over $per children of fork, no_new_privs, the attach, exit and wait (bench/seccomp-attach.c), as $(id -un)."
r_none="fork + exit, no filter"
r_one="with a 1-instruction filter"
r_pol="with the policy's filter ($len instructions)"
"$tmp/attach" none "$per" > /dev/null   # warm up
for ((r = 0; r < n; r++)); do
	sample $grp "$r_none" "$("$tmp/attach" none "$per")"
	sample $grp "$r_one" "$("$tmp/attach" one "$per")"
	sample $grp "$r_pol" "$("$tmp/attach" policy "$per")"
done
note $grp "$(awk -v a="$(median $grp "$r_one")" -v b="$(median $grp "$r_pol")" -v len="$len" 'BEGIN {
	printf "From the medians: %.3f us per filter instruction ((policy - 1-instruction) / %d).", (b - a) / (len - 1), len - 1 }')"
ratio $grp "policy / 1-instruction filter" "$r_pol" "$r_one" report 0
ratio $grp "1-instruction filter / no filter" "$r_one" "$r_none" report 0
show $grp
