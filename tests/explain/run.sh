#!/usr/bin/env bash
# Denied calls explained (docs/confinement.md, "Denied calls explained"):
# cloudabi-run --explain and CLOUDABI_EXPLAIN=1 print one line per denied
# call, the line the policy and the manifest give (computed here from
# runtime/policy/policy.tsv and libc/manifest.tsv), while the call fails
# exactly as without them; exit statuses are relayed; the listener does
# not reach the program; off, nothing differs (the same filter, no system
# call more, seen through a ptrace tracer); and the escape suite passes
# with --explain on. As root and, through setpriv, as nobody. x86_64 here:
# qemu-user cannot confine aarch64.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
run=$out/bin/cloudabi-run
cc=$(tool x86_64 cc)
policy=$top/runtime/policy/policy.tsv
manifest=$top/libc/manifest.tsv

if [ "$(uname -m)" != x86_64 ]; then
	echo "skip - explain suite: its programs are x86_64 only"
	finish; exit
fi
if ! grep -q '^landlock: available' <<< "$("$run" --check)"; then
	echo "skip - explain suite: this kernel has no Landlock"
	finish; exit
fi

check "the libc-free attacker builds" \
	"$cc" -nostdlib -fno-stack-protector -O1 -Wall -Wextra -Werror "$top/tests/escape/attacker.c" -o "$scratch/attacker-raw"
check "the libc attacker builds" \
	"$cc" -DWITH_LIBC -O1 -Wall -Wextra -Werror "$top/tests/escape/attacker.c" -o "$scratch/attacker-libc"
check "the exit test program builds" \
	"$cc" -O1 -Wall -Wextra -Werror -I "$top/tests/escape" "$here/programs/exits.c" -o "$scratch/exits"
check "the audit switch builds (host)" \
	clang-19 -std=gnu11 -O1 -Wall -Wextra -Werror "$here/audit-switch.c" -o "$scratch/audit-switch"
check "the tracer builds (host)" \
	clang-19 -std=gnu11 -O1 -Wall -Wextra -Werror -I "$top/build/policy" "$here/trace.c" \
	"$top/build/policy/filter-x86_64.c" -o "$scratch/trace"

# The attacker's files, as in tests/escape: G granted rw, R ro, RO a file.
G=$scratch/g O=$scratch/outside R=$scratch/r
mkdir -p "$G" "$O" "$R"
: > "$O/x"
echo ro > "$O/ro.txt"
chmod 755 "$scratch"
chmod -R a+rwX "$G" "$O" "$R"

# The kernel's audit: --explain reads Landlock's denials from its
# records. The suite runs with audit off, turns it on only for the cases
# that need it, and puts back what it found. Locked (2) or missing, those
# cases are skipped.
audit_found=$("$scratch/audit-switch" get 2> /dev/null) || audit_found=none
audit_ctl=0
case $audit_found in 0 | 1) audit_ctl=1 ;; esac
audit_set() { [ "$audit_ctl" = 1 ] && "$scratch/audit-switch" set "$1"; }
trap '[ "$audit_ctl" = 1 ] && "$scratch/audit-switch" set "$audit_found"; rm -rf "$scratch"' EXIT
audit_set 0 || true

nobody=0
if command -v setpriv > /dev/null; then nobody=1
else echo "skip - the cases as nobody: setpriv is not on PATH (util-linux)"; fi
as() { # as root|nobody COMMAND...
	if [ "$1" = nobody ]; then shift; setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else shift; "$@"; fi
}

# ---- the expected lines, from the policy and the manifest ----

# field F of the policy's row of call NAME
row() { awk -F'\t' -v n="$1" -v f="$2" '$1 == n && NF == 6 { print $f }' "$policy"; }
# "; use REPLACEMENT" from the manifest's row NAME ("nothing: WHY" has none)
use() {
	local u
	u=$(awk -F'\t' -v n="$1" 'NF == 7 && $1 == n { print $7 }' "$manifest")
	case $u in
	"") ;;
	"nothing: "*) echo "; no replacement: ${u#nothing: }" ;;
	*) echo "; use $u" ;;
	esac
}
# expect_deny PREFIX CALL ARGS: the line of a row that denies outright
expect_deny() {
	echo "$1: denied: $2($3) = EPERM by seccomp policy row '$2' ($(row "$2" 6))$(use "$2")"
}
# expect_check PREFIX CALL ARGS N LIBC: the line of a check row, denied by
# its clause N (from 1), with the replacement of the manifest's row LIBC
expect_check() {
	local clause
	clause=$(row "$2" 5 | awk -F';' -v n="$4" '{ print $n }' | sed 's/^ *//; s/ *$//')
	echo "$1: denied: $2($3) = EPERM by seccomp policy row '$2', rule '$clause'$(use "$5")"
}

