#!/usr/bin/env bash
# The OCI build image (packaging/oci/, docs/packaging.md), built here with
# podman build --isolation=chroot over a Debian base made on this machine:
#
#  1. packaging/oci/context.sh: one-line errors on bad input; the context
#     it makes from out/packages equals out/packages/oci (make packages).
#  2. The base: the cached debootstrap --variant=minbase bookworm root of
#     tests/packaging/run.sh (build/packaging-test/bookworm-minbase.tar,
#     made here the same way if missing), with apt sources and Acquire
#     settings derived from this machine's own (scripts/deb-src-list.sh),
#     imported with podman import. No container registry is contacted.
#  3. podman build --target test: the image stage installs our .debs
#     through apt, the test stage runs smoke.sh (C, C++, make, CMake with
#     ctest, pkg-config, binary tools, an escape refused, aarch64 through
#     qemu-user); the build must succeed and report every check passed.
#  4. The default target: the image's user and presets, and what is (not)
#     left in it: no .debs, no apt lists, no local apt source, no smoke test.
#  5. The control: a context whose test inputs are broken on purpose (each
#     check's input), built with Landlock taken out of the seccomp profile,
#     must fail to build, with every check that passed in 3 reported as
#     failed (cloudabi-run refusing to run without Landlock, and so does a
#     program started directly).
#
# Every image and build container made here is removed at the end (the
# base's tag, the build's tags, and each layer the build logs name). podman
# run is not used: this machine's crun cannot set rlimits, so containers do
# not start here; building (chroot isolation) works, hence the test stage.
source "$(dirname "$0")/../lib.sh"
pk=$top/out/packages
roots=$top/build/packaging-test
base_tar=$roots/bookworm-minbase.tar
sys_path=/usr/sbin:/usr/bin:/sbin:/bin
id=$$
base_tag=localhost/cloudabi-oci-test-base:$id
test_tag=localhost/cloudabi-oci-test:$id
image_tag=localhost/cloudabi-oci-test-image:$id
control_tag=localhost/cloudabi-oci-test-control:$id
logs=$roots/oci-logs
start=$(date +%s)

if ! ls "$pk"/cloudabi-toolchain_*.deb > /dev/null 2>&1; then
	not_ok "out/packages holds the .debs" "none: run make packages first"
	finish
fi
# the build containers podman knows (a failed build must not leave one)
containers() { podman ps --all --external --format '{{.ID}}' 2> /dev/null | LC_ALL=C sort; }
containers_before=$(containers)
mkdir -p "$roots"
rm -rf "$logs"
mkdir -p "$logs"

