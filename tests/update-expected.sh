#!/usr/bin/env bash
# Regenerate the committed lists under tests/expected/<triple>/ from the
# toolchain in out/. Run it only after a deliberate change, and review the
# diff before committing it: the build and the tests compare against them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
for arch in x86_64 aarch64; do
	dir=$top/tests/expected/$arch-unknown-cloudabi
	mkdir -p "$dir"
	for kind in predefined-macros-c predefined-macros-c++ defined-symbols removed-by-header; do
		"$top/tests/expected/list.sh" "$top/out" "$arch" "$kind" > "$dir/$kind.txt"
	done
done
echo "updated tests/expected/: review the change (git diff tests/expected) before committing"
