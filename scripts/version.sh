#!/bin/sh
# The project's version: the VERSION file, marked "+dirty" when the git
# checkout it sits in has uncommitted changes (a package is never given a
# clean version number for bits no commit holds). A tree without .git (a
# source package) has the version its VERSION file says.
#
#   scripts/version.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
version=$(cat "$top/VERSION")
if [ -e "$top/.git" ] && command -v git >/dev/null 2>&1 &&
	[ -n "$(git -C "$top" status --porcelain 2>/dev/null)" ]; then
	version=$version+dirty
fi
printf '%s\n' "$version"
