#!/usr/bin/env bash
# acceptance.sh CC LANG STD: compile acceptance.c and check that every
# "expect NAME" line has the unavailable error for NAME, with the reason
# and a replacement ("; use "), and that nothing else fails. Prints one
# "ok NAME" or "FAIL NAME why" line per marked call.
set -euo pipefail
cc=$1 lang=$2 std=$3
src=$(dirname "$0")/acceptance.c
errors=$("$cc" -x "$lang" -std="$std" -fsyntax-only -ferror-limit=0 -Wno-unused-result "$src" 2>&1 | grep ': error: ' || true)
grep -n 'expect ' "$src" | while IFS=: read -r line rest; do
	name=${rest##*expect }
	name=${name%% */}
	got=$(grep -F "acceptance.c:$line:" <<< "$errors" || true)
	if grep -qF "'$name' is unavailable: $name() is not available on CloudABI: " <<< "$got" &&
		grep -qF '; use ' <<< "$got"; then
		echo "ok $name"
	else
		echo "FAIL $name ${got:-no error on line $line}"
	fi
done
others=$(grep -vF 'is unavailable: ' <<< "$errors" || true)
[ -z "$others" ] || echo "FAIL (other errors) $others"
