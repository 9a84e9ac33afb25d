#!/usr/bin/env bash
# Pinned sources: the offline mode (CLOUDABI_SOURCES) accepts the verified
# tarballs, refuses a tarball whose sha256 differs from sources.lock and a
# directory that lacks one; the deb-src list is derived from apt's own
# configuration in both of its formats. Then, with no network, a local
# archive (archive.sh) whose pinned versions have gone: the fetch takes the
# same file from another version, refuses a wrong sha256, fails with one
# clear line when no version carries the file, and update-locks moves a
# pin only when asked; the same for tests/vm's kernel packages.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/archive.sh"
fetch=$top/scripts/fetch-sources.sh
have=$top/build/sources

check "offline: the verified tarballs are accepted" \
	env CLOUDABI_SOURCES="$have" "$fetch" "$top/sources.lock" "$scratch/ok" "$scratch/apt"
check "offline: both tarballs were copied" \
	test -f "$scratch/ok/musl_1.2.3.orig.tar.gz" -a -f "$scratch/ok/llvm-toolchain-19_19.1.7.orig.tar.xz"

# A lock whose musl hash is wrong must stop the build with a clear message.
sed 's/7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4/0000000000000000000000000000000000000000000000000000000000000000/' \
	"$top/sources.lock" > "$scratch/bad.lock"
check "(the tampered lock differs)" sh -c "! cmp -s '$top/sources.lock' '$scratch/bad.lock'"
expect_fail "offline: a sha256 mismatch is refused" "does not match bad.lock" \
	env CLOUDABI_SOURCES="$have" "$fetch" "$scratch/bad.lock" "$scratch/bad" "$scratch/apt"
check "offline: nothing unverified is left in the destination" \
	test ! -e "$scratch/bad/musl_1.2.3.orig.tar.gz"
expect_fail "a tarball already present but altered is refused" "does not match bad.lock" \
	"$fetch" "$scratch/bad.lock" "$scratch/ok" "$scratch/apt"
mkdir -p "$scratch/empty"
expect_fail "offline: a directory without the tarballs is refused" "has no musl_1.2.3.orig.tar.gz" \
	env CLOUDABI_SOURCES="$scratch/empty" "$fetch" "$top/sources.lock" "$scratch/none" "$scratch/apt"

# deb-src derivation from both apt formats, without touching /etc/apt.
mkdir -p "$scratch/etc/sources.list.d"
cat > "$scratch/etc/sources.list" <<'L'
deb [signed-by=/k.gpg arch=amd64] http://mirror.invalid/debian bookworm main contrib # comment
# deb http://commented.invalid/debian bookworm main
deb-src http://already.invalid/debian bookworm main
L
cat > "$scratch/etc/sources.list.d/x.sources" <<'S'
Types: deb
URIs: http://other.invalid/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /k2.gpg

Types: deb
Enabled: no
URIs: http://disabled.invalid/debian
Suites: bookworm
Components: main
S
APT_ETC=$scratch/etc "$top/scripts/deb-src-list.sh" > "$scratch/derived" 2>&1 || true
flat=$(tr '\n' '|' < "$scratch/derived")
check "deb-src from a one-line entry keeps its URI, suite, components and key" \
	grep -qF 'Types: deb-src|URIs: http://mirror.invalid/debian|Suites: bookworm|Components: main contrib|Signed-By: /k.gpg|' <<< "$flat"
check "deb-src from a deb822 stanza" \
	grep -qF 'Types: deb-src|URIs: http://other.invalid/debian|Suites: bookworm bookworm-updates|Components: main|Signed-By: /k2.gpg|' <<< "$flat"
check "commented and disabled entries are skipped" \
	sh -c "! grep -qE 'commented|disabled' '$scratch/derived'"
check "exactly two deb-src stanzas" test "$(grep -c '^Types: deb-src' "$scratch/derived")" = 2

check "a one-line 'deb [trusted=yes]' entry stays trusted" \
	sh -c "printf 'deb [trusted=yes] file:/srv/a ./\n' > '$scratch/t.list' && mkdir -p '$scratch/etc2/sources.list.d' &&
		cp '$scratch/t.list' '$scratch/etc2/sources.list' && APT_ETC='$scratch/etc2' '$top/scripts/deb-src-list.sh' | grep -qx 'Trusted: yes'"

