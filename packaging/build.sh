#!/usr/bin/env bash
# make packages: the Debian source package, its binary packages, the
# RPM packages, the relocatable tarball, into out/packages/ (docs/packaging.md).
#
#   packaging/build.sh [--out DIR] [--work DIR] [--jobs N]
#
# In order:
#  1. the [packaging] section of scripts/host-packages.txt installed (as
#     root; otherwise the exact apt command);
#  2. the version (VERSION, "+dirty" when the checkout has uncommitted
#     changes, said on the first line) and SOURCE_DATE_EPOCH, the time of
#     the commit, so that every timestamp in every artifact is that one;
#  3. the upstream tarballs: the project's files (git ls-files) as a
#     deterministic tar.xz; the pinned musl tarball, checked against
#     sources.lock, as the orig-musl component; the pinned libyaml
#     tarball likewise, as orig-libyaml; and the runtimes part of the
#     pinned LLVM tarball (checked likewise), repacked deterministically,
#     as orig-llvm;
#  4. the source package (dpkg-source -b) and its binary packages
#     (dpkg-buildpackage, which runs build.sh --offline --sources .), then
#     lintian, which must report no error;
#  5. the RPM packages and source RPM (rpmbuild on packaging/rpm's spec,
#     from the same four tarballs, building the same way);
#  6. the relocatable tarball, made from the prefix the Debian build
#     assembled, and the OCI image's build context (packaging/oci).
# Work happens in build/packaging; out/packages/ gets the results and a
# SHA256SUMS over them.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=$top/out/packages
work=$top/build/packaging
jobs=$(nproc)
while [ $# -gt 0 ]; do
	case $1 in
	--out) shift; out=$(realpath -m "$1") ;;
	--work) shift; work=$(realpath -m "$1") ;;
	--jobs) shift; jobs=$1 ;;
	-h|--help) sed -n '5p' "$0" | sed 's/^# *//'; exit 0 ;;
	*) echo "packaging/build.sh: unknown option '$1'" >&2; exit 2 ;;
	esac
	shift
done

say() { printf 'packages: %s\n' "$*"; }
die() { printf 'packages: error: %s\n' "$*" >&2; exit 1; }

# 1. The packaging tools.
missing=()
for p in $(scripts/host-packages.sh scripts/host-packages.txt build test packaging | awk '{ print $1 }'); do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing Debian packages; run as root: apt-get install -y --no-install-recommends ${missing[*]}"
	say "installing: ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" > /dev/null
fi
scripts/host-tools.sh scripts/host-packages.txt "$top/build/host-tools" build test packaging

