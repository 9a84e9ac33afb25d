#!/usr/bin/env python3
"""Print, per installed C header of a sysroot, what the manifest removed
from it as users see it: each function declared unavailable (read from
the installed header itself), and each macro, type or variable of
libc/manifest.tsv that the header no longer has.

    removed.py SYSROOT-INCLUDE-DIR MANIFEST

One line per item, sorted: HEADER <tab> KIND <tab> NAME, KIND being
"unavailable function", "removed macro", "removed type" or "removed
variable"; an item the manifest removes but the header still has is
printed as "STILL THERE <kind>", so a diff shows it."""
import os
import re
import sys

incdir, manifest = sys.argv[1], sys.argv[2]
lines = set()
unavailable = re.compile(r'__unavailable__\("([A-Za-z_][A-Za-z0-9_]*)\(\) is not available')
for root, dirs, files in os.walk(incdir):
    dirs[:] = [d for d in dirs if os.path.join(root, d) != os.path.join(incdir, "c++")]
    for f in files:
        if not f.endswith(".h"):
            continue
        path = os.path.join(root, f)
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        rel = os.path.relpath(path, incdir)
        for name in unavailable.findall(text):
            lines.add("%s\tunavailable function\t%s" % (rel, name))

with open(manifest, encoding="utf-8") as fh:
    for row in fh:
        if row.startswith("#") or not row.strip():
            continue
        name, kind, _area, headers = row.rstrip("\n").split("\t")[:4]
        if kind == "function" or headers == "-":
            continue
        for h in headers.split(","):
            path = os.path.join(incdir, h)
            text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if kind == "macro":
                there = re.search(r"^[ \t]*#[ \t]*define[ \t]+%s\b" % re.escape(name), text, re.M)
            else:
                there = re.search(r"^[^\n#]*\b%s\b[^\n]*;" % re.escape(name), text, re.M)
            lines.add("%s\t%s%s\t%s" % (h, "STILL THERE " if there else "removed ", kind, name))

for line in sorted(lines):
    print(line)
