#!/usr/bin/env bash
# make bench: every benchmark group in one run, each figure a median of
# alternating rounds with its spread, each ratio beside its target with
# "met" or "missed" (bench/README.md). Installs the [bench] section of
# scripts/host-packages.txt when run as root (otherwise prints the apt-get
# command), builds what it needs, prints each group as it finishes, and
# writes OUT/latest.json, OUT/latest.md and one PNG chart per group.
#
#   bench/run.sh [--groups "GROUP..."] [--out DIR] [--help]
#
# Groups (default: all, in this order): startup syscalls compute size
# tooling attach gb18030. --out defaults to bench/results for a run of
# every group, build/bench/results for some. Environment:
# BENCH_RUNS sets the rounds of every group (each group's default suits the
# 10-minute budget; BENCH_RUNS_<GROUP> sets one group's).
# From make: make bench [GROUPS="startup size"] [BENCH_RUNS=N].
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
all_groups="startup syscalls compute size tooling attach gb18030 python"
groups=$all_groups
results=""
start=${EPOCHREALTIME/./}
die() { printf 'bench/run.sh: error: %s\n' "$*" >&2; exit 1; }
while [ $# -gt 0 ]; do
	case $1 in
	--groups) [ $# -ge 2 ] || die "--groups needs a list"; groups=$2; shift ;;
	--groups=*) groups=${1#--groups=} ;;
	--out) [ $# -ge 2 ] || die "--out needs a directory"; results=$(realpath -m "$2"); shift ;;
	--out=*) results=$(realpath -m "${1#--out=}") ;;
	-h|--help) sed -n '2,/^[^#]/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
	shift
done
[ -n "${groups// /}" ] || groups=$all_groups
# the committed record is replaced only by a run of every group
if [ -z "$results" ]; then
	if [ "$(echo $groups)" = "$all_groups" ]; then results=$top/bench/results
	else results=$top/build/bench/results; fi
fi
for g in $groups; do
	[[ " $all_groups " == *" $g "* ]] || die "no group '$g' (groups: $all_groups)"
done
[ -x "$top/out/bin/cloudabi-run" ] || die "no toolchain in out/: run ./build.sh first (make bench does)"
cd "$top"

# 1. The [bench] packages, and their commands added to build/host-tools
# beside the sections already there (build and test; packaging if make
# packages put it there), so tests/host checks them too. Until then PATH
# is the system's (build/host-tools is replaced here), as in build.sh's
# first step; then it is build/host-tools alone.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
missing=()
for p in $(scripts/host-packages.sh scripts/host-packages.txt bench | awk '{ print $1 }'); do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] ||
		die "missing Debian packages; run as root: apt-get install -y --no-install-recommends ${missing[*]}"
	echo "bench: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		-o DPkg::Lock::Timeout=300 "${missing[@]}" > build/bench-apt.log 2>&1 ||
		die "apt-get install failed (build/bench-apt.log): $(tail -n 1 build/bench-apt.log)"
fi
sections=$(cat build/host-tools/.sections 2>/dev/null || echo "build test")
[[ " $sections " == *" bench "* ]] || sections="$sections bench"
scripts/host-tools.sh scripts/host-packages.txt build/host-tools $sections
export PATH=$top/build/host-tools

# 2. The groups, each appending to one record.
work=$top/build/bench
mkdir -p "$work"
export BENCH_WORK=$work BENCH_SAMPLES=$work/samples.tsv
: > "$BENCH_SAMPLES"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for g in $groups; do
	case $g in
	attach) script=bench/seccomp-attach.sh ;;
	gb18030) script=bench/gb18030.sh ;;
	*) script=bench/group-$g.sh ;;
	esac
	g0=${EPOCHREALTIME/./}
	"$script" || die "group $g failed (above)"
	echo "bench: group $g took $(( (${EPOCHREALTIME/./} - g0) / 1000000 )) s"
done
took=$(( (${EPOCHREALTIME/./} - start) / 1000000 ))

# 3. The results: what was measured, where, and when.
commit=$(git rev-parse --short=12 HEAD)
dirty=$(git status --porcelain --untracked-files=no -- . ':!bench/results' | head -n 1)
toolchain_commit=$(git log -1 --format='%h %cs %s' -- libc runtime toolchain sysroot libcxx-patches build.sh sources.lock)
landlock=$(out/bin/cloudabi-run --check 2>&1 | sed -n 's/^landlock: .*ABI \([0-9][0-9]*\).*/\1/p' | head -n 1)
mkdir -p "$results"
python3 bench/report.py final "$BENCH_SAMPLES" "$results" \
	"commit=$commit${dirty:+ (with uncommitted changes)}" \
	"toolchain_commit=$toolchain_commit" \
	"date=$(date -u +%Y-%m-%dT%H:%MZ)" \
	"kernel=$(uname -sr)" \
	"landlock_abi=${landlock:-unknown}" \
	"cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
	"cpus=$(nproc)" \
	"load_before=$load_before" \
	"load_after=$(cut -d' ' -f1-3 /proc/loadavg)" \
	"runs=${BENCH_RUNS:-group defaults}" \
	"groups=$groups" \
	"duration_s=$took (bench/run.sh, after make's build step)"
echo
echo "bench: wrote $(realpath --relative-to="$top" "$results")/latest.json, latest.md and $(cd "$results" && ls ./*.png 2>/dev/null | wc -l) charts; $took s"
