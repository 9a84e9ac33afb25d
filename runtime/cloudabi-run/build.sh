#!/usr/bin/env bash
# Build cloudabi-run for the host: its sources, runtime/policy's confine.h
# (and the generated seccomp filter), the libc's own
# argdata sources (the same encoder the target uses), linked statically
# with glibc and libyaml (start-up time is measured against a bare exec).
#
#   runtime/cloudabi-run/build.sh OUT [FILTER.c]
#
# FILTER.c is runtime/policy/build.sh's filter-ARCH.c; its explain-ARCH.c
# beside it (--explain's table) is built in too.
# Its --version is the repository's, from scripts/version.sh.
# CLOUDABI_HOST_CFLAGS and CLOUDABI_HOST_LDFLAGS add flags (a distribution's
# hardening flags; build.sh passes them on).
#
# tests/vm also builds it for the kernels it boots, where there is no C
# library to link with at run time: CLOUDABI_LAUNCHER_ARCH=x86_64|aarch64
# links everything statically for that architecture (glibc from libc6-dev
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
# Static (a position-independent static executable): no dynamic loader,
# whose thirty-odd system calls before main would be most of a confined
# start's cost (bench/). It uses no part of glibc that loads modules
# (no NSS, no iconv, no dlopen).
libs=(-static-pie -lyaml -lm)
if [ -n "${CLOUDABI_LAUNCHER_ARCH:-}" ]; then
	flags+=(--target="$CLOUDABI_LAUNCHER_ARCH-linux-gnu" -static)
	# Debian's cross packages keep the aarch64 headers and libraries here.
	[ "$CLOUDABI_LAUNCHER_ARCH" != "$(uname -m)" ] &&
		flags+=(-isystem "/usr/$CLOUDABI_LAUNCHER_ARCH-linux-gnu/include")
	libs=(-L "${CLOUDABI_LAUNCHER_LIBDIR:?}" -lyaml -lm)
else
	# shellcheck disable=SC2206 # flag lists, split on spaces
	flags+=(${CLOUDABI_HOST_CFLAGS:-} ${CLOUDABI_HOST_LDFLAGS:-})
fi
clang-19 "${flags[@]}" "$here"/*.c "$top"/libc/overlay/src/argdata/*.c "${extra[@]}" \
	"${libs[@]}" -o "$out"
