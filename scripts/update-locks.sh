#!/usr/bin/env bash
# Move pins deliberately: for each named input of the locks, find the
# newest Debian version in the archive whose file downloads, download it,
# show its sha256 and what would change, and rewrite the lock's line only
# with --write.
#
#   update-locks.sh [--write] [--lock FILE]... [--state DIR] [NAME...]
#   make update-locks NAME=zlib [WRITE=1]
#
# NAME is the first column of sources.lock, python/python.lock and tests/ports/ports.lock
# (zlib, musl, ...) and role-arch for tests/vm/debs.lock (kernel-arm64,
# libyaml-amd64); no NAME means every input. A kernel moves to the package
# the archive's linux-image-ARCH metapackage stands for (a new ABI has a
# new package name). Moving musl or LLVM also means moving build.sh's
# versions and checking the patch series: this script only finds and
# verifies the file.
#
# Exit status: 0 when every named input has a version that downloads, 1
# otherwise, 2 for bad arguments.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
source "$top/scripts/lib-apt.sh"

usage() { sed -n '7,8p' "$0" | sed 's/^# *//' >&2; exit 2; }
write=0 locks=() names=() state=$top/build/update-locks
while [ $# -gt 0 ]; do
	case $1 in
	--write) write=1 ;;
	--lock) [ $# -ge 2 ] || usage; shift; locks+=("$1") ;;
	--state) [ $# -ge 2 ] || usage; shift; state=$1 ;;
	-h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "update-locks.sh: unknown option '$1'" >&2; usage ;;
	*) names+=("$1") ;;
	esac
	shift
