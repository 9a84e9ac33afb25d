#!/usr/bin/env bash
# CPython's own regression tests (make test-python): the modules of
# tests/python/modules.txt, each in its own interpreter, run by the
# CloudABI python3 of each target (x86_64 confined, with a scratch
# directory granted as its working directory that holds the test package;
# aarch64 under qemu-user) and by the host's python3.11 on the same test
# files, in the same run, as the denominator. Both run as nobody: a
# confined process has no capabilities, so as root the two would differ
# only by root's override of file modes.
#
# A module "passes" when it ran tests and every test that failed or erred
# for us also failed or erred natively; at least 60 must run and 45 pass on
# each target. Every module where ours differs from native (a test failed
# or was skipped only here, or nothing ran) must be explained by a line of
# tests/python/reasons.txt, or it is a failure of this suite. Writes the
# table README links to, build/python-tests/results.md, and ends with
# "N passed, N failed".
#
#   tests/python/regrtest.sh [MODULE...]
#
# PYTHON_TEST_JOBS workers per side (default: the processors).
# PYTHON_TEST_REUSE=1 runs nothing: it judges the last run's results again
# (after a change to reasons.txt).
# PYTHON_TEST_TIMEOUT (seconds per module, default 900) ends a module that
# hangs; it then counts as not passing. PYTHON_TEST_TREE names another
# patched Lib/test (a build of python/build.sh elsewhere), CLOUDABI_PREFIX
# another prefix holding the python3 under test.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
run=$out/bin/cloudabi-run
native=$(uname -m)
limit=${PYTHON_TEST_TIMEOUT:-900}
results=$top/build/python-tests
reuse=${PYTHON_TEST_REUSE:-0}
[ "$reuse" = 1 ] || rm -rf "$results"
mkdir -p "$results"

whole=0
if [ $# -gt 0 ]; then modules=("$@")
else whole=1; mapfile -t modules < <(grep -v '^[[:space:]]*#' "$here/modules.txt" | grep -v '^[[:space:]]*$')
fi
host_python=$(command -v python3.11) || { not_ok "the host's python3.11 (the denominator) is installed"; finish; }

# The patched test package (python/build.sh's source tree), copied for
# each run: tests write beside it.
testsrc=${PYTHON_TEST_TREE:-$top/build/$native/python/src/Lib/test}
[ -d "$testsrc" ] || { not_ok "the patched Lib/test is in build/ (./build.sh builds Python)"; finish; }
fresh() {
	rm -rf "$1"
	mkdir -p "$1/Lib"
	cp -R "$testsrc" "$1/Lib/test"
	cp "$here/regrtest.py" "$1/regrtest.py"
	chown -R nobody:nogroup "$1"
}
chmod 755 "$scratch"
as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups)

# one MODULE in one interpreter with TREE as its working directory;
# output lines RESULT/BAD/SKIP on stdout
run_native() {
	(cd "$1" && HOME=$1 timeout "$limit" "${as_nobody[@]}" "$host_python" regrtest.py "$2" 2>/dev/null)
}
run_ours() {
	local arch=$1 tree=$2 m=$3 exe=$out/$1-unknown-cloudabi/bin/python3
	if [ "$arch" = "$native" ]; then
		timeout "$limit" "${as_nobody[@]}" "$run" --dir cwd="$tree:rw" \
			--file script="$tree/regrtest.py" -- "$exe" "$m" 2>/dev/null
	else
		timeout "$limit" "${as_nobody[@]}" "$run" --unconfined --env CLOUDABI_ALLOW_UNCONFINED=1 \
			--dir cwd="$tree:rw" --file script="$tree/regrtest.py" -- \
			"$(realpath "$(command -v "qemu-$arch-static")")" "$exe" "$m" 2>/dev/null
	fi
}

