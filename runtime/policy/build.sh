#!/usr/bin/env bash
# Build the seccomp filter sources from policy.tsv:
#
#   runtime/policy/build.sh OUTDIR
#
# writes OUTDIR/filter-x86_64.c, OUTDIR/filter-aarch64.c, the tables of
# --explain (explain-x86_64.c, explain-aarch64.c, from policy.tsv,
# explain.tsv and libc/manifest.tsv) and copies of filter.h and explain.h
# (the generated files include them) and confine.h (the Landlock and
# capability half, which the libc's start-up includes) beside them, and
# OUTDIR/gen-filter, the host generator. Needs only clang-19 and lld-19
# (scripts/host-packages.txt); the filters depend only on policy.tsv.
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
	"$outdir/gen-filter" --explain "$here/policy.tsv" "$here/explain.tsv" "$here/../../libc/manifest.tsv" \
		"$arch" "$outdir/explain-$arch.c.new"
	mv "$outdir/explain-$arch.c.new" "$outdir/explain-$arch.c"
done
for h in filter.h explain.h confine.h; do
	cp "$here/$h" "$outdir/$h.new"
	mv "$outdir/$h.new" "$outdir/$h"
done