# 2. Version and time.
version=$(CLOUDABI_VERSION= scripts/version.sh)
case $version in
*+dirty) say "the tree has uncommitted changes: version $version (commit them for a clean version)" ;;
esac
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
export SOURCE_DATE_EPOCH
commit=$(git rev-parse --short=12 HEAD)
# The files of the tree: tracked and new ones, as they are now (a deleted
# file is left out).
files=$(git ls-files --cached --others --exclude-standard | LC_ALL=C sort -u |
	while IFS= read -r f; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\n' "$f"; fi; done)
# Debian's packaging tools (dpkg-source, debhelper, lintian) run many
# commands of their own, so PATH stays the system's here; build.sh, which
# dpkg-buildpackage runs, limits its own PATH to the [build] section.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C.UTF-8 TZ=UTC
umask 022
say "version $version, commit $commit, SOURCE_DATE_EPOCH $SOURCE_DATE_EPOCH"

# tar_xz DIR NAME OUT: DIR/NAME as a tar.xz that depends only on the files'
# names, contents, link targets and executable bits: sorted, owned by root,
# every mtime SOURCE_DATE_EPOCH, single-threaded xz.
tar_xz() {
	(cd "$1" && find "$2" -print0 | LC_ALL=C sort -z |
		tar --format=gnu --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime \
			--owner=0 --group=0 --numeric-owner --mode='u+rw,go-w,go+rX' \
			--no-recursion --null -T - -cf -) |
		xz -6 -T1 -c > "$3"
}

# 3. The upstream tarballs.
rm -rf "$work"
mkdir -p "$work/src" "$out"
name=cloudabi-toolchain
orig=$work/src/${name}_$version.orig.tar.xz
stage=$work/stage/$name-$version
mkdir -p "$stage"
while IFS= read -r f; do
	mkdir -p "$stage/$(dirname "$f")"
	cp -P "$f" "$stage/$f"
done <<< "$files"
# A dirty tree's source package says so in its own VERSION.
printf '%s\n' "$version" > "$stage/VERSION"
tar_xz "$work/stage" "$name-$version" "$orig"

# The parts of the LLVM tree build.sh --sources reads (and their licences).
llvm_parts=$(grep -v '^#' libcxx-patches/llvm-parts)

lock_line() { awk -v n="$1" '!/^[[:space:]]*#/ && $1 == n' sources.lock; }
# The pinned tarballs, verified against sources.lock by fetch-sources.sh
# (which downloads only what is missing), copied as components.
scripts/fetch-sources.sh sources.lock build/sources build/apt > /dev/null ||
	die "the pinned sources do not verify (above)"
component() {
	local file
	file=$(lock_line "$1" | awk '{ print $5 }')
	[ -n "$file" ] || die "sources.lock has no line for $1"
	cp "build/sources/$file" "$work/src/${name}_$version.orig-$2.$3"
}
component musl musl tar.gz
component libyaml libyaml tar.gz
# LLVM: the pinned tarball holds all of llvm-project (2 GB unpacked, 150,000
# files); the component is the part build.sh uses, repacked
# deterministically from the verified tarball (tests/packaging checks that
# every file in it is the pinned tarball's).
component llvm-runtimes llvm-full tar.xz
llvm_top=$(tar -tJf "$work/src/${name}_$version.orig-llvm-full.tar.xz" | awk -F/ 'NR == 1 { print $1 }')
mkdir -p "$work/llvm-stage"
tar -xJf "$work/src/${name}_$version.orig-llvm-full.tar.xz" -C "$work/llvm-stage" \
	$(for p in $llvm_parts; do echo "$llvm_top/$p"; done)
tar_xz "$work/llvm-stage" "$llvm_top" "$work/src/${name}_$version.orig-llvm.tar.xz"
rm -rf "$work/llvm-stage" "$work/src/${name}_$version.orig-llvm-full.tar.xz"
say "upstream tarballs: $(cd "$work/src" && ls | tr '\n' ' ')"

# 4. The source package, then its binary packages from the same tree.
tree=$work/src/$name-$version
mkdir -p "$tree"
tar -xJf "$orig" -C "$work/src"
mkdir -p "$tree/musl" "$tree/llvm" "$tree/libyaml"
tar -xzf "$work/src/${name}_$version.orig-musl.tar.gz" -C "$tree/musl" --strip-components=1
tar -xzf "$work/src/${name}_$version.orig-libyaml.tar.gz" -C "$tree/libyaml" --strip-components=1
tar -xJf "$work/src/${name}_$version.orig-llvm.tar.xz" -C "$tree/llvm" --strip-components=1
cp -a packaging/debian "$tree/debian"
cat > "$tree/debian/changelog" <<EOF
$name ($version-1) unstable; urgency=medium

  * Built from commit $commit of the CloudABI toolchain.

 -- CloudABI toolchain maintainers <maintainers@cloudabi-toolchain.invalid>  $(date -u -R -d "@$SOURCE_DATE_EPOCH")
EOF
say "source package (dpkg-source -b) ..."
(cd "$work/src" && dpkg-source -b "$name-$version") > "$work/dpkg-source.log" 2>&1 ||
	{ tail -20 "$work/dpkg-source.log"; die "dpkg-source -b failed; log: $work/dpkg-source.log"; }
say "binary packages (dpkg-buildpackage; build.sh --offline --sources .) ..."
(cd "$tree" && DEB_BUILD_OPTIONS="parallel=$jobs" dpkg-buildpackage -b -us -uc) > "$work/dpkg-buildpackage.log" 2>&1 ||
	{ tail -40 "$work/dpkg-buildpackage.log"; die "dpkg-buildpackage failed; log: $work/dpkg-buildpackage.log"; }
changes=$(ls "$work/src/${name}_${version}-1_"*.changes)
say "lintian ..."
lintian --fail-on error --info --display-level '>=warning' "$work/src/${name}_$version-1.dsc" "$changes" \
	> "$work/lintian.log" 2>&1 || { cat "$work/lintian.log"; die "lintian reports errors (above)"; }
sed 's/^/  lintian: /' "$work/lintian.log"

# 5. The RPM packages: the same tarballs, the same build.sh, the spec in
# packaging/rpm. Debian's rpm has an empty package database, so the
# spec's BuildRequires cannot be checked against it (--nodeps); the
# Build-Depends above installed them.
#
# rpm keeps the expanded spec, absolute %{_topdir} paths included, in the
# source RPM, and every binary RPM records the source RPM's digest: so the
# RPMs are built in one fixed directory (as mock builds in /builddir),
# held with flock so that two builds never share it, and removed after.
say "RPM packages (rpmbuild -ba; build.sh --offline --sources .) ..."
rpmtop=/var/tmp/cloudabi-toolchain-rpmbuild
exec 9> "$rpmtop.lock"
flock 9
rm -rf "$rpmtop" 2> /dev/null || die "cannot remove $rpmtop (left by another user's build?)"
mkdir -p "$rpmtop/SOURCES" "$rpmtop/SPECS"
cp "$orig" "$work/src/${name}_$version.orig-musl.tar.gz" "$work/src/${name}_$version.orig-llvm.tar.xz" \
	"$work/src/${name}_$version.orig-libyaml.tar.gz" "$rpmtop/SOURCES/"
spec=$rpmtop/SPECS/$name.spec
cp packaging/rpm/$name.spec "$spec"
cat >> "$spec" <<EOF

%changelog
* $(date -u -d "@$SOURCE_DATE_EPOCH" '+%a %b %d %Y') CloudABI toolchain maintainers <maintainers@cloudabi-toolchain.invalid> - $version-1
- Built from commit $commit of the CloudABI toolchain.
EOF
rpmbuild -ba --nodeps --define "_topdir $rpmtop" --define "cloudabi_version $version" \
	--define "_smp_build_ncpus $jobs" "$spec" > "$work/rpmbuild.log" 2>&1 ||
	{ tail -40 "$work/rpmbuild.log"; die "rpmbuild failed; log: $work/rpmbuild.log (its tree: $rpmtop)"; }

# 6. The relocatable tarball: the prefix the Debian build assembled.
arch=$(uname -m)
tarball=$name-$version-$arch.tar.xz
rel=$work/tarball/$name-$version
mkdir -p "$rel"
cp -a "$tree/out/." "$rel/"
cp packaging/tarball/README "$rel/README"
cp LICENSE "$rel/LICENSE"
cp packaging/debian/copyright "$rel/COPYRIGHT"
tar_xz "$work/tarball" "$name-$version" "$work/$tarball"

# Results.
rm -rf "$out"
mkdir -p "$out"
cp "$work/src/"*.dsc "$work/src/"*.orig*.tar.* "$work/src/"*.debian.tar.xz "$work/src/"*.deb "$out/"
cp "$rpmtop"/RPMS/*/*.rpm "$rpmtop"/SRPMS/*.src.rpm "$out/"
cp "$work/$tarball" "$out/"
# The OCI image's build context, from those .debs (packaging/oci).
packaging/oci/context.sh "$out/oci" "$out" | sed 's/^/packages: /'
rm -rf "$rpmtop"
exec 9>&-
(cd "$out" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum -- > SHA256SUMS)
say "done: $out"
sed 's/^/  /' "$out/SHA256SUMS"
