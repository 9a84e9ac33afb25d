#!/usr/bin/env bash
# Build cloudabi-run for the host: its sources, runtime/policy's confine.h
# (and the generated seccomp filter), the libc's own argdata sources (the
# same encoder the target uses), linked statically with Debian's musl
# (musl-dev) and with libyaml built here from its pinned source.
#
#   CLOUDABI_YAML_SRC=DIR runtime/cloudabi-run/build.sh OUT [FILTER.c]
#
# DIR is libyaml's source tree (build.sh unpacks the tarball sources.lock
# pins into build/src/libyaml). FILTER.c is runtime/policy/build.sh's
# filter-ARCH.c; its explain-ARCH.c beside it (--explain's table) is built
# in too. Its --version is the repository's, from scripts/version.sh.
# CLOUDABI_HOST_CFLAGS and CLOUDABI_HOST_LDFLAGS add flags (a distribution's
# hardening flags; build.sh passes them on).
#
# Why musl and not glibc: a start through cloudabi-run is an exec of the
# launcher and then of the program, and the launcher's own start is most
# of what it adds. Static glibc touches about 30 pages before main (its
# self-relocation, IFUNC resolution, tunables, TLS), musl about 7; on a
# virtual machine a page fault costs tens of microseconds (bench/).
#
# tests/vm also builds it for the kernels it boots, where there is no C
# library to link with at run time: CLOUDABI_LAUNCHER_ARCH=x86_64|aarch64
# links everything statically with glibc for that architecture (libc6-dev
# or libc6-dev-arm64-cross), and CLOUDABI_LAUNCHER_LIBDIR names a
# directory holding that architecture's libyaml.a.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$1 filter=${2:-}
flags=(-std=gnu11 -O2 -Wall -Wextra -Werror -fuse-ld=lld
	-I "$here" -I "$top/runtime/policy" -I "$top/libc/overlay/include" -I "$top/libc/overlay/src/argdata")
version=$("$top/scripts/version.sh")
flags+=(-DCLOUDABI_VERSION="\"$version\"")
extra=()
if [ -n "$filter" ]; then
	# --explain's table, generated beside the filter (runtime/policy/build.sh)
	flags+=(-DCLOUDABI_SECCOMP_FILTER)
	extra=("$filter" "$(dirname "$filter")/$(basename "$filter" | sed 's/^filter-/explain-/')")
fi
# What the build generates and compiles goes beside OUT, not into a
# random temporary directory: its path is in the unstripped binary (the
# generated file's name, debug information), and so in its build ID, which
# the package keeps; a distribution's -ffile-prefix-map covers the build
# tree only (tests/packaging rebuilds the package to the same bytes).
tmp=$out.parts
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
if [ -n "${CLOUDABI_LAUNCHER_ARCH:-}" ]; then
	flags+=(--target="$CLOUDABI_LAUNCHER_ARCH-linux-gnu" -static)
	# Debian's cross packages keep the aarch64 headers and libraries here.
	[ "$CLOUDABI_LAUNCHER_ARCH" != "$(uname -m)" ] &&
		flags+=(-isystem "/usr/$CLOUDABI_LAUNCHER_ARCH-linux-gnu/include")
	libs=(-L "${CLOUDABI_LAUNCHER_LIBDIR:?}" -lyaml -lm)
else
	# Debian's musl: its headers and libc.a (musl-dev), with the kernel's
	# headers (linux-libc-dev) beside them, and nothing of glibc's. A
	# static position-independent executable: musl's rcrt1.o relocates it.
	arch=$(uname -m)
	musl=/usr/lib/$arch-linux-musl
	[ -f "$musl/libc.a" ] || { echo "cloudabi-run/build.sh: no $musl/libc.a (Debian's musl-dev)" >&2; exit 1; }
	yaml=${CLOUDABI_YAML_SRC:?CLOUDABI_YAML_SRC names the libyaml source tree}
	resource=$(clang-19 -print-resource-dir)   # its headers: stddef.h, stdarg.h ...
	mkdir -p "$tmp/kernel"
	ln -s /usr/include/linux /usr/include/asm-generic "$tmp/kernel/"
	ln -s "/usr/include/$arch-linux-gnu/asm" "$tmp/kernel/asm"
	flags+=(--target="$arch-linux-musl" -nostdinc -isystem "$resource/include"
		-isystem "/usr/include/$arch-linux-musl" -isystem "$tmp/kernel" -fPIE)
	# shellcheck disable=SC2206 # flag lists, split on spaces
	flags+=(${CLOUDABI_HOST_CFLAGS:-})
	# libyaml, as its CMakeLists.txt builds it (the version from its tree)
	yaml_version=$(awk '/^set \(YAML_VERSION_(MAJOR|MINOR|PATCH) [0-9]+\)$/ { sub(/\)$/, "", $3); v = v (v == "" ? "" : ".") $3 }
		END { print v }' "$yaml/CMakeLists.txt")
	[[ $yaml_version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "cloudabi-run/build.sh: no libyaml version in $yaml/CMakeLists.txt" >&2; exit 1; }
	IFS=. read -r major minor patch <<< "$yaml_version"
	for c in "$yaml"/src/*.c; do
		clang-19 "${flags[@]}" -w -I "$yaml/include" -DYAML_VERSION_MAJOR="$major" -DYAML_VERSION_MINOR="$minor" \
			-DYAML_VERSION_PATCH="$patch" -DYAML_VERSION_STRING="\"$yaml_version\"" -c "$c" -o "$tmp/yaml-$(basename "$c" .c).o"
	done
	flags+=(-I "$yaml/include")
	# shellcheck disable=SC2206
	flags+=(${CLOUDABI_HOST_LDFLAGS:-} -nostdlib -static-pie "$musl/rcrt1.o" "$musl/crti.o")
	# and the compiler's runtime (128-bit division: libgcc-12-dev's libgcc.a)
	libs=("$tmp"/yaml-*.o "$musl/libc.a" "$(clang-19 --rtlib=libgcc -print-libgcc-file-name)" "$musl/crtn.o")
fi
# The names of system calls for explain-audit.c, which reports calls the
# policy allows (Landlock denied them): policy.tsv's rows, by the number
# on the launcher's own architecture.
arch=${CLOUDABI_LAUNCHER_ARCH:-$(uname -m)}
column=2
[ "$arch" = aarch64 ] && column=3
{
	echo '/* Generated by runtime/cloudabi-run/build.sh from runtime/policy/policy.tsv */'
	echo '#include <stddef.h>'
	echo 'const char *syscall_name(long nr);'
	echo 'static const struct { short nr; const char *name; } names[] = {'
	awk -F'\t' -v c="$column" '!/^#/ && NF == 6 && $1 != "const" && $c != "-" { printf "\t{ %d, \"%s\" },\n", $c, $1 }' \
		"$top/runtime/policy/policy.tsv"
	echo '};'
	echo 'const char *syscall_name(long nr)'
	echo '{'
	echo '	for (size_t i = 0; i < sizeof names / sizeof *names; i++)'
	echo '		if (names[i].nr == nr) return names[i].name;'
	echo '	return NULL;'
	echo '}'
} > "$tmp/syscall-names.c"
clang-19 "${flags[@]}" "$here"/*.c "$top"/libc/overlay/src/argdata/*.c "${extra[@]}" "$tmp/syscall-names.c" \
	"${libs[@]}" -o "$out"
