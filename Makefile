# The CloudABI toolchain. Everything is done by build.sh and tests/run.sh;
# these targets are the short names.
PREFIX ?= /opt/cloudabi
TARGET ?= all

.PHONY: all build test test-full test-ports install clean update-expected bench

all: build

build:
	./build.sh --target $(TARGET)

# Builds first (a no-op when nothing changed), then every fast suite.
test: build
	tests/run.sh

# Every suite, including the slow ones (none yet beyond `make test`).
test-full: build
	tests/run.sh --full

# Upstream projects built with their own build systems and tested confined
# (tests/ports); PORT=name runs one. Prints the ports table.
test-ports: build
	PATH=$(CURDIR)/build/host-tools tests/ports/run.sh $(PORT)

install:
	./build.sh --target $(TARGET) --prefix $(PREFIX)

clean:
	rm -rf build out

# Regenerate the committed lists in tests/expected/ after a deliberate change.
update-expected: build
	tests/update-expected.sh

# Benchmarks print ratios against a baseline measured in the same run.
bench: build
	PATH=$(CURDIR)/build/host-tools bench/startup.sh
	PATH=$(CURDIR)/build/host-tools bench/isolate.sh
