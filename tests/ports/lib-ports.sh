# The machinery of tests/ports (sourced by run.sh after tests/lib.sh).
#
# A recipe, tests/ports/<name>/recipe.sh, sets
#   system="CMake" | "autoconf" | "make" ...   its build system, for the table
#   patched="..."                                 what the patches do ("no" if none)
#   known_missing=N known_why="..."               N tests of the native count that
#                              cannot pass here, and why (a count, so any other
#                              failure, or one more, still fails the run)
# and defines
#   native_tests SRC BUILD     build the unpatched source with gcc for the
#                              host, run its suite, print the number of tests
#   cross_build ARCH SRC BUILD build the patched source for ARCH
#   cross_tests ARCH SRC BUILD run the suite; print "PASSED TOTAL" (TOTAL as the
#                              suite itself counts; run.sh takes the native count
#                              as the denominator)
# Logs go to build/ports/<name>/.
ports_dir=$top/build/ports
results=$ports_dir/results
mkdir -p "$results"
jobs=$(nproc)
qemu_path() { realpath "$(command -v "qemu-$1-static")"; }

# runner ARCH DIR: the command that runs a target program confined, with DIR
# granted as descriptor 3 ("data") and nothing else but stdio.
runner() {
	local arch=$1 dir=$2
	if [ "$arch" = "$(uname -m)" ]; then
		echo "$out/bin/cloudabi-run --dir data=$dir:rw --"
	else
		echo "$out/bin/cloudabi-run --unconfined --env CLOUDABI_ALLOW_UNCONFINED=1 --dir data=$dir:rw -- $(qemu_path "$arch")"
	fi
}

# The toolchain file, site file and cross file of a target.
cmake_toolchain() { echo "$out/share/cloudabi/cmake/$1-unknown-cloudabi.cmake"; }
config_site() { echo "$out/share/cloudabi/autoconf/$1-unknown-cloudabi/config.site"; }

lock_field() { # NAME FIELD(2=version, 5=file)
	awk -v n="$1" -v f="$2" '!/^[[:space:]]*#/ && $1 == n { print $f }' "$top/tests/ports/ports.lock"
}

fetch_ports() {
	local lock=$ports_dir/selected.lock n
	# a port's "needs" file names the ports whose sources it also builds
	{ for n in "$@"; do cat "$top/tests/ports/$n/needs" 2>/dev/null || true; echo "$n"; done; } |
		sort -u | while read -r n; do grep -E "^$n[[:space:]]" "$top/tests/ports/ports.lock"; done > "$lock"
	CLOUDABI_SOURCES=${CLOUDABI_PORT_SOURCES:-} \
		"$top/scripts/fetch-sources.sh" "$lock" "$ports_dir/sources" "$ports_dir/apt" > "$ports_dir/fetch.log" 2>&1 ||
		{ tail -n 20 "$ports_dir/fetch.log"; return 1; }
}

