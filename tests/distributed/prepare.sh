#!/usr/bin/env bash
# make test-distributed, before tests/distributed/run.sh: the Debian
# packages of the [distributed] section of scripts/host-packages.txt
# installed (as root; otherwise the apt-get command is printed), and the
# tests' PATH (build/host-tools) made of the build, test and distributed
# sections. Installing icecc on a machine with systemd starts and enables
# iceccd there; the test does not use it (docs/distributed.md).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
missing=()
for p in $(scripts/host-packages.sh scripts/host-packages.txt build test distributed | awk '{ print $1 }'); do
	dpkg-query -W -f='${Status}\n' "$p" 2> /dev/null | grep -q '^install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "tests/distributed: missing Debian packages; as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
	echo "tests/distributed: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" > /dev/null
fi
scripts/host-tools.sh scripts/host-packages.txt build/host-tools build test distributed