# ---- a local archive whose pinned versions have gone ----------------------
chmod 755 "$scratch"
make_archive "$scratch/archive"
mkdir -p "$scratch/local/sources.list.d"
echo "deb [trusted=yes] file:$scratch/archive ./" > "$scratch/local/sources.list"
export APT_ETC=$scratch/local   # the only archive the fetches below see
orig=$scratch/archive/pool/old/cloudabi-probe_1.0.orig.tar.gz
orig_sha=$(sha256sum "$orig" | cut -d' ' -f1)
check "(the archive lists both source versions)" \
	test "$(grep -c '^Version: 1.0-1' "$scratch/archive/Sources")" = 2
check "(the newer version's files are gone from the pool)" \
	test ! -e "$scratch/archive/pool/new"

# lock LINE: a one-line source lock in scratch.
lock() { printf '# name version source-package debian-version file sha256\n%s\n' "$1" > "$scratch/probe.lock"; }
fetch_probe() { rm -rf "$scratch/dest"; "$fetch" "$scratch/probe.lock" "$scratch/dest" "$scratch/apt-$1"; }

lock "probe 1.0 cloudabi-probe 1.0-1+deb12u1 cloudabi-probe_1.0.orig.tar.gz $orig_sha"
out=$(fetch_probe a 2>&1) && ok "the pinned version's files are gone: the fetch succeeds" || not_ok "the pinned version's files are gone: the fetch succeeds" "$out"
check "  it took the same tarball from 1.0-1 and says so" \
	grep -q "downloaded from cloudabi-probe 1.0-1 (the pinned 1.0-1+deb12u1 lists the same file, which did not download), verified" <<< "$out"
check "  the tarball is the archive's, byte for byte" cmp "$orig" "$scratch/dest/cloudabi-probe_1.0.orig.tar.gz"

lock "probe 1.0 cloudabi-probe 1.0-1 cloudabi-probe_1.0.orig.tar.gz $orig_sha"
check "a pin to the version that is there fetches it" fetch_probe b
check "  and says it came from the pinned version" sh -c "'$fetch' '$scratch/probe.lock' '$scratch/dest2' '$scratch/apt-b' | grep -q 'downloaded (cloudabi-probe 1.0-1), verified'"

bad_sha=$(printf '%064d' 0)
lock "probe 1.0 cloudabi-probe 1.0-1 cloudabi-probe_1.0.orig.tar.gz $bad_sha"
expect_fail "a wrong sha256 in the lock is refused, naming the archive's" \
	"^error: probe: cloudabi-probe_1.0.orig.tar.gz \(pinned: cloudabi-probe 1.0-1, sha256 $bad_sha\) is listed with another sha256 by 1.0-1\+deb12u1 sha256 $orig_sha, 1.0-1 sha256 $orig_sha; to move the pin deliberately: make update-locks NAME=probe\$" \
	fetch_probe c
check "  nothing is left in the destination" test -z "$(ls -A "$scratch/dest")"

lock "probe 0.9 cloudabi-probe 0.9-1 cloudabi-probe_0.9.orig.tar.gz $bad_sha"
err=$(fetch_probe d 2>&1 >/dev/null || true)
check "no version carries the pinned file: one line names the input, pin, file, the versions there and the update command" \
	grep -qxF "error: probe: cloudabi-probe_0.9.orig.tar.gz (pinned: cloudabi-probe 0.9-1, sha256 $bad_sha) is carried by no version the archive has (1.0-1+deb12u1 1.0-1); to move the pin deliberately: make update-locks NAME=probe" <<< "$err"
check "  and it is the only line" test "$(wc -l <<< "$err")" = 1

# The archive serving other bytes than its index lists is refused too.
cp "$orig" "$scratch/orig.keep"
echo tampered >> "$orig"
lock "probe 1.0 cloudabi-probe 1.0-1 cloudabi-probe_1.0.orig.tar.gz $orig_sha"
expect_fail "an archive serving other bytes than the index lists is refused" \
	"is listed by the archive but did not download: 1.0-1 \(Hash Sum mismatch\), 1.0-1\+deb12u1 \(File not found" fetch_probe e
cp "$scratch/orig.keep" "$orig"

