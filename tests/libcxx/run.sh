#!/usr/bin/env bash
# libc++'s own tests, the subset of subset.txt, on both targets: compiled by
# <triple>-c++ and run (self-confined; aarch64 through qemu-user). A failure
# is a failure unless xfail.txt lists it with a reason; expected failures
# must stay under 5% of the tests run.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
quiet_ok=1
src=$top/build/src/llvm
mapfile -t dirs < <(grep -v '^#' "$here/subset.txt" | grep .)

for arch in $arches; do
	root=$scratch/lit-$arch
	mkdir -p "$root"
	paths=()
	for d in "${dirs[@]}"; do paths+=("$src/libcxx/test/$d"); done
	python3 "$here/lit.py" "$src" -s -j "$(nproc)" --timeout 600 \
		--param cloudabi_prefix="$out" --param cloudabi_arch="$arch" \
		--param libcxx_src="$src/libcxx" --param exec_root="$root" \
		-o "$root/results.json" "${paths[@]}" > "$root/lit.log" 2>&1 || true
	if [ ! -s "$root/results.json" ]; then
		not_ok "$arch libc++ tests: lit produced no results" "$(tail -n 20 "$root/lit.log")"
		continue
	fi
	ran=0 xfails=0 unsupported=0
	while IFS=$'\t' read -r kind name detail; do
		case $kind in
		pass) ok "$arch $name"; ran=$((ran + 1)) ;;
		fail) not_ok "$arch $name" "$detail"; ran=$((ran + 1)) ;;
		xfail) echo "xfail - $arch $name: $detail"; xfails=$((xfails + 1)); ran=$((ran + 1)) ;;
		unsupported) unsupported=$((unsupported + 1)) ;;
		esac
	done < <(python3 "$here/results.py" "$root/results.json" "$here/xfail.txt" "$arch")
	echo "$arch: $ran libc++ tests ran ($xfails expected failures), $unsupported unsupported here"
	check "$arch at least 300 libc++ tests ran" test "$ran" -ge 300
	check "$arch expected failures are under 5% ($xfails of $ran)" test $((xfails * 100)) -lt $((ran * 5))
done
finish
