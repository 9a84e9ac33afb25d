#!/usr/bin/env bash
# Build cloudabi-run for the host: the launcher sources, the libc's own
# argdata sources (the same encoder the target uses), libyaml linked
# statically (start-up time is measured against a bare exec).
#
#   runtime/launcher/build.sh OUT [FILTER.c]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$1 filter=${2:-}
flags=(-std=gnu11 -O2 -Wall -Wextra -Werror -fuse-ld=lld
	-I "$here" -I "$top/libc/overlay/include" -I "$top/libc/overlay/src/argdata")
extra=()
if [ -n "$filter" ]; then
	flags+=(-DCLOUDABI_SECCOMP_FILTER -I "$top/runtime/policy")
	extra=("$filter")
fi
clang-19 "${flags[@]}" "$here"/*.c "$top"/libc/overlay/src/argdata/*.c "${extra[@]}" \
	-Wl,-Bstatic -lyaml -Wl,-Bdynamic -lm -o "$out"
