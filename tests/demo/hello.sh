#!/usr/bin/env bash
# Compile a first program with a target's compiler and run it.
#
#   hello.sh PREFIX ARCH
set -euo pipefail
prefix=$1 arch=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat > "$dir/hello.c" <<'C'
#include <stdio.h>
int main(void)
{
	printf("Hello from a CloudABI program for %s\n", ARCH);
	return 0;
}
C
"$prefix/bin/$arch-unknown-cloudabi-cc" -DARCH="\"$arch\"" "$dir/hello.c" -o "$dir/hello"
echo "  \$ $arch-unknown-cloudabi-cc hello.c -o hello && ./hello"
printf '  '
if [ "$arch" = "$(uname -m)" ]; then
	"$dir/hello"
else
	# qemu-user cannot confine: the program would refuse to start
	# without CLOUDABI_ALLOW_UNCONFINED=1 (honoured only there)
	CLOUDABI_ALLOW_UNCONFINED=1 qemu-aarch64-static "$dir/hello"
fi