# Everything this script makes in podman's storage is removed on exit.
made_images=()
mounted_images=()
remove_images() {
	local i ids
	for i in "${mounted_images[@]}"; do podman image unmount "$i" > /dev/null 2>&1 || true; done
	mounted_images=()
	# the tags, and the layers each build committed or reused ("--> ID"):
	# all of them descend from the base this script imports, so none is
	# anyone else's. One podman rmi takes them in any order.
	ids=$(cat "$logs"/*.log 2> /dev/null | sed -n 's/^--> \([0-9a-f]\{6,\}\)$/\1/p' | LC_ALL=C sort -u)
	podman rmi --force --ignore "${made_images[@]}" $ids > /dev/null 2>&1 || true
}
cleanup() {
	remove_images
	rm -rf "$roots/oci-base" "$scratch"
}
trap cleanup EXIT

# podman_build LOG ARGS...: podman build with chroot isolation, output to LOG
podman_build() {
	local log=$1
	shift
	podman build --isolation=chroot "$@" > "$log" 2>&1
}

# ---- 1. the context ----------------------------------------------------------
ctxsh=$top/packaging/oci/context.sh
expect_fail "context.sh: a missing DEBDIR is one line naming it" "^oci context: error: DEBDIR '$scratch/none' is not a directory" \
	"$ctxsh" "$scratch/ctx-bad" "$scratch/none"
mkdir -p "$scratch/empty"
expect_fail "context.sh: a DEBDIR without our .debs says which is missing" "holds 0 cloudabi-toolchain_\*\.deb, not one" \
	"$ctxsh" "$scratch/ctx-bad" "$scratch/empty"
mkdir -p "$scratch/someones"
touch "$scratch/someones/precious"
expect_fail "context.sh: an OUTDIR that is not a context is not replaced" "is not an image context; not replacing it" \
	"$ctxsh" "$scratch/someones" "$pk"
check "(and it is still there)" test -f "$scratch/someones/precious"
expect_fail "context.sh: a wrong number of arguments prints the usage" "usage: packaging/oci/context.sh OUTDIR DEBDIR" "$ctxsh" "$pk"

ctx=$scratch/ctx
check "context.sh assembles the context from out/packages" "$ctxsh" "$ctx" "$pk"
check "its index lists every .deb of out/packages" \
	test "$(grep -c '^Package: ' "$ctx/apt/Packages")" = "$(ls "$pk"/*.deb | wc -l)"
check "its index's checksums are the .debs'" \
	sh -c "cd '$ctx/apt' && awk '/^SHA256: / { s = \$2 } /^Filename: / { f = \$2 } /^\$/ { print s \"  \" f }' Packages | sha256sum --quiet -c"
if [ -d "$pk/oci" ]; then
	check "out/packages/oci (make packages) is the context context.sh makes from out/packages, file for file" \
		diff -r "$pk/oci" "$ctx"
else
	not_ok "make packages wrote the image context" "$pk/oci is missing: run make packages"
fi

# ---- 2. the base ---------------------------------------------------------------
if [ ! -s "$base_tar" ]; then
	# the same tarball run.sh's roots start from (minbase.sh)
	"$top/tests/packaging/minbase.sh" "$base_tar" || true
fi
check "a clean bookworm root (debootstrap --variant=minbase)" test -s "$base_tar"
if [ ! -s "$base_tar" ]; then finish; fi

b=$roots/oci-base
rm -rf "$b"
mkdir -p "$b"
tar -xf "$base_tar" -C "$b"
# Its apt sources and Acquire settings are this machine's own.
rm -f "$b/etc/apt/sources.list"
"$top/scripts/deb-src-list.sh" --binary > "$b/etc/apt/sources.list.d/machine.sources"
apt-config dump | grep '^Acquire::' > "$b/etc/apt/apt.conf.d/90machine" || true
check "the base's apt sources are this machine's (deb stanzas, bookworm)" \
	grep -qx 'Suites: bookworm.*' "$b/etc/apt/sources.list.d/machine.sources"
made_images+=("$base_tag")
check "podman import makes the base image" \
	sh -c "tar -C '$b' -cf - . | podman import - '$base_tag' > '$logs/import.log' 2>&1"
rm -rf "$b"

# ---- 3. the image and its test stage --------------------------------------------
echo "podman build --target test (the image stage installs from the archive: minutes) ..."
t0=$(date +%s)
made_images+=("$test_tag")
# --no-cache: the base's image ID depends only on its files, so layers a
# run that was cut short left behind would otherwise be reused.
if podman_build "$logs/test.log" --no-cache --build-arg "BASE=$base_tag" --target test -t "$test_tag" "$ctx"; then
	ok "podman build --isolation=chroot --target test succeeds ($(($(date +%s) - t0)) s)"
else
	not_ok "podman build --isolation=chroot --target test succeeds" "$(tail -n 40 "$logs/test.log")"
fi
good_ok=$(sed -n 's/^ok   - //p' "$logs/test.log")
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/test.log" | tail -n 1 || true)
check "smoke.sh ran in the build and every check passed ($summary)" \
	grep -Eqx '[0-9]+ passed, 0 failed' <<< "$summary"
n_checks=$(grep -cE '^(expect|succeeds) ' "$ctx/smoke/smoke.sh")
check "smoke.sh ran all of its $n_checks checks" test "$(grep -c . <<< "$good_ok")" = "$n_checks"
check "the image stage installed our packages through apt from the context" \
	grep -q 'file:/run/cloudabi-apt ./ Packages' "$logs/test.log"
check "and their dependencies from the base's archive (clang-19)" \
	grep -Eq '^(Get|Unpacking).* clang-19 ' "$logs/test.log"

# ---- 4. the default target: the image ---------------------------------------------
made_images+=("$image_tag")
check "podman build with no --target builds the image (the layers are cached)" \
	podman_build "$logs/image.log" --build-arg "BASE=$base_tag" -t "$image_tag" "$ctx"
check "the default target skips the test stage" sh -c "! grep -q 'smoke.sh' '$logs/image.log'"
check "(control) the --target test build ran it" grep -q 'RUN sh /src/smoke/smoke.sh' "$logs/test.log"
# What an image is: each a test on an image (its tag) or its mounted file
# system (podman image mount, as root). Run on the image, then on the base
# as the control, where each must fail.
inspect() { podman image inspect --format "$2" "$1" 2> /dev/null; }
user_is_builder() { test "$(inspect "$1" '{{.Config.User}} {{.Config.WorkingDir}}')" = "builder /src"; }
presets() { grep -qx "$2" <<< "$(inspect "$1" '{{range .Config.Env}}{{println .}}{{end}}')"; }
preset_vars="CC=x86_64-unknown-cloudabi-cc CXX=x86_64-unknown-cloudabi-c++ AR=x86_64-unknown-cloudabi-ar
	PKG_CONFIG=x86_64-unknown-cloudabi-pkg-config CMAKE_TOOLCHAIN_FILE=/usr/share/cloudabi/cmake/cloudabi.cmake"
ours_installed() {
	test "$(dpkg-query --admindir="$1/var/lib/dpkg" -W -f='${Package} ${Status}\n' 2> /dev/null |
		grep -c 'cloudabi.* install ok installed$')" = 6
}
index_recorded() { cmp -s "$ctx/apt/Packages" "$1/usr/share/doc/cloudabi-oci/Packages"; }
no_apt_lists() { test -z "$(ls -A "$1/var/lib/apt/lists" 2> /dev/null | grep -v '^lock$\|^partial$')"; }
# find_debs DIR: every .deb file under DIR
find_debs() { find "$1" -xdev -name '*.deb' -type f 2> /dev/null; }
local_source=/etc/apt/sources.list.d/cloudabi-local.list
mount_image() { local m; m=$(podman image mount "$1" 2> /dev/null) && [ -d "$m/usr" ] && mounted_images+=("$1") && echo "$m"; }

check "the image runs as builder in /src" user_is_builder "$image_tag"
for v in $preset_vars; do check "the image presets $v" presets "$image_tag" "$v"; done
if img=$(mount_image "$image_tag"); then
	check "dpkg in the image knows our six packages as installed" ours_installed "$img"
	check "the image records the index it was built from" index_recorded "$img"
	check "the image has no apt lists left" no_apt_lists "$img"
	check "the image holds no .deb (they were bind-mounted, not copied)" test -z "$(find_debs "$img")"
	check "(control) that search finds the .debs of the context" test -n "$(find_debs "$ctx")"
	check "the image has no local apt source left" test ! -e "$img$local_source"
	check "(control) that is the file the Containerfile writes" grep -qF "> $local_source" "$ctx/Containerfile"
	check "the image holds no smoke test" test ! -e "$img/src/smoke"
else
	not_ok "podman image mount shows the image's files" "$img"
fi
if tst=$(mount_image "$test_tag"); then
	check "(control) the test stage's image holds it" test -f "$tst/src/smoke/smoke.sh"
fi
if base_root=$(mount_image "$base_tag"); then
	passed_on_base=""
	user_is_builder "$base_tag" && passed_on_base+=" user"
	for v in $preset_vars; do presets "$base_tag" "$v" && passed_on_base+=" $v"; done
	ours_installed "$base_root" && passed_on_base+=" packages"
	index_recorded "$base_root" && passed_on_base+=" index"
	no_apt_lists "$base_root" && passed_on_base+=" apt-lists"
	name="(control) the base image (debootstrap's apt lists, no user, presets, packages or index) fails each of those"
	if [ -z "$passed_on_base" ]; then ok "$name"; else not_ok "$name" "passed there:$passed_on_base"; fi
else
	not_ok "podman image mount shows the base's files"
fi
for i in "${mounted_images[@]}"; do podman image unmount "$i" > /dev/null 2>&1 || true; done
mounted_images=()

# ---- 5. the control: a context whose checks must fail -------------------------------
# Each check's input is broken: the programs print other lines, the
# library's answer is 41, the .pc file names another directory, the escape
# prints other words, the aarch64 refusal is asked for with
# CLOUDABI_ALLOW_UNCONFINED=1 set; the test stage runs as root, with NM
# naming no command; and the build's seccomp profile is podman's own with the
# three Landlock calls taken out (they fail with ENOSYS, as under an
# engine whose profile predates Landlock), so cloudabi-run --check finds
# no Landlock, cloudabi-run refuses, and so does a program started
# directly. smoke.sh must report every check failed, and the
# build must fail.
bad=$scratch/ctx-broken
cp -a "$ctx" "$bad"
sed -i 's/"hello, C"/"hello, D"/' "$bad/smoke/hello.c"
sed -i 's/"hello, "/"bye, "/' "$bad/smoke/hello.cc"
sed -i 's/return 42;/return 41;/' "$bad/smoke/cmake-project/greet.c"
sed -i 's|^includedir=.*|includedir=${prefix}/include/elsewhere|' "$bad/smoke/greet.pc"
sed -i 's/"opened\\n", 7/"opened?", 7/; s/"EPERM\\n", 6/"EPERM?", 6/' "$bad/smoke/escape.c"
sed -i "s|'qemu-aarch64-static ./hello-aarch64 > refusal.log|'CLOUDABI_ALLOW_UNCONFINED=1 qemu-aarch64-static ./hello-aarch64 > refusal.log|" "$bad/smoke/smoke.sh"
sed -i 's|^RUN sh /src/smoke/smoke.sh$|USER root\nENV NM=no-such-nm\n&|' "$bad/Containerfile"
check "(control) the broken context differs from the good one in each input" \
	test "$(diff -r "$ctx" "$bad" | grep -c '^diff -r')" = 7
profile=$(podman info --format '{{.Host.Security.SECCOMPProfilePath}}' 2> /dev/null || true)
check "podman's default seccomp profile allows the Landlock calls" \
	test "$(grep -o '"landlock_[a-z_]*"' "$profile" 2> /dev/null | LC_ALL=C sort -u | wc -l)" = 3
python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
for rule in p["syscalls"]:
    rule["names"] = [n for n in rule["names"] if not n.startswith("landlock_")]
p["syscalls"] = [r for r in p["syscalls"] if r["names"]]
json.dump(p, open(sys.argv[2], "w"), indent=1)' "$profile" "$scratch/no-landlock.json" 2> /dev/null || true
check "(control) a copy of it without them" \
	sh -c "test -s '$scratch/no-landlock.json' && ! grep -q landlock '$scratch/no-landlock.json'"
echo "podman build --target test of the broken context (the image stage is cached) ..."
made_images+=("$control_tag")
expect_fail "(control) the broken context's test stage fails the build" "[0-9]+ passed, [0-9]+ failed" \
	sh -c "podman build --isolation=chroot --security-opt 'seccomp=$scratch/no-landlock.json' --build-arg 'BASE=$base_tag' --target test -t '$control_tag' '$bad' > '$logs/control.log' 2>&1 || { cat '$logs/control.log'; exit 1; }"
check "(control) it failed in smoke.sh, after the image stage built (from the cache)" \
	sh -c "grep -q '^0 passed, [0-9]* failed\$' '$logs/control.log' && grep -q 'Using cache' '$logs/control.log'"
# Without Landlock, cloudabi-run refuses to run anything, and so does a
# program started directly: it will not run without its path rules.
check "(control) without Landlock in the build cloudabi-run refuses to run the programs" \
	grep -q 'cloudabi-run: this kernel has no Landlock; refusing to run' "$logs/control.log"
check "(control) and a program started directly refuses to start without Landlock" \
	grep -q 'cloudabi: cannot start: Landlock is not available here' "$logs/control.log"
# The log checks of 3, on this log: each must fail.
bad_summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/control.log" | tail -n 1 || true)
passed_on_control=""
grep -Eqx '[0-9]+ passed, 0 failed' <<< "$bad_summary" && passed_on_control+=" summary"
[ "$(grep -c '^ok   - ' "$logs/control.log")" = "$n_checks" ] && passed_on_control+=" count"
grep -q 'file:/run/cloudabi-apt ./ Packages' "$logs/control.log" && passed_on_control+=" local-source"
grep -Eq '^(Get|Unpacking).* clang-19 ' "$logs/control.log" && passed_on_control+=" clang-19"
name="(control) the log checks of the good build fail on this one (its summary, its count, no install: cached)"
if [ -z "$passed_on_control" ]; then ok "$name"; else not_ok "$name" "passed there:$passed_on_control"; fi
missing=""
while IFS= read -r name; do
	[ -n "$name" ] || continue
	grep -qxF "FAIL - $name" "$logs/control.log" || missing+="$name"$'\n'
done <<< "$good_ok"
if [ -n "$good_ok" ] && [ -z "$missing" ]; then
	ok "(control) every check that passed in the good build failed there"
else
	not_ok "(control) every check that passed in the good build failed there" "not failed there:" "$missing"
fi

check "no build container is left behind" test "$(containers)" = "$containers_before"
# (a container made and not started, then removed, is seen by that check)
if c=$(podman create "$base_tag" true 2> /dev/null); then
	check "(control) that check sees a container left behind" test "$(containers)" != "$containers_before"
	podman rm "$c" > /dev/null 2>&1 || true
else
	not_ok "(control) podman create makes a container to see"
fi
check "(control) before the removal, that check finds the base image" podman image exists "$base_tag"
remove_images
left=$(for i in "${made_images[@]}"; do podman image exists "$i" && echo "$i"; done || true)
check "the images made here are removed" test -z "$left"
echo "oci: $(($(date +%s) - start)) s in all; logs in $logs"
finish
