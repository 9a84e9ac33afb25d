#!/usr/bin/env bash
# The escape suite (CONFINEMENT.md, "The escape suite"): every vector of
# vectors.tsv attempted by attacker.c, one process per attempt, in
#   a   the libc-free attacker under cloudabi-run --dir g=G:rw (as root, as
#       root with --isolate, where the known limits must be closed too, and
#       as nobody through setpriv when it is on PATH),
#   b   the attacker built with the libc, started directly with G as
#       descriptor 3 (it confines itself), as root and as nobody,
#   c   the negative control: the libc-free attacker started directly, which
#       nothing confines; every vector must get through there, or it tests
#       nothing.
# One line per vector and mode. x86_64 only: there is no sys-aarch64.h yet.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
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
# "tool", a "victim" to move, a symlink out and one to ".."; "outside" a
# sibling of G holding x (an empty file) and ro.txt (granted read-only).
G=$scratch/g O=$scratch/outside
mkdir -p "$G/sub" "$O"
: > "$O/x"
chmod 666 "$O/x"
echo ro > "$O/ro.txt"
echo data > "$G/data.txt"
printf '\177ELF' > "$G/tool"
chmod 755 "$G/tool"
ln -s "$O/x" "$G/link-out"
ln -s .. "$G/up"
chmod 755 "$scratch"
chmod -R a+rwX "$G" "$O"
chmod 600 "$O/x"   # fchmodat_outside sets the mode it already has

# reset: undo what a vector that got through may have left.
reset() {
	rm -rf "$G/node" "$G/linked" "$O/moved" "$O/node"
	echo victim > "$G/victim"
}

# attempt MODE VECTOR: print the result token (SIGSYS when killed by it).
attempt() {
	local mode=$1 v=$2 got status=0
	reset
	got=$(cd "$G" && ulimit -c unlimited 2>/dev/null; case $mode in
		a) "$run" --dir g="$G":rw --file f="$O/ro.txt" "$scratch/attacker-raw" "$v" 9< "$O/x" < /dev/null ;;
		a-isolate) "$run" --isolate --dir g="$G":rw --file f="$O/ro.txt" "$scratch/attacker-raw" "$v" 9< "$O/x" < /dev/null ;;
		a-nobody) setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$run" --dir g="$G":rw --file f="$O/ro.txt" "$scratch/attacker-raw" "$v" 9< "$O/x" < /dev/null ;;
		b) "$scratch/attacker-libc" "$v" 3< "$G" 4< "$O/ro.txt" < /dev/null ;;
		b-nobody) setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$scratch/attacker-libc" "$v" 3< "$G" 4< "$O/ro.txt" < /dev/null ;;
		c) "$scratch/attacker-raw" "$v" 3< "$G" 4< "$O/ro.txt" 9< "$O/x" < /dev/null ;;
	esac 2>/dev/null) || status=$?
	if [ "$status" = 159 ]; then echo SIGSYS
	elif [ "$status" -gt 128 ]; then echo "SIG$((status - 128))"
	elif [ -z "$got" ]; then echo "NOTHING(status $status)"
	else echo "${got#"$v "}"; fi
}

# matches RESULT SET: is RESULT one of SET (a|b|c; fd, >0, any as in vectors.tsv)?
matches() {
	local r=$1 alt
	IFS='|' read -ra alts <<< "$2"
	for alt in "${alts[@]}"; do
		case $alt in
		any) [[ $r != SIG* && $r != NOTHING* ]] && return 0 ;;
		fd) [[ $r =~ ^[0-9]+$ ]] && return 0 ;;
		'>0') [[ $r =~ ^[0-9]+$ ]] && [ "$r" -gt 0 ] && return 0 ;;
		*) [ "$r" = "$alt" ] && return 0 ;;
		esac
	done
	return 1
}

nobody=0
if command -v setpriv > /dev/null; then nobody=1
else echo "skip - modes a and b as nobody: setpriv is not on PATH (util-linux)"; fi

vectors=0 xfails=0
while IFS=$'\t' read -r name call blocked through modes note; do
	[[ $name == \#* || $name == name ]] && continue
	vectors=$((vectors + 1))
	# The control first: a vector that does not get through unconfined
	# tests nothing.
	c=$(attempt c "$name")
	if ! matches "$c" "$through"; then
		if [[ $note == needs:* ]]; then
			echo "skip - $name: the control got $c, not $through: it ${note} and this machine's root lacks it"
			continue
		fi
		not_ok "c $name: the control does not get through ($c, not $through): the vector tests nothing"
		continue
	fi
	ok "c $name: gets through unconfined ($c)"
	for m in a a-isolate a-nobody b b-nobody; do
		[[ $modes == *${m%-*}* ]] || continue
		[[ $m == *-nobody ]] && [ "$nobody" = 0 ] && continue
		r=$(attempt "$m" "$name")
		# under --isolate an outside path does not exist at all
		want=$blocked
		[ "$m" = a-isolate ] && want="$blocked|ENOENT"
		if matches "$r" "$want"; then
			ok "$m $name: blocked ($r)"
		elif [[ $note == known:* ]] && [ "$m" != a-isolate ]; then
			echo "xfail - $m $name: got through ($r); CONFINEMENT.md's Known limits: ${note#known: }"
			xfails=$((xfails + 1))
		else
			not_ok "$m $name: GOT THROUGH ($r; blocked would be $blocked)" "$call"
		fi
	done
	for m in a b; do
		[[ $modes == *$m* ]] || echo "n/a  - $m $name: ${note}"
	done
done < "$here/vectors.tsv"
echo "$vectors vectors; $xfails expected failures (known limits)"
finish
