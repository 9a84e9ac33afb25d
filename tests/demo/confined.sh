#!/usr/bin/env bash
# The demo at the end of build.sh: a program run by cloudabi-run with one
# directory, reading it and failing to reach anything else.
#
#   confined.sh PREFIX
set -euo pipefail
prefix=$1
arch=$(uname -m)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/data"
echo "hello from inside the granted directory" > "$dir/data/note.txt"
touch "$dir/data/other.txt"
"$prefix/bin/$arch-unknown-cloudabi-cc" "$(dirname "$0")/confined.c" -o "$dir/demo"
echo "  \$ cloudabi-run --dir data=data ./demo"
cd "$dir"
if "$prefix/bin/cloudabi-run" --check | grep -q '^landlock: available'; then
	"$prefix/bin/cloudabi-run" --dir data=data ./demo
else
	echo "  (this kernel cannot confine; running unconfined to show the library's own checks)"
	"$prefix/bin/cloudabi-run" --unconfined --dir data=data ./demo
fi
