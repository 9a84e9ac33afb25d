#!/usr/bin/env bash
# The Python demo at the end of build.sh: python-demo.py run by cloudabi-run
# with one directory, listing, reading and writing it, and failing to open
# /etc/passwd or to make a socket.
#
#   python.sh PREFIX
set -euo pipefail
prefix=$1
arch=$(uname -m)
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/data"
echo "hello from inside the granted directory" > "$dir/data/note.txt"
cp "$here/python-demo.py" "$dir/demo.py"
cd "$dir"
echo "  \$ cloudabi-run --file script=demo.py --dir data=data:rw -- python3"
confine=()
"$prefix/bin/cloudabi-run" --check | grep -q '^landlock: available' || {
	echo "  (this kernel cannot confine; running unconfined)"
	confine=(--unconfined)
}
"$prefix/bin/cloudabi-run" "${confine[@]}" --file script=demo.py --dir data=data:rw -- \
	"$prefix/$arch-unknown-cloudabi/bin/python3"
echo "  data/result.txt: $(cat data/result.txt)"
