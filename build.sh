#!/usr/bin/env bash
# Build the CloudABI toolchain into out/.
#
#   ./build.sh [--target x86_64|aarch64|all] [--jobs N] [--prefix DIR] [--clean] [--offline] [--sources DIR] [--without-python]
#
# --offline builds with what is installed and never runs apt, registers no
# binfmt_misc handler and skips the demo (a distribution's package build,
# packaging/debian/rules). --sources DIR takes musl, LLVM and libyaml from
# DIR/musl, DIR/llvm and DIR/libyaml, unpacked already (as dpkg-source
# unpacks the component tarballs), instead of fetching the pinned tarballs.
# Python (python/, installed as <triple>/bin/python3) is built unless
# --without-python or --sources is given (the source package carries no
# CPython).
#
# Every step prints its number, what it does and how long it took, and logs
# to build/logs/<step>.log (the end of the log is shown when a step fails).
# A step whose inputs have not changed since it last succeeded is skipped,
# so a second run with nothing changed takes seconds.
set -euo pipefail

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

# Nothing from the caller's environment changes what is built: compiler
# flags and make's own settings (a package build exports both) are
# dropped. CLOUDABI_HOST_CFLAGS and CLOUDABI_HOST_LDFLAGS add flags to the
# two host programs, the driver and cloudabi-run (a distribution's
# hardening flags, packaging/debian/rules).
unset CFLAGS CPPFLAGS CXXFLAGS LDFLAGS ASFLAGS OBJCFLAGS OBJCXXFLAGS FFLAGS FCFLAGS \
	MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS CC CXX AR LD
host_cflags=${CLOUDABI_HOST_CFLAGS:-}
host_ldflags=${CLOUDABI_HOST_LDFLAGS:-}

usage() {
	sed -n '4p' "$0" | sed 's/^# *//' >&2
	exit 2
}

targets="x86_64 aarch64"
jobs=$(nproc)
prefix=""
clean=0
offline=0
trees=""
with_python=1
while [ $# -gt 0 ]; do
	case $1 in
	--target) [ $# -ge 2 ] || usage; shift; target_opt=$1 ;;
	--target=*) target_opt=${1#*=} ;;
	--jobs|-j) [ $# -ge 2 ] || usage; shift; jobs=$1 ;;
	--jobs=*) jobs=${1#*=} ;;
	--prefix) [ $# -ge 2 ] || usage; shift; prefix=$1 ;;
	--prefix=*) prefix=${1#*=} ;;
	--clean) clean=1 ;;
	--offline) offline=1 ;;
	--sources) [ $# -ge 2 ] || usage; shift; trees=$1 ;;
	--sources=*) trees=${1#*=} ;;
	--without-python) with_python=0 ;;
	-h|--help) usage ;;
	*) echo "build.sh: unknown option '$1'" >&2; usage ;;
	esac
	shift
done
case ${target_opt:-all} in
all) ;;
x86_64|aarch64) targets=$target_opt ;;
*) echo "build.sh: --target must be x86_64, aarch64 or all, not '$target_opt'" >&2; exit 2 ;;
esac
case $jobs in
''|*[!0-9]*|0) echo "build.sh: --jobs needs a positive number, not '$jobs'" >&2; exit 2 ;;
esac

[ -n "$trees" ] && with_python=0
if [ -n "$trees" ]; then
	trees=$(cd "$trees" 2>/dev/null && pwd) || { echo "build.sh: --sources: no directory '$trees'" >&2; exit 2; }
	for d in musl llvm/libcxx libyaml/src; do
		[ -d "$trees/$d" ] || { echo "build.sh: --sources: $trees/$d is missing" >&2; exit 2; }
	done
fi

build=$top/build
out=$top/out
# The project's version (VERSION, +dirty for uncommitted changes), for
# --version of the driver and cloudabi-run; computed before PATH is limited.
CLOUDABI_VERSION=$(scripts/version.sh)
export CLOUDABI_VERSION
clang_major=19
musl_version=1.2.3
llvm_version=19.1.7
yaml_version=0.2.5
python_version=3.11.2

