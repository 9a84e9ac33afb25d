#!/usr/bin/env bash
# make bench, group "startup": the wall time of one start of hello world,
# from posix_spawn to wait4 (bench/spawn.c, no shell in between), for
# every way of starting it, all in one run, each once a round (the order
# rotated by one each round):
# static glibc; ours unconfined (no-op __cloudabi_confine), the
# confinement floor (bench/floor-confine.c), the launcher floor
# (bench/launch-floor.c) on it, ours self-confined, under cloudabi-run and
# cloudabi-run --isolate; static glibc under bwrap and firejail; WASI on
# Node.js. As root, then as nobody (setpriv); not as root: as this user.
# The same starts give a second table: each start's CPU time (rusage).
#
#   bench/group-startup.sh [--help]
# Environment: BENCH_RUNS / BENCH_RUNS_STARTUP, the rounds (default 150).
source "$(dirname "$0")/lib.sh"
no_arguments "$@"
n=$(rounds startup 150)
cc=$(ours_cc)
need "$cc" "the toolchain"
need "$out/bin/cloudabi-run" "cloudabi-run"
spawn=$(spawn_tool)

# Everything the runs need, readable by nobody: a fresh directory.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
mkdir -m 755 "$tmp/granted"
host_cc -static "$bench/hello.c" -o "$tmp/hello-glibc"
"$cc" -O2 "$bench/hello.c" "$bench/noconfine.c" -o "$tmp/hello-unconfined"
"$cc" -O2 "$bench/hello.c" "$bench/floor-confine.c" -o "$tmp/hello-floor"
"$cc" -O2 "$bench/hello.c" -o "$tmp/hello"
host_cc -static -nostdlib -fno-pie -no-pie -fno-stack-protector "$bench/launch-floor.c" -o "$tmp/launch-floor"
# a build that fails leaves its row "not measured" with the compiler's error
wasi_cc "$bench/hello.c" -o "$tmp/hello.wasm" 2> "$tmp/wasi.err" || echo "the WASI build failed: $(first_line "$(cat "$tmp/wasi.err")")" > "$tmp/hello.wasm.failed"
cp "$bench/wasi-run.mjs" "$out/bin/cloudabi-run" "$spawn" "$tmp/"
chmod -R a+rX "$tmp"

g=$tmp/granted
r_glibc="static glibc hello (gcc -static)"
r_base="ours, unconfined (no-op __cloudabi_confine)"
r_floor="confinement floor (bench/floor-confine.c)"
r_lfloor="launcher floor: launch-floor + confinement floor"
r_self="ours, self-confined (started directly)"
r_run="cloudabi-run --dir d=DIR ./hello"
r_iso="cloudabi-run --isolate --dir d=DIR ./hello"
r_bwrap="bwrap --unshare-all --ro-bind / / glibc hello"
r_fj="firejail --noprofile --quiet glibc hello"
r_node="WASI hello on Node.js $(node --version)"
all_rows=("$r_glibc" "$r_base" "$r_floor" "$r_lfloor" "$r_self" "$r_run" "$r_iso" "$r_bwrap" "$r_fj" "$r_node")
# NAME, descriptor 3 (a directory, or -), the command
commands() {
	printf '%s\t%s\t%s\n' \
		"$r_glibc" - "$tmp/hello-glibc" \
		"$r_base" "$g" "$tmp/hello-unconfined" \
		"$r_floor" "$g" "$tmp/hello-floor" \
		"$r_lfloor" "$g" "$tmp/launch-floor	$tmp/hello-floor" \
		"$r_self" "$g" "$tmp/hello" \
		"$r_run" - "$tmp/cloudabi-run	--dir	d=$g	$tmp/hello" \
		"$r_iso" - "$tmp/cloudabi-run	--isolate	--dir	d=$g	$tmp/hello" \
		"$r_bwrap" - "$(command -v bwrap)	--unshare-all	--ro-bind	/	/	$tmp/hello-glibc" \
		"$r_fj" - "$(command -v firejail)	--noprofile	--quiet	$tmp/hello-glibc" \
		"$r_node" - "$(command -v node)	$(node_flags | tr ' ' '\t')	$tmp/wasi-run.mjs	$tmp/hello.wasm"
}