# Every side (native, then each target) runs the modules in
# PYTHON_TEST_JOBS workers (default: the processors), each worker its own
# copy of the test package taking every Nth module, all at once: aarch64
# under qemu-user is the long pole. Results go to $results/MODULE.SIDE.
workers=${PYTHON_TEST_JOBS:-$(nproc)}
pids=()
[ "$reuse" = 1 ] || for side in native $arches; do
	for ((w = 0; w < workers; w++)); do
		tree=$scratch/$side-$w
		fresh "$tree"
		(
			for ((i = w; i < ${#modules[@]}; i += workers)); do
				m=${modules[i]}
				if [ "$side" = native ]; then run_native "$tree" "$m"
				else run_ours "$side" "$tree" "$m"
				fi > "$results/$m.$side" || true
			done
		) &
		pids+=($!)
	done
done
if [ "$reuse" = 1 ]; then echo "the results of the last run, in $results, judged again"
else
	echo "running ${#modules[@]} modules natively and on $arches ($workers workers each) ..."
	wait "${pids[@]}"
fi

# field N of a module's RESULT line in FILE (3 run, 4 failures, 5 errors,
# 6 skipped); empty when the module printed none (it crashed or hung)
field() { awk -v m="$2" -v n="$3" '$1 == "RESULT" && $2 == m { print $n; exit }' "$1"; }
# passed/failed/skipped, or "did not finish"
counts() {
	local f=$1 m=$2
	[ -n "$(field "$f" "$m" 3)" ] || { echo "did not finish"; return; }
	echo "$(passed_count "$f" "$m")/$(( $(field "$f" "$m" 4) + $(field "$f" "$m" 5) ))/$(field "$f" "$m" 6)"
}
passed_count() {
	local f=$1 m=$2 r
	r=$(field "$f" "$m" 3)
	[ -n "$r" ] || { echo "-"; return; }
	r=$((r - $(field "$f" "$m" 4) - $(field "$f" "$m" 5) - $(field "$f" "$m" 6)))
	# (a module that cannot load counts one error and no test)
	echo $((r < 0 ? 0 : r))
}

# Why a module differs from native: tests/python/reasons.txt, one line
# per module ("test_os  what is removed, by name").
reasons=$here/reasons.txt
reason() { awk -v m="$1" '$1 == m { $1 = ""; sub(/^ +/, ""); print; exit }' "$reasons"; }
# the ids of lines KIND (BAD or SKIP) in ours and not in native
only_ours() {
	comm -23 <(awk -v k="$1" '$1 == k { print $3 }' "$2" | sort -u) \
		<(awk -v k="$1" '$1 == k { print $3 }' "$3" | sort -u)
}

table=$results/results.md
{
	echo "| module | native python3.11 | $(for a in $arches; do printf '%s | ' "$a"; done)not as native | reason |"
	echo "|---|---|$(for a in $arches; do printf -- '---|'; done)---|---|"
} > "$table"
declare -A good ran
for m in "${modules[@]}"; do
	row="| $m | $(counts "$results/$m.native" "$m") |"
	diff_all=""
	for arch in $arches; do
		f=$results/$m.$arch
		if [ -z "$(field "$f" "$m" 3)" ]; then
			row="$row did not finish |"
			diff_all="$diff_all $arch: did not finish;"
			# it does not count as run; its reason says why it ended
			if [ -n "$(reason "$m")" ]; then ok "$arch $m: did not finish, explained in reasons.txt"
			else not_ok "$arch $m: runs to the end, or explained in reasons.txt" "$(tail -n 3 "$f")"; fi
			continue
		fi
		row="$row $(counts "$f" "$m") |"
		only_ours BAD "$f" "$results/$m.native" > "$scratch/new-bad"
		only_ours SKIP "$f" "$results/$m.native" > "$scratch/new-skip"
		nbad=$(wc -l < "$scratch/new-bad")
		nskip=$(wc -l < "$scratch/new-skip")
		if [ "$(field "$f" "$m" 3)" = 0 ]; then
			# a module that ran no test (skipped whole) shows nothing
			diff_all="$diff_all $arch: ran no test;"
		else
			ran[$arch]=$(( ${ran[$arch]:-0} + 1 ))
			[ "$nbad" = 0 ] && good[$arch]=$(( ${good[$arch]:-0} + 1 ))
			[ "$nbad" = 0 ] || diff_all="$diff_all $arch: $nbad failed;"
			[ "$nskip" = 0 ] || diff_all="$diff_all $arch: $nskip skipped;"
		fi
		# what differs, with the most frequent last lines of the new
		# failures' tracebacks and the new skips' reasons, for reasons.txt
		if [ "$nbad" != 0 ] || [ "$nskip" != 0 ] || [ "$(field "$f" "$m" 3)" = 0 ]; then
			why=$( { awk -F' [|] ' 'NR == FNR { new[$1] = 1; next } { split($1, f, " ") } f[1] == "BAD" && (f[3] in new) { print $2 }' \
					"$scratch/new-bad" "$f"
				awk 'NR == FNR { new[$1] = 1; next } $1 == "SKIP" && ($3 in new) { $1 = $2 = $3 = ""; sub(/^ +/, ""); print "skip: " $0 }' \
					"$scratch/new-skip" "$f"
				awk '$1 == "RESULT" && $3 == 0 { $1 = $2 = $3 = $4 = $5 = $6 = ""; sub(/^ +/, ""); print }' "$f"
			} | sed 's/[0-9a-f]\{8,\}/N/g' | sort | uniq -c | sort -rn | head -n 3 | sed 's/^ *\([0-9]*\) /\1x /')
			if [ -n "$(reason "$m")" ]; then
				ok "$arch $m: $nbad failed and $nskip skipped that native did not, explained in reasons.txt"
			else
				not_ok "$arch $m: as native python3.11, or explained in reasons.txt" \
					"failed only here: $(sed "s/^test\.$m\.//" "$scratch/new-bad" | tr '\n' ' ')" \
					"skipped only here: $(sed "s/^test\.$m\.//" "$scratch/new-skip" | tr '\n' ' ')" "why: $why"
			fi
		else
			ok "$arch $m: as native python3.11 ($(passed_count "$f" "$m") passed)"
		fi
	done
	r=$(reason "$m")
	echo "$row ${diff_all:- none} | ${r:-} |" >> "$table"
done
# the issue's bar, for the whole list only
if [ "$whole" = 1 ]; then for arch in $arches; do
	check "$arch: at least 60 modules ran tests to the end (${ran[$arch]:-0} of ${#modules[@]})" test "${ran[$arch]:-0}" -ge 60
	check "$arch: at least 45 of them pass with no failure native does not have (${good[$arch]:-0})" \
		test "${good[$arch]:-0}" -ge 45
done; fi
echo "table: $table"
finish
