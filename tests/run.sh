#!/usr/bin/env bash
# Run the test suites and print one closing line "N passed, N failed".
#
#   tests/run.sh [--full] [SUITE...]
#
# Each suite is tests/<name>/run.sh. PATH holds only the commands that
# build.sh installs (build/host-tools), so a test cannot pass by using a
# program that a fresh machine would not have.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

fast="host repo sources driver macros hello programs libc libc-removed libc-headers policy runtime allowed escape explain vm fuzz relocate cxx libcxx integration ports-quick python"
slow="ports"   # the 14 ports with their own suites: about 30 minutes (make test-ports)
suites=()
full=0
for a in "$@"; do
	case $a in
	--full) full=1 ;;
	-*) echo "run.sh: unknown option $a" >&2; exit 2 ;;
	*) suites+=("$a") ;;
	esac
done
if [ ${#suites[@]} -eq 0 ]; then
	read -ra suites <<< "$fast"
	[ "$full" = 1 ] && [ -n "$slow" ] && read -ra more <<< "$slow" && suites+=("${more[@]}")
fi

if [ ! -d "$top/build/host-tools" ] || [ ! -d "$top/out/bin" ]; then
	echo "run.sh: build the toolchain first (./build.sh)" >&2
	exit 1
fi
export PATH=$top/build/host-tools

total_passed=0
total_failed=0
times=()
for s in "${suites[@]}"; do
	script=$top/tests/$s/run.sh
	if [ ! -x "$script" ]; then
		echo "run.sh: no suite '$s'" >&2
		total_failed=$((total_failed + 1))
		continue
	fi
	echo "== $s"
	log=$(mktemp)
	started=$SECONDS
	"$script" 2>&1 | tee "$log" || true
	summary=$(tail -n 1 "$log")
	times+=("$s $((SECONDS - started))s")
	rm -f "$log"
	if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		total_passed=$((total_passed + BASH_REMATCH[1]))
		total_failed=$((total_failed + BASH_REMATCH[2]))
	else
		echo "FAIL - suite $s ended without a summary line (it crashed)"
		total_failed=$((total_failed + 1))
	fi
done
echo "== time taken: ${times[*]:-}"
echo "== all suites"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" = 0 ]
