#!/bin/sh
# lld's --error-handling-script, passed by the compiler driver as <triple>-ld.
# lld runs it as "SCRIPT undefined-symbol NAME" (or "missing-lib NAME") when
# a link fails; for a name the capability libc removed, print the manifest's
# explanation next to lld's own error. Anything else prints nothing.
# lld runs this before it prints its "error:" line, so the compiler driver
# passes a descriptor in CLOUDABI_LD_NOTES_FD and prints what was written
# there after lld has finished; without one, the note goes to stderr.
[ "$1" = undefined-symbol ] || exit 0
table=$(dirname "$0")/../../share/cloudabi/removed-symbols.tsv
[ -r "$table" ] || exit 0
note() { awk -F '\t' -v sym="$1" '$1 == sym { print ">>> note: " $2 }' "$table"; }
case ${CLOUDABI_LD_NOTES_FD:-} in
''|*[!0-9]*) note "$2" >&2 ;;
*) (note "$2" >&"$CLOUDABI_LD_NOTES_FD") 2>/dev/null || note "$2" >&2 ;;
esac
exit 0