done
[ ${#locks[@]} -gt 0 ] || locks=("$top/sources.lock" "$top/python/python.lock" "$top/tests/ports/ports.lock" "$top/tests/vm/debs.lock")

data() { grep -v '^[[:space:]]*#' "$1" | grep -v '^[[:space:]]*$' || true; }
# a source lock has 6 columns, a package lock (debs.lock) 5
kind_of() { data "$1" | awk 'NR == 1 { print (NF == 6 ? "deb-src" : "deb") }'; }
name_of() { # KIND LINE...
	if [ "$1" = deb-src ]; then echo "$2"; else echo "$2-$3"; fi
}

# every known name, to check the ones asked for
known=()
for l in "${locks[@]}"; do
	[ -f "$l" ] || { echo "update-locks.sh: no lock file $l" >&2; exit 2; }
	k=$(kind_of "$l")
	while read -r -a f; do known+=("$(name_of "$k" "${f[@]}")"); done < <(data "$l")
done
for n in "${names[@]}"; do
	printf '%s\n' "${known[@]}" | grep -qxF -- "$n" ||
		{ echo "update-locks.sh: no input '$n'; the locks name: ${known[*]}" >&2; exit 2; }
done
wanted() { [ ${#names[@]} = 0 ] || printf '%s\n' "${names[@]}" | grep -qxF -- "$1"; }

# rewrite LOCK KEY1 KEY2 "N=value N=value": replace columns N of the line
# whose first column is KEY1 (and second KEY2, if given), keeping the
# columns after them aligned.
rewrite() {
	awk -v k1="$2" -v k2="$3" -v set="$4" '
		BEGIN { n = split(set, s, " "); for (i = 1; i <= n; i++) { split(s[i], kv, "="); val[kv[1]] = substr(s[i], length(kv[1]) + 2) } }
		/^[[:space:]]*#/ || NF == 0 || $1 != k1 || (k2 != "" && $2 != k2) { print; next }
		{
			line = $0; out = ""; i = 0; carry = 0
			while (match(line, /[^ \t]+/)) {
				i++; pre = substr(line, 1, RSTART - 1); tok = substr(line, RSTART, RLENGTH)
				line = substr(line, RSTART + RLENGTH)
				if (i > 1) { w = length(pre) + carry; if (w < 2) w = 2; pre = sprintf("%" w "s", "") }
				carry = 0
				if (i in val) { carry = length(tok) - length(val[i]); tok = val[i] }
				out = out pre tok
			}
			print out line
		}' "$1" > "$1.new"
	mv "$1.new" "$1"
}

# file_pattern FILE: an awk regex matching files of the same role in
# another version (an upstream tarball, a component tarball, a Debian part).
file_pattern() {
	case $1 in
	*.orig-*.tar.*) local c=${1#*.orig-}; echo "\\.orig-${c%%.tar.*}\\.tar\\.[a-z0-9]+\$" ;;
	*.orig.tar.*) echo '\.orig\.tar\.[a-z0-9]+$' ;;
	*.debian.tar.*) echo '\.debian\.tar\.[a-z0-9]+$' ;;
	*) echo "^$(sed 's/[.+]/\\&/g' <<< "$1")\$" ;;
	esac
}

# newest PACKAGE ARCH PATTERN: download the newest version's file (of the
# records of PACKAGE for ARCH whose file name matches PATTERN) that
# downloads; print "version file sha256", or nothing.
newest() {
	local v uri sha base
	for v in $(apt_versions "$1" "$2"); do
		while read -r uri sha base; do
			if apt_download "$uri" "$state/files/$base" "$sha"; then
				echo "$v $base $(sha256_of "$state/files/$base")"
				return 0
			fi
			echo "  ($1 $v: $base did not download: $(apt_last_error))" >&2
		done < <(apt_records | awk -v p="$1" -v a="$2" -v v="$v" -v re="$3" '
			$1 == p && $3 == a && $2 == v && $7 ~ re { print $4, $5, $7 }')
	done
	return 0
}

status=0
changes=0
for l in "${locks[@]}"; do
	k=$(kind_of "$l")
	while read -r -a f; do
		name=$(name_of "$k" "${f[@]}")
		wanted "$name" || continue
		apt_init "$state/$k" "$k" > /dev/null
		if [ "$k" = deb-src ]; then
			package=${f[2]} pinned=${f[3]} file=${f[4]} sha=${f[5]} arch=source
			echo "$name: pinned $package $pinned, $file, sha256 $sha"
			new=$(newest "$package" source "$(file_pattern "$file")")
		else
			arch=${f[1]} package=${f[2]} pinned=${f[3]} sha=${f[4]} target=${f[2]}
			echo "$name: pinned $package $pinned ($arch), sha256 $sha"
			if [ "${f[0]}" = kernel ]; then
				meta=$(apt_kernel_for "$arch")
				target=${meta#* }
				[ -n "$meta" ] && echo "  linux-image-$arch ${meta% *} stands for $target"
			fi
			new=""
			[ -n "$target" ] && new=$(newest "$target" "$arch" '\.deb$')
		fi
		if [ -z "$new" ]; then
			echo "  no version in the archive downloads (it has: $(apt_versions "$package" "${arch:-source}"))"
			status=1
			continue
		fi
		read -r nv nfile nsha <<< "$new"
		if [ "$k" = deb-src ]; then
			if [ "$nv" = "$pinned" ] && [ "$nsha" = "$sha" ]; then
				echo "  up to date: $package $nv is the newest version that downloads"
				continue
			fi
			[ "$nsha" = "$sha" ] && what="the same file" || what="$nfile, sha256 $nsha"
			echo "  newest that downloads: $package $nv: $what (upstream $(upstream_version "$nv"))"
			set_cols="2=$(upstream_version "$nv") 4=$nv 5=$nfile 6=$nsha"
			key2=""
		else
			if [ "$target" = "$package" ] && [ "$nv" = "$pinned" ]; then
				echo "  up to date: $package $nv is the newest version that downloads"
				continue
			fi
			echo "  newest that downloads: $target $nv, sha256 $nsha"
			set_cols="3=$target 4=$nv 5=$nsha"
			key2=$arch
		fi
		changes=$((changes + 1))
		if [ "$write" = 1 ]; then
			rewrite "$l" "${f[0]}" "$key2" "$set_cols"
			echo "  $(basename "$l"): the line for $name rewritten"
		else
			echo "  to rewrite the line: make update-locks NAME=$name WRITE=1"
		fi
	done < <(data "$l")
done
[ "$changes" = 0 ] || [ "$write" = 1 ] || echo "$changes pin(s) could move; nothing was written"
exit "$status"
