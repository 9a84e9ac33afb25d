#!/bin/sh
# The project's version: the VERSION file, marked "+dirty" when the git
# checkout it sits in has uncommitted changes (a package is never given a
# clean version number for bits no commit holds). A tree without .git (a
# source package) has the version its VERSION file says. CLOUDABI_VERSION,
# when set, is printed as it is (build.sh computes it once, before its
# PATH is limited to commands that do not include git).
#
#   scripts/version.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${CLOUDABI_VERSION:-}" ]; then
	printf '%s\n' "$CLOUDABI_VERSION"
	exit 0
fi
version=$(cat "$top/VERSION")
if [ -e "$top/.git" ] && command -v git >/dev/null 2>&1 &&
	[ -n "$(git -C "$top" status --porcelain 2>/dev/null)" ]; then
	version=$version+dirty
fi
printf '%s\n' "$version"
