#!/usr/bin/env bash
# The whole of libc++'s test suite (about ten thousand tests: hours on two
# cores), sharded by directory and resumable: each shard's results are kept
# in build/libcxx-full/<arch>/, and a shard with results is not run again,
# so a run can be stopped and continued in a later session.
#
#   full.sh [--arch x86_64|aarch64] [--restart] [DIR...]
#
# DIR limits the run to directories of libcxx/test (std/numerics, say).
# Prints pass/fail counts per top-level directory and a closing line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${CLOUDABI_PREFIX:-$top/out}
src=$top/build/src/llvm
arch=$(uname -m)
restart=0
only=()
while [ $# -gt 0 ]; do
	case $1 in
	--arch) arch=$2; shift ;;
	--restart) restart=1 ;;
	-*) echo "full.sh: unknown option $1" >&2; exit 2 ;;
	*) only+=("${1%/}") ;;
	esac
	shift
done
case $arch in x86_64|aarch64) ;; *) echo "full.sh: --arch is x86_64 or aarch64" >&2; exit 2 ;; esac
tests=$src/libcxx/test
[ -d "$tests" ] || { echo "full.sh: no $tests; run ./build.sh first" >&2; exit 1; }
state=$top/build/libcxx-full/$arch
[ "$restart" = 1 ] && rm -rf "$state"
mkdir -p "$state"
[ ${#only[@]} -gt 0 ] || only=(std libcxx)
for d in "${only[@]}"; do
	[ -d "$tests/$d" ] || { echo "full.sh: no directory $d in libcxx/test" >&2; exit 2; }
done

# Shards: every directory two levels down (std/containers/sequences ...),
# and for each level-one directory the test files directly in it.
shards() {
	local d n dir rel
	for d in "${only[@]}"; do
		n=$(awk -F/ '{ print NF }' <<< "$d")
		if [ "$n" -ge 3 ]; then echo "dir $d"; continue; fi
		find "$tests/$d" -maxdepth $((3 - n)) -type d | while read -r dir; do
			rel=${dir#"$tests"/}
			if [ "$(awk -F/ '{ print NF }' <<< "$rel")" = 3 ]; then echo "dir $rel"
			else echo "files $rel"; fi
		done
	done | LC_ALL=C sort -u
}

run_shard() { # KIND REL
	local kind=$1 rel=$2 name result paths=()
	name=$(tr / _ <<< "$rel")-$kind
	result=$state/$name.json
	[ -s "$result" ] && return 0
	if [ "$kind" = dir ]; then
		paths=("$tests/$rel")
	else
		mapfile -t paths < <(find "$tests/$rel" -maxdepth 1 -type f -name '*.cpp' | LC_ALL=C sort)
		[ ${#paths[@]} -gt 0 ] || { echo '{"tests": []}' > "$result"; return 0; }
	fi
	echo "== $arch $rel ($kind)"
	local root=$state/work/$name
	mkdir -p "$root"
	python3 "$here/lit.py" "$src" -s -j "$(nproc)" --timeout 600 \
		--param cloudabi_prefix="$out" --param cloudabi_arch="$arch" \
		--param libcxx_src="$src/libcxx" --param exec_root="$root" \
		-o "$result.new" "${paths[@]}" > "$state/$name.log" 2>&1 || true
	if [ -s "$result.new" ]; then mv "$result.new" "$result"; rm -rf "$root"
	else echo "   lit gave no results (see $state/$name.log)"; fi
}

while read -r kind rel; do
	run_shard "$kind" "$rel"
done < <(shards)

# Per top-level directory counts, from every shard run so far.
python3 - "$state" "$here/xfail.txt" "$arch" <<'PY'
import collections, glob, json, subprocess, sys
state, xfail, arch = sys.argv[1:4]
counts = collections.defaultdict(collections.Counter)
for f in sorted(glob.glob(state + "/*.json")):
    lines = subprocess.run([sys.executable, __import__("os").path.dirname(xfail) + "/results.py", f, xfail, arch],
                           capture_output=True, text=True).stdout.splitlines()
    for line in lines:
        kind, name = line.split("\t")[:2]
        top = "/".join(name.split("/")[:2])
        counts[top][kind] += 1
total = collections.Counter()
print("%-32s %7s %7s %7s %11s" % ("directory", "passed", "failed", "xfail", "unsupported"))
for top in sorted(counts):
    c = counts[top]
    total.update(c)
    print("%-32s %7d %7d %7d %11d" % (top, c["pass"], c["fail"], c["xfail"], c["unsupported"]))
print("%-32s %7d %7d %7d %11d" % ("all", total["pass"], total["fail"], total["xfail"], total["unsupported"]))
print("%d passed, %d failed" % (total["pass"] + total["xfail"], total["fail"]))
PY
