#!/usr/bin/env bash
# Confinement on booted kernels (issue 7). qemu-user cannot run Landlock or
# seccomp, and this machine's kernel hides how older ones behave, so for
# each kernel of debs.lock (Debian 12's arm64 and amd64 6.1, Landlock ABI 2)
# this suite boots it under qemu-system (TCG) with an initramfs of our own
# static binaries only, and runs there, confined:
#   - cloudabi-run --check (its output goes into this log);
#   - the escape suite, every vector of tests/escape/vectors.tsv in every
#     mode with its negative control, judged by tests/escape/judge.sh:
#     every vector blocked, except the gaps the launcher's warning names
#     for that kernel's Landlock ABI, which must be exactly those found open;
#   - the libc functional tests (tests/libc, self-confined) and the allowed
#     suite (the same programs under cloudabi-run, and accept on a granted
#     listening socket).
# vm-init.c (PID 1 in the guest) only carries out the plan written here and
# prints results on the serial console; every verdict is made here.
#
# The kernels (and arm64's libyaml, for a static cloudabi-run) are fetched
# lazily into build/vm by fetch.sh, pinned by debs.lock. VM_TIMEOUT (seconds,
# default 600) bounds each boot.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
source "$top/tests/escape/judge.sh"
vm=$top/build/vm
mkdir -p "$vm/log"

if ! "$here/fetch.sh" "$here/debs.lock" "$vm/debs" "$vm/apt" > "$scratch/fetch.log" 2>&1; then
	not_ok "the pinned packages of tests/vm/debs.lock are fetched" "$(cat "$scratch/fetch.log")"
	finish; exit
fi

# deb_of ROLE ARCH: the verified .deb of that role and architecture.
deb_of() {
	awk -v r="$1" -v a="$2" '$1 == r && $2 == a { print $3 "_" $4 "_" $2 ".deb" }' "$here/debs.lock"
}

