#!/usr/bin/env bash
# Self-checking C programs (math, long double, threads, stdio, iconv) built
# for each target and run: every CHECK line a program prints is one test.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

for arch in $arches; do
	for src in "$here"/*.c; do
		name=$(basename "$src" .c)
		exe=$scratch/$name-$arch
		if ! output=$("$(tool "$arch" cc)" -std=gnu17 -O2 -Wall -Wextra -Werror -pthread "$src" -o "$exe" -lm 2>&1); then
			not_ok "$arch $name: builds" "$output"
			continue
		fi
		status=0
		output=$(run_on "$arch" "$exe" 2>&1) || status=$?
		while IFS= read -r line; do
			case $line in
			"ok   - "*) ok "$arch $name: ${line#ok   - }" ;;
			"FAIL - "*) not_ok "$arch $name: ${line#FAIL - }" ;;
			esac
		done <<< "$output"
		check "$arch $name: exits 0 with at least one check" \
			sh -c "[ $status = 0 ] && printf '%s\n' \"\$1\" | grep -q '^ok'" _ "$output"
	done
done

finish
