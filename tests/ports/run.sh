#!/usr/bin/env bash
# Upstream projects as tests: each is built from its Debian source package
# (tests/ports/ports.lock) with its own build system and our integration
# files, for both targets, and its own test suite runs confined (through
# cloudabi-run on x86_64; through qemu-user, which cannot be confined, on
# aarch64). The denominator of "passed/total" is the number of tests the
# unpatched upstream suite runs when built natively with Debian's gcc.
#
#   tests/ports/run.sh [PORT...]       (default: every port with a recipe)
#
# tests/ports/<name>/recipe.sh defines the port (see lib-ports.sh); porting
# changes are tests/ports/<name>/*.patch, each saying why. Results go to
# build/ports/results/<name>-<target>.tsv and a table is printed.
source "$(dirname "$0")/../lib.sh"
source "$top/tests/ports/lib-ports.sh"

ports=("$@")
if [ ${#ports[@]} -eq 0 ]; then
	for r in "$top"/tests/ports/*/recipe.sh; do ports+=("$(basename "$(dirname "$r")")"); done
fi
port_arches=${PORT_ARCHES:-$arches}
for name in "${ports[@]}"; do
	if [ ! -f "$top/tests/ports/$name/recipe.sh" ]; then
		echo "tests/ports/run.sh: no port '$name' (ports: $(cd "$top/tests/ports" && ls -d */ | tr -d / | tr '\n' ' '))" >&2
		exit 2
	fi
done

fetch_ports "${ports[@]}" || { not_ok "port sources fetched and verified"; finish; exit 1; }
for name in "${ports[@]}"; do
	run_port "$name"
done
print_table "${ports[@]}"
finish
