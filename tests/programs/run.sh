#!/usr/bin/env bash
# Self-checking C programs (math, long double, threads, stdio, iconv) built
# for each target and run: every CHECK line a program prints is one test.
source "$(dirname "$0")/../lib.sh"
run_programs "$(cd "$(dirname "$0")" && pwd)"
finish
