#!/usr/bin/env bash
# make apt-repo: a signed apt repository of the .debs in out/packages/,
# in out/packages/apt/, with the public key beside it (docs/packaging.md).
#
#   packaging/apt-repo.sh [PACKAGES-DIR]
#
# A flat repository (one directory, "deb ... ./"), indexed by
# apt-ftparchive and signed with a key made on first use and kept in
# build/packaging-key/ (so the key stays the same across rebuilds on one
# machine). Users add one line:
#
#   deb [signed-by=/path/to/apt/cloudabi-archive-keyring.gpg] file:/path/to/apt ./
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
pk=$(realpath -m "${1:-$top/out/packages}")
repo=$pk/apt
key=$top/build/packaging-key
die() { printf 'apt-repo: error: %s\n' "$*" >&2; exit 1; }

ls "$pk"/*.deb > /dev/null 2>&1 || die "no .deb in $pk: run make packages first"
for c in apt-ftparchive gpg; do
	command -v "$c" > /dev/null || die "$c is not installed (scripts/host-packages.txt, [packaging])"
done

# The signing key: made once, without a passphrase (a local repository
# signed by the machine that built it).
export GNUPGHOME=$key
if [ ! -s "$key/fingerprint" ]; then
	rm -rf "$key"
	mkdir -m 700 -p "$key"
	gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
		--quick-generate-key "CloudABI toolchain local repository" ed25519 sign never 2> /dev/null
	gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }' > "$key/fingerprint"
fi
fpr=$(cat "$key/fingerprint")

rm -rf "$repo"
mkdir -p "$repo"
cp "$pk"/*.deb "$repo/"
gpg --batch --export "$fpr" > "$repo/cloudabi-archive-keyring.gpg"
cd "$repo"
apt-ftparchive packages . > Packages
gzip -9n < Packages > Packages.gz
apt-ftparchive \
	-o APT::FTPArchive::Release::Origin=cloudabi-toolchain \
	-o APT::FTPArchive::Release::Label=cloudabi-toolchain \
	-o APT::FTPArchive::Release::Suite=local \
	release . > Release
gpg --batch --yes --local-user "$fpr" --clearsign -o InRelease Release
gpg --batch --yes --local-user "$fpr" -abs -o Release.gpg Release
cat > README <<EOF
A local apt repository of the CloudABI toolchain. To use it:

  echo "deb [signed-by=$repo/cloudabi-archive-keyring.gpg] file:$repo ./" |
    sudo tee /etc/apt/sources.list.d/cloudabi.list
  sudo apt-get update
  sudo apt-get install cloudabi-toolchain x86-64-unknown-cloudabi-cxx-runtime
EOF
echo "apt-repo: $repo (signed by $fpr)"
