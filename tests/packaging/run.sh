#!/usr/bin/env bash
# make test-packaging: the packages of out/packages/ (make packages) as a
# user and a distribution meet them (docs/packaging.md).
#
#  1. What the packages hold: Build-Depends against scripts/host-packages.txt,
#     the component tarballs against sources.lock, no file in a path
#     Debian's clang-19/llvm-19/lld-19 packages own, each package's part;
#     the RPMs against the .debs (same paths; the noarch ones the same
#     bytes), installed into an empty root with rpm and used.
#  2. The apt repository (make apt-repo) verifies with its shipped key.
#  3. A clean Debian bookworm root (debootstrap --variant=minbase, its apt
#     sources derived from this machine's own, scripts/deb-src-list.sh),
#     the repository added, our packages installed with apt; then, as a
#     user who is not root: C and C++ hello worlds for both targets, a
#     CMake project with ctest, a libc-free binary refused an escape under
#     cloudabi-run (and getting through with --unconfined, the control),
#     and man pages. Then apt-get purge: nothing of ours left (dpkg knows
#     none of our paths, and the file system equals the one before).
#  4. The source package built in another clean root with only its
#     Build-Depends installed and no network (unshare -n): its .debs equal
#     those of make packages, byte for byte.
#  5. The OCI build image (tests/packaging/oci.sh): built with podman over
#     that debootstrap root; its test stage must pass.
#
# Parts 4 and 5 run in the background beside part 3 (their builds keep
# the processors busy while part 3 mostly waits on the archive); their
# checks are printed after part 3's. The roots live in
# build/packaging-test/ and are unmounted and removed at the end. PACKAGING_TESTS="static rpm apt install source oci" picks parts.
source "$(dirname "$0")/../lib.sh"
pk=$top/out/packages
parts=${PACKAGING_TESTS:-static rpm apt install source oci}
want() { [[ " $parts " == *" $1 "* ]]; }
sys_path=/usr/sbin:/usr/bin:/sbin:/bin

