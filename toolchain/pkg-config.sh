#!/bin/sh
# <triple>-pkg-config: pkg-config for one CloudABI target.
#
# Installed as <prefix>/libexec/cloudabi/pkg-config, with a link
# <prefix>/bin/<triple>-pkg-config to it; the target comes from the name it
# was run under. Only the target's sysroot is searched (PKG_CONFIG_LIBDIR),
# and the -I/-L paths it prints are prefixed with the sysroot
# (PKG_CONFIG_SYSROOT_DIR), so a .pc file written for /usr finds the
# sysroot's copy. PKG_CONFIG_PATH is kept: a user who builds libraries for
# the target elsewhere adds their pkgconfig directory there.
set -eu
name=${0##*/}
triple=${name%-pkg-config}
case $triple in
x86_64-unknown-cloudabi|aarch64-unknown-cloudabi) ;;
*) echo "$name: cannot tell the target from the name (want <arch>-unknown-cloudabi-pkg-config)" >&2; exit 2 ;;
esac
# The prefix: this script is <prefix>/libexec/cloudabi/pkg-config.
self=$(readlink -f "$0")
prefix=$(cd "${self%/*}/../.." && pwd)
sysroot=$prefix/$triple
PKG_CONFIG_LIBDIR=$sysroot/lib/pkgconfig:$sysroot/share/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$sysroot
export PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
# Never the host's own lists of system directories or its environment
# overrides for another target.
unset PKG_CONFIG_SYSTEM_INCLUDE_PATH PKG_CONFIG_SYSTEM_LIBRARY_PATH PKG_CONFIG_ALLOW_SYSTEM_CFLAGS PKG_CONFIG_ALLOW_SYSTEM_LIBS
exec "${CLOUDABI_PKG_CONFIG:-pkg-config}" --static "$@"
