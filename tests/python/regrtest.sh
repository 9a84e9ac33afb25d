#!/usr/bin/env bash
# CPython's own regression tests (make test-python): the modules of
# tests/python/modules.txt, each in its own interpreter, run by the
# CloudABI python3 of each target (x86_64 confined, with a scratch
# directory granted as its working directory that holds the test package;
# aarch64 under qemu-user) and by the host's python3.11 on the same test
# files, in the same run, as the denominator. Both run as nobody: a
# confined process has no capabilities, so as root the two would differ
# only by root's override of file modes. A module passes when it ran and
# every test that failed or erred for us also failed or erred natively. Writes build/python-tests/results.md (the table README shows)
# and ends with "N passed, N failed".
#
#   tests/python/regrtest.sh [MODULE...]
#
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
mkdir -p "$results"

if [ $# -gt 0 ]; then modules=("$@")
else mapfile -t modules < <(grep -v '^[[:space:]]*#' "$here/modules.txt" | grep -v '^[[:space:]]*$')
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

# one MODULE in one interpreter; output lines RESULT/BAD/SKIP on stdout
run_native() {
	(cd "$scratch/native" && HOME=$scratch/native timeout "$limit" "${as_nobody[@]}" "$host_python" regrtest.py "$1" 2>/dev/null)
}
run_ours() {
	local arch=$1 m=$2 exe=$out/$1-unknown-cloudabi/bin/python3
	if [ "$arch" = "$native" ]; then
		timeout "$limit" "${as_nobody[@]}" "$run" --dir cwd="$scratch/ours-$arch:rw" \
			--file script="$scratch/ours-$arch/regrtest.py" -- "$exe" "$m" 2>/dev/null
	else
		timeout "$limit" "${as_nobody[@]}" "$run" --unconfined --env CLOUDABI_ALLOW_UNCONFINED=1 \
			--dir cwd="$scratch/ours-$arch:rw" --file script="$scratch/ours-$arch/regrtest.py" -- \
			"$(realpath "$(command -v "qemu-$arch-static")")" "$exe" "$m" 2>/dev/null
	fi
}

fresh "$scratch/native"
for arch in $arches; do fresh "$scratch/ours-$arch"; done

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
	echo $((r - $(field "$f" "$m" 4) - $(field "$f" "$m" 5) - $(field "$f" "$m" 6)))
}

table=$results/results.md
{
	echo "| module | native python3.11 (passed/failed/skipped) | $(for a in $arches; do printf '%s (passed/failed/skipped) | ' "$a"; done)new failures |"
	echo "|---|---|$(for a in $arches; do printf -- '---|'; done)---|"
} > "$table"
declare -A good ran
for m in "${modules[@]}"; do
	run_native "$m" > "$results/$m.native" || true
	row="| $m | $(counts "$results/$m.native" "$m") |"
	new_all=""
	for arch in $arches; do
		run_ours "$arch" "$m" > "$results/$m.$arch" || true
		if [ -z "$(field "$results/$m.$arch" "$m" 3)" ]; then
			row="$row did not finish |"
			new_all="$new_all $arch: did not finish;"
			continue
		fi
		[ "$(field "$results/$m.$arch" "$m" 3)" -gt 0 ] && ran[$arch]=$(( ${ran[$arch]:-0} + 1 ))
		row="$row $(counts "$results/$m.$arch" "$m") |"
		new=$(comm -23 <(awk '$1 == "BAD" { print $3 }' "$results/$m.$arch" | sort -u) \
			<(awk '$1 == "BAD" { print $3 }' "$results/$m.native" | sort -u) | sed "s/^test\.$m\.//" | tr '\n' ' ')
		# the most frequent last lines of their tracebacks, for the reasons
		comm -23 <(awk '$1 == "BAD" { print $3 }' "$results/$m.$arch" | sort -u) \
			<(awk '$1 == "BAD" { print $3 }' "$results/$m.native" | sort -u) > "$scratch/new-ids"
		why=$(awk -F' [|] ' 'NR == FNR { new[$1] = 1; next } { split($1, f, " ") } f[1] == "BAD" && (f[3] in new) { print $2 }' \
			"$scratch/new-ids" "$results/$m.$arch" | sed 's/[0-9a-f]\{8,\}/N/g' |
			sort | uniq -c | sort -rn | head -n 2 | sed 's/^ *\([0-9]*\) /\1x /' | tr '\n' ';')
		if [ "$(field "$results/$m.$arch" "$m" 3)" = 0 ]; then
			# a module that ran no test (skipped whole, or tests only
			# through test_main) shows nothing: it does not count
			new_all="$new_all $arch: ran no test;"
			not_ok "$arch $m: runs tests" "it ran none: $(awk '$1 == "RESULT" { $1 = $2 = $3 = $4 = $5 = $6 = ""; print }' "$results/$m.$arch")"
		elif [ -z "$new" ]; then
			good[$arch]=$(( ${good[$arch]:-0} + 1 ))
			ok "$arch $m: no failure native python3.11 does not have ($(passed_count "$results/$m.$arch" "$m") passed)"
		else
			new_all="$new_all $arch: $(wc -w <<< "$new") new (${why%;});"
			not_ok "$arch $m: no failure native python3.11 does not have" "new: $new" "why: $why"
		fi
	done
	echo "$row ${new_all:-none} |" >> "$table"
done
for arch in $arches; do
	check "$arch: at least 60 modules ran to the end (${ran[$arch]:-0} of ${#modules[@]})" test "${ran[$arch]:-0}" -ge 60
	check "$arch: at least 45 of them pass with no failure native does not have (${good[$arch]:-0})" \
		test "${good[$arch]:-0}" -ge 45
done
echo "table: $table"
finish
