#!/usr/bin/env bash
# Print one of the committed lists of tests/expected/<triple>/ as the
# toolchain in PREFIX makes it now:
#
#   list.sh PREFIX ARCH predefined-macros-c|predefined-macros-c++|defined-symbols|removed-by-header
#
# Macros are sorted, without those naming Clang's exact version (Debian
# point releases change them); symbols are every global name libc.a defines;
# removed-by-header is, per installed C header, each function declared
# unavailable and each macro, type or variable the manifest took out
# (removed.py), so a review of a manifest change shows what users get.
set -euo pipefail
prefix=$1 arch=$2 kind=$3
triple=$arch-unknown-cloudabi
case $kind in
predefined-macros-c|predefined-macros-c++)
	lang=${kind#predefined-macros-}
	driver=cc
	[ "$lang" = c++ ] && driver=c++
	"$prefix/bin/$triple-$driver" -x "$lang" -dM -E - < /dev/null |
		grep -vE '^#define (__clang_version__|__clang_major__|__clang_minor__|__clang_patchlevel__|__VERSION__) ' |
		LC_ALL=C sort
	;;
defined-symbols)
	llvm-nm-19 --defined-only --extern-only "$prefix/$triple/lib/libc.a" 2>/dev/null |
		awk 'NF >= 3 { print $3 }' | LC_ALL=C sort -u
	;;
removed-by-header)
	python3 "$(dirname "$0")/removed.py" "$prefix/$triple/include" "$(dirname "$0")/../../libc/manifest.tsv"
	;;
*) echo "list.sh: unknown list '$kind'" >&2; exit 2 ;;
esac