measure() { # GROUP USER (self: as this process is)
	local grp=$1 user=$2 name fd cmd output status list=$tmp/list-$2 who=$2
	[ "$who" = self ] && who=$(id -un)
	: > "$list"
	# Each command once first: one that fails is a row "not measured" with
	# its own first line of error, not a number.
	while IFS=$'\t' read -r name fd cmd; do
		local argv
		IFS=$'\t' read -r -a argv <<< "$cmd"
		status=0
		if [ "$fd" = - ]; then
			output=$(cd "$tmp" && as_user "$user" "${argv[@]}" < /dev/null 2>&1) || status=$?
		else
			output=$(cd "$tmp" && as_user "$user" "${argv[@]}" 3< "$fd" < /dev/null 2>&1) || status=$?
		fi
		if [ "$name" = "$r_node" ] && [ -f "$tmp/hello.wasm.failed" ]; then
			not_measured "$grp" "$name" "$(cat "$tmp/hello.wasm.failed")"
			not_measured "$grp-cpu" "$name" "$(cat "$tmp/hello.wasm.failed")"
		elif [ "$status" = 0 ] && grep -qx 'hello, world' <<< "$output"; then
			printf '%s\t%s\t%s\n' "$name" "$fd" "$cmd" >> "$list"
		else
			output=$(first_line "$output")
			not_measured "$grp" "$name" "exit status $status as $who: ${output:-no output}"
			not_measured "$grp-cpu" "$name" "exit status $status as $who: ${output:-no output}"
		fi
	done < <(commands)
	say "$grp: $(wc -l < "$list") commands x $n rounds"
	(cd "$tmp" && as_user "$user" "$tmp/spawn" -n "$n" "$list") > "$tmp/times-$user" ||
		die "$grp: the timed run failed (above)"
	while IFS=$'\t' read -r name wall cpu; do
		sample "$grp" "$name" "$wall"
		sample "$grp-cpu" "$name" "$cpu"
	done < "$tmp/times-$user"
	local k
	for k in "$grp" "$grp-cpu"; do
		ratio "$k" "self-confined / confinement floor" "$r_self" "$r_floor" "<=" 1.2
		ratio "$k" "self-confined / unconfined baseline" "$r_self" "$r_base" report 0
		ratio "$k" "confinement floor / unconfined baseline" "$r_floor" "$r_base" report 0
		ratio "$k" "cloudabi-run / launcher floor" "$r_run" "$r_lfloor" "<=" 1.2
		ratio "$k" "cloudabi-run --isolate / cloudabi-run" "$r_iso" "$r_run" report 0
		ratio "$k" "bwrap / cloudabi-run" "$r_bwrap" "$r_run" ">=" 5
		ratio "$k" "firejail / cloudabi-run" "$r_fj" "$r_run" report 0
		ratio "$k" "node WASI / cloudabi-run" "$r_node" "$r_run" report 0
	done
}

describe() { # GROUP WHO
	group "$1" "Start-up of hello world, $2: wall time per start ($n rounds, alternating)" ns
	note "$1" "From posix_spawn to wait4's return (bench/spawn.c), stdout and stderr to /dev/null; ours started directly gets a directory on descriptor 3 (cloudabi-run opens its --dir itself)."
	rows "$1" "${all_rows[@]}"
	group "$1-cpu" "Start-up of hello world, $2: CPU time per start, the same starts" ns
	rows "$1-cpu" "${all_rows[@]}"
	note "$1-cpu" "User plus system time of each start (wait4's rusage: the child and the descendants it waited for), from the same run as the wall times: less disturbed by other work on the machine, blind to time spent waiting."
}
if [ "$(id -u)" = 0 ]; then
	describe startup-root "as root"
	measure startup-root self
	show startup-root startup-root-cpu
	describe startup-nobody "as nobody (setpriv --reuid=nobody --regid=nogroup --clear-groups)"
	measure startup-nobody nobody
	show startup-nobody startup-nobody-cpu
else
	describe startup-user "as $(id -un) (not root: the root and nobody runs need root)"
	measure startup-user self
	show startup-user startup-user-cpu
fi
