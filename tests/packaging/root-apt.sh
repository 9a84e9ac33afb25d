#!/usr/bin/env bash
# tests/packaging/root-apt.sh ROOT: the apt of a root unpacked from
# minbase.sh's tarball is made this machine's own: its binary sources
# (scripts/deb-src-list.sh), its Acquire settings (proxies) and its
# resolver. run.sh's roots and tests/distributed's build hosts use it.
set -euo pipefail
root=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
rm -f "$root/etc/apt/sources.list"
"$top/scripts/deb-src-list.sh" --binary > "$root/etc/apt/sources.list.d/machine.sources"
apt-config dump | grep '^Acquire::' > "$root/etc/apt/apt.conf.d/90machine" || true
cp /etc/resolv.conf "$root/etc/resolv.conf" 2> /dev/null || true
