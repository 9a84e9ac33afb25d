#!/usr/bin/env bash
# The quick subset of tests/ports that `make test` (and so CI) runs: one
# autoconf, one CMake and one configure+make project, both targets.
# `make test-ports` runs them all.
exec "$(dirname "$0")/../ports/run.sh" libyaml cjson zlib
