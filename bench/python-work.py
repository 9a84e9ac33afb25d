# The in-process workloads of make bench's python group: the same file
# runs under the CloudABI python3 (confined by cloudabi-run) and under the
# host's python3.11. Prints "NAME NANOSECONDS" for each: json (dumps and
# loads of a generated document, as pyperformance's json_dumps/json_loads
# do) and regex (a set of patterns over generated text, as its regex_v8
# and regex_effbot do), timed inside the interpreter with perf_counter_ns.
import json
import random
import re
import time

rng = random.Random(1)
words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10)))
         for _ in range(2000)]
doc = [{"id": i, "name": rng.choice(words), "tags": rng.sample(words, 5),
        "score": rng.random(), "nested": {"a": [i, i * 2, None, True], "b": rng.choice(words)}}
       for i in range(3000)]
text = " ".join(rng.choice(words) + rng.choice(["", ".", ",", "@example.org", " 2026-12-07", " 10.0.0.1"])
                for _ in range(60000))
patterns = [re.compile(p) for p in (
    r"\b\w+@\w+\.org\b", r"\d{4}-\d{2}-\d{2}", r"(\d+)\.(\d+)\.(\d+)\.(\d+)",
    r"\b[aeiou]\w*[aeiou]\b", r"(\w+),\s(\w+)", r"[A-Z]", r"\b(\w)(\w)?\2\1\b")]


def json_work():
    for _ in range(4):
        json.loads(json.dumps(doc))


def regex_work():
    n = 0
    for p in patterns:
        n += len(p.findall(text))
    return n


for name, work in (("json", json_work), ("regex", regex_work)):
    t = time.perf_counter_ns()
    work()
    print(name, time.perf_counter_ns() - t, flush=True)