if [ "$clean" = 1 ]; then
	echo "Removing build/ and out/"
	rm -rf "$build" "$out"
fi
mkdir -p "$build/logs" "$build/stamps"

# ---- the step runner ------------------------------------------------------

started=$(date +%s)
step_no=0
step_total=0

# fingerprint FILE...: one hash over the names and contents of the files.
fingerprint() {
	local f
	for f in "$@"; do
		printf '%s\n' "$f"
		if [ -d "$f" ]; then
			find "$f" -type f | LC_ALL=C sort | xargs cat
		else
			cat "$f"
		fi
	done | sha256sum | cut -d' ' -f1
}

# stamp_of NAME: the fingerprint NAME last succeeded with ("" if never).
stamp_of() { cat "$build/stamps/$1" 2>/dev/null || true; }

# step NAME "what it does" FINGERPRINT COMMAND...: run COMMAND unless it
# last succeeded with the same fingerprint.
step() {
	local name=$1 what=$2 print=$3
	shift 3
	step_no=$((step_no + 1))
	local label
	label=$(printf '[%2d/%d] %s' "$step_no" "$step_total" "$what")
	if [ "$(stamp_of "$name")" = "$print" ]; then
		printf '%s: up to date\n' "$label"
		return
	fi
	printf '%s ... ' "$label"
	local log=$build/logs/$name.log t0 t1
	rm -f "$build/stamps/$name"
	t0=$(date +%s%N)
	if ! ("$@") > "$log" 2>&1; then
		t1=$(date +%s%N)
		printf 'FAILED after %s\n' "$(seconds "$t0" "$t1")"
		echo "---- last lines of $log ----"
		tail -n 40 "$log"
		echo "---- build.sh: step $step_no ($what) failed; full log: $log"
		exit 1
	fi
	t1=$(date +%s%N)
	printf '%s\n' "$print" > "$build/stamps/$name"
	printf 'done (%s)\n' "$(seconds "$t0" "$t1")"
}

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fs", (b - a) / 1e9 }'; }

# ---- the steps --------------------------------------------------------------

# Debian packages: install them as root, otherwise say exactly what to run.
# Then limit PATH to the commands host-packages.txt lists, so that nothing
# the build uses can come from outside the list.
sections="build test"
[ "$offline" = 1 ] && sections=build
[ "$with_python" = 1 ] && sections="$sections python"
host_packages() {
	scripts/host-packages.sh scripts/host-packages.txt $sections | awk '{ print $1 }'
}
install_packages() {
	local missing=() p
	for p in $(host_packages); do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
			missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		if [ "$offline" = 1 ]; then
			echo "build.sh: missing build dependencies (--offline installs nothing): ${missing[*]}" >&2
			exit 1
		fi
		if [ "$(id -u)" != 0 ]; then
			echo "build.sh: missing Debian packages. Run as root:" >&2
			echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
			exit 1
		fi
		echo "installing: ${missing[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
	fi
	local version
	version=$(dpkg-query -W -f='${Version}' clang-19)
	echo "clang-19 Debian revision: $version"
	case $version in
	*:$llvm_version-*) ;;
	*) echo "clang-19 is $version; this toolchain needs upstream $llvm_version" >&2; exit 1 ;;
	esac
}

# qemu-aarch64 through binfmt_misc, so aarch64 programs can be exec'd.
register_binfmt() {
	if [ "$(id -u)" != 0 ] || [ "$offline" = 1 ]; then
		echo "not root or --offline: leaving binfmt_misc as it is"
		return
	fi
	scripts/register-binfmt.sh
}

fetch_sources() {
	scripts/fetch-sources.sh sources.lock "$build/sources" "$build/apt"
}