# build ARCH DIR: the initramfs's programs for ARCH into DIR; 1 on failure
# (reported). The init and cloudabi-run link glibc statically: the guest
# has no C library. The attacker and the test programs are the toolchain's.
build() {
	local arch=$1 d=$2 cc output src name std lib
	cc=$(tool "$arch" cc)
	mkdir -p "$d/t"
	if [ "$arch" = x86_64 ]; then lib=/usr/lib/x86_64-linux-gnu
	else
		lib=$vm/libyaml-$arch/usr/lib/aarch64-linux-gnu
		[ -f "$lib/libyaml.a" ] || dpkg-deb -x "$vm/debs/$(deb_of libyaml arm64)" "$vm/libyaml-$arch"
	fi
	if ! output=$(set -e
		clang-19 --target="$arch-linux-gnu" -static -O2 -Wall -Wextra -Werror -fuse-ld=lld \
			"$here/vm-init.c" -o "$d/init"
		CLOUDABI_LAUNCHER_ARCH=$arch CLOUDABI_LAUNCHER_LIBDIR=$lib \
			"$top/runtime/cloudabi-run/build.sh" "$d/t/cloudabi-run" "$top/build/policy/filter-$arch.c"
		"$cc" -nostdlib -fno-stack-protector -O1 -Wall -Wextra -Werror \
			"$top/tests/escape/attacker.c" -o "$d/t/attacker-raw"
		"$cc" -DWITH_LIBC -O1 -Wall -Wextra -Werror "$top/tests/escape/attacker.c" -o "$d/t/attacker-libc"
		"$cc" -O2 -Wall -Werror "$here/accept.c" -o "$d/t/accept" 2>&1); then
		not_ok "$arch: the initramfs's programs build" "$output"
		return 1
	fi
	# The same programs and flags as tests/lib.sh's run_programs.
	for src in "$top"/tests/libc/*.c; do
		name=$(basename "$src" .c)
		output=$("$cc" -std=gnu17 -O2 -Wall -Wextra -Werror -pthread -I "$top/tests/programs" \
			"$src" -o "$d/t/$name" -lm 2>&1) || { not_ok "$arch $name: builds" "$output"; rm -f "$d/t/$name"; }
	done
	for std in c++11 c++17 c++20; do
		output=$("$(tool "$arch" c++)" -std="$std" -O2 -Wall -Wextra -Werror -nostdlib++ -fno-exceptions \
			-fno-rtti -I "$top/tests/programs" "$top/tests/libc/argdata-cxx.cc" -o "$d/t/argdata-cxx-$std" 2>&1) ||
			not_ok "$arch argdata-cxx $std: builds" "$output"
	done
	printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\n- !fd stdout\n- !socket {bind: "/tmp/accept.sock"}\n' \
		> "$d/t/accept.yaml"
	printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\n- !fd stdout\n- !socket {bind: "/tmp/dgram.sock", type: dgram}\n' \
		> "$d/t/dgram.yaml"
}

# The escape suite's files, as tests/escape/run.sh makes them.
E=/tmp/e G=/tmp/e/g O=/tmp/e/outside R=/tmp/e/r
grants=(--dir "g=$G:rw" --dir "r=$R:ro" --file "f=$O/ro.txt")

# plan ARCH: the guest's steps (vm-init.c describes the format).
plan() {
	local arch=$1 name call blocked through modes note gap varch m opts run
	# The stand-ins the vectors aim at.
	printf 'mkdir\t/etc\t0755\nwrite\t/etc/passwd\t0644\troot:x:0:0:a stand-in:/:/bin/sh\n'
	printf 'mkdir\t/bin\t0755\nwrite\t/bin/sh\t0755\t#!/bin/sh (a stand-in: execve_sh must find a file)\n'
	printf 'run\tcheck\t-\t/t/cloudabi-run\t--check\n'

	printf 'say\tescape suite\n'
	printf 'mkdir\t%s\t0755\n' "$E" "$G" "$G/sub" "$O" "$R"
	printf 'mknod\t%s\t1\t3\n' "$G/null"
	printf 'write\t%s\t0600\n' "$O/x"
	printf 'write\t%s\t0666\tro\n' "$O/ro.txt"
	printf 'write\t%s\t0666\tdata\n' "$G/data.txt"
	printf 'write\t%s\t0755\t\177ELF\n' "$G/tool"
	printf 'symlink\t%s\t%s\n' "$O/x" "$G/link-out" .. "$G/up"
	printf 'run\twarning\tcwd=%s\t/t/cloudabi-run%s\t/t/attacker-raw\tno_new_privs\n' \
		"$G" "$(printf '\t%s' "${grants[@]}")"
	while IFS=$'\t' read -r name call blocked through modes note gap varch; do
		[[ $name == \#* || $name == name ]] && continue
		[ "$varch" != - ] && [ "${varch%%:*}" != "$arch" ] && continue   # n/a here
		for m in c $judge_modes; do
			[ "$m" = c ] || [[ $modes == *${m%%-*}* ]] || continue
			# reset: undo what a vector that got through may have left
			printf 'rm\t%s\t%s\t%s\t%s\n' "$G/node" "$G/linked" "$O/moved" "$O/node"
			printf 'write\t%s\t0666\tvictim\nwrite\t%s\t0666\tcontent\n' "$G/victim" "$R/file"
			# as tests/escape/run.sh's attempt: in G, core files allowed,
			# standard error dropped, the stray descriptor 9 in a and c
			opts="cwd=$G,core,quiet,timeout=20"
			[[ $m == *-nobody ]] && opts+=",uid=65534"
			case $m in
			a*) run=(/t/cloudabi-run "${grants[@]}" /t/attacker-raw "$name")
				[ "$m" = a-isolate ] && run=(/t/cloudabi-run --isolate "${grants[@]}" /t/attacker-raw "$name")
				opts+=",9=$O/x" ;;
			b*) run=(/t/attacker-libc "$name"); opts+=",3=$G,4=$R,5=$O/ro.txt" ;;
			c) run=(/t/attacker-raw "$name"); opts+=",3=$G,4=$R,5=$O/ro.txt,9=$O/x" ;;
			esac
			printf 'run\te:%s:%s\t%s%s\n' "$m" "$name" "$opts" "$(printf '\t%s' "${run[@]}")"
		done
	done < "$top/tests/escape/vectors.tsv"

	# The gap a granted datagram UNIX socket opens before ABI 6: sendmsg to
	# an abstract address outside (attacker.c's sendmsg_abstract, with the
	# socket on descriptor 3); the control runs it --unconfined.
	printf 'abstract\tcloudabi-escape\n'
	printf 'rm\t/tmp/dgram.sock\nrun\tg:%s\t-\t/t/cloudabi-run\t%b--config\t/t/dgram.yaml\t/t/attacker-raw\tsendmsg_abstract\tcloudabi-escape\n' \
		c '--unconfined\t' a ''

	# The libc tests (self-confined, the directory on descriptor 3) and the
	# allowed suite (the same under cloudabi-run): each program gets a fresh
	# directory holding a copy of itself named "self", as run_programs does.
	printf 'say\tlibc and allowed suites\nmkdir\t/tmp/l\t0755\n'
	for exe in "$stage/t"/*; do
		name=${exe##*/}
		case $name in cloudabi-run|attacker-*|accept|*.yaml) continue ;; esac
		printf 'mkdir\t/tmp/l/b-%s\t0777\ncopy\t/t/%s\t/tmp/l/b-%s/self\t0755\n' "$name" "$name" "$name"
		printf 'run\tb:%s\t3=/tmp/l/b-%s,timeout=120\t/t/%s\n' "$name" "$name" "$name"
		[[ $name == argdata-cxx-* ]] && continue
		printf 'mkdir\t/tmp/l/a-%s\t0777\ncopy\t/t/%s\t/tmp/l/a-%s/self\t0755\n' "$name" "$name" "$name"
		printf 'run\ta:%s\ttimeout=120\t/t/cloudabi-run\t--dir\tgiven=/tmp/l/a-%s:read,write,create,remove,exec\t/t/%s\n' \
			"$name" "$name" "$name"
	done
	printf 'bg\taccept\ttimeout=30\t/t/cloudabi-run\t--config\t/t/accept.yaml\t/t/accept\n'
	printf 'send\t/tmp/accept.sock\tping\nwait\taccept\n'
}

