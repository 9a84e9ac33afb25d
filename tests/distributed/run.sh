#!/usr/bin/env bash
# make test-distributed: distcc and icecream with the CloudABI compilers,
# across build hosts (docs/distributed.md). As root, on this machine:
#
#  - a client and build hosts, each a network namespace on a private
#    bridge (lib-hosts.sh); each build host chrooted into a Debian root of
#    its own made with debootstrap (cached in build/distributed/);
#  - distcc: two hosts with distccd and the toolchain (the relocatable
#    tarball of make packages, or a copy of out/ where there is none for
#    this version), its names on distccd's allow-list. Single compiles in
#    both forms (distcc <triple>-cc, and a masquerading link) and both
#    names (versioned and not) for both targets; then the zlib port
#    (tests/ports) built with make -j8 through both hosts: jobs on each
#    in the daemons' logs, every library and program byte-identical to a
#    local build, zlib's tests passing confined; then one host stopped
#    mid-build: the build finishes, identical, its jobs sent to the other
#    host, and a job for it alone compiled on the client;
#  - bad hosts: one without the toolchain, one with another version: the
#    job falls back to a local compile, or fails with the daemon's message
#    when fallback is off, and never yields another version's object (the
#    versioned name); the unversioned name on the other version's host, as
#    the control, does;
#  - icecream: an environment per target made by libexec/cloudabi/icecc-env
#    (icecc-create-env), a scheduler and a daemon on the client, and two
#    hosts with iceccd and nothing of ours, not even Clang: the same zlib
#    builds, checks and host stop; the environment of the other target is
#    refused by its compiler.
#
# DISTRIBUTED_TESTS="distcc bad icecc" picks parts; TEST_ARCHES limits
# the targets.
source "$(dirname "$0")/../lib.sh"
source "$top/tests/ports/lib-ports.sh"
# zlib's recipe: its cross_tests runs zlib's own tests confined
source "$top/tests/ports/zlib/recipe.sh"
for c in ip ss distcc distccd icecc iceccd icecc-scheduler icecc-create-env file ldd objcopy; do
	command -v "$c" > /dev/null || missing="${missing:-} $c"
done
if [ -n "${missing:-}" ]; then
	not_ok "the commands of the [distributed] packages are on PATH" "missing:$missing (make test-distributed installs them)"
	finish
fi
source "$top/tests/distributed/lib-hosts.sh"
parts=${DISTRIBUTED_TESTS:-distcc bad icecc}
want() { [[ " $parts " == *" $1 "* ]]; }
started=$(date +%s)

if [ "$(id -u)" != 0 ]; then
	not_ok "runs as root (network namespaces, chroots, daemons)" "run it as root: make test-distributed"
	finish
fi
v=$("$(tool x86_64 cc)" --version | sed -n '1s/^CloudABI toolchain \([^ ]*\) .*/\1/p')
check "the toolchain under test has a version ($v)" test -n "$v"

# ---- the roots, the toolchain, the network ----------------------------------
check "a build host root for distcc (debootstrap; distcc, clang-19, lld-19, llvm-19)" \
	make_base distcc distcc clang-19 lld-19 llvm-19
check "a build host root for icecream (debootstrap; icecc)" make_base icecc icecc
tarball=$top/out/packages/cloudabi-toolchain-$v-$(uname -m).tar.xz
if [ -s "$tarball" ] && [ "${DISTRIBUTED_FROM:-tarball}" = tarball ]; then
	echo "the distcc hosts install ${tarball#$top/} (make packages)"
else
	tarball=""
	echo "the distcc hosts install a copy of out/ (no out/packages tarball of $v; make packages makes one)"
fi
fetch_ports zlib > /dev/null || not_ok "zlib's source fetched and verified (tests/ports)"

net_up
ns_add client "$net.1"

printf '#include <stdio.h>\n#include <string.h>\nint main(int argc, char **argv) { printf("%%zu\\n", strlen(argv[0])); return argc > 1; }\n' > "$scratch/hello.c"
printf '#include <iostream>\n#include <string>\nint main() { std::string s("hello"); std::cout << s.size() << std::endl; }\n' > "$scratch/hello.cc"

# client LABEL [VAR=VALUE...] COMMAND...: run COMMAND as the client, in its
# namespace on this machine's file system with the toolchain under test
# (out/) on PATH, after $masq (a masquerade directory, or nothing), and a
# distcc state directory of its own per LABEL (distcc remembers hosts
# that failed); stopped after 15 minutes.
masq=$run/no-masquerade
mkdir -p "$run/masquerade" "$run/no-masquerade"
client() {
	local label=$1
	shift
	mkdir -p "$run/state-$label"
	in_ns client timeout 900 env PATH="$masq:$out/bin:$PATH" DISTCC_DIR="$run/state-$label" "$@"
}

