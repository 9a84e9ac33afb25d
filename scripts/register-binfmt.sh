#!/usr/bin/env bash
# Register qemu-aarch64 with binfmt_misc (as root) so that aarch64
# programs, and tools that exec them (cloudabi-run, CMake's try_run), run
# directly on an x86_64 machine. Uses Debian's own registration line.
set -euo pipefail
conf=/usr/lib/binfmt.d/qemu-aarch64.conf
misc=/proc/sys/fs/binfmt_misc

[ "$(uname -m)" = aarch64 ] && { echo "native aarch64: nothing to register"; exit 0; }
[ -f "$conf" ] || { echo "register-binfmt.sh: $conf is missing (qemu-user-static)" >&2; exit 1; }
if [ ! -e "$misc/register" ]; then
	echo "mounting binfmt_misc on $misc"
	mount -t binfmt_misc binfmt_misc "$misc"
fi
if [ -e "$misc/qemu-aarch64" ]; then
	echo "qemu-aarch64 is already registered:"
else
	grep -v '^#' "$conf" > "$misc/register"
	echo "registered qemu-aarch64 from $conf:"
fi
cat "$misc/qemu-aarch64"
