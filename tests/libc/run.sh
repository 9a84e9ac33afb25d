#!/usr/bin/env bash
# Functional tests of the capability libc: what it keeps and what it adds.
# Each program gets an empty directory on descriptor 3 and checks itself.
source "$(dirname "$0")/../lib.sh"
run_programs "$(cd "$(dirname "$0")" && pwd)"
finish
