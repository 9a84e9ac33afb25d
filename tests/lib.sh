# Shared by every test suite (source it). A suite reports each case as
# "ok - NAME" or "FAIL - NAME" and ends with "N passed, N failed".
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${CLOUDABI_PREFIX:-$top/out}
arches=${TEST_ARCHES:-"x86_64 aarch64"}
passed=0
failed=0

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Suites with thousands of generated cases set quiet_ok=1: passes are
# counted but not printed (failures always are). TESTS_VERBOSE=1 prints all.
quiet_ok=0
ok() {
	[ "$quiet_ok" = 1 ] && [ "${TESTS_VERBOSE:-0}" != 1 ] || echo "ok   - $1"
	passed=$((passed + 1))
}

# not_ok NAME [DETAIL...]: record a failure, with its details indented.
not_ok() {
	echo "FAIL - $1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/       /'
	failed=$((failed + 1))
}

# check NAME COMMAND...: passes if COMMAND succeeds; shows its output if not.
check() {
	local name=$1 output
	shift
	if output=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$output"; fi
}

# expect_fail NAME PATTERN COMMAND...: passes if COMMAND fails and its
# output matches the grep -E PATTERN (the error a user would read).
expect_fail() {
	local name=$1 pattern=$2 output
	shift 2
	if output=$("$@" 2>&1); then
		not_ok "$name" "succeeded, but should have failed" "$output"
	elif ! grep -qE -- "$pattern" <<< "$output"; then
		not_ok "$name" "failed without the expected message /$pattern/:" "$output"
	else
		ok "$name"
	fi
}

# tool ARCH NAME: path of a target's tool in the prefix under test.
tool() { echo "$out/bin/$1-unknown-cloudabi-$2"; }

# run_on ARCH PROGRAM [ARGS...]: run a target program; aarch64 through
# qemu-user, named explicitly so the test does not depend on binfmt_misc.
# qemu-user has neither Landlock nor seccomp, so programs would refuse to
# start there: CLOUDABI_ALLOW_UNCONFINED=1 (honoured only where the kernel
# cannot confine; confinement on arm64 is tested on a real kernel).
run_on() {
	local arch=$1
	shift
	if [ "$arch" = "$(uname -m)" ]; then "$@"
	else CLOUDABI_ALLOW_UNCONFINED=1 "qemu-$arch-static" "$@"; fi
}

# record_checks PREFIX STATUS OUTPUT: count the "ok - " and "FAIL - "
# lines a self-checking program printed (tests/programs/check.h), show its
# "skip - " lines, and fail if it exited non-zero without saying why or
# checked nothing.
record_checks() {
	local prefix=$1 status=$2 output=$3 line
	while IFS= read -r line; do
		case $line in
		"ok   - "*) ok "$prefix${line#ok   - }" ;;
		"FAIL - "*) not_ok "$prefix${line#FAIL - }" ;;
		"skip - "*) echo "skip - $prefix${line#skip - }" ;;
		esac
	done <<< "$output"
	if [ "$status" != 0 ] && ! grep -q '^FAIL' <<< "$output"; then
		not_ok "${prefix}exits 0" "exit status $status" "$(tail -n 5 <<< "$output")"
	fi
	grep -q '^ok' <<< "$output" || not_ok "${prefix}runs at least one check" "$output"
}

# run_programs DIR: build every DIR/*.c for each target and run it with a
# fresh directory open as descriptor 3 (the directory it was "given"),
# holding only a copy of the program itself named "self". With
# via_launcher=1 the program is started by cloudabi-run, which grants that
# directory as its first descriptor (3), and confines it.
run_programs() {
	local dir=$1 arch src name exe output status given
	for arch in $arches; do
		for src in "$dir"/*.c; do
			name=$(basename "$src" .c)
			exe=$scratch/$name-$arch
			if ! output=$("$(tool "$arch" cc)" -std=gnu17 -O2 -Wall -Wextra -Werror -pthread \
				-I "$top/tests/programs" "$src" -o "$exe" -lm 2>&1); then
				not_ok "$arch $name: builds" "$output"
				continue
			fi
			given=$(mktemp -d "$scratch/given.XXXXXX")
			cp "$exe" "$given/self"   # so a program can exec itself by descriptor
			status=0
			if [ "${via_launcher:-0}" = 1 ]; then
				output=$("$out/bin/cloudabi-run" --dir "given=$given:read,write,create,remove,exec" \
					"$exe" 2>&1) || status=$?
			else
				output=$(run_on "$arch" "$exe" 3< "$given" 2>&1) || status=$?
			fi
			record_checks "$arch $name: " "$status" "$output"
		done
	done
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}
