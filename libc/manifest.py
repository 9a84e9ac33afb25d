#!/usr/bin/env python3
"""The removed-API manifest (libc/manifest.tsv) and everything made from it.

    manifest.py headers  MANIFEST INCLUDEDIR   mark removed functions unavailable,
                                               delete removed macros, in installed headers
    manifest.py prune    MANIFEST PENDING BUILDDIR
                                               take the removed names out of musl's objects
                                               and rebuild BUILDDIR/lib/libc.a
    manifest.py messages MANIFEST              "symbol<TAB>explanation" for the linker's
                                               error-handling script (names and aliases)
    manifest.py names    MANIFEST              every removed symbol (names and aliases)
    manifest.py tests    MANIFEST OUTDIR       compile-fail and link-fail test sources

Columns of the manifest (tab-separated, # starts a comment line):
name, kind, area, headers, aliases, reason, replacement. headers is "-"
for a function musl defines but no header declares (init_module ...):
it is only taken out of libc.a and tested at link time.
"""
import os
import re
import subprocess
import sys

FIELDS = ("name", "kind", "area", "headers", "aliases", "reason", "replacement")
KINDS = {"function", "macro", "type", "variable"}


class Entry:
    def __init__(self, row, lineno):
        for field, value in zip(FIELDS, row):
            setattr(self, field, value.strip())
        self.lineno = lineno
        self.headers = [h for h in self.headers.split(",") if h and h != "-"]
        self.aliases = [a for a in self.aliases.split(",") if a and a != "-"]

    def message(self, name=None):
        """The one explanation, used by headers, the linker and tests."""
        shown = (name or self.name) + ("()" if self.kind == "function" else "")
        return "%s is not available on CloudABI: %s; use %s" % (
            shown, self.reason, self.replacement)


