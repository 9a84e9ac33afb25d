#!/usr/bin/env bash
# The escape suite (docs/confinement.md, "The escape suite"): every vector of
# vectors.tsv attempted by attacker.c, one process per attempt, in
#   a   the libc-free attacker under cloudabi-run --dir g=G:rw --dir r=R:ro
#       --file f=RO (descriptors 3, 4, 5; as root, as
#       root with --isolate, where the known limits must be closed too, and
#       as nobody through setpriv when it is on PATH),
#   b   the attacker built with the libc, started directly with G, R, RO as
#       descriptors 3, 4, 5 (it confines itself), as root and as nobody,
#   c   the negative control: the libc-free attacker started directly, which
#       nothing confines; every vector must get through there, or it tests
#       nothing.
# One line per vector and mode (judge.sh). x86_64 here: qemu-user cannot
# confine aarch64; tests/vm runs the same vectors on booted arm64 and amd64
# kernels.
#
# ESCAPE_EXPLAIN=1 runs every mode with denied calls explained: the
# launcher's modes with cloudabi-run --explain (its supervisor answers each
# denial), mode b with CLOUDABI_EXPLAIN=1 (the libc's SIGSYS handler does);
# every vector must still be blocked, with the same results. tests/explain
# runs it so.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
source "$here/judge.sh"
run=$out/bin/cloudabi-run
cc=$(tool x86_64 cc)

if [ "$(uname -m)" != x86_64 ]; then
	echo "skip - escape suite: the attacker is x86_64 only"
	finish; exit
fi
if ! grep -q '^landlock: available' <<< "$("$run" --check)"; then
	echo "skip - escape suite: this kernel has no Landlock"
	finish; exit
fi

check "the libc-free attacker builds" \
	"$cc" -nostdlib -fno-stack-protector -O1 -Wall -Wextra -Werror "$here/attacker.c" -o "$scratch/attacker-raw"
check "the libc attacker builds" \
	"$cc" -DWITH_LIBC -O1 -Wall -Wextra -Werror "$here/attacker.c" -o "$scratch/attacker-libc"

# The test's files: G with a sub-directory, a non-executable-by-Landlock
# "tool", a "victim" to move, a symlink out and one to "..", a device node
# like /dev/null; R (granted read-only) holding a file; "outside" a sibling
# of G holding x (an empty file) and ro.txt (granted read-only).
G=$scratch/g O=$scratch/outside R=$scratch/r
mkdir -p "$G/sub" "$O" "$R"
mknod -m 666 "$G/null" c 1 3
: > "$O/x"
chmod 666 "$O/x"
echo ro > "$O/ro.txt"
echo data > "$G/data.txt"
echo content > "$R/file"   # made before the chmod below: nobody may open it for writing
printf '\177ELF' > "$G/tool"
chmod 755 "$G/tool"
ln -s "$O/x" "$G/link-out"
ln -s .. "$G/up"
chmod 755 "$scratch"
chmod -R a+rwX "$G" "$O" "$R"
chmod 600 "$O/x"   # fchmodat_outside sets the mode it already has

# reset: undo what a vector that got through may have left.
reset() {
	rm -rf "$G/node" "$G/linked" "$O/moved" "$O/node"
	echo victim > "$G/victim"
	echo content > "$R/file"
}

# With ESCAPE_EXPLAIN=1, the explained lines go to $explained_log.
explain=() explain_env=()
explained_log=$scratch/explained.log
if [ "${ESCAPE_EXPLAIN:-0}" = 1 ]; then
	: > "$explained_log"
	chmod 666 "$explained_log"
	explain=(--explain="$explained_log") explain_env=(CLOUDABI_EXPLAIN=1)
fi

