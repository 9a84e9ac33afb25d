#!/usr/bin/env bash
# Compare every committed list in tests/expected/<triple>/ with what the
# toolchain in PREFIX makes now; print a diff and fail on any difference.
# build.sh runs it after every build, so an accidental change to the
# predefined macros or to libc.a's symbols stops the build.
#
#   check.sh PREFIX ARCH...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=$1
shift
status=0
diff=$(mktemp)
trap 'rm -f "$diff"' EXIT
for arch in "$@"; do
	for kind in predefined-macros-c predefined-macros-c++ defined-symbols removed-by-header; do
		want=$here/$arch-unknown-cloudabi/$kind.txt
		if ! "$here/list.sh" "$prefix" "$arch" "$kind" | diff -u "$want" - > "$diff"; then
			echo "$arch $kind differs from tests/expected (- expected, + now):"
			head -n 60 "$diff"
			status=1
		else
			echo "$arch $kind: as expected"
		fi
	done
done
[ "$status" = 0 ] || echo "If the change is intended: make update-expected, review git diff tests/expected, commit."
exit "$status"