def load(path):
    entries, seen = [], {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            row = line.split("\t")
            if len(row) != len(FIELDS):
                sys.exit("%s:%d: expected %d tab-separated fields, found %d"
                         % (path, lineno, len(FIELDS), len(row)))
            e = Entry(row, lineno)
            if e.kind not in KINDS:
                sys.exit("%s:%d: unknown kind %r" % (path, lineno, e.kind))
            if '"' in e.message() or "\\" in e.message():
                sys.exit("%s:%d: quotes or backslashes in the message" % (path, lineno))
            for n in [e.name] + e.aliases:
                if n in seen:
                    sys.exit("%s:%d: %s is already listed on line %d"
                             % (path, lineno, n, seen[n]))
                seen[n] = lineno
            entries.append(e)
    return entries


# ---- headers -----------------------------------------------------------------

def find_declarations(text, name):
    """Spans (start of name, index of the closing ';') of every function
    declaration of NAME outside preprocessor lines and comments."""
    spans = []
    for m in re.finditer(r"(?<![\w.>])%s\s*\(" % re.escape(name), text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text[line_start:m.start()].lstrip().startswith("#"):
            continue  # a macro, not a declaration
        # the statement must begin after a ; { } or a preprocessor line
        before = text[line_start:m.start()]
        if re.search(r"[=(),]", before):
            continue  # a use inside an expression or a parameter list
        depth, i = 0, m.end() - 1
        while i < len(text):
            c = text[i]
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        j = i + 1
        while j < len(text) and text[j] not in ";{":
            j += 1
        if j < len(text) and text[j] == ";":
            spans.append((m.start(), j))
    return spans


def remove_macro(text, name):
    pattern = re.compile(r"^[ \t]*#[ \t]*define[ \t]+%s\b.*\n" % re.escape(name), re.M)
    return pattern.subn("", text)


def cmd_headers(manifest, incdir):
    entries = load(manifest)
    files = {}

    def read(h):
        if h not in files:
            path = os.path.join(incdir, h)
            if not os.path.exists(path):
                sys.exit("manifest: header %s (of line %d) is not installed" % (h, e.lineno))
            with open(path, encoding="utf-8") as f:
                files[h] = f.read()
        return files[h]

    problems = []
    for e in entries:
        found = 0
        for h in e.headers:
            text = read(h)
            if e.kind == "function":
                attr = ' __attribute__((__unavailable__("%s")))' % e.message()
                # last first, so earlier offsets stay valid
                for start, semi in reversed(find_declarations(text, e.name)):
                    text = text[:semi] + attr + text[semi:]
                    found += 1
            elif e.kind == "macro":
                text, n = remove_macro(text, e.name)
                found += n
            elif e.kind in ("type", "variable"):
                pat = re.compile(r"^[^\n#]*\b%s\b[^\n]*;\n" % re.escape(e.name), re.M)
                text, n = pat.subn("", text)
                found += n
            files[h] = text
        if found == 0 and e.headers:
            problems.append("line %d: %s %s not found in %s"
                            % (e.lineno, e.kind, e.name, ", ".join(e.headers)))
    if problems:
        sys.exit("manifest.py headers:\n  " + "\n  ".join(problems))
    for h, text in files.items():
        with open(os.path.join(incdir, h), "w", encoding="utf-8") as f:
            f.write(text)
    print("marked %d entries in %d headers" % (len(entries), len(files)))


# ---- the archive -------------------------------------------------------------

def nm(args, files):
    """{file: {symbol: type letter}} from llvm-nm -A over object files."""
    out = subprocess.run(["llvm-nm-19", "-A"] + args + files,
                         check=True, capture_output=True, text=True).stdout
    table = {f: {} for f in files}
    for line in out.splitlines():
        # file.lo: 0000000000000000 T name   or   file.lo:                  U name
        m = re.match(r"^(.*?):\s+(?:[0-9a-f]+\s+)?(\w)\s+(\S+)$", line)
        if m and m.group(1) in table:
            table[m.group(1)][m.group(3)] = m.group(2)
    return table


def load_pending(path):
    """Names that stay defined for now because kept code still uses them."""
    pending = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, why = line.partition("\t")
                pending[name.strip()] = why.strip()
    return pending


def cmd_prune(manifest, pending_file, builddir):
    """Remove every manifest name from musl's objects in BUILDDIR, then
    rebuild lib/libc.a from them. An object that defines only removed and
    internal (__) names is dropped; one that also defines a kept name, or an
    internal name kept code needs, has the removed names made local.
    Dropped objects may leave internal helpers that only they used; those
    go too. Kept code that needs a removed name is an error, unless the
    name is in the pending file (then it stays, and the tests say so)."""
    entries = load(manifest)
    pending = load_pending(pending_file)
    unknown = sorted(set(pending) - set(all_symbols(entries)))
    if unknown:
        sys.exit("manifest.py prune: pending names not in the manifest: " + " ".join(unknown))
    targets = set(all_symbols(entries)) - set(pending)
    listing = subprocess.run(["make", "-s", "-C", builddir, "-f", "Makefile", "-f", "-",
                              "print-aobjs"], input="print-aobjs:\n\t@printf '%s\\n' $(AOBJS)\n",
                             check=True, capture_output=True, text=True).stdout.split()
    objs = [os.path.join(builddir, o) for o in listing]
    defs = nm(["--defined-only", "--extern-only"], objs)
    undefs = nm(["--undefined-only"], objs)
    defined_before = set().union(*[set(d) for d in defs.values()])

    drop, localize = set(), {}
    for o in objs:
        hits = set(defs[o]) & targets
        if not hits:
            continue
        others = [n for n, t in defs[o].items() if n not in hits and t not in "WVwv"]
        if all(n.startswith("__") for n in others):
            drop.add(o)
        else:
            localize[o] = hits
    # Settle what the drops broke. Each round either keeps an object that was
    # to be dropped (with its removed names local) or drops an internal
    # helper nothing else needs; neither is ever undone, so this ends.
    initial, helpers = set(drop), set()
    while True:
        available, wanted = set(), set()
        for o in objs:
            if o not in drop:
                available |= set(defs[o]) - localize.get(o, set())
                wanted |= set(s for s, t in undefs[o].items() if t == "U")
        changed, problems = False, []
        for o in objs:
            if o in drop:
                continue
            missing = (set(s for s, t in undefs[o].items() if t == "U") & defined_before) - available
            if not missing:
                continue
            revive = [d for d in initial & drop if any(m in defs[d] and m not in targets for m in missing)]
            publics = [n for n, t in defs[o].items() if not n.startswith("__") and t not in "WVwv"]
            if revive:
                for d in revive:
                    drop.discard(d)
                    localize[d] = set(defs[d]) & targets
            elif not publics and not (set(defs[o]) & wanted):
                drop.add(o)  # an internal helper of removed code only
                helpers.add(o)
            else:
                problems.append("%s needs %s" % (os.path.relpath(o, builddir), ", ".join(sorted(missing))))
                continue
            changed = True
            break
        if not changed:
            break
    if problems:
        sys.exit("manifest.py prune: kept code needs removed names; rework it with a "
                 "patch in libc/patches, or list the name in libc/pending-removals.txt:\n  "
                 + "\n  ".join(sorted(problems)))
    for o, names in sorted(localize.items()):
        subprocess.run(["llvm-objcopy-19"] + ["--localize-symbol=" + n for n in sorted(names)] + [o],
                       check=True)
    kept = [o for o in objs if o not in drop]
    lib = os.path.join(builddir, "lib", "libc.a")
    os.remove(lib)
    subprocess.run(["llvm-ar-19", "rcs", lib] + kept, check=True)
    rel = lambda o: os.path.relpath(o, os.path.join(builddir, "obj"))
    print("dropped %d objects: %s" % (len(drop), " ".join(sorted(map(rel, drop)))))
    print("made removed names local in %d objects: %s" % (
        len(localize), "; ".join("%s (%s)" % (rel(o), " ".join(sorted(n)))
                                 for o, n in sorted(localize.items()))))
    if pending:
        print("still defined, pending rework: " + " ".join(sorted(pending)))


# ---- messages, names, tests ---------------------------------------------------

def all_symbols(entries):
    for e in entries:
        if e.kind in ("function", "variable"):
            yield e.name
            for a in e.aliases:
                yield a


def cmd_messages(manifest):
    for e in load(manifest):
        if e.kind in ("function", "variable"):
            for n in [e.name] + e.aliases:
                print("%s\t%s" % (n, e.message(n)))


def cmd_names(manifest):
    for n in all_symbols(load(manifest)):
        print(n)


def cmd_tests(manifest, outdir):
    """Per header: header.c referencing each removed function on its own
    line, and header.expect with "line<TAB>name<TAB>reason". One link.c
    calling every removed symbol through a hand-written prototype, and
    link.expect with "name<TAB>reason". absent.c: removed macros."""
    entries = load(manifest)
    os.makedirs(outdir, exist_ok=True)
    by_header = {}
    for e in entries:
        if e.kind == "function":
            for h in e.headers:
                by_header.setdefault(h, []).append(e)
    for h, es in sorted(by_header.items()):
        base = h.replace("/", "_").replace(".h", "")
        lines = ["/* generated by libc/manifest.py: every removed function of <%s> */" % h,
                 "#define _GNU_SOURCE 1", "#include <%s>" % h,
                 "void use_%s(void);" % base, "void use_%s(void)" % base, "{"]
        expect = []
        for e in es:
            lines.append("\t(void)&%s;" % e.name)
            expect.append("%d\t%s\t%s" % (len(lines), e.name, e.reason))
        lines.append("}")
        with open(os.path.join(outdir, base + ".c"), "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(os.path.join(outdir, base + ".expect"), "w") as f:
            f.write("\n".join(expect) + "\n")
    syms = []
    for e in entries:
        if e.kind == "function":
            syms += [(e.name, e.reason)] + [(a, e.reason) for a in e.aliases]
    with open(os.path.join(outdir, "link.c"), "w") as f:
        f.write("/* generated: hand-written prototypes of every removed symbol */\n")
        for n, _ in syms:
            f.write("void %s(void);\n" % n)
        f.write("int main(void)\n{\n")
        for n, _ in syms:
            f.write("\t%s();\n" % n)
        f.write("\treturn 0;\n}\n")
    with open(os.path.join(outdir, "link.expect"), "w") as f:
        for n, r in syms:
            f.write("%s\t%s\n" % (n, r))
    macros = [e for e in entries if e.kind == "macro"]
    with open(os.path.join(outdir, "absent.c"), "w") as f:
        f.write("#define _GNU_SOURCE 1\n")
        for h in sorted({h for e in macros for h in e.headers}):
            f.write("#include <%s>\n" % h)
        for e in macros:
            f.write("#ifdef %s\n#error %s is still defined\n#endif\n" % (e.name, e.name))
    print("tests for %d headers, %d link symbols, %d macros in %s"
          % (len(by_header), len(syms), len(macros), outdir))


def main(argv):
    commands = {"headers": (cmd_headers, 2), "prune": (cmd_prune, 3),
                "messages": (cmd_messages, 1), "names": (cmd_names, 1),
                "tests": (cmd_tests, 2)}
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        sys.exit(__doc__)
    fn, _ = commands[argv[1]]
    fn(*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
