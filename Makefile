# The CloudABI toolchain. Everything is done by build.sh and tests/run.sh;
# these targets are the short names.
PREFIX ?= /opt/cloudabi
TARGET ?= all

.PHONY: all build test test-full test-vm test-libcxx-full test-ports test-python test-distributed install clean update-expected update-locks bench packages apt-repo test-packaging check-reproducible

all: build

build:
	./build.sh --target $(TARGET)

# Builds first (a no-op when nothing changed), then every fast suite.
test: build
	tests/run.sh

# Confinement on booted kernels: Debian 12's arm64 and amd64 kernels under
# qemu-system (tests/vm; make test includes it).
test-vm: build
	tests/run.sh vm

# Every suite, including the slow ones: libc++'s whole test suite (hours on
# two cores; resumable, see tests/libcxx/full.sh).
test-full: build
	tests/run.sh --full
	PATH=$(CURDIR)/build/host-tools tests/libcxx/full.sh --arch x86_64
	PATH=$(CURDIR)/build/host-tools tests/libcxx/full.sh --arch aarch64

# libc++'s whole test suite on one target, sharded by directory, resumable:
#   make test-libcxx-full [ARCH=aarch64] [DIRS="std/numerics std/diagnostics"]
ARCH ?= x86_64
DIRS ?=
test-libcxx-full: build
	PATH=$(CURDIR)/build/host-tools tests/libcxx/full.sh --arch $(ARCH) $(DIRS)

# Upstream projects built with their own build systems and tested confined
# (tests/ports); PORT=name runs one. Prints the ports table.
test-ports: build
	PATH=$(CURDIR)/build/host-tools tests/ports/run.sh $(PORT)

# CPython's own regression tests (tests/python/modules.txt) on both targets
# against the host's python3.11 in the same run; MODULES="test_json ..."
# runs some. Writes build/python-tests/results.md.
test-python: build
	PATH=$(CURDIR)/build/host-tools tests/python/regrtest.sh $(MODULES)

# distcc and icecream with the CloudABI compilers across build hosts made
# of network namespaces and debootstrap roots on this machine, as root
# (tests/distributed; docs/distributed.md). Installs the [distributed]
# section of scripts/host-packages.txt first.
test-distributed: build
	tests/distributed/prepare.sh
	PATH=$(CURDIR)/build/host-tools tests/distributed/run.sh

# The Debian source and binary packages and the relocatable tarball, into
# out/packages/ (packaging/build.sh; docs/packaging.md).
packages:
	packaging/build.sh

# Two builds of every artifact (other directory, time, umask, locale, time
# zone) compared byte for byte; diffoscope shows what differs.
# REFERENCE=DIR: the out/packages of another clone's make packages is build A.
check-reproducible:
	packaging/check-reproducible.sh $(if $(REFERENCE),--reference $(REFERENCE))

# A signed local apt repository of those .debs, in out/packages/apt/.
apt-repo:
	packaging/apt-repo.sh

# The packages installed on a clean Debian root (debootstrap), used, purged;
# the source package rebuilt offline in another to the same bytes
# (tests/packaging). Needs make packages first; .ci/run runs both.
test-packaging:
	scripts/host-tools.sh scripts/host-packages.txt build/host-tools build test packaging
	PATH=$(CURDIR)/build/host-tools tests/packaging/run.sh

install:
	./build.sh --target $(TARGET) --prefix $(PREFIX)

clean:
	rm -rf build out

# Regenerate the committed lists in tests/expected/ after a deliberate change.
update-expected: build
	tests/update-expected.sh

# Move a pinned input deliberately: shows the newest Debian version whose
# file downloads and its sha256; WRITE=1 rewrites the lock's line.
#   make update-locks [NAME=zlib] [WRITE=1]
update-locks:
	scripts/update-locks.sh $(if $(WRITE),--write) $(NAME)

# Benchmarks (bench/README.md): every figure a median of rounds alternating
# with its baseline, printed with its spread and its target; writes
# bench/results/latest.json, latest.md and the charts. Installs the [bench]
# packages as root, then runs with PATH limited to build/host-tools (which
# it rewrites, so it is not started with that PATH). GROUPS picks groups (then the results go to
# build/bench/results); BENCH_RUNS sets the rounds of every group.
#   make bench [GROUPS="startup size"] [BENCH_RUNS=N]
GROUPS ?=
bench: build
	bench/run.sh $(if $(strip $(GROUPS)),--groups "$(GROUPS)")
