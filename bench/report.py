#!/usr/bin/env python3
"""The statistics and reports of make bench.

    report.py show SAMPLES GROUP...          print the groups' tables
    report.py final SAMPLES OUTDIR [K=V...]  print the targets, write OUTDIR/latest.json,
                                             OUTDIR/latest.md and one PNG chart per group
                                             (gnuplot); K=V pairs go into "meta"

SAMPLES is the tab-separated record the group scripts append to
(bench/lib.sh), one record a line:

    G  group  title  unit            a group; unit: ns, bytes, us or ns/char
    I  group  text                   a note printed under the title
    D  group  row                    a row, declared so that rows keep this order
    S  group  row  value             one measurement (rounds in order)
    N  group  row  reason            a row that could not be measured, and why
    R  group  label  num  den  op  target
                                     the ratio median(num) / median(den);
                                     op <= or >= with a target, or "report"
    T  group  label  row  op  target a target on a row's median itself

Rows keep the order they first appear in. A ratio's spread is the 10th to
90th percentile of the per-round ratios (sample i of num over sample i of
den, the two measured next to each other), when both rows have as many
samples (printed as "per round MEDIAN, P10..P90" beside the ratio of the
medians). Nothing here knows an expected figure: every number printed comes
from SAMPLES.
"""
import json
import math
import os
import subprocess
import sys
import tempfile


def die(msg):
    print(f"report.py: {msg}", file=sys.stderr)
    sys.exit(1)


