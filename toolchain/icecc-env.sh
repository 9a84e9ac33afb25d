#!/bin/sh
# icecc-env: an icecream environment for one CloudABI target, so that a
# build host with iceccd needs nothing of ours (docs/distributed.md).
#
#   <prefix>/libexec/cloudabi/icecc-env [-o DIR] <triple>...
#
# Makes DIR/cloudabi-toolchain-<version>-<triple>-<hash>.tar.gz for each
# target (DIR is the current directory by default), prints their paths one
# a line, and keeps a file that is there already. iceccd runs
# /usr/bin/clang inside the environment, chrooted and without /proc, so an
# environment holds:
#
#   what icecc-create-env packs for the Clang binary the compiler driver
#   runs (clang-19 and the libraries it loads, /bin/true, ld.so.cache),
#   with clang moved to where the driver runs it from;
#   the compiler driver as /usr/libexec/cloudabi/driver, with
#   /usr/bin/clang -> <triple>-clang -> ../libexec/cloudabi/driver, so
#   iceccd's /usr/bin/clang is this target's compiler;
#   the target's configuration, Clang's resource headers and the sysroot's
#   headers (icecc preprocesses on the client, so they are for a compile
#   that reads a header anyway; no libraries: linking stays on the client).
#
# The name carries the version and a hash of the contents: a build host
# caches environments by name and is sent any it lacks, so it compiles
# with exactly the client's toolchain.
set -eu
self=$(realpath "$0")
prefix=$(cd "$(dirname "$self")/../.." && pwd)
usage() { echo "usage: $0 [-o DIR] <arch>-unknown-cloudabi..." >&2; exit 2; }
dir=.
if [ "${1:-}" = -o ]; then
	[ $# -ge 2 ] || usage
	dir=$2
	shift 2
fi
[ $# -ge 1 ] || usage
for triple in "$@"; do
	case $triple in
	x86_64-unknown-cloudabi | aarch64-unknown-cloudabi) ;;
	*) echo "icecc-env: no target '$triple' (x86_64-unknown-cloudabi or aarch64-unknown-cloudabi)" >&2; exit 2 ;;
	esac
	[ -x "$prefix/bin/$triple-cc" ] || { echo "icecc-env: no compiler $prefix/bin/$triple-cc" >&2; exit 1; }
	[ -d "$prefix/$triple/include" ] || { echo "icecc-env: no sysroot for $triple in $prefix (install its C runtime)" >&2; exit 1; }
done
command -v icecc-create-env > /dev/null || { echo "icecc-env: icecc-create-env not found: install icecc" >&2; exit 1; }
cc=$prefix/bin/$1-cc
version=$("$cc" --version | sed -n '1s/^CloudABI toolchain \([^ ]*\) .*/\1/p')
# the Clang the driver runs when CLOUDABI_LLVM_BIN_DIR is unset, as a build
# host's driver will
clang=$(env -u CLOUDABI_LLVM_BIN_DIR "$cc" -print-prog-name=clang)
[ -x "$clang" ] || { echo "icecc-env: the driver's clang ($clang) is not there" >&2; exit 1; }
resource=$(cd "$prefix/lib/cloudabi/clang" && ls | head -n 1)

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
work=$(mktemp -d "$dir/.icecc-env.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && icecc-create-env --clang "$clang" > create-env.log 2>&1) || {
	cat "$work/create-env.log" >&2
	exit 1
}
for triple in "$@"; do
	root=$work/root-$triple
	rm -rf "$root"
	mkdir "$root"
	tar -xzf "$work"/*.tar.gz -C "$root"
	mkdir -p "$root$(dirname "$clang")" "$root/usr/libexec/cloudabi" "$root/usr/share/cloudabi" \
		"$root/usr/lib/cloudabi/clang/$resource" "$root/usr/$triple"
	mv "$root/usr/bin/clang" "$root$clang"
	cp "$prefix/libexec/cloudabi/driver" "$root/usr/libexec/cloudabi/driver"
	ln -s ../libexec/cloudabi/driver "$root/usr/bin/$triple-clang"
	ln -s "$triple-clang" "$root/usr/bin/clang"
	cp "$prefix/share/cloudabi/$triple.cfg" "$root/usr/share/cloudabi/"
	cp -RL "$prefix/lib/cloudabi/clang/$resource/include" "$root/usr/lib/cloudabi/clang/$resource/include"
	cp -RL "$prefix/$triple/include" "$root/usr/$triple/include"

	# the same files give the same bytes, so the same name
	chmod 755 "$root"
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --mode=u+rwX,go+rX,go-w \
		-C "$root" -cf "$work/env.tar" .
	hash=$(sha256sum < "$work/env.tar" | cut -c1-16)
	name=cloudabi-toolchain-$version-$triple-$hash.tar.gz
	if [ ! -s "$dir/$name" ]; then
		gzip -n -c "$work/env.tar" > "$work/$name"
		mv "$work/$name" "$dir/$name"
	fi
	echo "$dir/$name"
done
