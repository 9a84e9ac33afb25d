#!/usr/bin/env bash
# Print the macros a target's compiler predefines, sorted, without the ones
# that name the compiler's exact version (Debian point releases change them).
#
#   predefined.sh PREFIX ARCH c|c++
set -euo pipefail
prefix=$1 arch=$2 lang=$3
driver=cc
[ "$lang" = c++ ] && driver=c++
"$prefix/bin/$arch-unknown-cloudabi-$driver" -x "$lang" -dM -E - < /dev/null |
	grep -vE '^#define (__clang_version__|__clang_major__|__clang_minor__|__clang_patchlevel__|__VERSION__) ' |
	LC_ALL=C sort
