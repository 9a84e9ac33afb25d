#!/usr/bin/env bash
# Lay out an installable prefix from the build tree (docs/architecture.md):
#
#   bin/<triple>-<tool>          links to libexec/cloudabi/driver (and
#                                <triple>-cc-<version>, <triple>-c++-<version>)
#   bin/cloudabi-run             starts programs confined (runtime/cloudabi-run)
#   libexec/cloudabi/driver      the compiler driver (toolchain/driver.c)
#   libexec/cloudabi/ld-error-handler, share/cloudabi/removed-symbols.tsv
#                                explanations for links that need removed names
#   libexec/cloudabi/icecc-env   makes an icecream environment of a target
#   share/cloudabi/<triple>.cfg  Clang configuration of each target
#   lib/cloudabi/clang/<major>/  resource directory: include/ links to the
#                                installed Clang's headers, lib/ holds our
#                                compiler-rt builtins and crtbegin/crtend
#                                (not lib/clang/<major>, which Debian's
#                                libclang-common-<major>-dev owns in /usr)
#   share/man/man1/              cloudabi-run(1), cloudabi-cc(1) and its
#                                names <triple>-<tool>(1) for every tool
#   <triple>/include, lib        the sysroot of each target
#   bin/<triple>-pkg-config      links to libexec/cloudabi/pkg-config
#   share/cloudabi/cmake/        CMake toolchain files and Platform/CloudABI.cmake
#   share/cloudabi/meson/<triple>.ini              meson cross files
#   share/cloudabi/autoconf/<triple>/config.site   autoconf site files
#
#   assemble.sh NEWPREFIX BUILDDIR CLANG_MAJOR ARCH...
set -euo pipefail
new=$1 build=$2 major=$3
shift 3
here=$(cd "$(dirname "$0")/.." && pwd)

mkdir -p "$new/bin" "$new/libexec/cloudabi" "$new/share/cloudabi" "$new/lib/cloudabi/clang/$major/lib" "$new/share/man/man1"
cp "$build/driver/driver" "$new/libexec/cloudabi/driver"
cp "$build/runtime/cloudabi-run" "$new/bin/cloudabi-run"
# The explanation lld prints for an undefined reference to a removed name.
cp "$here/toolchain/ld-error-handler.sh" "$new/libexec/cloudabi/ld-error-handler"
python3 "$here/libc/manifest.py" messages "$here/libc/manifest.tsv" > "$new/share/cloudabi/removed-symbols.tsv"
# Build-system integration: CMake, pkg-config, meson, autoconf.
cp -R "$here/cmake-toolchain" "$new/share/cloudabi/cmake"
cp "$here/toolchain/pkg-config.sh" "$new/libexec/cloudabi/pkg-config"
# An icecream environment of a target, for build hosts with nothing of ours.
cp "$here/toolchain/icecc-env.sh" "$new/libexec/cloudabi/icecc-env"
mkdir -p "$new/share/cloudabi/meson"
cp "$here/toolchain/cloudabi-cc.1" "$here/runtime/cloudabi-run/cloudabi-run.1" "$new/share/man/man1/"
# Clang's own headers (stddef.h, intrinsics, arm_neon.h ...) are those of
# the installed clang-<major>: they must match the compiler that reads them,
# and in /usr they belong to Debian's libclang-common-<major>-dev. The
# resource directory links to them; its lib/ holds our builtins.
ln -s "/usr/lib/llvm-$major/lib/clang/$major/include" "$new/lib/cloudabi/clang/$major/include"

for arch in "$@"; do
	triple=$arch-unknown-cloudabi
	cp -a "$build/$arch/sysroot" "$new/$triple"
	# musl's own musl-clang wrappers name the build tree; our driver is the
	# compiler.
	rm -rf "$new/$triple/bin"
	cp -a "$build/$arch/resource/lib/$arch-unknown-linux-musl" "$new/lib/cloudabi/clang/$major/lib/"
	sed -e "s/@ARCH@/$arch/g" -e "s/@TRIPLE@/$triple/g" -e "s/@CLANG_MAJOR@/$major/g" \
		"$here/toolchain/target.cfg.in" > "$new/share/cloudabi/$triple.cfg"
	# cloudabi-cc(1) documents every tool name, so each has its page.
	for tool in $("$new/libexec/cloudabi/driver" --list-tools); do
		ln -s ../libexec/cloudabi/driver "$new/bin/$triple-$tool"
		ln -s cloudabi-cc.1 "$new/share/man/man1/$triple-$tool.1"
	done
	ln -s ../libexec/cloudabi/pkg-config "$new/bin/$triple-pkg-config"
	ln -s cloudabi-cc.1 "$new/share/man/man1/$triple-pkg-config.1"
	mkdir -p "$new/$triple/lib/pkgconfig" "$new/$triple/share/pkgconfig" "$new/share/cloudabi/autoconf/$triple"
	sed -e "s/@TRIPLE@/$triple/g" "$here/toolchain/config.site.in" \
		> "$new/share/cloudabi/autoconf/$triple/config.site"
	# aarch64 programs run through qemu-user on other machines, which
	# cannot be confined (docs/confinement.md); cloudabi-run needs its path.
	if [ "$arch" = "$(uname -m)" ]; then
		wrapper="'--dir', 'build=.:rw', '--'"
	else
		qemu=$(realpath "$(command -v "qemu-$arch-static" || echo "/usr/bin/qemu-$arch-static")")
		wrapper="'--unconfined', '--env', 'CLOUDABI_ALLOW_UNCONFINED=1', '--dir', 'build=.:rw', '--', '$qemu'"
	fi
	sed -e "s/@TRIPLE@/$triple/g" -e "s/@ARCH@/$arch/g" -e "s|@WRAPPER@|$wrapper|" \
		"$here/toolchain/meson-cross.ini.in" > "$new/share/cloudabi/meson/$triple.ini"
done