# Fresh source trees: musl with the patch series applied, and the parts of
# the LLVM tree the runtimes need.
extract_sources() {
	local src=$build/src
	rm -rf "$src"
	mkdir -p "$src"
	local l=llvm-toolchain-${clang_major}_$llvm_version
	local parts
	parts=$(grep -v '^#' libcxx-patches/llvm-parts)
	if [ -n "$trees" ]; then
		cp -a "$trees/musl" "$src/musl-$musl_version"
		mkdir -p "$src/llvm/llvm/utils"
		for p in $parts; do cp -a "$trees/llvm/$p" "$src/llvm/$p"; done
	else
		tar -xzf "$build/sources/musl_$musl_version.orig.tar.gz" -C "$src"
		tar -xJf "$build/sources/${l}.orig.tar.xz" -C "$src" $(for p in $parts; do echo "$l/$p"; done)
		mv "$src/$l" "$src/llvm"
	fi
	# libyaml, which cloudabi-run links (runtime/cloudabi-run/build.sh)
	mkdir -p "$src/libyaml"
	if [ -n "$trees" ]; then cp -a "$trees/libyaml/." "$src/libyaml/"
	else tar -xzf "$build/sources/libyaml_$yaml_version.orig.tar.gz" -C "$src/libyaml" --strip-components=1
	fi
	local p
	for p in $(grep -v '^[[:space:]]*#' libc/patches/series); do
		echo "applying $p"
		patch -d "$src/musl-$musl_version" -p1 --no-backup-if-mismatch < "libc/patches/$p"
	done
	for p in $(grep -v '^[[:space:]]*#' libcxx-patches/series); do
		echo "applying $p"
		patch -d "$src/llvm" -p1 --no-backup-if-mismatch < "libcxx-patches/$p"
	done
	# New files of the capability libc (one function per file, as musl).
	cp -R libc/overlay/. "$src/musl-$musl_version/"
}

# The seccomp filters of runtime/policy, for the libc and cloudabi-run.
build_policy() {
	runtime/policy/build.sh "$build/policy"
}

# cloudabi-run, with the seccomp filter generated from runtime/policy.
build_runtime() {
	mkdir -p "$build/runtime"
	CLOUDABI_HOST_CFLAGS="$host_cflags" CLOUDABI_HOST_LDFLAGS="$host_ldflags" CLOUDABI_YAML_SRC="$build/src/libyaml" \
		runtime/cloudabi-run/build.sh "$build/runtime/cloudabi-run" "$build/policy/filter-$(uname -m).c"
}

# The compiler driver behind every bin/<triple>-<tool> name.
build_driver() {
	mkdir -p "$build/driver"
	clang-19 -std=c11 -O2 -Wall -Wextra -Werror -fuse-ld=lld $host_cflags $host_ldflags \
		-DLLVM_BIN_DIR="\"/usr/lib/llvm-$clang_major/bin\"" \
		-DCLOUDABI_VERSION="\"$CLOUDABI_VERSION\"" \
		toolchain/driver.c -o "$build/driver/driver"
}

# The prefix, assembled beside out/ and moved into place in one rename.
assemble() {
	local new=$build/out.new
	rm -rf "$new"
	sysroot/assemble.sh "$new" "$build" "$clang_major" $targets
	# out/packages (make packages) is not part of the prefix; it stays.
	[ -d "$out/packages" ] && mv "$out/packages" "$new/packages"
	rm -rf "$out"
	mv "$new" "$out"
}

demo() {
	if [ "$offline" = 1 ]; then
		echo "--offline: no demo"
		return
	fi
	local t
	for t in $targets; do
		tests/demo/hello.sh "$out" "$t"
	done
	[ "$(uname -m)" = x86_64 ] && [[ " $targets " == *" x86_64 "* ]] && tests/demo/confined.sh "$out"
	if [ "$with_python" = 1 ] && [ "$(uname -m)" = x86_64 ] && [[ " $targets " == *" x86_64 "* ]]; then
		tests/demo/python.sh "$out"
	fi
	return 0
}

