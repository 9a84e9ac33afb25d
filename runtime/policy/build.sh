#!/usr/bin/env bash
# Build the seccomp filter sources from policy.tsv:
#
#   runtime/policy/build.sh OUTDIR
#
# writes OUTDIR/filter-x86_64.c, OUTDIR/filter-aarch64.c and a copy of
# filter.h beside them (the generated files include "filter.h"), and
# OUTDIR/gen-filter, the host generator. Needs only clang-19 and lld-19
# (scripts/host-packages.txt); the output depends only on policy.tsv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
outdir=$1
mkdir -p "$outdir"

clang-19 -std=c11 -O2 -Wall -Wextra -Werror -fuse-ld=lld \
	"$here/gen-filter.c" -o "$outdir/gen-filter.new"
mv "$outdir/gen-filter.new" "$outdir/gen-filter"
for arch in x86_64 aarch64; do
	"$outdir/gen-filter" "$here/policy.tsv" "$arch" "$outdir/filter-$arch.c.new"
	mv "$outdir/filter-$arch.c.new" "$outdir/filter-$arch.c"
done
cp "$here/filter.h" "$outdir/filter.h.new"
mv "$outdir/filter.h.new" "$outdir/filter.h"