# zlib_build LABEL ARCH CC [VAR=VALUE...]: zlib's source, fresh, in
# $run/zlib-ARCH (every build of a target in the same directory), configured
# with CC and built with make -j8 as tests/ports/zlib builds it: the static
# library, example and minigzip, and their 64-bit-offset forms.
zlib_build() {
	local label=$1 arch=$2 cc=$3 d=$run/zlib-$2 t=$2-unknown-cloudabi
	shift 3
	unpack zlib "$d" patch
	client "$label" "$@" sh -c "cd '$d' && CHOST=$t CC='$cc' AR=$t-ar RANLIB=$t-ranlib ./configure --static && make -j8 static all64"
}
zlib_files="libz.a example minigzip example64 minigzip64"
# keep ARCH DEST: the built files, kept in DEST
keep() { mkdir -p "$2" && (cd "$run/zlib-$1" && cp $zlib_files "$2/"); }
# same A B: every built file of A and B byte for byte the same
same() {
	local f status=0
	for f in $zlib_files; do cmp "$1/$f" "$2/$f" || status=1; done
	return "$status"
}
# zlib_tests ARCH: zlib's own tests in $run/zlib-ARCH (the recipe's: through
# cloudabi-run on x86_64, qemu-user on aarch64): the two that can pass here
zlib_tests() {
	local got
	got=$( (cross_tests "$1" "$run/zlib-$1" "$run/zlib-$1") 2> "$run/tests-$1.log" | tail -n 1)
	[ "$got" = "2 3" ] || { echo "passed/total: $got"; tail -n 20 "$run/tests-$1.log"; return 1; }
}

# local_build ARCH CC: the build every distributed one is compared with,
# in the same directory with the same compiler name, neither distcc nor
# icecream; kept in $run/local-ARCH-CC.
local_build() {
	local dest=$run/local-$1-$2
	if zlib_build "local" "$1" "$2" > "$dest.log" 2>&1; then
		keep "$1" "$dest"
		ok "$1 zlib: built locally with $2 (the reference)"
	else
		not_ok "$1 zlib: built locally with $2 (the reference)" "$(tail -n 15 "$dest.log")"
	fi
}

