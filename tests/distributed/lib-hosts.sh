# The machinery of tests/distributed (sourced by run.sh after tests/lib.sh):
# build hosts and a client made of network namespaces on this machine,
# each build host a Debian root of its own (debootstrap) that it is
# chrooted into; everything it makes is removed again by cleanup, also
# when a check fails or the run is interrupted.
#
# The network is private to the namespaces: a bridge in a namespace of its
# own, and one veth pair from it to each client or host namespace, with an
# address in $net.0/24. Nothing is routed out of it.
dist=$top/build/distributed
run=$dist/run-$$
net=10.77.0
sys_path=/usr/sbin:/usr/bin:/sbin:/bin
# What was made is written down in files, not variables, so that what a
# subshell made (a function run by check) is undone too.

# undo RUN: stop, unmount and delete what the run in directory RUN made.
undo() {
	local dir=$1 n p m nss mounts
	mapfile -t nss < "$dir/namespaces" 2> /dev/null || nss=()
	mapfile -t mounts < "$dir/mounts" 2> /dev/null || mounts=()
	for n in "${nss[@]}"; do
		for p in $(ip netns pids "$n" 2> /dev/null); do kill -9 "$p" 2> /dev/null; done
	done
	for n in "${nss[@]}"; do
		for _ in 1 2 3 4 5 6 7 8 9 10; do [ -z "$(ip netns pids "$n" 2> /dev/null)" ] && break; sleep 0.2; done
	done
	for ((m = ${#mounts[@]} - 1; m >= 0; m--)); do umount -l "${mounts[m]}" 2> /dev/null; done
	for n in "${nss[@]}"; do ip netns del "$n" 2> /dev/null; done
	if grep -q " $dir/" /proc/self/mounts; then
		echo "distributed: something is still mounted under $dir; not removing it" >&2
	else
		rm -rf "$dir"
	fi
}
# A run killed outright (SIGKILL) left its directory: undone now, unless
# its process still runs.
for old in "$dist"/run-*; do
	[ -d "$old" ] || continue
	kill -0 "${old##*-}" 2> /dev/null || undo "$old"
done
mkdir -p "$run"
: > "$run/namespaces"
: > "$run/mounts"

ns_name() { echo "cabi$$-$1"; }
in_ns() { local n=$1; shift; ip netns exec "$(ns_name "$n")" "$@"; }

cleanup() {
	local m
	set +e
	# the logs of this run are kept, in build/distributed/logs/
	rm -rf "$dist/logs"
	mkdir -p "$dist/logs"
	(cd "$run" && find . \( -path './root-*' -o -path './upper-*' -o -path './work-*' -o -path './zlib-*' -o -path './env-*' \) -prune \
		-o -name '*.log' -print | cpio -pdm "$dist/logs" 2> /dev/null)
	for m in "$run"/root-*/var/log/distccd.log "$run"/root-*/var/log/iceccd.log; do
		[ -f "$m" ] && { m=${m#$run/root-}; cp "$run/root-$m" "$dist/logs/${m%%/*}-$(basename "$m")"; }
	done
	undo "$run"
	rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# net_up: the bridge's namespace.
net_up() {
	local sw
	sw=$(ns_name sw)
	echo "$sw" >> "$run/namespaces"
	ip netns add "$sw"
	ip -n "$sw" link set lo up
	ip -n "$sw" link add br0 type bridge
	ip -n "$sw" link set br0 up
}

# ns_add NAME ADDRESS: a namespace with eth0 at ADDRESS on the bridge.
ns_add() {
	local n sw
	n=$(ns_name "$1")
	sw=$(ns_name sw)
	echo "$n" >> "$run/namespaces"
	ip netns add "$n"
	ip -n "$n" link set lo up
	ip -n "$n" link add eth0 type veth peer name "$1" netns "$sw"
	ip -n "$n" addr add "$2/24" dev eth0
	ip -n "$n" link set eth0 up
	ip -n "$sw" link set dev "$1" master br0 up
}

# ns_stop NAME: every process in the namespace killed (a host that goes
# away: its connections are reset, not left hanging).
ns_stop() {
	local n p i
	n=$(ns_name "$1")
	for p in $(ip netns pids "$n"); do kill -9 "$p" 2> /dev/null || true; done
	for ((i = 0; i < 50; i++)); do [ -z "$(ip netns pids "$n")" ] && return 0; sleep 0.1; done
	return 1
}

in_root() { local r=$1; shift; chroot "$r" /usr/bin/env -i PATH=$sys_path HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

# make_base KIND PACKAGE...: $dist/base-KIND, a Debian bookworm root
# (debootstrap --variant=minbase, tests/packaging/minbase.sh, with this
# machine's own apt sources) with PACKAGE... installed; made once and
# made again when the list changes. Services do not start in it
# (policy-rc.d): the test starts the daemons it wants. Hosts never write
# to it: each gets an overlay of its own (new_root).
make_base() {
	local kind=$1 r=$dist/base-$1 status=0
	shift
	if [ -d "$r" ] && [ "$(cat "$r.packages" 2> /dev/null)" = "$*" ]; then return 0; fi
	"$top/tests/packaging/minbase.sh" "$dist/bookworm-minbase.tar" || return 1
	echo "a build host root with $* ..."
	rm -rf "$r" "$r.new" "$r.packages"
	mkdir -p "$r.new"
	tar -xf "$dist/bookworm-minbase.tar" -C "$r.new"
	"$top/tests/packaging/root-apt.sh" "$r.new"
	printf '#!/bin/sh\nexit 101\n' > "$r.new/usr/sbin/policy-rc.d"
	chmod 755 "$r.new/usr/sbin/policy-rc.d"
	echo "$r.new/proc" >> "$run/mounts"
	mount -t proc proc "$r.new/proc"
	{ in_root "$r.new" apt-get update && in_root "$r.new" apt-get install -y --no-install-recommends "$@"; } \
		> "$dist/base-$kind.log" 2>&1 || status=$?
	in_root "$r.new" apt-get clean > /dev/null 2>&1 || true
	umount "$r.new/proc"
	rm -rf "$r.new/var/lib/apt/lists/"*
	if [ "$status" = 0 ]; then
		mv "$r.new" "$r" && echo "$*" > "$r.packages"
	else
		tail -n 5 "$dist/base-$kind.log" >&2
		rm -rf "$r.new"
	fi
	[ "$status" = 0 ]
}

# new_root KIND NAME: a root for host NAME, an overlay over base-KIND
# (so making and removing one is quick), with /proc mounted; its path in
# $r.
new_root() {
	r=$run/root-$2
	mkdir -p "$r" "$run/upper-$2" "$run/work-$2"
	echo "$r" >> "$run/mounts"
	mount -t overlay overlay -o "lowerdir=$dist/base-$1,upperdir=$run/upper-$2,workdir=$run/work-$2" "$r"
	echo "$r/proc" >> "$run/mounts"
	mount -t proc proc "$r/proc"
}

# wait_listen NAME PORT: until something in namespace NAME listens on PORT.
wait_listen() {
	local i
	for ((i = 0; i < 100; i++)); do
		in_ns "$1" ss -Hltn "sport = :$2" 2> /dev/null | grep -q LISTEN && return 0
		sleep 0.1
	done
	return 1
}