install_prefix() {
	mkdir -p "$prefix"
	tar -C "$out" --exclude=./packages -cf - . | tar -C "$prefix" -xf -
	echo "installed into $prefix"
}

# ---- the plan ---------------------------------------------------------------

per_target=4
step_total=$((9 + per_target * $(echo $targets | wc -w) + 1))
[ "$with_python" = 1 ] && step_total=$((step_total + 3))
[ -n "$prefix" ] && step_total=$((step_total + 1))

echo "Building the CloudABI toolchain for: $targets (jobs: $jobs)"

step packages "Debian packages (clang-19, lld-19, llvm-19, cmake, qemu ...)" \
	"$(fingerprint scripts/host-packages.txt scripts/host-packages.sh scripts/host-tools.sh)-$(id -u)-$sections" install_packages
# The commands the build may run, made every time (a third of a second):
# make test-packaging, make bench and tests/distributed write this
# directory with their own sections, which lack python3.11.
scripts/host-tools.sh scripts/host-packages.txt "$build/host-tools" $sections
export PATH=$build/host-tools
step binfmt "qemu-aarch64 through binfmt_misc" \
	"$(fingerprint scripts/register-binfmt.sh)-$(cat /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null | head -1)" \
	register_binfmt
if [ -n "$trees" ]; then
	step_no=$((step_no + 1))
	printf '[%2d/%d] pinned sources: unpacked in %s\n' "$step_no" "$step_total" "$trees"
	sources_print="trees:$trees"
else
	step sources "pinned sources (musl $musl_version, LLVM $llvm_version, libyaml $yaml_version), verified" \
		"$(fingerprint sources.lock scripts/fetch-sources.sh scripts/lib-apt.sh scripts/index-records.awk scripts/deb-src-list.sh)" fetch_sources
	sources_print=$(stamp_of sources)
fi
step extract "source trees (musl + libc/patches, LLVM runtimes + libcxx-patches, libyaml)" \
	"$sources_print-$(fingerprint libc/patches libc/overlay libcxx-patches/series libcxx-patches/llvm-parts libcxx-patches/*.patch)" extract_sources

step policy "seccomp filters from runtime/policy" "$(fingerprint runtime/policy libc/manifest.tsv)" build_policy

src_print=$(stamp_of extract)-$(stamp_of policy)
for t in $targets; do
	sysroot=$build/$t/sysroot
	resource=$build/$t/resource
	musl_print=$(fingerprint libc/build-musl.sh libc/manifest.py libc/manifest.tsv libc/pending-removals.txt)-$src_print
	step "musl-$t" "musl $musl_version for $t" "$musl_print" \
		libc/build-musl.sh "$t" "$build/src/musl-$musl_version" "$build/$t/musl" "$sysroot" "$jobs" "$build/policy"
	step "compiler-rt-$t" "compiler-rt builtins, crtbegin/crtend for $t" \
		"$(fingerprint libcxx-patches/build-compiler-rt.sh libcxx-patches/llvm-cross.sh)-$musl_print" \
		libcxx-patches/build-compiler-rt.sh "$t" "$build/src/llvm" "$build/$t/compiler-rt" \
		"$sysroot" "$resource" "$jobs"
	step "libunwind-$t" "libunwind for $t" \
		"$(fingerprint libcxx-patches/build-libunwind.sh libcxx-patches/llvm-cross.sh)-$(stamp_of "compiler-rt-$t")" \
		libcxx-patches/build-libunwind.sh "$t" "$build/src/llvm" "$build/$t/libunwind" \
		"$sysroot" "$resource" "$jobs"
	step "libcxx-$t" "libc++ and libc++abi for $t" \
		"$(fingerprint libcxx-patches/build-libcxx.sh libcxx-patches/llvm-cross.sh toolchain/target.cfg.in)-$(stamp_of "libunwind-$t")" \
		libcxx-patches/build-libcxx.sh "$t" "$build/src/llvm" "$build/$t/libcxx" \
		"$sysroot" "$resource" "$jobs" toolchain/target.cfg.in