# unpack NAME DEST [patch]: a fresh source tree (with the port's patches).
unpack() {
	local name=$1 dest=$2 file p
	file=$(lock_field "$name" 5)
	# --no-same-owner: the tests write here, and root confined has no
	# CAP_DAC_OVERRIDE to write into a tree owned by the tarball's user
	rm -rf "$dest" "$dest.tmp"
	mkdir -p "$dest.tmp"
	case $file in
	*.bz2) bzip2 -dc "$ports_dir/sources/$file" | tar -x --no-same-owner -C "$dest.tmp" ;;
	*) tar -xf "$ports_dir/sources/$file" --no-same-owner -C "$dest.tmp" ;;
	esac
	mv "$dest.tmp"/* "$dest"
	rmdir "$dest.tmp"
	if [ "${3:-}" = patch ]; then
		for p in "$top/tests/ports/$name"/*.patch; do
			[ -f "$p" ] || continue
			patch -d "$dest" -p1 --no-backup-if-mismatch < "$p" > /dev/null
		done
	fi
}

run_port() {
	local name=$1 dir=$ports_dir/$name arch native total got line status
	system="" patched="no" known_missing=0 known_why=""
	unset -f native_tests cross_build cross_tests
	# shellcheck disable=SC1090
	source "$top/tests/ports/$name/recipe.sh"
	mkdir -p "$dir"
	# The denominator: the unpatched suite, built natively with gcc.
	native=$(cat "$results/$name-native" 2>/dev/null || true)
	if [ -z "$native" ]; then
		unpack "$name" "$dir/src-native"
		rm -rf "$dir/native"
		if native=$( (native_tests "$dir/src-native" "$dir/native") 2> "$dir/native.log" | tail -n 1) &&
			[[ $native =~ ^[0-9]+$ ]]; then
			echo "$native" > "$results/$name-native"
		else
			not_ok "$name: native build and test count" "$(tail -n 15 "$dir/native.log")"
			native=""
		fi
	fi
	for arch in $port_arches; do
		rm -f "$results/$name-$arch.tsv"
		unpack "$name" "$dir/src-$arch" patch
		rm -rf "$dir/build-$arch"   # never a stale CMake cache
		if (cross_build "$arch" "$dir/src-$arch" "$dir/build-$arch") > "$dir/build-$arch.log" 2>&1; then
			ok "$name $arch: builds ($system)"
		else
			not_ok "$name $arch: builds ($system)" "$(tail -n 15 "$dir/build-$arch.log")"
			printf '%s\t%s\t%s\t%s\t%s\tno\t-\t%s\n' "$name" "$(lock_field "$name" 2)" "$system" "$patched" "$arch" "${native:--}" > "$results/$name-$arch.tsv"
			continue
		fi
		status=0
		line=$( (cross_tests "$arch" "$dir/src-$arch" "$dir/build-$arch") 2> "$dir/test-$arch.log" | tail -n 1) || status=$?
		got=${line% *} total=${line#* }
		if ! [[ $got =~ ^[0-9]+$ && $total =~ ^[0-9]+$ ]]; then got=0 total=0; fi
		if [ "$native" = 0 ]; then
			# no suite upstream: the recipe's smoke checks, shown as such
			printf '%s\t%s\t%s\t%s\t%s\tyes\t%s\t%s\n' "$name" "$(lock_field "$name" 2)" "$system" "$patched" "$arch" "no suite (smoke $got/$total)" 0 > "$results/$name-$arch.tsv"
			if [ "$total" -gt 0 ] && [ "$got" = "$total" ]; then
				ok "$name $arch: no upstream test suite; smoke checks pass confined ($got/$total)"
			else
				not_ok "$name $arch: no upstream test suite; smoke checks pass confined ($got/$total)" "$(tail -n 15 "$dir/test-$arch.log")"
			fi
			continue
		fi
		[ -n "$native" ] && total=$native
		printf '%s\t%s\t%s\t%s\t%s\tyes\t%s\t%s\n' "$name" "$(lock_field "$name" 2)" "$system" "$patched" "$arch" "$got/$total" "${native:--}" > "$results/$name-$arch.tsv"
		if [ "$total" -gt 0 ] && [ "$got" = "$total" ]; then
			ok "$name $arch: its own tests pass confined ($got/$total)"
		elif [ "$total" -gt 0 ] && [ "$got" = $((total - ${known_missing:-0})) ]; then
			ok "$name $arch: its own tests pass confined ($got/$total; known: $known_why)"
		else
			not_ok "$name $arch: its own tests pass confined ($got/$total)" "$(tail -n 15 "$dir/test-$arch.log")"
		fi
	done
}

print_table() {
	local name arch f
	echo
	printf '| project | version | build system | patched? | x86_64 tests | aarch64 tests | native (gcc) |\n'
	printf '|---|---|---|---|---|---|---|\n'
	for name in "$@"; do
		local row="" x="not run" a="not run" n="-"
		for arch in x86_64 aarch64; do
			f=$results/$name-$arch.tsv
			[ -f "$f" ] || continue
			row=$(cat "$f")
			local v
			v=$(cut -f6,7 <<< "$row" | awk -F'\t' '$1 == "no" { print "does not build"; next } { print $2 }')
			[ "$arch" = x86_64 ] && x=$v || a=$v
			n=$(cut -f8 <<< "$row")
		done
		[ -n "$row" ] || continue
		printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$(cut -f1 <<< "$row")" "$(cut -f2 <<< "$row")" \
			"$(cut -f3 <<< "$row")" "$(cut -f4 <<< "$row")" "$x" "$a" "$n"
	done
}

# The CMake ports' steps (a recipe calls them with its own -D options):
# cmake_native SRC BUILD [ARG...]: configure with gcc/g++ for the host,
# build, run ctest, and print the number of tests ctest has.
cmake_native() {
	local src=$1 b=$2
	shift 2
	cmake -S "$src" -B "$b" -G Ninja -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ "$@" >&2
	cmake --build "$b" -j "$jobs" >&2
	(cd "$b" && ctest >&2)
	(cd "$b" && ctest -N | awk '/^Total Tests:/ { print $3 }')
}

# cmake_cross ARCH SRC BUILD [ARG...]: configure with the target's toolchain
# file (its emulator is cloudabi-run) and build every target.
cmake_cross() {
	local arch=$1 src=$2 b=$3
	shift 3
	cmake -S "$src" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$(cmake_toolchain "$arch")" "$@"
	cmake --build "$b" -j "$jobs"
}

# ctest_run BUILD: run the suite (failures are counted, not fatal) and print
# "PASSED TOTAL".
ctest_run() {
	(cd "$1" && ctest --output-on-failure >&2) || true
	ctest_counts "$1"
}

# The autoconf ports' steps (automake's test harness writes test-suite.log):
# autoconf_native SRC LOG: configure with gcc for the host, build, run
# `make check`, and print the number of tests LOG (relative to SRC) counts.
autoconf_native() {
	cd "$1" && CC=gcc ./configure >&2 && make -j "$jobs" >&2
	make -j "$jobs" check >&2 || true
	awk '/^# TOTAL:/ { print $3 }' "$2"
}

# autoconf_cross ARCH SRC [ARG...]: the documented recipe, the target's
# config.site and --host=<triple>, then make.
autoconf_cross() {
	local arch=$1 src=$2
	shift 2
	cd "$src" && CONFIG_SITE=$(config_site "$arch") ./configure --host="$arch-unknown-cloudabi" "$@"
	make -j "$jobs"
}

# automake_counts LOG: "PASSED TOTAL" from an automake test-suite.log.
automake_counts() {
	awk '/^# PASS:/ { p = $3 } /^# TOTAL:/ { t = $3 } END { print p + 0, t + 0 }' "$1"
}

# ctest_failed BUILD: the names of the tests that failed in the last ctest
# run in BUILD, sorted, on one line.
ctest_failed() {
	local f=$1/Testing/Temporary/LastTestsFailed.log
	[ -f "$f" ] || return 0
	cut -d: -f2- "$f" | sort | tr '\n' ' ' | sed 's/ $//'
}

# ctest_counts BUILD: "PASSED TOTAL" from the last ctest run in BUILD.
ctest_counts() {
	local log=$1/Testing/Temporary/LastTest.log
	local total failed
	total=$(grep -c '^[0-9]*/[0-9]* Testing:' "$log" || true)
	failed=$(grep -c '^Test Failed\.' "$log" || true)
	echo "$((total - failed)) $total"
}