# boot KERNEL-DEB ARCH INITRD LOG: boot it; the console goes to LOG.
boot() {
	local deb=$1 arch=$2 initrd=$3 log=$4 kdir=$vm/kernels/${1%.deb} k
	if [ ! -f "$kdir/vmlinuz" ]; then
		mkdir -p "$kdir/x"
		dpkg-deb --fsys-tarfile "$vm/debs/$deb" | tar -x -C "$kdir/x" --wildcards './boot/vmlinuz-*'
		mv "$kdir"/x/boot/vmlinuz-* "$kdir/vmlinuz"
		rm -rf "$kdir/x"
	fi
	k=$kdir/vmlinuz
	# quiet, loglevel=1: kernel messages would break the console's lines.
	# syscall.x32=y: Debian builds x32 in but off; on, the x32 vector is real.
	local common=(-m 512 -smp 1 -display none -monitor none -serial stdio -no-reboot
		-kernel "$k" -initrd "$initrd")
	case $arch in
	x86_64) timeout "${VM_TIMEOUT:-600}" qemu-system-x86_64 -accel tcg -cpu max "${common[@]}" \
		-append "console=ttyS0 quiet loglevel=1 panic=-1 syscall.x32=y" ;;
	aarch64) timeout "${VM_TIMEOUT:-600}" qemu-system-aarch64 -M virt -cpu cortex-a57 "${common[@]}" \
		-append "console=ttyAMA0 quiet loglevel=1 panic=-1" ;;
	esac < /dev/null > "$log" 2>&1
}