dsc=$(ls "$pk"/*.dsc 2> /dev/null | head -n 1)
if [ -z "$dsc" ]; then
	not_ok "out/packages holds a source package" "none: run make packages first"
	finish
fi
version=$(sed -n 's/^Version: //p' "$dsc")
debs=$(cd "$pk" && ls *.deb)
echo "testing version $version: $(echo $debs | wc -w) .debs"

deb_field() { dpkg-deb -f "$pk/$1" "$2"; }
deb_files() { dpkg-deb -c "$pk/$1" | awk '{ print $6 }' | sed 's|^\./|/|; s|/$||' | grep -v '^/$\|^$'; }

# ---- 1. what the packages hold ---------------------------------------------
if want static; then
	check "SHA256SUMS of out/packages hold" sh -c "cd '$pk' && sha256sum --quiet -c SHA256SUMS"
	# Build-Depends: the [build] section less Debian's Essential packages.
	essential() { [ "$(dpkg-query -W -f='${Essential}' "$1" 2> /dev/null)" = yes ]; }
	# build-essential's own dependencies (make, libc6-dev ...) are implied
	implied=$(apt-cache depends build-essential | awk '$1 ~ /Depends:$/ { print $2 }')
	check "(control) build-essential's dependencies are known" grep -qx make <<< "$implied"
	want_bd=$(for p in $("$top/scripts/host-packages.sh" "$top/scripts/host-packages.txt" build | awk '{ print $1 }'); do
		essential "$p" || [ "$p" = python3-minimal ] || grep -qx "$p" <<< "$implied" || echo "$p"; done | LC_ALL=C sort)
	have_bd=$(sed -n '/^Build-Depends:/,/^[A-Z]/p' "$top/packaging/debian/control" | sed 's/^Build-Depends://; /^[A-Z]/d' |
		tr ',' '\n' | sed 's/(.*)//; s/[[:space:]]//g' | grep -v '^$\|^debhelper-compat$' | LC_ALL=C sort)
	check "Build-Depends are the [build] packages less Essential and build-essential ones (python3-minimal through python3)" \
		diff <(echo "$want_bd") <(echo "$have_bd")
	lock_sha() { awk -v n="$1" '!/^#/ && $1 == n { print $6 }' "$top/sources.lock"; }
	lock_file() { awk -v n="$1" '!/^#/ && $1 == n { print $5 }' "$top/sources.lock"; }
	check "orig-musl is the tarball sources.lock pins" \
		test "$(sha256sum < "$(ls "$pk"/*.orig-musl.tar.gz)" | cut -d' ' -f1)" = "$(lock_sha musl)"
	check "orig-libyaml is the tarball sources.lock pins" \
		test "$(sha256sum < "$(ls "$pk"/*.orig-libyaml.tar.gz)" | cut -d' ' -f1)" = "$(lock_sha libyaml)"
	# orig-llvm is a repack of the pinned LLVM tarball's runtimes: every
	# member must be the pinned tarball's, byte for byte.
	pinned=$top/build/sources/$(lock_file llvm-runtimes)
	if [ -f "$pinned" ]; then
		check "the pinned LLVM tarball is the one sources.lock names" \
			test "$(sha256sum < "$pinned" | cut -d' ' -f1)" = "$(lock_sha llvm-runtimes)"
		check "orig-llvm holds only files of the pinned LLVM tarball, byte for byte (and libcxx, libcxxabi, libunwind, compiler-rt)" \
			python3 "$top/tests/packaging/same-members.py" "$(ls "$pk"/*.orig-llvm.tar.xz)" "$pinned" libcxx libcxxabi libunwind compiler-rt
	else
		not_ok "the pinned LLVM tarball is in build/sources" "$pinned is missing"
	fi
	check "the version of the packages is VERSION (+dirty for uncommitted changes)" \
		grep -Eqx "$(sed 's/[.]/[.]/g' "$top/VERSION")(\+dirty)?-1" <<< "$version"

	# Co-installable with Debian's LLVM: no path of ours is one of theirs.
	theirs=$scratch/theirs
	for p in clang-19 lld-19 llvm-19 libclang-common-19-dev libllvm19 libclang-cpp19 llvm-19-linker-tools; do
		dpkg-query -L "$p" 2> /dev/null || true
	done | LC_ALL=C sort -u > "$theirs"
	check "(control) Debian's clang packages own /usr/lib/llvm-19/lib/clang/19/include" \
		grep -qx /usr/lib/llvm-19/lib/clang/19/include "$theirs"
	for d in $debs; do
		pkgname=$(deb_field "$d" Package)
		# directories such as /usr/bin are shared by everyone; files are not
		clash=$(dpkg-deb -c "$pk/$d" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./|/|' |
			LC_ALL=C sort | comm -12 - "$theirs")
		check "$pkgname: no file in a path Debian's clang-19/llvm-19/lld-19 packages own" test -z "$clash"
		check "$pkgname: nothing under /usr/lib/clang or /opt" \
			sh -c "! dpkg-deb -c '$pk/$d' | awk '{ print \$6 }' | grep -q '^\./usr/lib/clang/\|^\./opt/'"
		check "$pkgname: version $version" test "$(deb_field "$d" Version)" = "$version"
	done
	for a in x86_64 aarch64; do
		p=${a//_/-}-unknown-cloudabi
		c=$(ls "$pk"/${p}-c-runtime_*.deb) x=$(ls "$pk"/${p}-cxx-runtime_*.deb)
		check "$p-c-runtime is Architecture: all" test "$(dpkg-deb -f "$c" Architecture)" = all
		check "$p-c-runtime holds libc.a and libunwind.a" \
			sh -c "dpkg-deb -c '$c' | grep -q '/usr/$a-unknown-cloudabi/lib/libc.a' && dpkg-deb -c '$c' | grep -q '/lib/libunwind.a'"
		check "$p-c-runtime holds the compiler-rt builtins" \
			sh -c "dpkg-deb -c '$c' | grep -q '/usr/lib/cloudabi/clang/19/lib/$a-unknown-linux-musl/libclang_rt.builtins.a'"
		check "$p-c-runtime holds no C++ library" sh -c "! dpkg-deb -c '$c' | grep -q 'libc++\|/include/c++/'"
		check "$p-cxx-runtime holds libc++.a, libc++abi.a and <vector>" \
			sh -c "dpkg-deb -c '$x' | grep -q 'lib/libc++.a' && dpkg-deb -c '$x' | grep -q 'lib/libc++abi.a' && dpkg-deb -c '$x' | grep -q 'include/c++/v1/vector$'"
		check "$p-cxx-runtime depends on its C runtime of the same version" \
			grep -qF "$p-c-runtime (= $version)" <<< "$(dpkg-deb -f "$x" Depends)"
	done
	tc=$(ls "$pk"/cloudabi-toolchain_*.deb)
	check "cloudabi-toolchain depends on clang-19, lld-19 and llvm-19" \
		sh -c "dpkg-deb -f '$tc' Depends | grep -q clang-19 && dpkg-deb -f '$tc' Depends | grep -q lld-19 && dpkg-deb -f '$tc' Depends | grep -q 'llvm-19'"
	check "cloudabi-toolchain recommends qemu-user-static" grep -q qemu-user-static <<< "$(dpkg-deb -f "$tc" Recommends)"
	check "cloudabi-toolchain ships man pages" sh -c "dpkg-deb -c '$tc' | grep -q 'usr/share/man/man1/cloudabi-cc.1.gz'"
	check "cloudabi-run ships cloudabi-run(1)" \
		sh -c "dpkg-deb -c '$(ls "$pk"/cloudabi-run_*.deb)' | grep -q 'usr/share/man/man1/cloudabi-run.1.gz'"
	check "cloudabi-run says it links Debian's musl statically" \
		grep -Eq '^musl \(= [^)]*\)$' <<< "$(dpkg-deb -f "$(ls "$pk"/cloudabi-run_*.deb)" Static-Built-Using)"
	tarball=$(ls "$pk"/cloudabi-toolchain-*-"$(uname -m)".tar.xz 2> /dev/null)
	check "the relocatable tarball is there" test -s "$tarball"
	# The tarball: unpacked somewhere new, it compiles and runs hello.
	mkdir -p "$scratch/t"
	tar -xJf "$tarball" -C "$scratch/t"
	printf '#include <stdio.h>\nint main(void) { puts("from the tarball"); return 0; }\n' > "$scratch/t/h.c"
	tcc=$(ls -d "$scratch"/t/cloudabi-toolchain-*/bin/x86_64-unknown-cloudabi-cc)
	check "the tarball, unpacked anywhere, compiles hello" "$tcc" "$scratch/t/h.c" -o "$scratch/t/h"
	check "and hello runs" test "$("$scratch/t/h")" = "from the tarball"
	check "the tarball carries README, LICENSE and COPYRIGHT" \
		sh -c "cd $scratch/t/cloudabi-toolchain-* && test -s README && test -s LICENSE && test -s COPYRIGHT"