# update-locks: shows, then rewrites only when asked.
update=$top/scripts/update-locks.sh
lock "probe 0.9 cloudabi-probe 0.9-1 cloudabi-probe_0.9.orig.tar.gz $bad_sha"
cp "$scratch/probe.lock" "$scratch/probe.before"
out=$("$update" --lock "$scratch/probe.lock" --state "$scratch/ul" probe 2>&1) || true
check "update-locks shows the newest version that downloads, its file and sha256" \
	grep -qF "newest that downloads: cloudabi-probe 1.0-1: cloudabi-probe_1.0.orig.tar.gz, sha256 $orig_sha (upstream 1.0)" <<< "$out"
check "  it names the newer version that did not download" grep -q "cloudabi-probe 1.0-1+deb12u1: cloudabi-probe_1.0.orig.tar.gz did not download" <<< "$out"
check "  without --write the lock is unchanged" cmp "$scratch/probe.lock" "$scratch/probe.before"
check "  with --write the line is rewritten" \
	"$update" --write --lock "$scratch/probe.lock" --state "$scratch/ul" probe
check "  to the new pin" grep -qE "^probe +1.0 +cloudabi-probe +1.0-1 +cloudabi-probe_1.0.orig.tar.gz +$orig_sha\$" "$scratch/probe.lock"
check "  which then fetches" fetch_probe f
expect_fail "update-locks refuses a name no lock has, listing the names" "no input 'nosuch'; the locks name: probe" \
	"$update" --lock "$scratch/probe.lock" --state "$scratch/ul" nosuch

# ---- tests/vm's kernel packages --------------------------------------------
vmfetch=$top/tests/vm/fetch.sh
k2=$scratch/archive/pool/bin/linux-image-9.9.9-2-arm64_9.9.9-2_arm64.deb
k2_sha=$(sha256sum "$k2" | cut -d' ' -f1)
debs() { printf '# role arch package version sha256\n%s\n' "$1" > "$scratch/debs.lock"; }
fetch_debs() { rm -rf "$scratch/debs"; "$vmfetch" "$scratch/debs.lock" "$scratch/debs" "$scratch/vmapt-$1"; }

debs "kernel arm64 linux-image-9.9.9-2-arm64 9.9.9-2 $k2_sha"
check "a pinned kernel that is there is fetched" fetch_debs a
check "  byte for byte" cmp "$k2" "$scratch/debs/linux-image-9.9.9-2-arm64_9.9.9-2_arm64.deb"
debs "kernel arm64 linux-image-9.9.9-2-arm64 9.9.9-2 $bad_sha"
expect_fail "a kernel whose sha256 differs from the lock is refused" "is not in the archive" fetch_debs b
check "  nothing is left in the destination" test -z "$(ls -A "$scratch/debs")"
debs "kernel arm64 linux-image-9.9.9-0-arm64 9.9.9-0 $bad_sha"
err=$(fetch_debs c 2>&1 >/dev/null || true)
check "a vanished kernel ABI: one line with the pin, the kernel the archive has now and the update command" \
	grep -qxF "error: kernel-arm64: linux-image-9.9.9-0-arm64_9.9.9-0_arm64.deb (pinned: sha256 $bad_sha) is not in the archive (it has no linux-image-9.9.9-0-arm64; linux-image-arm64 9.9.9-2 stands for linux-image-9.9.9-2-arm64); to move the pin deliberately: make update-locks NAME=kernel-arm64" <<< "$err"
k1_sha=$(awk '/^Package: linux-image-9.9.9-1-arm64$/ { p = 1 } p && /^SHA256:/ { print $2; exit }' "$scratch/archive/Packages")
debs "kernel arm64 linux-image-9.9.9-1-arm64 9.9.9-1 $k1_sha"
expect_fail "a kernel listed in the index but not served fails with apt's reason" \
	"^error: kernel-arm64: linux-image-9.9.9-1-arm64_9.9.9-1_arm64.deb .* is in the archive's index but did not download" fetch_debs d
debs "kernel arm64 linux-image-9.9.9-0-arm64 9.9.9-0 $bad_sha"
check "update-locks --write moves the kernel pin to the metapackage's kernel" \
	"$update" --write --lock "$scratch/debs.lock" --state "$scratch/ul" kernel-arm64
check "  the line names the new package, version and sha256" \
	grep -qE "^kernel +arm64 +linux-image-9.9.9-2-arm64 +9.9.9-2 +$k2_sha\$" "$scratch/debs.lock"
check "  which then fetches" fetch_debs e
unset APT_ETC

finish