# Build, plan and boot every kernel of debs.lock, all at once (each boot
# is one TCG thread); judge afterwards.
kernels=()
while read -r role darch package version sha; do
	[ "$role" = kernel ] || continue
	case $darch in amd64) arch=x86_64 ;; arm64) arch=aarch64 ;; *) continue ;; esac
	deb=$(deb_of kernel "$darch")
	stage=$scratch/stage-$arch
	if [ ! -d "$stage" ]; then build "$arch" "$stage" || continue; fi
	plan "$arch" > "$stage/plan"
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$scratch/$arch.cpio"
	log=$vm/log/${deb%.deb}.log
	start=$(date +%s)
	( boot "$deb" "$arch" "$scratch/$arch.cpio" "$log"; echo "$? $(( $(date +%s) - start ))" > "$log.status" ) &
	kernels+=("$arch $deb $log")
done < <(grep -v '^[[:space:]]*#' "$here/debs.lock")
wait

# Results of one boot, from its console: outputs and statuses by id.
declare -A out st
# vm_attempt MODE VECTOR: the result token, as tests/escape/run.sh's attempt.
vm_attempt() {
	local id="e:$1:$2" s got
	s=${st[$id]:-missing}
	got=$(head -n 1 <<< "${out[$id]:-}")
	case $s in
	missing) echo "NOT-RUN" ;;
	timeout) echo "TIMEOUT" ;;
	159) echo SIGSYS ;;
	*) if [ "$s" -gt 128 ]; then echo "SIG$((s - 128))"
		elif [ -z "$got" ]; then echo "NOTHING(status $s)"
		else echo "${got#"$2 "}"; fi ;;
	esac
}

for k in "${kernels[@]}"; do
	read -r arch deb log <<< "$k"
	read -r rc secs < "$log.status"
	out=() st=()
	kernel= abi=0 ended=0 errors=()
	while IFS= read -r line; do
		line=${line%$'\r'}
		case $line in
		"@out "*) rest=${line#@out }; id=${rest%% *}; out[$id]+="${rest#* }"$'\n' ;;
		"@status "*) rest=${line#@status }; st[${rest%% *}]=${rest#* } ;;
		"@kernel "*) kernel=${line#@kernel } ;;
		"@landlock "*) abi=${line#@landlock } ;;
		"@error "*) errors+=("${line#@error }") ;;
		"@end") ended=1 ;;
		esac
	done < "$log"
	echo "# $deb: kernel ${kernel:-?}, Landlock ABI $abi, booted and ran in ${secs}s (console: ${log#"$top/"})"
	if [ "$ended" != 1 ]; then
		not_ok "$arch ${deb%%_*}: the guest ran its plan to the end (qemu status $rc)" "$(tail -n 20 "$log")"
		continue
	fi
	ok "$arch ${deb%%_*}: boots $kernel and runs its plan to the end"
	if [ ${#errors[@]} = 0 ]; then ok "$arch: every step of the plan worked"
	else not_ok "$arch: steps of the plan failed" "${errors[@]}"; fi
	while IFS= read -r line; do [ -n "$line" ] && echo "# cloudabi-run --check: $line"; done <<< "${out[check]:-}"
	check "$arch cloudabi-run --check reports Landlock ABI $abi" grep -qx "landlock: available, ABI $abi" <<< "${out[check]:-}"

	# The escape suite, as on this machine.
	warning=$(grep 'warning:' <<< "${out[warning]:-}" || true)
	echo "# launcher's warning for the escape suite's grants: ${warning:-(none)}"
	judge_vectors vm_attempt "$arch" "$abi" 1 "$warning" "${kernel%% *}"

	# The datagram socket's gap: open before ABI 6 and named then, blocked after.
	judge_dgram_gap "$arch" "$abi" "${out[g:c]:-}" "${out[g:a]:-}"

	# The libc tests (mode b) and the allowed suite (mode a).
	for id in "${!st[@]}"; do
		case $id in
		b:*) record_checks "$arch libc ${id#b:}: " "${st[$id]/timeout/124}" "${out[$id]:-}" ;;
		a:*) record_checks "$arch allowed ${id#a:}: " "${st[$id]/timeout/124}" "$(grep -v '^cloudabi-run: warning:' <<< "${out[$id]:-}")" ;;
		esac
	done
	check "$arch allowed: accept on a granted listening socket, confined" grep -qx 'accepted ping' <<< "${out[accept]:-}"
done
[ ${#kernels[@]} -gt 0 ] || not_ok "at least one kernel boots"
finish
