# Pinned inputs from the Debian archive (source it). Shared by
# scripts/fetch-sources.sh, tests/vm/fetch.sh and scripts/update-locks.sh.
#
# Every lock pins a file by its name, its sha256 and the Debian version it
# was taken from. The archive's own indices (Sources, Packages) list, for
# every version they hold, each file with its sha256, so the question
# "which versions carry this very file?" is answered from the indices, and
# a version that has gone (or whose files this machine cannot download)
# does not matter as long as another version carries the same bytes.
#
# Everything goes through a private apt configuration in a state
# directory: its sources are derived from the machine's own apt
# configuration (scripts/deb-src-list.sh), and the system's apt state is
# never touched. apt-helper downloads through apt's own methods, so a
# proxy or mirror the machine's apt uses is used here too.

lib_apt_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# apt installs apt-helper in its own directory; build/host-tools links it
type -P apt-helper > /dev/null || PATH=$PATH:/usr/lib/apt

# apt_init STATE deb-src|deb: set up (once per STATE and process) a private
# configuration whose list is the machine's sources as deb-src or deb
# entries, and read the archive's indices. The deb kind also knows the
# arm64 and amd64 architectures (tests/vm downloads both kernels).
apt_init() {
	# absolute: apt reads a relative Dir:: path beneath /etc/apt
	apt_state=$(realpath -m "$1") apt_kind=$2
	[[ " ${apt_ready:-} " = *" $apt_state "* ]] && return 0
	mkdir -p "$apt_state/sources.list.d" "$apt_state/state/lists/partial" \
		"$apt_state/cache/archives/partial"
	: > "$apt_state/sources.list"
	: > "$apt_state/status"   # nothing installed: downloads only
	if [ "$apt_kind" = deb ]; then
		"$lib_apt_dir/deb-src-list.sh" --binary > "$apt_state/sources.list.d/derived.sources"
	else
		"$lib_apt_dir/deb-src-list.sh" > "$apt_state/sources.list.d/derived.sources"
	fi
	if ! apt_private update > "$apt_state/update.log" 2>&1; then
		cat "$apt_state/update.log" >&2
		echo "error: apt could not read the archive's indices (log above)" >&2
		return 1
	fi
	rm -f "$apt_state/records"
	apt_ready="${apt_ready:-} $apt_state"
}

apt_options() {
	local native
	native=$(dpkg --print-architecture)
	printf '%s\n' \
		-o "Dir::Etc::SourceList=$apt_state/sources.list" \
		-o "Dir::Etc::SourceParts=$apt_state/sources.list.d" \
		-o "Dir::State=$apt_state/state" \
		-o "Dir::State::status=$apt_state/status" \
		-o "Dir::Cache=$apt_state/cache" \
		-o Debug::NoLocking=1 \
		-o "APT::Architecture=$native" \
		-o APT::Architectures::=amd64 -o APT::Architectures::=arm64
}

apt_private() {
	local opts
	mapfile -t opts < <(apt_options)
	apt-get -q "${opts[@]}" "$@"
}

apt_helper() {
	local opts
	mapfile -t opts < <(apt_options)
	apt-helper "${opts[@]}" "$@"
}

# apt_records: one line for every file of every version of every package in
# the archive's indices (Sources for deb-src, Packages for deb):
#   PACKAGE VERSION ARCH URI SHA256 DEPENDS FILE
# ARCH is "source" for source packages; DEPENDS (binary packages only, "-"
# otherwise) is the first package of the Depends field, which is how a
# kernel metapackage names the kernel it stands for; FILE is the file's
# name. Computed once per state directory and kept in STATE/records.
apt_records() {
	if [ ! -f "$apt_state/records" ]; then
		local want=Packages id file uri
		[ "$apt_kind" = deb-src ] && want=Sources
		apt_private indextargets --format '$(IDENTIFIER) $(FILENAME) $(REPO_URI)' |
		while read -r id file uri; do
			[ "$id" = "$want" ] && [ -f "$file" ] || continue
			apt_helper cat-file "$file" | awk -v base="$uri" -f "$lib_apt_dir/index-records.awk"
		done > "$apt_state/records.tmp"
		mv "$apt_state/records.tmp" "$apt_state/records"
	fi
	cat "$apt_state/records"
}

# apt_versions PACKAGE [ARCH]: the versions the archive has, newest first,
# on one line.
apt_versions() {
	apt_records | awk -v p="$1" -v a="${2:-source}" '$1 == p && $3 == a { print $2 }' |
		apt_sort_versions | awk '!seen[$0]++' | tr '\n' ' ' | sed 's/ $//'
}

# apt_kernel_for ARCH: "VERSION PACKAGE" of the newest linux-image-ARCH
# metapackage and the kernel package it depends on (a new kernel ABI is a
# new package name), or nothing.
apt_kernel_for() {
	local meta
	meta=$(apt_versions "linux-image-$1" "$1" | cut -d' ' -f1)
	[ -n "$meta" ] || return 0
	apt_records | awk -v p="linux-image-$1" -v v="$meta" -v a="$1" \
		'$1 == p && $2 == v && $3 == a && !done { print $2, $6; done = 1 }'
}

# apt_sort_versions: Debian versions on standard input, newest first
# (dpkg's ordering, not sort -V's, which differs on "~" and epochs).
apt_sort_versions() {
	local v sorted=() i j
	while read -r v; do
		i=${#sorted[@]}
		sorted+=("$v")
		while [ "$i" -gt 0 ] && dpkg --compare-versions "${sorted[i - 1]}" lt "$v"; do
			sorted[i]=${sorted[i - 1]}
			i=$((i - 1))
		done
		sorted[i]=$v
	done
	for j in "${sorted[@]}"; do echo "$j"; done
}

# apt_download URI DEST SHA256: download URI to DEST through apt, which
# checks SHA256 as it downloads; nothing is left at DEST on failure. The
# last error apt printed is kept in STATE/download.log.
apt_download() {
	local dir
	dir=$(dirname "$2")
	mkdir -p "$dir"
	# apt downloads as the unprivileged _apt user where it can write
	chmod 777 "$dir" 2>/dev/null || true
	rm -f "$2"
	if apt_helper download-file "$1" "$2" "SHA256:$3" > "$apt_state/download.log" 2>&1; then
		return 0
	fi
	rm -f "$2"
	return 1
}

# apt_last_error: apt's reason for the last failed download, on one line.
apt_last_error() {
	local why
	why=$(grep '^E: Failed to fetch' "$apt_state/download.log" 2>/dev/null | head -n 1 |
		sed 's/^E: Failed to fetch [^ ]* *//; s/ *\[IP:[^]]*\]//')
	[ -n "$why" ] || why=$(grep '^E:' "$apt_state/download.log" 2>/dev/null | tail -n 1 | sed 's/^E: //')
	echo "${why:-no reason given}"
}

# sha256_of FILE
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# verify FILE SHA256 LOCK: refuse FILE unless its sha256 is the lock's.
verify() {
	local got
	got=$(sha256_of "$1")
	if [ "$got" != "$2" ]; then
		echo "error: $1 does not match $3" >&2
		echo "  expected sha256 $2" >&2
		echo "  got      sha256 $got" >&2
		echo "  refusing to use an unverified file; delete it to fetch again" >&2
		return 1
	fi
}

# upstream_version DEBIAN-VERSION: the upstream part, without the epoch,
# the Debian revision and a repack suffix (1:1.2.13.dfsg-1 -> 1.2.13).
upstream_version() {
	sed -E 's/^[0-9]+://; s/-[^-]*$//; s/[.+~](dfsg|ds)[0-9]*$//' <<< "$1"
}