# attempt MODE VECTOR: print the result token (SIGSYS when killed by it).
attempt() {
	local mode=$1 v=$2 got status=0
	reset
	got=$(cd "$G" && ulimit -c unlimited 2>/dev/null; case $mode in
		a) "$run" "${explain[@]}" --dir g="$G":rw --dir r="$R":ro --file f="$O/ro.txt" "$scratch/attacker-raw" "$v" 9< "$O/x" < /dev/null ;;
		a-isolate) "$run" "${explain[@]}" --isolate --dir g="$G":rw --dir r="$R":ro --file f="$O/ro.txt" "$scratch/attacker-raw" "$v" 9< "$O/x" < /dev/null ;;
		a-nobody) setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$run" "${explain[@]}" --dir g="$G":rw --dir r="$R":ro --file f="$O/ro.txt" "$scratch/attacker-raw" "$v" 9< "$O/x" < /dev/null ;;
		b) env "${explain_env[@]}" "$scratch/attacker-libc" "$v" 3< "$G" 4< "$R" 5< "$O/ro.txt" < /dev/null ;;
		b-nobody) setpriv --reuid=65534 --regid=65534 --clear-groups \
			env "${explain_env[@]}" "$scratch/attacker-libc" "$v" 3< "$G" 4< "$R" 5< "$O/ro.txt" < /dev/null ;;
		c) "$scratch/attacker-raw" "$v" 3< "$G" 4< "$R" 5< "$O/ro.txt" 9< "$O/x" < /dev/null ;;
	esac 2>/dev/null) || status=$?
	if [ "$status" = 159 ]; then echo SIGSYS
	elif [ "$status" -gt 128 ]; then echo "SIG$((status - 128))"
	elif [ -z "$got" ]; then echo "NOTHING(status $status)"
	else echo "${got#"$v "}"; fi
}

nobody=0
if command -v setpriv > /dev/null; then nobody=1
else echo "skip - modes a and b as nobody: setpriv is not on PATH (util-linux)"; fi

# The launcher's warning for these grants (none on a kernel whose Landlock
# has every right the gaps need).
warning=$("$run" --dir g="$G":rw --dir r="$R":ro --file f="$O/ro.txt" "$scratch/attacker-raw" no_new_privs 2>&1 >/dev/null | grep 'warning:' || true)
abi=$("$run" --check | sed -n 's/^landlock: available, ABI //p')
judge_vectors attempt x86_64 "$abi" "$nobody" "$warning" "$(uname -r)"

# A granted datagram UNIX socket can send to any address; Landlock's
# abstract-socket scope (ABI 6) keeps it from abstract sockets outside. The
# target: an abstract datagram socket bound by an unconfined python3, under
# a name of this run's own (abstract names are shared by the whole machine).
name=cloudabi-escape-$$
python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("\0" + sys.argv[1])
time.sleep(60)' "$name" &
target=$!
for _ in {1..50}; do grep -q "@$name\$" /proc/net/unix && break; sleep 0.1; done
printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\n- !fd stdout\n- !socket {bind: "%s", type: dgram}\n' \
	"$scratch/dgram.sock" > "$scratch/dgram.yaml"
c=$("$run" --unconfined --config "$scratch/dgram.yaml" "$scratch/attacker-raw" sendmsg_abstract "$name" 2>&1 || true)
rm -f "$scratch/dgram.sock"
a=$("$run" --config "$scratch/dgram.yaml" "$scratch/attacker-raw" sendmsg_abstract "$name" 2>&1 || true)
kill "$target" 2>/dev/null || true
wait "$target" 2>/dev/null || true
judge_dgram_gap x86_64 "$abi" "$c" "$a"
if [ "${ESCAPE_EXPLAIN:-0}" = 1 ]; then
	# mode b's lines went to the attacker's stderr, which attempt drops
	check "ESCAPE_EXPLAIN=1: the launcher's modes explained denied calls ($(grep -c ': denied: ' "$explained_log") lines explained)" \
		grep -q '^cloudabi-run: denied: ' "$explained_log"
fi
finish