def percentile(xs, p):
    """Linear interpolation between closest ranks (numpy's default)."""
    s = sorted(xs)
    if not s:
        return math.nan
    k = (len(s) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def load(path):
    groups = {}
    order = []

    def group(g):
        if g not in groups:
            groups[g] = {"name": g, "title": g, "unit": "ns", "notes": [], "rows": {},
                         "row_order": [], "ratios": [], "targets": []}
            order.append(g)
        return groups[g]

    def row(gr, r):
        if r not in gr["rows"]:
            gr["rows"][r] = {"samples": [], "reason": None}
            gr["row_order"].append(r)
        return gr["rows"][r]

    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            p = line.split("\t")
            kind = p[0]
            try:
                if kind == "G":
                    gr = group(p[1])
                    gr["title"], gr["unit"] = p[2], p[3]
                elif kind == "I":
                    group(p[1])["notes"].append(p[2])
                elif kind == "D":
                    row(group(p[1]), p[2])
                elif kind == "S":
                    row(group(p[1]), p[2])["samples"].append(float(p[3]))
                elif kind == "N":
                    row(group(p[1]), p[2])["reason"] = p[3]
                elif kind == "R":
                    group(p[1])["ratios"].append({"label": p[2], "num": p[3], "den": p[4],
                                                  "op": p[5], "target": p[6]})
                elif kind == "T":
                    group(p[1])["targets"].append({"label": p[2], "row": p[3], "op": p[4],
                                                   "target": p[5]})
                else:
                    raise ValueError(f"unknown record '{kind}'")
            except (IndexError, ValueError) as e:
                die(f"{path}:{n}: bad record ({e}): {line}")
    return groups, order


def stats(r):
    s = r["samples"]
    if r["reason"] is not None or not s:
        return None
    return {"n": len(s), "median": percentile(s, 50), "p10": percentile(s, 10),
            "p90": percentile(s, 90), "min": min(s), "max": max(s)}


def status(value, op, target):
    if op == "report" or value is None:
        return None
    t = float(target)
    return "met" if (value <= t if op == "<=" else value >= t) else "missed"


def evaluate(gr):
    """Every row's statistics and every ratio's and target's value."""
    rows = []
    for name in gr["row_order"]:
        r = gr["rows"][name]
        rows.append({"row": name, "stats": stats(r),
                     "not_measured": None if stats(r) else (r["reason"] or "no samples")})
    by = {x["row"]: x for x in rows}
    ratios = []
    for q in gr["ratios"]:
        a, b = by.get(q["num"]), by.get(q["den"])
        out = {"label": q["label"], "numerator": q["num"], "denominator": q["den"],
               "op": q["op"], "target": None if q["op"] == "report" else float(q["target"])}
        if not a or not b or not a["stats"] or not b["stats"]:
            missing = [x for x, y in ((q["num"], a), (q["den"], b)) if not y or not y["stats"]]
            out.update(value=None, status="not measured",
                       why="not measured: " + ", ".join(missing))
        else:
            out["value"] = a["stats"]["median"] / b["stats"]["median"]
            sa, sb = gr["rows"][q["num"]]["samples"], gr["rows"][q["den"]]["samples"]
            if len(sa) == len(sb) and len(sa) > 1:
                per = [x / y for x, y in zip(sa, sb) if y]
                out["per_round_median"] = percentile(per, 50)
                out["per_round_p10"], out["per_round_p90"] = percentile(per, 10), percentile(per, 90)
            out["status"] = status(out["value"], q["op"], q["target"])
        ratios.append(out)
    targets = []
    for t in gr["targets"]:
        a = by.get(t["row"])
        out = {"label": t["label"], "row": t["row"], "op": t["op"], "target": float(t["target"])}
        if not a or not a["stats"]:
            out.update(value=None, status="not measured")
        else:
            out["value"] = a["stats"]["median"]
            out["status"] = status(out["value"], t["op"], t["target"])
        targets.append(out)
    return rows, ratios, targets


def fmt(v, unit):
    """A value in its group's unit, readably."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if unit == "ns":
        for div, u in ((1e9, "s"), (1e6, "ms"), (1e3, "us")):
            if abs(v) >= div:
                x = v / div
                return f"{x:.3g} {u}" if abs(x) < 99.95 else f"{x:.0f} {u}"
        return f"{v:.0f} ns"
    if unit == "bytes":
        return f"{v:.0f} B ({v / 1024:.1f} KiB)"
    if abs(v) >= 100:
        return f"{v:.0f} {unit}"
    return f"{v:.3g} {unit}"


def fmt_target(op, target, unit):
    if op == "report":
        return "(reported, no target)"
    t = float(target)
    return f"target {op} {fmt(t, unit) if unit == 'bytes' else f'{t:g}'}"


def ratio_text(q):
    if q["value"] is None:
        return q.get("why", "not measured")
    s = f"{q['value']:.3f}"
    if "per_round_p10" in q:
        s += (f"  (per round {q['per_round_median']:.3f}, "
              f"{q['per_round_p10']:.3f}..{q['per_round_p90']:.3f})")
    return s


def show(groups, order, names):
    for g in names:
        if g not in groups:
            die(f"no group '{g}' in the samples")
        gr = groups[g]
        rows, ratios, targets = evaluate(gr)
        print()
        print(f"== {gr['title']}")
        for n in gr["notes"]:
            print(f"   {n}")
        w = max([len(r["row"]) for r in rows] + [10])
        cells = []
        for r in rows:
            st = r["stats"]
            if not st:
                cells.append(None)
            elif st["n"] == 1:
                cells.append((fmt(st["median"], gr["unit"]), "", "", "1"))
            else:
                cells.append((fmt(st["median"], gr["unit"]), fmt(st["p10"], gr["unit"]),
                              fmt(st["p90"], gr["unit"]), str(st["n"])))
        cw = max([len(x) for c in cells if c for x in c[:3]] + [8])
        single = all(c is None or c[3] == "1" for c in cells)
        if single:   # one measurement a row (sizes): no spread to show
            print(f"   {'row':<{w}}  {'value':>{cw}}")
        else:
            print(f"   {'row':<{w}}  {'median':>{cw}}  {'p10':>{cw}}  {'p90':>{cw}}  {'n':>5}")
        for r, c in zip(rows, cells):
            if c and single:
                print(f"   {r['row']:<{w}}  {c[0]:>{cw}}")
            elif c:
                print(f"   {r['row']:<{w}}  {c[0]:>{cw}}  {c[1]:>{cw}}  {c[2]:>{cw}}  {c[3]:>5}".rstrip())
            else:
                print(f"   {r['row']:<{w}}  not measured: {r['not_measured']}")
        if ratios or targets:
            lw = max([len(q["label"]) for q in ratios + targets] + [10])
            lines = [(q["label"], ratio_text(q), fmt_target(q["op"], q["target"], ""), q["status"] or "")
                     for q in ratios]
            lines += [(t["label"], fmt(t["value"], gr["unit"]), fmt_target(t["op"], t["target"], gr["unit"]),
                       t["status"] or "") for t in targets]
            vw = max(len(x[1]) for x in lines)
            tw = max(len(x[2]) for x in lines)
            for label, value, tgt, st in lines:
                print(f"   {label:<{lw}}  {value:<{vw}}  {tgt:<{tw}}  {st}".rstrip())
    sys.stdout.flush()


def md_escape(s):
    return s.replace("|", "\\|")


def chart(gr, rows, outdir):
    """One PNG per group: each row's median as a bar, p10..p90 as the error bar."""
    got = [r for r in rows if r["stats"]]
    if not got:
        return None
    unit = gr["unit"]
    top = max(r["stats"]["median"] for r in got)
    scale, label = 1.0, unit
    if unit == "ns":
        for div, u in ((1e9, "s"), (1e6, "ms"), (1e3, "us"), (1, "ns")):
            if top >= div:
                scale, label = div, u
                break
    elif unit == "bytes":
        scale, label = 1024.0, "KiB"
    lo = min(r["stats"]["p10"] for r in got)
    logscale = lo > 0 and top / lo > 30
    png = os.path.join(outdir, f"{gr['name']}.png")
    with tempfile.TemporaryDirectory() as tmp:
        dat = os.path.join(tmp, "data")
        with open(dat, "w", encoding="utf-8") as f:
            for r in got:
                s = r["stats"]
                name = r["row"].replace('"', "'")
                f.write(f"\"{name}\" {s['median'] / scale:.6g} {s['p10'] / scale:.6g} {s['p90'] / scale:.6g}\n")
        title = gr["title"].replace('"', "'")
        longest = max(len(r["row"]) for r in got)
        bmargin = max(4, math.ceil(longest * 0.32) + 3)
        width = max(700, 110 * len(got) + 260)
        script = f"""set terminal pngcairo size {width},{380 + 15 * bmargin} font ",10"
set output "{png}"
set title "{title}" noenhanced
set ylabel "median, {label} (bars: 10th..90th percentile)" noenhanced
set style data histogram
set style histogram errorbars gap 1 lw 1.5
set style fill solid 0.6 border -1
set boxwidth 0.8
set xtics rotate by -35 left noenhanced nomirror
set grid ytics
set key off
{"set logscale y" if logscale else "set yrange [0:*]"}
set bmargin {bmargin}
set rmargin {max(14, longest // 3)}
plot "{dat}" using 2:3:4:xtic(1) lc rgb "#4a7ab0", \\
     "" using ($0 + 0.2):2:(sprintf("%.3g", $2)) with labels left offset 0,0.6 font ",9"
"""
        gp = os.path.join(tmp, "chart.gp")
        with open(gp, "w", encoding="utf-8") as f:
            f.write(script)
        res = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
        if res.returncode != 0:
            die(f"gnuplot failed for {gr['name']}: {res.stderr.strip().splitlines()[-1:]}")
    return os.path.basename(png)


def final(groups, order, outdir, meta):
    os.makedirs(outdir, exist_ok=True)
    doc = {"meta": meta, "groups": []}
    md = ["# make bench: latest results", "",
          "Written by `make bench` (bench/run.sh; bench/README.md says what each group measures). "
          "They record the toolchain built from the commit below (its libc, runtime and driver sources "
          "as of the second line); a later run on another commit compares with them. Every ratio is "
          "of two medians measured in the same run, alternating.", ""]
    keys = [("commit", "commit measured"), ("toolchain_commit", "toolchain sources at"),
            ("date", "date (UTC)"), ("kernel", "kernel"), ("landlock_abi", "Landlock ABI"),
            ("cpu", "CPU"), ("cpus", "CPUs"), ("load_before", "load average before"),
            ("load_after", "load average after"), ("runs", "rounds (BENCH_RUNS)"),
            ("groups", "groups"), ("duration_s", "make bench took (s)")]
    md += ["| | |", "|---|---|"]
    for k, label in keys:
        if k in meta:
            md.append(f"| {label} | {md_escape(str(meta[k]))} |")
    md.append("")
    summary = []
    for g in order:
        gr = groups[g]
        rows, ratios, targets = evaluate(gr)
        png = chart(gr, rows, outdir)
        doc["groups"].append({"name": g, "title": gr["title"], "unit": gr["unit"],
                              "notes": gr["notes"], "rows": rows, "ratios": ratios,
                              "targets": targets, "chart": png})
        md += [f"## {g}: {md_escape(gr['title'])}", ""]
        md += [n for n in gr["notes"]]
        if gr["notes"]:
            md.append("")
        md += ["| row | median | p10 | p90 | n |", "|---|---:|---:|---:|---:|"]
        for r in rows:
            if r["stats"] and r["stats"]["n"] == 1:
                md.append(f"| {md_escape(r['row'])} | {fmt(r['stats']['median'], gr['unit'])} | | | 1 |")
            elif r["stats"]:
                s = r["stats"]
                md.append(f"| {md_escape(r['row'])} | {fmt(s['median'], gr['unit'])} | "
                          f"{fmt(s['p10'], gr['unit'])} | {fmt(s['p90'], gr['unit'])} | {s['n']} |")
            else:
                md.append(f"| {md_escape(r['row'])} | not measured: {md_escape(r['not_measured'])} | | | |")
        md.append("")
        if ratios or targets:
            md += ["| | value | target | |", "|---|---|---|---|"]
            for q in ratios:
                tgt = "" if q["op"] == "report" else f"{q['op']} {q['target']:g}"
                md.append(f"| {md_escape(q['label'])} | {md_escape(ratio_text(q))} | {tgt} | {q['status'] or ''} |")
                if q["op"] != "report":
                    summary.append((g, q["label"], ratio_text(q), tgt, q["status"]))
            for t in targets:
                tgt = f"{t['op']} {fmt(t['target'], gr['unit'])}"
                md.append(f"| {md_escape(t['label'])} | {fmt(t['value'], gr['unit'])} | {tgt} | {t['status']} |")
                summary.append((g, t["label"], fmt(t["value"], gr["unit"]), tgt, t["status"]))
            md.append("")
        if png:
            md += [f"![{md_escape(gr['title'])}]({png})", ""]
    if summary:
        md += ["## Targets", "", "| group | what | value | target | |", "|---|---|---|---|---|"]
        for s in summary:
            md.append("| " + " | ".join(md_escape(str(x)) for x in s) + " |")
        md.append("")
        print()
        print("== Targets")
        gw = max(len(s[0]) for s in summary)
        for s in summary:
            print(f"   {s[0]:<{gw}}  {s[4]:<12} {s[1]}: {s[2]}  ({s[3]})")
    with open(os.path.join(outdir, "latest.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=False)
        f.write("\n")
    with open(os.path.join(outdir, "latest.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md))


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[1] if len(argv) < 2 else __doc__.strip())
        return 0 if len(argv) >= 2 else 2
    cmd = argv[1]
    if cmd == "show" and len(argv) >= 4:
        groups, order = load(argv[2])
        show(groups, order, argv[3:])
    elif cmd == "final" and len(argv) >= 4:
        groups, order = load(argv[2])
        meta = {}
        for kv in argv[4:]:
            k, sep, v = kv.partition("=")
            if not sep:
                die(f"not KEY=VALUE: {kv}")
            meta[k] = v
        final(groups, order, argv[3], meta)
    else:
        die("usage: report.py show SAMPLES GROUP... | final SAMPLES OUTDIR [KEY=VALUE...]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