# ---- distcc -------------------------------------------------------------------
# distcc_host NAME ADDRESS [none|other]: a build host with distccd listening
# on ADDRESS. By default it has the toolchain under test in
# /opt/cloudabi-toolchain-<version> (the tarball, or a copy of out/) and
# each target's cc and c++, plain and versioned, on the allow-list
# (/usr/lib/distcc/<name> -> ../../bin/distcc: distccd runs only compilers
# with a link there) and on distccd's PATH. "none": no toolchain and no
# names allowed. "other": the toolchain as version 9.9.9 (its own driver
# and versioned names; its configuration adds -ffunction-sections, so its
# objects differ), with its names allowed.
other_v=9.9.9
distcc_host() {
	local name=$1 addr=$2 kind=${3:-ours} tc pathdirs=/usr/bin:/bin t tl
	ns_add "$name" "$addr"
	new_root distcc "$name"
	mkdir -p "$r/opt"
	case $kind in
	ours)
		tc=/opt/cloudabi-toolchain-$v
		if [ -n "$tarball" ]; then tar -xJf "$tarball" -C "$r/opt"; else cp -a "$out" "$r$tc"; fi
		tl="cc c++ cc-$v c++-$v" ;;
	other)
		tc=/opt/cloudabi-toolchain-$other_v
		cp -a "$out" "$r$tc"
		clang-19 -std=c11 -O2 -fuse-ld=lld -DLLVM_BIN_DIR='"/usr/lib/llvm-19/bin"' -DCLOUDABI_VERSION="\"$other_v\"" \
			"$top/toolchain/driver.c" -o "$r$tc/libexec/cloudabi/driver"
		rm -f "$r$tc"/bin/*-"$v"
		for t in $arches; do
			t=$t-unknown-cloudabi
			ln -s ../libexec/cloudabi/driver "$r$tc/bin/$t-cc-$other_v"
			ln -s ../libexec/cloudabi/driver "$r$tc/bin/$t-c++-$other_v"
			echo -ffunction-sections >> "$r$tc/share/cloudabi/$t.cfg"
		done
		tl="cc c++ cc-$other_v c++-$other_v" ;;
	none) tl="" ;;
	esac
	[ -n "${tc:-}" ] && pathdirs=$tc/bin:$pathdirs
	for t in $arches; do
		for tool in $tl; do ln -s ../../bin/distcc "$r/usr/lib/distcc/$t-unknown-cloudabi-$tool"; done
	done
	# the root's own user (its uid is not this machine's)
	in_root "$r" sh -c "touch /var/log/distccd.log && chown distccd /var/log/distccd.log"
	in_ns "$name" chroot "$r" /usr/bin/env -i PATH="$pathdirs" HOME=/tmp TMPDIR=/tmp \
		distccd --daemon --no-detach --user distccd --allow "$net.0/24" --listen "$addr" --jobs 4 \
		--log-file=/var/log/distccd.log --log-level=info > "$run/distccd-$name.out" 2>&1 &
	wait_listen "$name" 3632
}
# jobs_on NAME [COMPILER]: the compile jobs host NAME's distccd has
# completed (by the compiler named COMPILER), from its log: lines such as
#   (dcc_job_summary) client: 10.77.0.1:50798 COMPILE_OK exit:0 ... time:91ms x86_64-unknown-cloudabi-cc-0.1.0 adler32.c
# less the test compiles of zlib's configure (ztest*.c)
jobs_on() {
	local f=$run/root-$1/var/log/distccd.log
	[ -f "$f" ] || { echo 0; return; }
	grep "COMPILE_OK.* ${2:+$2 }" "$f" | grep -vc ' ztest[0-9]*\.c$' || true
}

hello_runs() { run_on "$1" "$scratch/hello-$1" | grep -qx '[0-9][0-9]*'; }
declare -A addr=([a]=$net.11 [b]=$net.12 [c]=$net.13 [d]=$net.14)
if want distcc || want bad; then
	check "distcc host a: distccd listens, with the toolchain${tarball:+ (the tarball)}" distcc_host a "$net.11"
	check "distcc host b: distccd listens, with the toolchain" distcc_host b "$net.12"
	check "(control) the job count of a host whose distccd has done nothing is 0" test "$(jobs_on a)" = 0
fi

if want distcc; then
	# Single compiles, one host at a time: each form and name sends the job
	# there, and the object is the one a local compile makes.
	masq=$run/masquerade
	for arch in $arches; do
		t=$arch-unknown-cloudabi
		"$(tool "$arch" cc)" -O2 -c "$scratch/hello.c" -o "$scratch/local-$arch.o"
		"$(tool "$arch" c++)" -O2 -c "$scratch/hello.cc" -o "$scratch/local-cc-$arch.o"
		for form in prefix masquerade; do
			for name in "$t-cc" "$t-cc-$v" "$t-c++-$v"; do
				src=$scratch/hello.c ref=$scratch/local-$arch.o
				case $name in *c++*) src=$scratch/hello.cc ref=$scratch/local-cc-$arch.o ;; esac
				host=a
				[ "$form" = masquerade ] && host=b
				n0=$(jobs_on $host "$name")
				o=$scratch/$form-$name.o
				if [ "$form" = prefix ]; then
					cmd=(distcc "$name")
				else
					ln -sf "$(command -v distcc)" "$masq/$name"
					cmd=("$name")
				fi
				if output=$(client one DISTCC_HOSTS="${addr[$host]}" DISTCC_FALLBACK=0 "${cmd[@]}" -O2 -c "$src" -o "$o" 2>&1); then
					ok "distcc ${cmd[*]}: compiles"
				else
					not_ok "distcc ${cmd[*]}: compiles" "$output"
				fi
				check "distcc ${cmd[*]}: the job ran on host $host" test "$(jobs_on $host "$name")" = $((n0 + 1))
				check "distcc ${cmd[*]}: the object is the local compile's" cmp "$o" "$ref"
			done
		done
		rm -rf "$masq"/*
		# What stays local: linking (and preprocessing, in plain mode).
		n0=$(( $(jobs_on a) + $(jobs_on b) ))
		check "$arch distcc: linking runs on the client" \
			client one DISTCC_HOSTS="$net.11 $net.12" DISTCC_FALLBACK=0 distcc "$t-cc-$v" "$scratch/prefix-$t-cc-$v.o" -o "$scratch/hello-$arch"
		check "$arch distcc: ... no host got a job for it" test "$(( $(jobs_on a) + $(jobs_on b) ))" = "$n0"
		check "$arch distcc: the program links and runs" hello_runs "$arch"
	done

	# Debugging information: the server compiles preprocessed text in a
	# directory of its own, so the line table has no DWARF 5 checksums of
	# the sources and the compilation directory is the server's.
	t=$(echo $arches | cut -d' ' -f1)-unknown-cloudabi
	debug_objects() { # FLAGS...: hello.c compiled locally and through distcc
		(cd "$scratch" && "$out/bin/$t-cc-$v" -O2 "$@" -c hello.c -o g-local.o) &&
			client debug DISTCC_HOSTS="${addr[a]}" DISTCC_FALLBACK=0 sh -c "cd '$scratch' && distcc $t-cc-$v -O2 $* -c hello.c -o g-distcc.o"
	}
	debug_same() { debug_objects "$@" && cmp "$scratch/g-local.o" "$scratch/g-distcc.o"; }
	debug_differs() { debug_objects "$@" && ! cmp -s "$scratch/g-local.o" "$scratch/g-distcc.o"; }
	check "(control) distcc with -g: the object is not a local compile's (DWARF 5 checksums, the server's directory)" \
		debug_differs -g
	check "distcc with -g -gdwarf-4 -fdebug-compilation-dir=.: the object is a local compile's" \
		debug_same -g -gdwarf-4 -fdebug-compilation-dir=.

	# zlib with make -j8 through both hosts, each target.
	for arch in $arches; do
		t=$arch-unknown-cloudabi
		local_build "$arch" "$t-cc-$v"
		na=$(jobs_on a "$t-cc-$v") nb=$(jobs_on b "$t-cc-$v")
		masq=$run/no-masquerade cc="distcc $t-cc-$v"
		if [ "$arch" = aarch64 ]; then
			# the masquerade form for this target
			masq=$run/masquerade
			ln -sf "$(command -v distcc)" "$masq/$t-cc-$v"
			cc=$t-cc-$v
		fi
		if zlib_build "zlib-$arch" "$arch" "$cc" DISTCC_HOSTS="$net.11/4 $net.12/4" > "$run/distcc-$arch.log" 2>&1; then
			ok "$arch zlib: built with CC=\"$cc\" and make -j8 through two hosts"
		else
			not_ok "$arch zlib: built with CC=\"$cc\" and make -j8 through two hosts" "$(tail -n 15 "$run/distcc-$arch.log")"
		fi
		rm -rf "$masq"/*
		masq=$run/no-masquerade
		ja=$(( $(jobs_on a "$t-cc-$v") - na )) jb=$(( $(jobs_on b "$t-cc-$v") - nb ))
		check "$arch zlib: host a's distccd compiled jobs of the build ($ja)" test "$ja" -gt 0
		check "$arch zlib: host b's distccd compiled jobs of the build ($jb)" test "$jb" -gt 0
		keep "$arch" "$run/distcc-$arch"
		check "$arch zlib: libz.a and the four programs are byte-identical to the local build" \
			same "$run/local-$arch-$t-cc-$v" "$run/distcc-$arch"
		check "$arch zlib: its tests pass confined (static and 64-bit; shared cannot exist)" zlib_tests "$arch"
	done

	# One host stopped mid-build, right after it compiled the build's first
	# job: b, first in DISTCC_HOSTS, so that the jobs after the stop try
	# it first (distcc then sends them to a).
	arch=$(echo $arches | cut -d' ' -f1)
	t=$arch-unknown-cloudabi
	nb=$(jobs_on b)
	zlib_build stop "$arch" "distcc $t-cc-$v" DISTCC_HOSTS="$net.12/4 $net.11/4" > "$run/stop-$arch.log" 2>&1 &
	build=$!
	while kill -0 "$build" 2> /dev/null && [ "$(jobs_on b)" = "$nb" ]; do sleep 0.05; done
	if kill -0 "$build" 2> /dev/null; then running=yes; else running=no; fi
	ns_stop b
	at_stop=$(jobs_on a)
	status=0
	wait "$build" || status=$?
	check "$arch host stop: host b compiled a job, then was stopped while the build ran (running: $running)" test "$running" = yes
	check "$arch host stop: the build finishes" test "$status" = 0
	check "$arch host stop: host a compiled jobs after the stop ($(( $(jobs_on a) - at_stop )))" test "$(jobs_on a)" -gt "$at_stop"
	check "$arch host stop: distcc saw host b go (its errors in the build's log)" \
		grep -Eq "server provided no answer|failed to connect to $net.12" "$run/stop-$arch.log"
	keep "$arch" "$run/stop-$arch"
	check "$arch host stop: the result is byte-identical to the local build" same "$run/local-$arch-$t-cc-$v" "$run/stop-$arch"
	check "$arch host stop: its tests pass confined" zlib_tests "$arch"
	# distcc sends a job a host lost to the next host; with none left, it
	# compiles locally:
	rm -f "$scratch/gone.o"
	output=$(client gone DISTCC_HOSTS="$net.12" distcc "$t-cc-$v" -O2 -c "$scratch/hello.c" -o "$scratch/gone.o" 2>&1) &&
		status=0 || status=$?
	check "$arch host stop: with only host b listed, the job is compiled locally" \
		sh -c "test $status = 0 && cmp '$scratch/gone.o' '$scratch/local-$arch.o'"
	check "$arch host stop: ... and distcc says so" grep -q "failed to distribute.*running locally instead" <<< "$output"
fi

# ---- bad build hosts ------------------------------------------------------------
if want bad; then
	check "host c, without the toolchain: distccd listens" distcc_host c "${addr[c]}" none
	check "host d, with the toolchain as version $other_v: distccd listens" distcc_host d "${addr[d]}" other
	for arch in $arches; do
		t=$arch-unknown-cloudabi
		ref=$scratch/local-$arch.o
		[ -f "$ref" ] || "$(tool "$arch" cc)" -O2 -c "$scratch/hello.c" -o "$ref"
		# one HOST NAME [VAR=VALUE...]: hello.c compiled by distcc NAME on
		# HOST alone, with a state of its own (distcc skips, for a minute, a
		# host that has just failed)
		one() {
			local h=$1 name=$2
			shift 2
			client bad DISTCC_DIR="$(mktemp -d "$run/state-bad.XXXXXX")" DISTCC_HOSTS="${addr[$h]}" "$@" \
				distcc "$name" -O2 -c "$scratch/hello.c" -o "$scratch/bad.o"
		}

		# c: no toolchain, nothing allowed
		rm -f "$scratch/bad.o"
		output=$(one c "$t-cc-$v" 2>&1) && status=0 || status=$?
		check "$arch host without the toolchain: the job falls back to a local compile" test "$status" = 0
		check "$arch host without the toolchain: distcc says it compiled locally" \
			grep -q "failed to distribute .*, running locally instead" <<< "$output"
		check "$arch host without the toolchain: its distccd refused the name (not on its allow-list)" \
			grep -q "$t-cc-$v not in .* whitelist" "$run/root-c/var/log/distccd.log"
		check "$arch host without the toolchain: the object is the local compile's" cmp "$scratch/bad.o" "$ref"
		expect_fail "$arch host without the toolchain, DISTCC_FALLBACK=0: the job fails" \
			"failed to distribute and fallbacks are disabled" one c "$t-cc-$v" DISTCC_FALLBACK=0
		# its allow-list names the compiler, which is not there
		ln -sf ../../bin/distcc "$run/root-c/usr/lib/distcc/$t-cc-$v"
		rm -f "$scratch/bad.o"
		output=$(one c "$t-cc-$v" 2>&1) && status=0 || status=$?
		check "$arch host allowing the name without the compiler: compiled locally" \
			sh -c "test $status = 0 && cmp '$scratch/bad.o' '$ref'"
		check "$arch host allowing the name without the compiler: distcc retried locally" \
			grep -q "remote compilation of .* failed, retrying locally" <<< "$output"

		# d: another version. Its allow-list has only its own names.
		rm -f "$scratch/bad.o"
		output=$(one d "$t-cc-$v" 2>&1) && status=0 || status=$?
		check "$arch host with version $other_v: the job for $t-cc-$v falls back to a local compile" \
			sh -c "test $status = 0 && cmp '$scratch/bad.o' '$ref'"
		check "$arch host with version $other_v: its distccd refused $t-cc-$v (not on its allow-list)" \
			grep -q "$t-cc-$v not in .* whitelist" "$run/root-d/var/log/distccd.log"
		# ... and if someone puts the name there, its compiler refuses it
		ln -s ../libexec/cloudabi/driver "$run/root-d/opt/cloudabi-toolchain-$other_v/bin/$t-cc-$v"
		ln -s ../../bin/distcc "$run/root-d/usr/lib/distcc/$t-cc-$v"
		rm -f "$scratch/bad.o"
		output=$(one d "$t-cc-$v" 2>&1) && status=0 || status=$?
		check "$arch host with version $other_v naming its compiler $t-cc-$v: compiled locally" \
			sh -c "test $status = 0 && cmp '$scratch/bad.o' '$ref'"
		check "$arch ... distcc retried locally" grep -q "remote compilation of .* failed, retrying locally" <<< "$output"
		expect_fail "$arch ... with DISTCC_SKIP_LOCAL_RETRY=1 the job fails with the host compiler's message" \
			"this is CloudABI toolchain $other_v, not $v" one d "$t-cc-$v" DISTCC_SKIP_LOCAL_RETRY=1
		# The control: the unversioned name compiles on d, with version 9.9.9.
		n0=$(jobs_on d "$t-cc")
		rm -f "$scratch/bad.o"
		unversioned_on_d() { one d "$t-cc" DISTCC_FALLBACK=0 && test "$(jobs_on d "$t-cc")" = $((n0 + 1)); }
		check "(control) $arch the unversioned $t-cc compiles on the host with version $other_v" unversioned_on_d
		check "(control) $arch ... and its object is not the local compile's (another version's: why the name has the version)" \
			sh -c "! cmp -s '$scratch/bad.o' '$ref'"
	done
fi

# ---- icecream -------------------------------------------------------------------
# icecc_host NAME ADDRESS: a build host with iceccd and nothing of ours
# (its root has icecc, and g++ that icecc's package pulls in, but no Clang).
# Two things make hosts that share one machine look like hosts of their
# own to the scheduler, which sends a job only to a host whose CPU is not
# all busy and prefers the host it has found fastest:
#  - iceccd reads the CPU's busy and idle time from /proc/stat, which is
#    this machine's: while other work keeps the machine busy, every host
#    would be "busy" but the one already compiling (its own jobs count as
#    idle time). Each host gets a copy of /proc/stat that does not move
#    (bind-mounted over it), so it reports the CPU idle but for its jobs.
#  - one job at a time (-m 1), so that the other host gets the next one.
icecc_host() {
	ns_add "$1" "$2"
	new_root icecc "$1"
	cat /proc/stat > "$run/stat-$1"
	echo "$r/proc/stat" >> "$run/mounts"
	mount --bind "$run/stat-$1" "$r/proc/stat"
	in_root "$r" sh -c "touch /var/log/iceccd.log && chown icecc /var/log/iceccd.log"
	in_ns "$1" chroot "$r" /usr/bin/env -i PATH=$sys_path HOME=/tmp \
		iceccd -s "$net.1" -n "$icenet" -m 1 -N "host-$1" -b /var/cache/icecc -l /var/log/iceccd.log -vvv \
		> "$run/iceccd-$1.out" 2>&1 &
	wait_listen "$1" 10245
}
# icecc_jobs NAME: the compile jobs host NAME's iceccd has finished, from
# its log, where each job's process logs
#   [13878] ...: remote compile for file adler32.c
#   [13878] ...: Remote compilation completed with exit code 0
# (less the test compiles of zlib's configure, ztest*.c)
icecc_jobs() {
	awk '/: remote compile for file / { f[$1] = $NF }
		/: Remote compilation completed with exit code 0$/ && f[$1] !~ /^ztest/ { n++ }
		END { print n + 0 }' "$run/root-$1/var/log/iceccd.log" 2> /dev/null || echo 0
}
icenet=cabi$$

if want icecc; then
	declare -A env
	envdir=$run/icecc-envs
	triples=$(for arch in $arches; do echo "$arch-unknown-cloudabi"; done)
	if paths=$("$out/libexec/cloudabi/icecc-env" -o "$envdir" $triples 2> "$run/icecc-env.log") &&
		[ "$(wc -l <<< "$paths")" = "$(wc -w <<< "$arches")" ]; then
		ok "icecc-env makes an environment for each target ($(echo $triples))"
	else
		not_ok "icecc-env makes an environment for each target ($(echo $triples))" "$(tail -n 15 "$run/icecc-env.log")"
	fi
	for arch in $arches; do
		t=$arch-unknown-cloudabi
		env[$arch]=$(grep -- "-$t-" <<< "$paths" || true)
		[ -s "${env[$arch]}" ] || continue
		check "$arch icecc: the environment's name has the version and a hash" \
			grep -Eq "/cloudabi-toolchain-$(sed 's/[.+]/\\&/g' <<< "$v")-$t-[0-9a-f]{16}\.tar\.gz$" <<< "${env[$arch]}"
		tar -tvzf "${env[$arch]}" > "$run/env-$arch.list"
		for f in "usr/bin/clang -> $t-clang" "usr/bin/$t-clang -> ../libexec/cloudabi/driver" usr/libexec/cloudabi/driver \
			usr/lib/llvm-19/bin/clang "usr/share/cloudabi/$t.cfg" "usr/$t/include/stdio.h" \
			usr/lib/cloudabi/clang/19/include/stddef.h bin/true; do
			check "$arch icecc: the environment holds $f" grep -q " \./$f\$" "$run/env-$arch.list"
		done
		check "$arch icecc: ... and no library of the sysroot (linking stays on the client)" \
			sh -c "! grep -q 'usr/$t/lib/' '$run/env-$arch.list'"
		# By itself, chrooted with no /proc, as iceccd runs it:
		e=$run/env-$arch
		mkdir -p "$e"
		tar -xzf "${env[$arch]}" -C "$e"
		cp "$scratch/hello.c" "$e/hello.c"
		check "$arch icecc: the environment compiles by itself, chrooted, with no /proc" \
			sh -c "test ! -e '$e/proc/self' && chroot '$e' /usr/bin/clang -target $t -O2 -c /hello.c -o /hello.o -no-canonical-prefixes"
		check "$arch icecc: ... an object for $t" sh -c "'$(tool "$arch" readelf)' -h '$e/hello.o' | grep -q 'Machine:.*$([ "$arch" = x86_64 ] && echo X86-64 || echo AArch64)'"
		other=$([ "$arch" = x86_64 ] && echo aarch64 || echo x86_64)
		expect_fail "(control) $arch icecc: the environment refuses -target $other-unknown-cloudabi" \
			"targets only $t; refusing --target=$other-unknown-cloudabi" \
			chroot "$e" /usr/bin/clang -target "$other-unknown-cloudabi" -O2 -c /hello.c -o /hello.o
	done
	first=$(echo $arches | cut -d' ' -f1)
	check "icecc-env made again: the same name (the same bytes)" \
		test "$("$out/libexec/cloudabi/icecc-env" -o "$envdir" "$first-unknown-cloudabi" 2> /dev/null)" = "${env[$first]}"
	check "the name's hash is the sha256 of the environment's tar" \
		sh -c "test \"\$(gzip -dc '${env[$first]}' | sha256sum | cut -c1-16)\" = '$(basename "${env[$first]}" .tar.gz | sed 's/.*-//')'"
	icecc_version=""
	for arch in $arches; do icecc_version+="${icecc_version:+,}${env[$arch]}=$arch-unknown-cloudabi"; done

	# the scheduler and the client's own daemon, in the client's namespace,
	# as the user icecc (the daemon takes no jobs: -m 0, and no chroot
	# without root)
	mkdir -p "$run/icecc"
	touch "$run/icecc/scheduler.log" "$run/icecc/client.log"
	chown -R icecc "$run/icecc"
	in_ns client setpriv --reuid=icecc --regid=icecc --clear-groups env -i PATH=$sys_path \
		icecc-scheduler -n "$icenet" -l "$run/icecc/scheduler.log" -vvv > /dev/null 2>&1 &
	check "icecc: the scheduler listens" wait_listen client 8765
	in_ns client setpriv --reuid=icecc --regid=icecc --clear-groups env -i PATH=$sys_path HOME="$run/icecc" \
		ICECC_TEST_SOCKET="$run/icecc/iceccd.socket" \
		iceccd -s "$net.1" -n "$icenet" -m 0 -N client -b "$run/icecc/envs" -l "$run/icecc/client.log" -vv > /dev/null 2>&1 &
	check "icecream host ia (iceccd, nothing of ours): iceccd listens" icecc_host ia "$net.21"
	check "icecream host ib: iceccd listens" icecc_host ib "$net.22"
	for h in ia ib; do
		check "icecream host $h has no Clang and no CloudABI toolchain" \
			sh -c "test ! -e '$run/root-$h/usr/lib/llvm-19' && ! ls '$run/root-$h/usr/bin' | grep -q 'clang\|cloudabi'"
	done
	connected() { grep -q "Connected to scheduler" "$1"; }
	for ((i = 0; i < 300; i++)); do
		connected "$run/root-ia/var/log/iceccd.log" && connected "$run/root-ib/var/log/iceccd.log" &&
			connected "$run/icecc/client.log" && break
		sleep 0.1
	done
	for log in root-ia/var/log/iceccd.log root-ib/var/log/iceccd.log icecc/client.log; do
		check "icecc: ${log%%/*} is connected to the scheduler" connected "$run/$log"
	done
	check "(control) the job count of a host that has done nothing is 0" test "$(icecc_jobs ia)" = 0
	ice=(ICECC_VERSION="$icecc_version" ICECC_TEST_SOCKET="$run/icecc/iceccd.socket")
	# Each host is sent each environment first, by a job asked of it
	# (ICECC_PREFERRED_HOST): the scheduler would otherwise keep a build's
	# jobs on the host that got the environment first.
	for arch in $arches; do
		t=$arch-unknown-cloudabi
		for h in ia ib; do
			n0=$(icecc_jobs "$h")
			check "$arch icecc: a job asked of host $h compiles" \
				client ice-warm "${ice[@]}" ICECC_PREFERRED_HOST="host-$h" icecc "$t-clang" -O2 -c "$scratch/hello.c" -o "$scratch/warm.o"
			check "$arch icecc: ... on host $h" test "$(icecc_jobs "$h")" = $((n0 + 1))
			check "$arch icecc: ... which was sent the environment" \
				sh -c "find '$run/root-$h/var/cache/icecc' -path '*target=*' -name '$(basename "${env[$arch]}" .tar.gz)*' | grep -q ."
		done
	done

	# With -g: icecc sends the client's directory (-fdebug-compilation-dir)
	t=$first-unknown-cloudabi
	ice_debug() { # FLAGS...: hello.c compiled locally and through icecream
		(cd "$scratch" && "$out/bin/$t-clang" -O2 "$@" -c hello.c -o g-local.o) &&
			client debug "${ice[@]}" sh -c "cd '$scratch' && icecc $t-clang -O2 $* -c hello.c -o g-icecc.o"
	}
	ice_same() { ice_debug "$@" && cmp "$scratch/g-local.o" "$scratch/g-icecc.o"; }
	ice_differs() { ice_debug "$@" && ! cmp -s "$scratch/g-local.o" "$scratch/g-icecc.o"; }
	check "(control) icecc with -g: the object is not a local compile's (DWARF 5 checksums of the sources)" ice_differs -g
	check "icecc with -g -gdwarf-4: the object is a local compile's (icecc sends the client's directory)" ice_same -g -gdwarf-4

	for arch in $arches; do
		t=$arch-unknown-cloudabi
		local_build "$arch" "$t-clang"
		na=$(icecc_jobs ia) nb=$(icecc_jobs ib)
		cc="icecc $t-clang"
		if [ "$arch" = aarch64 ]; then
			masq=$run/masquerade
			ln -sf "$(command -v icecc)" "$masq/$t-clang"
			cc=$t-clang
		fi
		if zlib_build "ice-$arch" "$arch" "$cc" "${ice[@]}" > "$run/icecc-$arch.log" 2>&1; then
			ok "$arch zlib: built with CC=\"$cc\" and make -j8 through icecream"
		else
			not_ok "$arch zlib: built with CC=\"$cc\" and make -j8 through icecream" "$(tail -n 15 "$run/icecc-$arch.log")"
		fi
		rm -rf "$masq"/*
		masq=$run/no-masquerade
		ja=$(( $(icecc_jobs ia) - na )) jb=$(( $(icecc_jobs ib) - nb ))
		check "$arch zlib: host ia's iceccd compiled jobs of the build ($ja)" test "$ja" -gt 0
		check "$arch zlib: host ib's iceccd compiled jobs of the build ($jb)" test "$jb" -gt 0
		keep "$arch" "$run/icecc-$arch"
		check "$arch zlib: libz.a and the four programs are byte-identical to the local build" \
			same "$run/local-$arch-$t-clang" "$run/icecc-$arch"
		check "$arch zlib: its tests pass confined" zlib_tests "$arch"
	done

	# A host stopped mid-build: the one that compiles the build's first
	# job (the scheduler picks hosts by their speed and load, which on one
	# machine are much the same, so which one is not known in advance).
	t=$first-unknown-cloudabi
	na=$(icecc_jobs ia) nb=$(icecc_jobs ib)
	zlib_build ice-stop "$first" "icecc $t-clang" "${ice[@]}" > "$run/icecc-stop.log" 2>&1 &
	build=$!
	while kill -0 "$build" 2> /dev/null && [ "$(icecc_jobs ia)" = "$na" ] && [ "$(icecc_jobs ib)" = "$nb" ]; do sleep 0.05; done
	if kill -0 "$build" 2> /dev/null; then running=yes; else running=no; fi
	if [ "$(icecc_jobs ia)" != "$na" ]; then gone=ia other=ib; else gone=ib other=ia; fi
	ns_stop "$gone"
	at_stop=$(icecc_jobs "$other")
	status=0
	wait "$build" || status=$?
	after=$(( $(icecc_jobs "$other") - at_stop ))
	check "$first icecream host stop: host $gone compiled a job, then was stopped while the build ran (running: $running)" test "$running" = yes
	check "$first icecream host stop: the build finishes" test "$status" = 0
	check "$first icecream host stop: the rest was compiled by host $other ($after jobs) or on the client" \
		sh -c "test $after -gt 0 || grep -q 'local build forced\|building myself' '$run/icecc-stop.log'"
	keep "$first" "$run/icecc-stop"
	check "$first icecream host stop: the result is byte-identical to the local build" same "$run/local-$first-$t-clang" "$run/icecc-stop"
	check "$first icecream host stop: its tests pass confined" zlib_tests "$first"

	# the environment of the other target: its compiler refuses the job
	for arch in $arches; do
		t=$arch-unknown-cloudabi
		other=$([ "$arch" = x86_64 ] && echo aarch64 || echo x86_64)
		[ -n "${env[$other]:-}" ] || continue
		expect_fail "$arch icecc with ICECC_VERSION naming $other's environment: the job fails with the host compiler's message" \
			"targets only $other-unknown-cloudabi; refusing --target=$t" \
			client ice-bad ICECC_VERSION="${env[$other]}" ICECC_TEST_SOCKET="$run/icecc/iceccd.socket" \
			icecc "$t-clang" -O2 -c "$scratch/hello.c" -o "$scratch/ice-bad.o"
	done
fi

echo "tests/distributed: $(( $(date +%s) - started )) seconds"
finish