# The vectors explained: the call each makes (tests/escape/attacker.c),
# its arguments as shown, and its line.
explained="open_etc_passwd socket_inet kill_init openat_fdcwd"
expected() { # PREFIX VECTOR
	case $2 in
	open_etc_passwd) expect_deny "$1" open '"/etc/passwd", O_RDONLY, 0' ;;
	socket_inet) expect_deny "$1" socket 'AF_INET, SOCK_STREAM, 0' ;;
	kill_init) expect_deny "$1" kill '1, 0' ;;
	openat_fdcwd) expect_check "$1" openat 'AT_FDCWD, "/etc/passwd", O_RDONLY, 0' 1 AT_FDCWD ;;
	esac
}

# explained_as STDERR EXPECTED: the program's stderr holds exactly one
# "denied:" line, EXPECTED.
explained_as() {
	[ "$(grep -c ': denied: ' <<< "$1")" = 1 ] && [ "$(grep ': denied: ' <<< "$1")" = "$2" ]
}

# ---- attempts: the result token and the stderr of one run ----

# attempt MODE USER EXPLAIN VECTOR: sets res and err.
#   raw     the libc-free attacker under cloudabi-run (the unknown binary)
#   libc    the libc attacker under cloudabi-run (its start-up defers)
#   direct  the libc attacker started directly (CLOUDABI_EXPLAIN=1: traps)
attempt() {
	local mode=$1 user=$2 explain=$3 v=$4 x=() e=() prog=attacker-raw
	[ "$explain" = 1 ] && x=(--explain) e=(CLOUDABI_EXPLAIN=1)
	[ "$mode" = raw ] || prog=attacker-libc
	rm -f "$G"/* 2> /dev/null || true
	if [ "$mode" = direct ]; then
		res=$(cd "$G" && as "$user" env "${e[@]}" "$scratch/$prog" "$v" 3< "$G" 4< "$R" 5< "$O/ro.txt" \
			< /dev/null 2> "$scratch/err") || true
	else
		res=$(cd "$G" && as "$user" "$run" "${x[@]}" --dir g="$G":rw --dir r="$R":ro --file f="$O/ro.txt" \
			"$scratch/$prog" "$v" < /dev/null 2> "$scratch/err") || true
	fi
	res=${res#"$v "}
	err=$(cat "$scratch/err")
}

users=root
[ "$nobody" = 1 ] && users="root nobody"
for user in $users; do
	for mode in raw libc direct; do
		prefix=cloudabi-run
		[ "$mode" = direct ] && prefix=cloudabi
		for v in $explained openat_g_dotdot; do
			attempt "$mode" "$user" 0 "$v"
			plain=$res plain_err=$err
			attempt "$mode" "$user" 1 "$v"
			if [ "$res" = "$plain" ] && [[ $plain == E* ]]; then
				ok "$user $mode $v: the same error with and without explaining ($res)"
			else
				not_ok "$user $mode $v: explaining changed the result ($plain without, $res with)" "$err"
			fi
			if [ "$v" = openat_g_dotdot ]; then
				# Landlock's denial: the kernel's, after the filter; with
				# audit off (as here) not explained, and the launcher says so
				if [ "$audit_ctl" = 0 ]; then
					check "$user $mode $v: Landlock's EACCES" test "$res" = EACCES
				elif [ "$res" = EACCES ] && ! grep -q ': denied: ' <<< "$err"; then
					ok "$user $mode $v: Landlock's EACCES, not explained with audit off"
				else
					not_ok "$user $mode $v: expected EACCES and no line" "$res" "$err"
				fi
				if [ "$mode" != direct ] && [ "$audit_ctl" = 1 ]; then
					why="the kernel's audit is off"
					[ "$user" = nobody ] && why="reading the kernel's audit records needs CAP_AUDIT_READ"
					check "$user $mode $v: --explain says why Landlock's denials are not explained ($why)" \
						grep -q "^cloudabi-run: explain: Landlock's denials .* are not explained here: $why" <<< "$err"
				fi
				continue
			fi
			line=$(expected "$prefix" "$v")
			if explained_as "$err" "$line"; then
				ok "$user $mode $v: one line, the policy's and the manifest's"
			else
				not_ok "$user $mode $v: not the expected line" "expected: $line" "got: $err"
			fi
			# The negative control: the same check on the run without
			# explaining finds no line, so the check can fail.
			if [ "$mode$user" = rawroot ]; then
				if explained_as "$plain_err" "$line"; then
					not_ok "negative control $v: a run without --explain passes the check (it tests nothing)" "$plain_err"
				else
					ok "negative control $v: without --explain the check fails (no line)"
				fi
			fi
		done
	done
done

# A wrong expectation fails too: the check compares the whole line.
attempt raw root 1 kill_init
if explained_as "$err" "$(expect_deny cloudabi-run kill '1, 1')"; then
	not_ok "negative control: a line with other arguments passes the check" "$err"
else
	ok "negative control: a line with other arguments fails the check"
fi

# ---- Landlock's denials, from the kernel's audit records ----
# As root with audit on (Landlock ABI 7): the supervisor reads Landlock's
# records of the program's domains. The line names the call (its strings
# are gone by then), the error, the access Landlock lacked and where.
abi=$("$run" --check | sed -n 's/^landlock: available, ABI \([0-9]*\).*/\1/p')
if [ "$audit_ctl" = 0 ]; then
	echo "skip - Landlock's denials through audit: the kernel's audit is missing or locked ($audit_found)"
elif [ "${abi:-0}" -lt 7 ]; then
	echo "skip - Landlock's denials through audit: Landlock ABI ${abi:-?} writes no audit records (7 does)"
else
	# the checks, on res and err of the last attempt
	lacks() { ! grep -qF "$1" <<< "$err"; }
	result_and_line() { [ "$res" = "$1" ] && grep -qF "$2" <<< "$err"; }
	result_no_line_note() { [ "$res" = "$1" ] && ! grep -q ': denied: ' <<< "$err" && grep -qF "$2" <<< "$err"; }
	only_own_line() { # OTHER'S RESULT, STDERR FILE, THE ONE LINE
		[ "$1" = "openat_g_dotdot EACCES" ] && [ "$(grep -c ': denied: ' "$2")" = 1 ] && grep -qxF "$3" "$2"
	}
	outside=$(realpath "$O/x")
	landlock_line="cloudabi-run: denied: openat(3, ..., O_RDONLY, 0) = EACCES by Landlock: fs.read_file on \"$outside\", which no grant allows"
	audit_set 1
	for mode in raw libc; do
		attempt "$mode" root 1 openat_g_dotdot
		check "root $mode openat_g_dotdot, audit on: the same EACCES" test "$res" = EACCES
		if explained_as "$err" "$landlock_line"; then
			ok "root $mode openat_g_dotdot, audit on: one line, Landlock's, with the right it lacked"
		else
			not_ok "root $mode openat_g_dotdot, audit on: not the expected line" "expected: $landlock_line" "got: $err"
		fi
		check "root $mode openat_g_dotdot, audit on: no note that Landlock's denials are not explained" \
			lacks "are not explained here"
		attempt "$mode" root 0 openat_g_dotdot
		if explained_as "$err" "$landlock_line"; then
			not_ok "negative control $mode: without --explain the check passes (it tests nothing)" "$err"
		else
			ok "negative control $mode: without --explain, audit on, no line"
		fi
	done
	# other accesses: a signal out of the domain (signal 0), a device
	# node made in a granted directory
	attempt raw root 1 tgkill_init
	check "root tgkill_init, audit on: EPERM, and Landlock's scope.signal named" \
		result_and_line EPERM "cloudabi-run: denied: tgkill(...) = EPERM by Landlock: scope.signal to process 1 "
	attempt raw root 1 mknodat_in_g
	check "root mknodat_in_g, audit on: EACCES, and Landlock's fs.make_char in the granted directory" \
		result_and_line EACCES "= EACCES by Landlock: fs.make_char on \"$(realpath "$G")\", which no grant allows"
	# as nobody the records cannot be read: the same error, a note, no line
	if [ "$nobody" = 1 ]; then
		attempt raw nobody 1 openat_g_dotdot
		check "nobody openat_g_dotdot, audit on: EACCES, no line, and a note that reading the records needs CAP_AUDIT_READ" \
			result_no_line_note EACCES "needs CAP_AUDIT_READ"
	fi
	# Another program's denial, made while the program runs, is not the
	# program's: a self-confined attacker started directly (its domain
	# is recorded, as any same-executable domain is) while the explained
	# program waits on its input, whose one line is its own kill(1, 0).
	rm -f "$scratch/go"
	"$run" --explain "$scratch/exits" later > "$scratch/later" 2> "$scratch/later-err" \
		< <(while [ ! -e "$scratch/go" ]; do sleep 0.1; done) &
	launcher=$!
	for _ in {1..50}; do grep -q . "/proc/$launcher/task/$launcher/children" && break; sleep 0.1; done
	other=$(cd "$G" && "$scratch/attacker-libc" openat_g_dotdot 3< "$G" 4< "$R" 5< "$O/ro.txt" < /dev/null 2>&1) || true
	touch "$scratch/go"
	wait "$launcher" || true
	check "another program's Landlock denial (its result: ${other#openat_g_dotdot }) during an explained run is not reported" \
		only_own_line "$other" "$scratch/later-err" "$(expect_deny cloudabi-run kill '1, 0')"
	rm -f "$scratch/go" "$scratch/later"
	audit_set 0
fi

# ---- exit statuses, relayed ----
status_of() { local s=0; "$@" > /dev/null 2>&1 < /dev/null || s=$?; echo "$s"; }
for user in $users; do
	for how in "code 0" "code 3" "code 77" "signal 15" "signal 11" "signal 6" "signal 9"; do
		# shellcheck disable=SC2086 # "code 3" is two arguments
		a=$(status_of as "$user" "$run" "$scratch/exits" $how)
		# shellcheck disable=SC2086
		b=$(status_of as "$user" "$run" --explain "$scratch/exits" $how)
		want=${how#code }
		[[ $how == signal* ]] && want=$((128 + ${how#signal }))
		check "$user exit '$how': $want without --explain, the same with it ($b)" test "$a" = "$want" -a "$b" = "$want"
	done
	# the policy kills an x32 system call: SIGSYS, relayed, with a note
	a=$(status_of as "$user" "$run" "$scratch/attacker-raw" x32_getpid)
	b=$(status_of as "$user" "$run" --explain "$scratch/attacker-raw" x32_getpid)
	check "$user killed by the policy (x32): 159 without --explain, the same with it ($b)" test "$a" = 159 -a "$b" = 159
	note=$(as "$user" "$run" --explain "$scratch/attacker-raw" x32_getpid 2>&1 < /dev/null || true)
	check "$user killed by SIGSYS: --explain says how the policy kills" grep -q 'explain: the program was killed by SIGSYS' <<< "$note"
done

# ---- the listener and the socket do not reach the program ----
a=$("$run" "$scratch/exits" fds)
b=$("$run" --explain "$scratch/exits" fds)
check "the program's descriptors are the same with --explain (no listener, no socket)" test "$a" = "$b"
check "... and only 0, 1, 2 are open" test "$(grep -c ': open' <<< "$b")" = 3
b=$("$run" --explain --env A=1 "$scratch/exits" env)
check "--explain adds CLOUDABI_EXPLAIN=1 to the environment, nothing else" \
	test "$(sort <<< "$b" | grep -v '^env CLOUDABI_ARGDATA_FD=')" = "$(printf 'env A=1\nenv CLOUDABI_EXPLAIN=1')"

# ---- --explain=FILE and one-line errors ----
rm -f "$scratch/explain.log"
"$run" --explain="$scratch/explain.log" "$scratch/attacker-raw" kill_init > /dev/null 2> "$scratch/stderr" < /dev/null || true
check "--explain=FILE: the line goes to FILE" \
	test "$(grep ': denied: ' "$scratch/explain.log")" = "$(expected cloudabi-run kill_init)"
check "--explain=FILE: and not to stderr" sh -c "! grep -q 'denied:' '$scratch/stderr'"
expect_fail "--explain=FILE in a missing directory: one line" \
	"^cloudabi-run: --explain=$scratch/none/x: No such file or directory$" "$run" --explain="$scratch/none/x" "$scratch/exits" code 0
expect_fail "--explain=FILE naming a directory: one line" \
	"^cloudabi-run: --explain=$scratch: Is a directory$" "$run" --explain="$scratch" "$scratch/exits" code 0
if [ "$nobody" = 1 ]; then
	mkdir -p "$scratch/rootonly" && chmod 755 "$scratch/rootonly"
	expect_fail "--explain=FILE the user cannot write (nobody): one line" \
		"^cloudabi-run: --explain=$scratch/rootonly/x: Permission denied$" \
		as nobody "$run" --explain="$scratch/rootonly/x" "$scratch/exits" code 0
fi
expect_fail "--explain= with no file: a usage error" "^cloudabi-run: --explain=: say which file" \
	"$run" --explain= "$scratch/exits" code 0
expect_fail "--explain with --unconfined: refused" "^cloudabi-run: --explain explains what confinement denies" \
	"$run" --explain --unconfined "$scratch/exits" code 0

# ---- the supervisor gone: the calls still fail (ENOSYS) ----
# exits later: a libc program (deferring to the launcher) that makes its
# denied call once its input ends, which is after the supervisor is killed
"$run" --explain "$scratch/exits" later > "$scratch/later" 2> /dev/null \
	< <(while [ ! -e "$scratch/go" ]; do sleep 0.1; done) &
launcher=$!
for _ in {1..50}; do grep -q . "/proc/$launcher/task/$launcher/children" && break; sleep 0.1; done
check "the supervisor stays behind the program (the launcher has a child)" grep -q . "/proc/$launcher/task/$launcher/children"
kill -9 "$launcher"
wait "$launcher" 2> /dev/null || true
touch "$scratch/go"
for _ in {1..50}; do [ -s "$scratch/later" ] && break; sleep 0.1; done
check "the supervisor killed: a denied call still fails, with ENOSYS (-38)" test "$(cat "$scratch/later")" = -38

# ---- the trap handler's documented limit: SIGSYS blocked ----
# (docs/confinement.md: started directly, a denied call with SIGSYS blocked
# kills; under the launcher it gets its errno, explained)
check "SIGSYS blocked, without explaining: EPERM (-1)" test "$("$scratch/exits" blocked)" = -1
check "SIGSYS blocked, CLOUDABI_EXPLAIN=1: killed by SIGSYS (159), as documented" \
	test "$(status_of env CLOUDABI_EXPLAIN=1 "$scratch/exits" blocked)" = 159
got=$("$run" --explain "$scratch/exits" blocked 2> "$scratch/err")
check "SIGSYS blocked, cloudabi-run --explain: EPERM (-1), and explained" \
	sh -c "test '$got' = -1 && grep -qF \"\$1\" '$scratch/err'" - "$(expect_deny cloudabi-run kill '1, 0')"

# ---- off, nothing differs: the same filter, no system call more ----
"$scratch/trace" --filters > "$scratch/filters"
policy_hex=$(sed -n 1p "$scratch/filters") notif_hex=$(sed -n 2p "$scratch/filters") trap_hex=$(sed -n 3p "$scratch/filters")
# the explain variants differ from the policy's filter only in returns:
# ERRNO|EPERM (00050001) or ERRNO|ENOSYS (00050026) becomes USER_NOTIF
# (7fc00000) or TRAP (00030000), in the same places
differs_only_in_returns() { # HEX VARIANT RET
	local i a b n=0
	for ((i = 0; i < ${#1}; i += 16)); do
		a=${1:i:16} b=${2:i:16}
		[ "$a" = "$b" ] && continue
		[[ ${a:0:4} == 0006 && ( ${a:8} == 00050001 || ${a:8} == 00050026 ) && ${b:0:8} == "${a:0:8}" && ${b:8} == "$3" ]] || return 1
		n=$((n + 1))
	done
	[ "${#1}" = "${#2}" ] && [ "$n" -gt 0 ]
}
check "the USER_NOTIF variant is the policy's filter with only its denials' returns changed" \
	differs_only_in_returns "$policy_hex" "$notif_hex" 7fc00000
check "the TRAP variant is the policy's filter with only its denials' returns changed" \
	differs_only_in_returns "$policy_hex" "$trap_hex" 00030000
# traced: seccomp lines and a count of the rest
traced() { # OUT COMMAND...: trace and keep the lines
	local o=$1
	shift
	"$scratch/trace" "$o" "$@" > /dev/null 2>&1 < /dev/null || true
}
traced "$scratch/t-direct" "$scratch/exits" code 0
check "off, started directly: the libc attaches exactly the policy's filter, flags 0" \
	test "$(grep '^seccomp' "$scratch/t-direct")" = "seccomp 0 $policy_hex"
check "off, started directly: no SIGSYS handler, no probe (system call 1000)" \
	sh -c "! grep -qx -e 'rt_sigaction 31' -e 1000 '$scratch/t-direct'"
check "off, started directly: the libc's probe of the policy (system call 1001) found none, so it attached the filter (above)" \
	grep -qx 1001 "$scratch/t-direct"
traced "$scratch/t-on" env CLOUDABI_EXPLAIN=1 "$scratch/exits" code 0
check "CLOUDABI_EXPLAIN=1, started directly: the TRAP variant and a SIGSYS handler (no probe: no filter was there)" \
	sh -c "test \"\$(grep '^seccomp' '$scratch/t-on')\" = 'seccomp 0 $trap_hex' && grep -qx 'rt_sigaction 31' '$scratch/t-on' && ! grep -qx 1000 '$scratch/t-on'"
traced "$scratch/t-probe" "$run" --explain "$scratch/exits" code 0
check "under cloudabi-run --explain the libc asks the supervisor (system call 1000) and adds no filter" \
	sh -c "grep -qx 1000 '$scratch/t-probe' && test \"\$(grep -c '^seccomp' '$scratch/t-probe')\" = 1"
traced "$scratch/t-launcher" "$run" "$scratch/attacker-raw" no_new_privs
check "off, cloudabi-run: one filter, the policy's, flags 0" \
	test "$(grep '^seccomp' "$scratch/t-launcher")" = "seccomp 0 $policy_hex"
check "off, cloudabi-run: no fork, no socketpair, no probe (the launcher execs the program)" \
	sh -c "! grep -qx -e 56 -e 57 -e 435 -e 53 -e 1000 '$scratch/t-launcher'"
traced "$scratch/t-launcher-libc" "$run" "$scratch/exits" code 0
check "off, cloudabi-run with a libc program: the launcher's filter alone (the libc's probe, system call 1001, finds the policy in force)" \
	sh -c "test \"\$(grep '^seccomp' '$scratch/t-launcher-libc')\" = 'seccomp 0 $policy_hex' && grep -qx 1001 '$scratch/t-launcher-libc'"
# The Landlock layer: under the launcher the program adds none (the two
# landlock_create_ruleset calls, 444, are the launcher's ABI query and
# ruleset); started directly it makes its own, and so it does when only
# the launcher's variable is there, without the policy in force.
check "cloudabi-run with a libc program: no Landlock layer of the program's own (the launcher's two landlock_create_ruleset calls)" \
	test "$(grep -cx 444 "$scratch/t-launcher-libc")" = 2
check "started directly: the program makes its own Landlock layer (its ABI query and ruleset)" \
	test "$(grep -cx 444 "$scratch/t-direct")" = 2
traced "$scratch/t-fake" env CLOUDABI_LAUNCHED=1 "$scratch/exits" code 0
check "started directly with CLOUDABI_LAUNCHED=1 but no policy in force: its own Landlock layer and the policy's filter all the same" \
	sh -c "test \"\$(grep -cx 444 '$scratch/t-fake')\" = 2 && test \"\$(grep '^seccomp' '$scratch/t-fake')\" = 'seccomp 0 $policy_hex'"
traced "$scratch/t-explain" "$run" --explain "$scratch/exits" code 0
check "--explain: the USER_NOTIF variant with NEW_LISTENER (8), and the libc adds none" \
	test "$(grep '^seccomp' "$scratch/t-explain")" = "seccomp 8 $notif_hex"

# ---- the escape suite, with --explain on ----
output=$(ESCAPE_EXPLAIN=1 "$top/tests/escape/run.sh" 2>&1) || true
summary=$(tail -n 1 <<< "$output")
grep '^FAIL' <<< "$output" || true
if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]] && [ "${BASH_REMATCH[2]}" = 0 ] && [ "${BASH_REMATCH[1]}" -gt 0 ]; then
	ok "the escape suite with --explain on (ESCAPE_EXPLAIN=1): $summary"
else
	not_ok "the escape suite with --explain on (ESCAPE_EXPLAIN=1): $summary" "$(tail -n 20 <<< "$output")"
fi
check "... and it ran with --explain (its explained lines were kept)" grep -q 'ESCAPE_EXPLAIN=1:.* explained' <<< "$output"
finish
