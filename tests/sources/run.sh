#!/usr/bin/env bash
# Pinned sources: the offline mode (CLOUDABI_SOURCES) accepts the verified
# tarballs, refuses a tarball whose sha256 differs from sources.lock and a
# directory that lacks one; the deb-src list is derived from apt's own
# configuration in both of its formats.
source "$(dirname "$0")/../lib.sh"
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
expect_fail "offline: a sha256 mismatch is refused" "does not match sources.lock" \
	env CLOUDABI_SOURCES="$have" "$fetch" "$scratch/bad.lock" "$scratch/bad" "$scratch/apt"
check "offline: nothing unverified is left in the destination" \
	test ! -e "$scratch/bad/musl_1.2.3.orig.tar.gz"
expect_fail "a tarball already present but altered is refused" "does not match sources.lock" \
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

finish
