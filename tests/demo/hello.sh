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
cat > "$dir/hello.cc" <<'C++'
#include <iostream>
#include <stdexcept>
int main()
{
	try {
		throw std::runtime_error("and from C++, through an exception");
	} catch (const std::exception &e) {
		std::cout << "Hello " << e.what() << std::endl;
	}
}
C++
run() {
	printf '  '
	if [ "$arch" = "$(uname -m)" ]; then
		"$@"
	else
		# qemu-user cannot confine: the program would refuse to start
		# without CLOUDABI_ALLOW_UNCONFINED=1 (honoured only there)
		CLOUDABI_ALLOW_UNCONFINED=1 qemu-aarch64-static "$@"
	fi
}
runs="./hello"
[ "$arch" = "$(uname -m)" ] || runs="CLOUDABI_ALLOW_UNCONFINED=1 qemu-$arch-static ./hello"
"$prefix/bin/$arch-unknown-cloudabi-cc" -DARCH="\"$arch\"" "$dir/hello.c" -o "$dir/hello"
echo "  \$ $arch-unknown-cloudabi-cc hello.c -o hello && $runs"
run "$dir/hello"
"$prefix/bin/$arch-unknown-cloudabi-c++" "$dir/hello.cc" -o "$dir/hello-cxx"
echo "  \$ $arch-unknown-cloudabi-c++ hello.cc -o hello && $runs"
run "$dir/hello-cxx"
