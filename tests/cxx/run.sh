#!/usr/bin/env bash
# C++ on CloudABI: libc++, libc++abi and libunwind for both targets.
#   - self-checking programs (exceptions, RTTI, threads, the library, the
#     <fstream> descriptor extensions) run on each target, x86_64 also
#     under cloudabi-run;
#   - programs whose output the runner checks (static order, iostreams,
#     std::terminate) and the issue's program built with no extra flags;
#   - every removed C++ entry point fails to compile with its explanation.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

# build ARCH NAME [EXTRA SOURCES...]: compile tests/cxx/NAME.cc to $scratch.
build() {
	local arch=$1 name=$2 output
	shift 2
	if ! output=$("$(tool "$arch" c++)" -std=c++20 -O2 -Wall -Wextra -Werror \
		-I "$top/tests/programs" "$here/$name.cc" "$@" -o "$scratch/$name-$arch" 2>&1); then
		not_ok "$arch $name: builds" "$output"
		return 1
	fi
}

for arch in $arches; do
	c_frames=$scratch/c-frames-$arch.o
	"$(tool "$arch" cc)" -O2 -c "$here/c-frames.c" -o "$c_frames"
	for name in exceptions rtti threads library fstream-at; do
		extra=()
		[ "$name" = exceptions ] && extra=("$c_frames")
		build "$arch" "$name" "${extra[@]}" || continue
		given=$(mktemp -d "$scratch/given.XXXXXX")
		status=0
		output=$(run_on "$arch" "$scratch/$name-$arch" 3< "$given" 2>&1) || status=$?
		record_checks "$arch $name: " "$status" "$output"
		if [ "$arch" = "$(uname -m)" ] && "$out/bin/cloudabi-run" --check | grep -q '^landlock: available'; then
			status=0
			output=$("$out/bin/cloudabi-run" --dir "given=$given:read,write,create,remove" \
				"$scratch/$name-$arch" 2>&1) || status=$?
			record_checks "$arch $name (cloudabi-run): " "$status" "$output"
		fi
	done

	if build "$arch" static-order; then
		got=$(run_on "$arch" "$scratch/static-order-$arch" 2>&1)
		want=$(printf 'construct first\nconstruct second\nmain\nconstruct local\ndestroy local\ndestroy second\ndestroy first')
		check "$arch static constructors before main, destructors after in reverse" \
			diff -u <(echo "$want") <(echo "$got")
	fi

	if build "$arch" iostreams; then
		status=0
		run_on "$arch" "$scratch/iostreams-$arch" <<< "hello" > "$scratch/io.out" 2> "$scratch/io.err" || status=$?
		check "$arch iostreams: exits 0" test "$status" = 0
		check "$arch iostreams: std::cin read, std::cout and std::wcout written" \
			diff -u <(printf 'out: hello 42\nwide\n') "$scratch/io.out"
		check "$arch iostreams: std::cerr written" diff -u <(printf 'err: 5\n') "$scratch/io.err"
	fi

	if build "$arch" terminate; then
		status=0
		output=$(run_on "$arch" "$scratch/terminate-$arch" 2>&1) || status=$?
		check "$arch an uncaught exception aborts (SIGABRT, status 134)" test "$status" = 134
		check "$arch std::terminate names the uncaught exception" grep -q \
			"terminating due to uncaught exception of type std::runtime_error: nobody catches this" <<< "$output"
	fi

	# Done when: the program builds with no flags beyond the driver's own.
	if output=$("$(tool "$arch" c++)" "$here/demo.cc" -o "$scratch/demo-$arch" 2>&1); then
		ok "$arch demo.cc builds with no extra flags"
		check "$arch demo.cc: exceptions, threads, iostream, containers, regex, random_device" \
			diff -u <(echo "caught 20200 2 die-ok") <(run_on "$arch" "$scratch/demo-$arch" 2>&1)
	else
		not_ok "$arch demo.cc builds with no extra flags" "$output"
	fi
done

# Removed entry points: each is a compile error that names the alternative.
by_name="opening a file stream by name is not available on CloudABI: .*use the stream's openat\(dirfd, name\)"
removed() { # NAME PATTERN CODE (a function body, with <fstream>, <cstdio>, <cstdlib>)
	local name=$1 pattern=$2 code=$3 arch
	printf '#include <cstdio>\n#include <cstdlib>\n#include <fstream>\nvoid f() { %s; }\n' "$code" > "$scratch/removed.cc"
	for arch in $arches; do
		expect_fail "$arch removed: $name" "error: .*$pattern" \
			"$(tool "$arch" c++)" -std=c++20 -fsyntax-only "$scratch/removed.cc"
	done
}
removed 'std::ifstream f("data.txt")' "$by_name" 'std::ifstream f("data.txt")'
removed 'std::ofstream(std::string)' "$by_name" 'std::ofstream f(std::string("x"))'
removed 'std::fstream(filesystem::path)' "$by_name" 'std::fstream f(std::filesystem::path("x"))'
removed 'std::wifstream(const char*)' "$by_name" 'std::wifstream f("x")'
removed 'std::ifstream::open(const char*)' "$by_name" 'std::ifstream f; f.open("x")'
removed 'std::ofstream::open(std::string)' "$by_name" 'std::ofstream f; f.open(std::string("x"))'
removed 'std::fstream::open(filesystem::path)' "$by_name" 'std::fstream f; f.open(std::filesystem::path("x"))'
removed 'std::filebuf::open(const char*)' "$by_name" 'std::filebuf b; b.open("x", std::ios::in)'
removed 'std::filebuf::open(filesystem::path)' "$by_name" 'std::filebuf b; b.open(std::filesystem::path("x"), std::ios::in)'
removed 'std::fopen' "fopen\(\) is not available on CloudABI: .*fopenat\(\)" 'std::fopen("x", "r")'
removed 'std::freopen' "freopen\(\) is not available on CloudABI" 'std::freopen("x", "r", stdin)'
removed 'std::remove' "remove\(\) is not available on CloudABI: .*unlinkat\(\)" 'std::remove("x")'
removed 'std::rename' "rename\(\) is not available on CloudABI: .*renameat\(\)" 'std::rename("x", "y")'
removed 'std::tmpnam' "tmpnam\(\) is not available on CloudABI: .*tmpfile\(\)" 'char b[L_tmpnam]; std::tmpnam(b)'
removed 'std::system' "system\(\) is not available on CloudABI: .*program_exec\(\)" 'std::system("ls")'
for arch in $arches; do
	expect_fail "$arch removed: #include <filesystem>" \
		"error: \"<filesystem> is not available on CloudABI: .*openat" \
		"$(tool "$arch" c++)" -std=c++17 -fsyntax-only -x c++ - <<< '#include <filesystem>'
	printf '#include <version>\n#ifdef __cpp_lib_filesystem\n#error defined\n#endif\n#include <cstdlib>\nconst char *home() { return std::getenv("HOME"); }\n' > "$scratch/kept.cc"
	check "$arch kept: std::getenv; __cpp_lib_filesystem is not defined" \
		"$(tool "$arch" c++)" -std=c++20 -Wall -Werror -fsyntax-only "$scratch/kept.cc"
done
finish