fi

# ---- 1b. the RPM packages --------------------------------------------------
# Built from the same tarballs the same way: the same packages holding the
# same paths (the Debian packages' /usr/share/doc/<package> against the
# RPMs' /usr/share/licenses/<package>), the architecture-independent ones
# byte for byte, and installed into an empty root with rpm they compile
# and run hello.
if want rpm; then
	rpms=$(cd "$pk" && ls *.rpm 2> /dev/null | grep -v '\.src\.rpm$' || true)
	check "out/packages holds six RPMs and a source RPM" \
		sh -c "test $(echo $rpms | wc -w) = 6 && ls '$pk'/*.src.rpm > /dev/null"
	for f in $rpms "$(cd "$pk" && ls *.src.rpm)"; do
		check "$f: its digests verify (rpm -K)" sh -c "rpm -K --nosignature '$pk/$f' | grep -q 'digests OK'"
	done
	# the non-directory entries of a package: path and kind (file or link)
	deb_entries() {
		dpkg-deb -c "$1" | awk '$1 !~ /^d/ { k = substr($1, 1, 1); print k " " $6 }' | sed 's| \./| /|' |
			grep -v " /usr/share/doc/\| /usr/share/lintian/overrides/" | LC_ALL=C sort
	}
	rpm_entries() {
		rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$1" 2> /dev/null | awk '$1 !~ /^d/ { print substr($1, 1, 1) " " $2 }' |
			grep -v " /usr/share/licenses/" | LC_ALL=C sort
	}
	deb_entries "$(ls "$pk"/x86-64-unknown-cloudabi-cxx-runtime_*.deb)" > "$scratch/deb-cxx.list"
	rpm_entries "$(ls "$pk"/x86-64-unknown-cloudabi-c-runtime-*.rpm)" > "$scratch/rpm-c.list"
	for d in $debs; do
		p=$(deb_field "$d" Package)
		rf=$(ls "$pk/$p-$version"*.rpm 2> /dev/null | grep -v src.rpm | head -n 1 || true)
		if [ -z "$rf" ]; then not_ok "$p: there is an RPM of it" "none in $pk"; continue; fi
		check "$p: the RPM holds the same paths as the .deb ($(deb_entries "$pk/$d" | wc -l))" \
			diff <(deb_entries "$pk/$d") <(rpm_entries "$rf")
		check "$p: the RPM carries the licences" sh -c "rpm_q() { rpm -qlp '$rf'; }; rpm_q | grep -q '/usr/share/licenses/$p/LICENSE' && rpm_q | grep -q '/usr/share/licenses/$p/copyright'"
		check "$p: version $version in the RPM too" test "$(rpm -qp --qf '%{VERSION}-%{RELEASE}' "$rf")" = "$version"
	done
	check "(control) the comparison tells two packages apart" \
		sh -c "! diff -q '$scratch/deb-cxx.list' '$scratch/rpm-c.list' > /dev/null"
	# The noarch packages, unpacked: the same bytes as the .debs' (the
	# target libraries do not depend on the build directory).
	for a in x86_64 aarch64; do
		for kind in c cxx; do
			p=${a//_/-}-unknown-cloudabi-$kind-runtime
			mkdir -p "$scratch/rpm-$p" "$scratch/deb-$p"
			dpkg-deb -x "$(ls "$pk/${p}_"*.deb)" "$scratch/deb-$p"
			(cd "$scratch/rpm-$p" && rpm2cpio "$(ls "$pk/$p-"*.noarch.rpm)" | cpio -idm --quiet)
			rm -rf "$scratch/deb-$p/usr/share/doc" "$scratch/deb-$p/usr/share/lintian" "$scratch/rpm-$p/usr/share/licenses"
			check "$p: the RPM's files are the .deb's, byte for byte" diff -r "$scratch/deb-$p" "$scratch/rpm-$p"
			check "$p: the RPM is noarch" test "$(rpm -qp --qf '%{ARCH}' "$(ls "$pk/$p-"*.rpm)")" = noarch
		done
	done
	tr=$(ls "$pk"/cloudabi-toolchain-[0-9]*."$(uname -m)".rpm)
	check "cloudabi-toolchain (RPM) requires the LLVM 19 tools by path" \
		sh -c "rpm -qp --requires '$tr' | grep -qx '/usr/lib/llvm-19/bin/clang' && rpm -qp --requires '$tr' | grep -qx '/usr/lib/llvm-19/bin/ld.lld'"
	check "and those paths are what the .deb's clang-19 and lld-19 dependencies provide" \
		sh -c "dpkg -S /usr/lib/llvm-19/bin/clang | grep -q '^clang-19:' && dpkg -S /usr/lib/llvm-19/bin/ld.lld | grep -q '^lld-19:'"
	check "cloudabi-toolchain (RPM) recommends qemu-user-static" sh -c "rpm -qp --recommends '$tr' | grep -qx qemu-user-static"
	# rpm -i into an empty root (its database knows nothing of Debian's
	# LLVM, hence --nodeps), then the compiler used from there.
	rr=$scratch/rpm-root
	mkdir -p "$rr"
	check "the six RPMs install into an empty root (rpm -i --root)" \
		sh -c "rpm --root '$rr' --initdb && rpm --root '$rr' -i --nodeps $(for f in $rpms; do printf "'%s' " "$pk/$f"; done)"
	check "rpm -Va: every installed file is as packaged" rpm --root "$rr" -Va --nodeps
	cp "$rr/usr/bin/cloudabi-run" "$scratch/cloudabi-run.saved"
	echo >> "$rr/usr/bin/cloudabi-run"
	expect_fail "(control) rpm -Va sees a changed file" "/usr/bin/cloudabi-run" rpm --root "$rr" -Va --nodeps
	cp "$scratch/cloudabi-run.saved" "$rr/usr/bin/cloudabi-run"
	printf '#include <stdio.h>\nint main(void) { puts("from the RPMs"); return 0; }\n' > "$scratch/rh.c"
	check "the RPM-installed x86_64-unknown-cloudabi-cc compiles hello" \
		"$rr/usr/bin/x86_64-unknown-cloudabi-cc" "$scratch/rh.c" -o "$scratch/rh"
	check "and hello runs" test "$("$scratch/rh" 2>&1)" = "from the RPMs"
	check "rpm -e removes them and leaves no file of ours" \
		sh -c "rpm --root '$rr' -e --nodeps \$(rpm --root '$rr' -qa) && ! find '$rr/usr' ! -type d | grep -q ."
fi

# ---- 2. the apt repository -------------------------------------------------
repo=$pk/apt
if want apt || want install; then
	check "make apt-repo makes the repository" make -s -C "$top" apt-repo
	check "its InRelease verifies with the shipped key" \
		gpgv --keyring "$repo/cloudabi-archive-keyring.gpg" "$repo/InRelease"
	check "its Packages index lists every .deb" \
		test "$(grep -c '^Package: ' "$repo/Packages")" = "$(echo $debs | wc -w)"
	cp "$repo/InRelease" "$scratch/tampered"
	sed -i 's/^Origin: .*/Origin: someone-else/' "$scratch/tampered"
	expect_fail "(control) a tampered InRelease does not verify" "BAD signature" \
		gpgv --keyring "$repo/cloudabi-archive-keyring.gpg" "$scratch/tampered"
fi

# ---- the clean roots -------------------------------------------------------
roots=$top/build/packaging-test
base=$roots/bookworm-minbase.tar
mounted=()
cleanup() {
	local m
	# an early exit does not leave the OCI build running
	[ -z "${oci_pid:-}" ] || kill "$oci_pid" 2> /dev/null || true
	[ -z "${source_pid:-}" ] || kill "$source_pid" 2> /dev/null || true
	for m in "${mounted[@]}"; do umount -l "$m" 2> /dev/null || true; done
	if grep -q " $roots/" /proc/self/mounts; then
		echo "packaging: something is still mounted under $roots; not removing it" >&2
	else
		rm -rf "$roots"/root-*
	fi
	rm -rf "$scratch"
}
trap cleanup EXIT

# A fresh root from the cached minbase tarball (made once per build tree),
# in $r (not printed: its mount must be recorded in this shell for cleanup).
new_root() {
	r=$roots/root-$1
	rm -rf "$r"
	mkdir -p "$r"
	tar -xf "$base" -C "$r"
	# Its apt sources and Acquire settings are this machine's own.
	"$top/tests/packaging/root-apt.sh" "$r"
	mount -t proc proc "$r/proc"
	mounted+=("$r/proc")
	mkdir -p "$r/build"
	chroot "$r" /usr/sbin/useradd -m -d /build/user -u 4242 user
}
in_root() { local r=$1; shift; chroot "$r" /usr/bin/env -i PATH=$sys_path HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
as_user() { chroot --userspec=4242:4242 "$1" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/build/user LC_ALL=C.UTF-8 sh -c "cd /build/user && $2"; }
# everything outside the state and scratch directories of a root
snapshot() {
	(cd "$1" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./tmp -o -path ./home -o -path ./build -o -path ./root \
		-o -path ./var/cache -o -path ./var/lib/apt -o -path ./var/lib/dpkg -o -path ./var/log \
		-o -path ./srv -o -path ./var/lib/systemd -o -path ./etc/apt/sources.list.d \) -prune -o -print) | LC_ALL=C sort
}

if want install || want source; then
	mkdir -p "$roots"
	if [ ! -s "$base" ]; then
		"$top/tests/packaging/minbase.sh" "$base" || true
	fi
	check "a clean bookworm root (debootstrap --variant=minbase)" test -s "$base"
fi

# The OCI build (part 5) runs beside parts 3 and 4: it mostly waits on
# the archive (apt inside podman build) while the source build keeps the
# processors busy. Its output is counted at the end.
oci_pid=""
if want oci; then
	mkdir -p "$roots"
	echo "the OCI build image (tests/packaging/oci.sh) starts beside the roots ..."
	"$top/tests/packaging/oci.sh" > "$roots/oci.out" 2>&1 &
	oci_pid=$!
fi

# ---- 4. the source package, offline, in a clean root -----------------------
# Its build keeps the processors busy for several minutes while part 3
# mostly waits on the archive, so it runs beside part 3; its checks come
# after it.
source_pid=""
if want source && [ -s "$base" ]; then
	new_root source
	src_root=$r
	mkdir -p "$src_root/build/in"
	cp "$dsc" "$pk"/*.orig*.tar.* "$pk"/*.debian.tar.xz "$src_root/build/in/"
	chown -R 4242:4242 "$src_root/build"
	echo "building the source package offline in a clean root, beside part 3 (several minutes) ..."
	rm -f "$roots/source.status"
	(
		deps=0 build=0
		chroot "$src_root" /usr/bin/env -i PATH=$sys_path DEBIAN_FRONTEND=noninteractive sh -c "apt-get update -qq && apt-get install -y -qq build-essential dpkg-dev && apt-get build-dep -y /build/in/$(basename "$dsc")" > "$roots/build-dep.log" 2>&1 || deps=$?
		unshare -n chroot --userspec=4242:4242 "$src_root" /usr/bin/env -i PATH=$sys_path HOME=/build LC_ALL=C.UTF-8 sh -c "cd /build && dpkg-source -x in/$(basename "$dsc") src && cd src && DEB_BUILD_OPTIONS=parallel=$(nproc) dpkg-buildpackage -b -us -uc" > "$roots/source-build.log" 2>&1 || build=$?
		echo "$deps $build" > "$roots/source.status"
	) &
	source_pid=$!
fi

# ---- 3. install, use, purge ------------------------------------------------
if want install && [ -s "$base" ]; then
	new_root install
	mkdir -p "$r/srv/cloudabi"
	cp -a "$repo/." "$r/srv/cloudabi/"
	check "the root has no compiler of ours before" test ! -e "$r/usr/bin/x86_64-unknown-cloudabi-cc"
	in_root "$r" apt-get update -qq > "$roots/apt-update.log" 2>&1
	in_root "$r" apt-get install -y -qq cmake make man-db > "$roots/apt-deps.log" 2>&1
	before=$(snapshot "$r")
	echo "deb [signed-by=/srv/cloudabi/cloudabi-archive-keyring.gpg] file:/srv/cloudabi ./" \
		> "$r/etc/apt/sources.list.d/cloudabi.list"
	check "apt-get update takes the signed local repository" \
		sh -c "chroot '$r' /usr/bin/env -i PATH=$sys_path apt-get update 2>&1 | grep -q 'file:/srv/cloudabi'"
	ours="cloudabi-toolchain cloudabi-run x86-64-unknown-cloudabi-cxx-runtime aarch64-unknown-cloudabi-cxx-runtime"
	check "apt-get install $ours (dependencies from the archive)" \
		sh -c "chroot '$r' /usr/bin/env -i PATH=$sys_path DEBIAN_FRONTEND=noninteractive apt-get install -y $ours > '$roots/apt-install.log' 2>&1"
	cp "$top/tests/demo/confined.c" "$top/tests/packaging/escape.c" "$r/build/user/"
	cp -R "$top/tests/packaging/cmake-project" "$r/build/user/cmake-project"
	printf '#include <stdio.h>\nint main(void) { puts("hello, C"); return 0; }\n' > "$r/build/user/hello.c"
	printf '#include <iostream>\n#include <stdexcept>\nint main() { try { throw std::runtime_error("C++"); } catch (const std::exception &e) { std::cout << "hello, " << e.what() << std::endl; } }\n' > "$r/build/user/hello.cc"
	chown -R 4242:4242 "$r/build/user"
	for a in x86_64 aarch64; do
		t=$a-unknown-cloudabi
		run=./
		[ "$a" = "$(uname -m)" ] || run="CLOUDABI_ALLOW_UNCONFINED=1 ./"
		check "as a user: $t-cc builds hello" as_user "$r" "$t-cc hello.c -o hello-$a"
		check "as a user: hello ($a) runs" test "$(as_user "$r" "${run}hello-$a")" = "hello, C"
		check "as a user: $t-c++ builds a C++ hello with an exception" as_user "$r" "$t-c++ hello.cc -o hellocc-$a"
		check "as a user: the C++ hello ($a) runs" test "$(as_user "$r" "${run}hellocc-$a")" = "hello, C++"
		check "as a user: the executable is CloudABI's (OS/ABI 17)" \
			sh -c "chroot '$r' /usr/bin/$t-readelf -h /build/user/hello-$a | grep -q 'OS/ABI:.*CloudABI'"
	done
	check "as a user: CMake configures, builds and ctest passes (x86_64, through cloudabi-run)" \
		as_user "$r" "cmake -S cmake-project -B build -DCMAKE_TOOLCHAIN_FILE=/usr/share/cloudabi/cmake/x86_64-unknown-cloudabi.cmake > cmake.log 2>&1 && cmake --build build >> cmake.log 2>&1 && cd build && ctest --output-on-failure >> ../cmake.log 2>&1"
	check "as a user: a libc-free binary is built" \
		as_user "$r" "x86_64-unknown-cloudabi-cc -nostdlib -ffreestanding -O2 escape.c -o escape"
	check "as a user: under cloudabi-run its raw open(\"/etc/passwd\") is refused" \
		test "$(as_user "$r" "cloudabi-run ./escape")" = EPERM
	check "(control) with --unconfined the same open gets through" \
		test "$(as_user "$r" "cloudabi-run --unconfined ./escape")" = opened
	check "as a user: the demo runs confined with one directory" \
		sh -c "chroot --userspec=4242:4242 '$r' /usr/bin/env -i PATH=/usr/bin:/bin HOME=/build/user sh -c 'cd /build/user && mkdir -p data && echo note > data/note.txt && x86_64-unknown-cloudabi-cc confined.c -o demo && cloudabi-run --dir data=data ./demo' | grep -q 'note.txt says: note'"
	check "man cloudabi-run works" \
		sh -c "chroot '$r' /usr/bin/env -i PATH=$sys_path MANPAGER=cat man cloudabi-run 2>/dev/null | grep -q 'only the descriptors it is given'"
	check "man x86_64-unknown-cloudabi-cc works" \
		sh -c "chroot '$r' /usr/bin/env -i PATH=$sys_path MANPAGER=cat man x86_64-unknown-cloudabi-cc 2>/dev/null | grep -q 'DIFFERENCES FROM CLANG'"

	# Purge: our packages and what came only for them.
	paths=$(for d in $debs; do deb_files "$d"; done | LC_ALL=C sort -u)
	# of_ours_present: the paths of our packages the root has now and did
	# not have before the install
	of_ours_present() {
		local p
		for p in $paths; do
			if { [ -e "$r$p" ] || [ -L "$r$p" ]; } && ! grep -qxF ".$p" <<< "$before"; then echo "$p"; fi
		done
	}
	check "(control) before the purge, that check finds the files of our packages" \
		test "$(of_ours_present | wc -l)" -gt 1000
	check "apt-get purge removes our packages" \
		sh -c "chroot '$r' /usr/bin/env -i PATH=$sys_path DEBIAN_FRONTEND=noninteractive apt-get purge -y $ours x86-64-unknown-cloudabi-c-runtime aarch64-unknown-cloudabi-c-runtime > '$roots/apt-purge.log' 2>&1 && chroot '$r' /usr/bin/env -i PATH=$sys_path DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y >> '$roots/apt-purge.log' 2>&1"
	check "dpkg knows none of our packages afterwards" \
		sh -c "! chroot '$r' dpkg-query -W -f='\${Package} \${Status}\n' 2>/dev/null | grep -q 'cloudabi'"
	left=$(of_ours_present)
	if [ -z "$left" ]; then ok "no path of our packages is left"
	else not_ok "no path of our packages is left" "$(head -n 20 <<< "$left")"; fi
	after=$(snapshot "$r")
	check "the file system equals the one before the install" diff <(echo "$before") <(echo "$after")
fi

# ---- 4, its checks: the offline build started before part 3 ---------------
if [ -n "$source_pid" ]; then
	echo "waiting for the offline build of the source package ..."
	wait "$source_pid" || true
	source_pid=""
	read -r deps build < "$roots/source.status" || { deps=none; build=none; }
	if [ "$deps" = 0 ]; then ok "build-essential and the Build-Depends install (apt-get build-dep on the .dsc)"
	else not_ok "build-essential and the Build-Depends install (apt-get build-dep on the .dsc)" "status $deps" "$(tail -n 5 "$roots/build-dep.log")"; fi
	if [ "$build" = 0 ]; then ok "dpkg-buildpackage builds it as a user with no network (unshare -n)"
	else not_ok "dpkg-buildpackage builds it as a user with no network (unshare -n)" "status $build" "$(tail -n 10 "$roots/source-build.log")"; fi
	for d in $debs; do
		check "$d: the offline build is byte-identical" cmp -s "$pk/$d" "$src_root/build/$d"
	done
fi

# ---- 5. the OCI build image (tests/packaging/oci.sh) -----------------------
if [ -n "$oci_pid" ]; then
	echo "waiting for the OCI build image (tests/packaging/oci.sh) ..."
	status=0
	wait "$oci_pid" || status=$?
	oci_pid=""
	record_checks "oci: " "$status" "$(cat "$roots/oci.out")"
fi

finish
