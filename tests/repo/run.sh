#!/usr/bin/env bash
# The repository explains itself: no file refers to a design document
# outside it or holds an absolute path of a build machine or the host name
# of a package registry; every relative link of the documentation leads to
# a file that is there; README.md stays a short front door; every top-level
# folder says what it holds in a README.md. Each check has a control that
# shows it finds what it looks for.
source "$(dirname "$0")/../lib.sh"
cd "$top"

# The repository's files, as a clean clone has them (not build/ and out/).
mapfile -t files < <(find . -type f -not -path './.git' -not -path './.git/*' -not -path './build/*' -not -path './out/*' | sed 's|^\./||' | LC_ALL=C sort)
check "(the file list is not empty)" test "${#files[@]}" -gt 100

# The patterns are put together here so that this file does not match them.
design="(CONFINE""MENT|CAPABILITY-""API|ARCHI""TECTURE)\\.md|shared/(des""ign|rese""arch)"
machine="(^|[[:space:]\"'=(:,])/(wo""rk|ho""me|ro""ot)/"
registry="(deb|security|snapshot|ftp[.a-z0-9]*)\\.debi""an\\.org|registry\\.npm""js\\.org|pypi\\.o""rg|files\\.python""hosted"

# find PATTERN: the tracked files with a line matching PATTERN (not this
# file, which spells the patterns out in pieces).
find_in() {
	printf '%s\0' "${files[@]}" | grep -zv '^tests/repo/run.sh$' |
		xargs -0 grep -nIE -- "$1" 2>/dev/null || true
}
none() { # NAME PATTERN
	local hits
	hits=$(find_in "$2")
	if [ -z "$hits" ]; then ok "$1"; else not_ok "$1" "$(head -n 10 <<< "$hits")"; fi
}
none "no file refers to a design document outside the repository" "$design"
none "no file holds an absolute path of a build machine" "$machine"
none "no file names a package registry's host" "$registry"

# Controls: each pattern finds a line written the way it would be.
printf '%s\n' "see CONFINE""MENT.md" "cp x /ro""ot/y" "URIs: http://deb.debi""an.org/debian" > "$scratch/control"
check "(control) the design pattern finds a reference" grep -qE "$design" "$scratch/control"
check "(control) the path pattern finds a path" grep -qE "$machine" "$scratch/control"
check "(control) the registry pattern finds a host" grep -qE "$registry" "$scratch/control"
not_machine() { ! printf '%s\n' "$1" | grep -qE "$machine"; }
check "(control) a relative path such as \$z/ro""ot/include is not a machine path" not_machine '-I$z/ro''ot/include' 

# Relative links in the documentation lead somewhere.
broken=""
for f in "${files[@]}"; do
	case $f in *.md) ;; *) continue ;; esac
	dir=$(dirname "$f")
	while read -r link; do
		target=${link%%#*}
		[ -n "$target" ] || continue
		[ -e "$dir/$target" ] || broken="$broken$f -> $link"$'\n'
	done < <(grep -oE '\]\([^)]+\)' "$f" | sed 's/^](//; s/)$//' | grep -vE '^[a-z]+:' || true)
done
if [ -z "$broken" ]; then ok "every relative link in the documentation leads to a file"
else not_ok "every relative link in the documentation leads to a file" "$broken"; fi

lines=$(wc -l < README.md)
check "README.md is at most 250 lines ($lines)" test "$lines" -le 250
for doc in architecture capability-api confinement porting testing packaging; do
	check "docs/$doc.md exists and README links it" \
		sh -c "test -s docs/$doc.md && grep -qF '(docs/$doc.md)' README.md"
done
for d in */; do
	d=${d%/}
	case $d in build|out) continue ;; esac
	check "$d/ has a README.md saying what it holds" test -s "$d/README.md"
done

finish
