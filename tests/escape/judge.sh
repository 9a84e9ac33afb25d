# The escape suite's verdicts, shared by tests/escape/run.sh (this
# machine's kernel) and tests/vm/run.sh (booted kernels, whose results come
# back over a serial console). Source it after tests/lib.sh.
#
#   judge_vectors ATTEMPT ARCH ABI NOBODY WARNING KERNEL
#
# ATTEMPT is a command: `ATTEMPT MODE VECTOR` prints the result token of
# one attempt (an errno name, a number, SIG<n>, NOTHING(...)). ARCH is the
# attacker's architecture, ABI the kernel's Landlock ABI, NOBODY 1 when the
# "-nobody" modes ran, WARNING cloudabi-run's warning line for the suite's
# grants ("" when it printed none), KERNEL the kernel's release (uname -r).
# One line per vector and mode, from vectors.tsv.

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

# The confined modes, in order (tests/escape/run.sh describes each).
judge_modes="a a-isolate a-nobody b b-nobody"

judge_vectors() {
	local attempt=$1 arch=$2 abi=$3 nobody=$4 warning=$5 kernel=$6
	local name call blocked through modes note gapcol varch c r m want gap since
	# the kernel's version as one comparable number: 6.1 is 6001
	local kver=$(( ${kernel%%.*} * 1000 + $(cut -d. -f2 <<< "$kernel" | tr -cd 0-9) ))
	local vectors=0 xfails=0 na=0
	declare -A opened=()
	while IFS=$'\t' read -r name call blocked through modes note gapcol varch; do
		[[ $name == \#* || $name == name ]] && continue
		# A vector of another architecture's system calls: n/a, said.
		if [ "$varch" != - ] && [ "${varch%%:*}" != "$arch" ]; then
			echo "n/a  - $arch $name: ${varch#*: }"
			na=$((na + 1))
			continue
		fi
		vectors=$((vectors + 1))
		# The gap this kernel leaves open, if Landlock alone closes it
		# and this kernel's Landlock is older than the ABI that does (or
		# a feature of a later Linux does).
		gap= since=${gapcol%%:*}
		if [[ $since == linux-* ]]; then
			since=${since#linux-}
			[ "$kver" -lt $(( ${since%.*} * 1000 + ${since#*.} )) ] &&
				gap="${gapcol#*:} (Linux $since)"
		elif [ "$gapcol" != - ] && [ "$abi" -lt "$since" ]; then
			gap="${gapcol#*:} (ABI $since)"
		fi
		# The control first: a vector that does not get through unconfined
		# tests nothing.
		c=$("$attempt" c "$name")
		if ! matches "$c" "$through"; then
			if [[ $note == needs:* ]]; then
				echo "skip - $arch $name: the control got $c, not $through: it ${note} and this machine lacks it"
				continue
			fi
			not_ok "$arch c $name: the control does not get through ($c, not $through): the vector tests nothing"
			continue
		fi
		ok "$arch c $name: gets through unconfined ($c)"
		for m in $judge_modes; do
			[[ $modes == *${m%%-*}* ]] || continue
			[[ $m == *-nobody ]] && [ "$nobody" = 0 ] && continue
			r=$("$attempt" "$m" "$name")
			# under --isolate an outside path does not exist at all
			want=$blocked
			[ "$m" = a-isolate ] && want="$blocked|ENOENT"
			if matches "$r" "$want"; then
				ok "$arch $m $name: blocked ($r)"
			elif [ -n "$gap" ] && matches "$r" "$through"; then
				echo "xfail - $arch $m $name: gets through ($r) on Linux $kernel, Landlock ABI $abi: a gap the launcher must name: $gap"
				xfails=$((xfails + 1))
				[ "$m" = a ] && opened[$gap]=1
			elif [[ $note == known:* ]] && [ "$m" != a-isolate ]; then
				echo "xfail - $arch $m $name: got through ($r); docs/confinement.md's known limits: ${note#known: }"
				xfails=$((xfails + 1))
			else
				not_ok "$arch $m $name: GOT THROUGH ($r; blocked would be $blocked)" "$call"
			fi
		done
		for m in a b; do
			[[ $modes == *$m* ]] || echo "n/a  - $arch $m $name: ${note}"
		done
	done < "$(dirname "${BASH_SOURCE[0]}")/vectors.tsv"

	# The launcher's warning names exactly the gaps found open: each item
	# it names got through somewhere in mode a, and nothing else did.
	local named=() item
	if [ -n "$warning" ]; then
		local list=${warning#*does not enforce: }
		while [ -n "$list" ]; do
			item=${list%%; *}
			named+=("$item")
			[ "$item" = "$list" ] && list= || list=${list#*; }
		done
	fi
	for item in "${named[@]}"; do
		if [ -n "${opened[$item]:-}" ]; then
			ok "$arch the launcher's warning names '$item', and the suite found it open"
		else
			not_ok "$arch the launcher's warning names '$item', but no vector found it open" "$warning"
		fi
	done
	for item in "${!opened[@]}"; do
		[ ${#named[@]} -gt 0 ] && printf '%s\n' "${named[@]}" | grep -qxF -- "$item" && continue
		not_ok "$arch '$item' is open on Linux $kernel (Landlock ABI $abi), but the launcher's warning does not name it" "warning: ${warning:-(none)}"
	done
	[ ${#named[@]} = 0 ] && [ ${#opened[@]} = 0 ] && ok "$arch Landlock ABI $abi: the launcher names no gap and the suite finds none open"
	echo "$arch: $vectors vectors, $na n/a on $arch; $xfails expected failures (known limits and this kernel's named gaps)"
}

# judge_dgram_gap ARCH ABI CONTROL CONFINED: attacker.c's sendmsg_abstract,
# run with a datagram UNIX socket granted (by a config) and an abstract
# socket bound outside: CONTROL is the output of the run under
# `cloudabi-run --unconfined`, CONFINED of the confined run with its standard
# error (the launcher's warning). Before Landlock ABI 6 it gets through
# and the warning must name the gap; from ABI 6 on it is blocked and named
# nowhere.
judge_dgram_gap() {
	local arch=$1 abi=$2 c a warn
	local gap="abstract UNIX sockets through the granted datagram socket (ABI 6)"
	c=$(grep -m1 '^sendmsg_abstract ' <<< "$3" || true)
	a=$(grep -m1 '^sendmsg_abstract ' <<< "$4" || true)
	warn=$(grep 'warning:' <<< "$4" || true)
	if [ "${c#* }" != 1 ]; then
		not_ok "$arch c sendmsg_abstract: the control does not get through (${c:-nothing}): it tests nothing" "$3"
		return
	fi
	ok "$arch c sendmsg_abstract: gets through unconfined (1)"
	if [ "$abi" -lt 6 ]; then
		[ "${a#* }" = 1 ] && echo "xfail - $arch a sendmsg_abstract: gets through (1) with a datagram socket granted, on Landlock ABI $abi: a gap the launcher must name: $gap"
		check "$arch a sendmsg_abstract: open on Landlock ABI $abi, and the launcher's warning names it" \
			test "${a#* }" = 1 -a -n "$(grep -F "$gap" <<< "$warn")"
	else
		check "$arch a sendmsg_abstract: blocked on Landlock ABI $abi (${a#* }), and no warning names it" \
			test "${a#* }" = EPERM -a -z "$(grep -F "$gap" <<< "$warn")"
	fi
}
