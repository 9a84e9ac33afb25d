#!/usr/bin/env bash
# make bench, group "syscalls": system-call heavy work inside a granted
# directory (bench/syscalls.c, built with this toolchain): create, write,
# read back and delete 10,000 small files; 100,000 one-byte round trips
# through pipes between two threads; openat of a file 20 directories deep,
# 50,000 times. Each workload times itself (set-up excluded; wall and CPU
# time, two tables). Three ways
# of running the same source, each once a round, the order rotated each
# round (with a fixed order the file workload's first variant once came
# out 2.5 times slower, whichever it was):
#   unconfined     the build with a no-op __cloudabi_confine
#                  (bench/noconfine.c), started directly with the
#                  directory on descriptor 3: no Landlock, no seccomp
#   self-confined  the normal build started directly with the directory on
#                  descriptor 3: the libc's start-up confinement alone
#   cloudabi-run   the normal build under cloudabi-run --dir d=DIR:rw, its
#                  self-confinement nested in the launcher's (as users run it)
# Target: cloudabi-run at most 10% slower than unconfined.
#
#   bench/group-syscalls.sh [--help]
# Environment: BENCH_RUNS / BENCH_RUNS_SYSCALLS, the rounds (default 6).
source "$(dirname "$0")/lib.sh"
no_arguments "$@"
n=$(rounds syscalls 6)
cc=$(ours_cc)
need "$cc" "the toolchain"
need "$out/bin/cloudabi-run" "cloudabi-run"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cc" -O2 -Wall -Werror "$bench/syscalls.c" -o "$tmp/syscalls"
"$cc" -O2 -Wall -Werror "$bench/syscalls.c" "$bench/noconfine.c" -o "$tmp/syscalls-unconfined"
mkdir "$tmp/granted"
d=$tmp/granted

grp=syscalls
group $grp "System-call heavy work in a granted directory ($n rounds, alternating; time of the work as the program measures it)" ns
note $grp "unconfined: the same source linked with a no-op __cloudabi_confine, started directly with the directory on descriptor 3; self-confined: the normal build started directly likewise; cloudabi-run: the normal build under cloudabi-run --dir d=DIR:rw (its own confinement nested in the launcher's)."
note $grp "As $(id -un), directory on the file system of the temporary directory ($(stat -f -c %T "$d"))."
group $grp-cpu "System-call heavy work: CPU time of the same runs (both threads; CLOCK_PROCESS_CPUTIME_ID around the work)" ns
workloads=("files 10000" "pipe 100000" "deep 20 50000")
label() {
	case $1 in
	files*) echo "10,000 files: create, write, read, delete" ;;
	pipe*) echo "100,000 pipe round trips, two threads" ;;
	deep*) echo "50,000 openat 20 levels deep" ;;
	esac
}
variants=(unconfined self-confined cloudabi-run)
run_one() { # VARIANT WORKLOAD...
	local v=$1
	shift
	case $v in
	unconfined) "$tmp/syscalls-unconfined" "$@" 3< "$d" ;;
	self-confined) "$tmp/syscalls" "$@" 3< "$d" ;;
	cloudabi-run) "$out/bin/cloudabi-run" --dir "d=$d:rw" "$tmp/syscalls" "$@" ;;
	esac
}
for w in "${workloads[@]}"; do
	for v in "${variants[@]}"; do rows $grp "$(label "$w"): $v"; rows $grp-cpu "$(label "$w"): $v"; done
done
declare -A broken=()
small() { case $1 in deep*) echo "deep 20 10" ;; *) echo "${1%% *} 10" ;; esac; }
for w in "${workloads[@]}"; do
	for v in "${variants[@]}"; do
		# once small first, not timed: a variant that fails is a row "not
		# measured" with its error
		row="$(label "$w"): $v"
		# shellcheck disable=SC2046
		if ! run_one "$v" $(small "$w") > /dev/null 2> "$tmp/err"; then
			broken[$row]=1
			not_measured_both $grp "$row" "$(first_line "$(cat "$tmp/err")")"
		fi
	done
done
say "$grp: ${#workloads[@]} workloads x ${#variants[@]} variants x $n rounds"
for ((r = 0; r < n; r++)); do
	for w in "${workloads[@]}"; do
		# the order rotates each round: no variant always runs first
		for ((j = 0; j < ${#variants[@]}; j++)); do
			v=${variants[(j + r) % ${#variants[@]}]}
			row="$(label "$w"): $v"
			[ -z "${broken[$row]:-}" ] || continue
			# shellcheck disable=SC2086
			if line=$(run_one "$v" $w 2> "$tmp/err"); then
				read -r wall cpu <<< "$line"
				sample_both $grp "$row" "$wall" "$cpu"
			else
				broken[$row]=1
				not_measured_both $grp "$row" "$(first_line "$(cat "$tmp/err")")"
			fi
		done
	done
done
for k in $grp $grp-cpu; do
	for w in "${workloads[@]}"; do
		ratio $k "$(label "$w"): cloudabi-run / unconfined" "$(label "$w"): cloudabi-run" "$(label "$w"): unconfined" "<=" 1.1
		ratio $k "$(label "$w"): self-confined / unconfined" "$(label "$w"): self-confined" "$(label "$w"): unconfined" report 0
	done
done
show $grp $grp-cpu
