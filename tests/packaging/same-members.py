#!/usr/bin/env python3
"""same-members.py REPACK PINNED DIR...: every regular file and link of the
tar REPACK is in the tar PINNED with the same contents (the top directory
of each may differ), and REPACK holds each DIR. Prints what differs."""
import hashlib
import sys
import tarfile


def members(path):
    out = {}
    with tarfile.open(path) as t:
        for m in t:
            name = m.name.split("/", 1)[1] if "/" in m.name else ""
            if m.isfile():
                out[name] = hashlib.sha256(t.extractfile(m).read()).hexdigest()
            elif m.issym() or m.islnk():
                out[name] = "link:" + m.linkname
    return out


repack, pinned, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
a = members(repack)
b = members(pinned)
bad = [n for n in sorted(a) if b.get(n) != a[n]]
for n in bad[:20]:
    print("differs or absent from the pinned tarball:", n)
missing = [d for d in dirs if not any(n.startswith(d + "/") for n in a)]
for d in missing:
    print("the repack has no", d + "/")
print(f"{len(a)} members compared, {len(bad)} differ")
sys.exit(1 if bad or missing or not a else 0)
