#!/usr/bin/env python3
# Compare one lit run (its --output JSON) with the expected-failures list.
#
#   results.py RESULTS.json XFAIL.txt ARCH
#
# Prints one tab-separated line per test for run.sh to count:
#   pass NAME | fail NAME DETAIL | xfail NAME REASON | unsupported NAME
# A listed test that passes is a failure too ("the list is stale"), and so
# is a listed line without a reason.
import json
import sys

results_path, xfail_path, arch = sys.argv[1:4]
expected = {}
for n, line in enumerate(open(xfail_path), 1):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    fields = line.split("\t")
    if len(fields) < 3 or fields[2].strip() == "":
        print("fail\t%s:%d\tevery line needs: test<TAB>arches<TAB>reason" % (xfail_path, n))
        continue
    test, arches, reason = fields[0], fields[1], fields[2]
    if arches == "all" or arch in arches.split(","):
        expected[test] = reason

for t in json.load(open(results_path))["tests"]:
    name = t["name"].split(" :: ", 1)[1]
    code = t["code"]
    if code == "UNSUPPORTED":
        print("unsupported\t%s" % name)
    # XFAIL: libc++'s own annotation held. FLAKYPASS: a test that declares
    # ALLOW_RETRIES (libc++'s timing tests) passed on a retry it allows,
    # which lit itself counts as success; under load it happens.
    elif code in ("PASS", "XFAIL", "FLAKYPASS"):
        if name in expected:
            print("fail\t%s\tlisted in xfail.txt but passes: remove the line" % name)
        else:
            print("pass\t%s" % name)
    elif name in expected:
        print("xfail\t%s\t%s" % (name, expected[name]))
    else:
        detail = t.get("output", "").strip().splitlines()
        print("fail\t%s\t%s (%s)" % (name, " | ".join(detail[-6:]), code))
