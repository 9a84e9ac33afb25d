#!/usr/bin/env python3
# Run lit on libc++'s test tree with tests/libcxx/cloudabi.cfg.py as the
# suite's configuration (the tree's own lit.cfg.py only says to use CMake).
#
#   lit.py LLVMSRC [LIT ARGUMENTS...]
import os
import sys

llvm = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.join(llvm, "llvm", "utils", "lit"))
from lit.main import main

ours = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cloudabi.cfg.py")
theirs = os.path.normcase(os.path.join(llvm, "libcxx", "test", "lit.cfg.py"))
sys.argv = [sys.argv[0]] + sys.argv[2:]
main({"config_map": {theirs: ours}})
