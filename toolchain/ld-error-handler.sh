#!/bin/sh
# lld's --error-handling-script, passed by the compiler driver as <triple>-ld.
# lld runs it as "SCRIPT undefined-symbol NAME" (or "missing-lib NAME") when
# a link fails; for a name the capability libc removed, print the manifest's
# explanation next to lld's own error. Anything else prints nothing.
[ "$1" = undefined-symbol ] || exit 0
table=$(dirname "$0")/../../share/cloudabi/removed-symbols.tsv
[ -r "$table" ] || exit 0
awk -F '\t' -v sym="$2" '$1 == sym { print ">>> note: " $2 }' "$table" >&2
exit 0
