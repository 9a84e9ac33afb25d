# A small Debian archive on the local disk, for tests/sources (source it).
#
#   make_archive DIR
#
# A flat repository (Sources, Packages, an unsigned Release) that apt reads
# through a "deb [trusted=yes] file:DIR ./" line, holding:
#   - source package cloudabi-probe 1.0-1 and the newer 1.0-1+deb12u1, both
#     carrying the same upstream tarball cloudabi-probe_1.0.orig.tar.gz;
#     every file of the newer version is then deleted from the pool, as the
#     archive this project met had a security update whose files 404;
#   - binary packages linux-image-9.9.9-1-arm64 9.9.9-1 and
#     linux-image-9.9.9-2-arm64 9.9.9-2, and the metapackage
#     linux-image-arm64 9.9.9-2 that depends on the newer one; the older
#     kernel's .deb is then deleted from the pool (listed, not served).

# dsc DIR SOURCE VERSION FILE...: a source package's .dsc listing FILEs.
dsc() {
	local dir=$1 source=$2 version=$3 f
	shift 3
	{
		echo "Format: 3.0 (quilt)"
		echo "Source: $source"
		echo "Binary: $source"
		echo "Architecture: any"
		echo "Version: $version"
		echo "Maintainer: CloudABI tests <tests@example.invalid>"
		echo "Checksums-Sha256:"
		for f in "$@"; do
			echo " $(sha256sum "$dir/$f" | cut -d' ' -f1) $(stat -c %s "$dir/$f") $f"
		done
	} > "$dir/${source}_${version}.dsc"
}

# deb DIR PACKAGE VERSION [DEPENDS]: a tiny arm64 binary package.
deb() {
	local dir=$1 package=$2 version=$3 root
	root=$(mktemp -d)
	mkdir -p "$root/DEBIAN" "$root/usr/share/doc/$package"
	echo "$package $version, made by tests/sources" > "$root/usr/share/doc/$package/README"
	{
		echo "Package: $package"
		echo "Version: $version"
		echo "Architecture: arm64"
		echo "Maintainer: CloudABI tests <tests@example.invalid>"
		[ -n "${4:-}" ] && echo "Depends: $4"
		echo "Description: test package of tests/sources"
	} > "$root/DEBIAN/control"
	dpkg-deb --root-owner-group --build "$root" "$dir/${package}_${version}_arm64.deb" > /dev/null
	rm -rf "$root"
}

make_archive() {
	local a=$1 t
	mkdir -p "$a/pool/old" "$a/pool/new" "$a/pool/bin"
	t=$(mktemp -d)
	mkdir -p "$t/cloudabi-probe-1.0"
	echo "upstream source of cloudabi-probe 1.0" > "$t/cloudabi-probe-1.0/README"
	tar -C "$t" -czf "$a/pool/old/cloudabi-probe_1.0.orig.tar.gz" cloudabi-probe-1.0
	cp "$a/pool/old/cloudabi-probe_1.0.orig.tar.gz" "$a/pool/new/"
	for v in 1.0-1 1.0-1+deb12u1; do
		local d=$a/pool/old
		[ "$v" = 1.0-1 ] || d=$a/pool/new
		mkdir -p "$t/$v/debian"
		echo "Debian part of $v" > "$t/$v/debian/changelog"
		tar -C "$t/$v" -cJf "$d/cloudabi-probe_$v.debian.tar.xz" debian
		dsc "$d" cloudabi-probe "$v" cloudabi-probe_1.0.orig.tar.gz "cloudabi-probe_$v.debian.tar.xz"
	done
	rm -rf "$t"
	deb "$a/pool/bin" linux-image-9.9.9-1-arm64 9.9.9-1
	deb "$a/pool/bin" linux-image-9.9.9-2-arm64 9.9.9-2
	deb "$a/pool/bin" linux-image-arm64 9.9.9-2 "linux-image-9.9.9-2-arm64 (= 9.9.9-2)"
	(
		cd "$a"
		# (its notes on override files, which a test archive has none of, are dropped)
		apt-ftparchive sources pool > Sources 2> /dev/null
		apt-ftparchive packages pool > Packages 2> /dev/null
		apt-ftparchive release . > Release
	)
	# the newer source version and the older kernel: listed, not served
	rm -rf "$a/pool/new" "$a/pool/bin/linux-image-9.9.9-1-arm64_9.9.9-1_arm64.deb"
	# apt reads a file: archive as the unprivileged _apt user
	chmod -R a+rX "$a"
}