done

step driver "compiler driver" "$(fingerprint toolchain/driver.c)-$CLOUDABI_VERSION-$host_cflags-$host_ldflags" build_driver
step runtime "cloudabi-run and its seccomp policy" \
	"$(fingerprint runtime/cloudabi-run libc/overlay/src/argdata libc/overlay/include/argdata.h)-$CLOUDABI_VERSION-$host_cflags-$host_ldflags-$(stamp_of policy)-$(stamp_of extract)" build_runtime

parts=$(for t in $targets; do stamp_of "musl-$t"; stamp_of "compiler-rt-$t"; stamp_of "libunwind-$t"; stamp_of "libcxx-$t"; done)
step assemble "prefix out/ (bin, share/cloudabi, sysroots)" \
	"$(fingerprint sysroot cmake-toolchain toolchain/target.cfg.in toolchain/pkg-config.sh toolchain/config.site.in toolchain/meson-cross.ini.in toolchain/ld-error-handler.sh toolchain/icecc-env.sh toolchain/cloudabi-cc.1 runtime/cloudabi-run/cloudabi-run.1 libc/manifest.py libc/manifest.tsv "$build/stamps/driver" "$build/stamps/runtime")-$(echo "$parts" | sha256sum)-$targets" \
	assemble

step expected "libc.a symbols and predefined macros against tests/expected" \
	"$(fingerprint "$build/stamps/assemble" tests/expected)" \
	tests/expected/check.sh "$out" $targets

# CPython for each target (python/build.sh), rebuilt when what it is built
# from or with changes (python/ but its README, the libraries, the driver,
# the site and configuration files, the layout), not for any change of the
# prefix (a manual page);
# then copied into the prefix (not a cached step: assemble makes out/ anew).
if [ "$with_python" = 1 ]; then
	step python-sources "Python's pinned sources (CPython $python_version, Debian's fixes, zlib), verified" \
		"$(fingerprint python/python.lock scripts/fetch-sources.sh scripts/lib-apt.sh scripts/index-records.awk scripts/deb-src-list.sh)" \
		scripts/fetch-sources.sh python/python.lock "$build/sources" "$build/apt"
	step python "CPython $python_version for $targets (python/)" \
		"$(fingerprint python/build.sh python/config.site python/debian-patches python/freeze-stdlib.py python/patches python/python.lock sysroot toolchain/config.site.in toolchain/target.cfg.in)-$(stamp_of python-sources)-$(stamp_of driver)-$(echo "$parts" | sha256sum)-$targets" \
		python/build.sh "$build/sources" "$out" "$build" "$jobs" $targets
	step_no=$((step_no + 1))
	printf '[%2d/%d] python3 into %s/<triple>/bin\n' "$step_no" "$step_total" "$out"
	for t in $targets; do
		mkdir -p "$out/$t-unknown-cloudabi/bin"
		cp "$build/$t/python/python3" "$out/$t-unknown-cloudabi/bin/python3"
	done
fi

# Not a cached step: the demo is the first thing a new user should see.
step_no=$((step_no + 1))
printf '[%2d/%d] demo: hello from each target, then a confined program%s\n' "$step_no" "$step_total" \
	"$([ "$with_python" = 1 ] && echo ' and a confined Python script')"
demo

if [ -n "$prefix" ]; then
	step_no=$((step_no + 1))
	printf '[%2d/%d] install into %s\n' "$step_no" "$step_total" "$prefix"
	install_prefix
fi

elapsed=$(($(date +%s) - started))
printf 'build.sh: finished in %dm%02ds. Compilers: %s/bin/<arch>-unknown-cloudabi-cc\n' \
	$((elapsed / 60)) $((elapsed % 60)) "$out"
