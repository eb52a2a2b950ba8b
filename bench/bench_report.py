#!/usr/bin/env python3
"""Markdown tables from a run-bench.sh output folder (meta.txt, corpora.csv,
raw.csv): medians over the runs, peak RSS, files and lines per second, and
time ratios to Portolan's cold scan.

    bench_report.py OUTDIR
"""
import csv
import os
import statistics
import sys

ORDER = ["portolan-cold", "portolan-warm", "portolan-touch", "clang-syntax",
         "porting-advisor", "migrate-ease"]
LABEL = {
    "portolan-cold": "Portolan, cold (new results file)",
    "portolan-warm": "Portolan, warm (unchanged tree, same results file)",
    "portolan-touch": "Portolan, one header touched",
    "clang-syntax": "clang-19 -fsyntax-only, every unit",
    "porting-advisor": "AWS Porting Advisor for Graviton",
    "migrate-ease": "migrate-ease (C/C++ scanner)",
}


def fmt(x, digits=2):
    if x is None:
        return "–"
    if isinstance(x, int):
        return "{:,}".format(x)
    if x >= 1000:
        return "{:,.0f}".format(x)
    if x >= 100:
        return "{:.0f}".format(x)
    return "{:.{}f}".format(x, digits)


def main():
    out = sys.argv[1]
    meta = {}
    with open(os.path.join(out, "meta.txt")) as fh:
        for line in fh:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    corpora = {}
    with open(os.path.join(out, "corpora.csv")) as fh:
        for row in csv.DictReader(fh):
            corpora[row["corpus"]] = row
    rows = {}
    with open(os.path.join(out, "raw.csv")) as fh:
        for row in csv.DictReader(fh):
            rows.setdefault((row["corpus"], row["tool"]), []).append(row)

    med = {}
    print("Medians of %s runs; min–max in brackets. CPU is user+sys of the process and its "
          "children; peak RSS is the largest single process (max over runs). Files and lines: "
          "the tree's C/C++ sources and headers. ÷ cold: this time ÷ Portolan's cold time. "
          "load: median 1-minute load average before the runs."
          % meta.get("runs", "?"))
    print()
    print("| corpus | files / lines | run | wall s | CPU s | peak RSS MB | files/s | lines/s | ÷ cold (wall) | notes |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for corpus, info in corpora.items():
        files, lines = int(info["files"]), int(info["lines"])
        first = True
        for tool in ORDER:
            rs = rows.get((corpus, tool))
            if not rs:
                continue
            ok = [r for r in rs if r["wall_s"]]
            walls = [float(r["wall_s"]) for r in ok]
            cpus = [float(r["user_s"]) + float(r["sys_s"]) for r in ok]
            rss = max(int(r["max_rss_kb"]) for r in ok) / 1024.0
            w, c = statistics.median(walls), statistics.median(cpus)
            med[(corpus, tool)] = (w, c, rss)
            cold = med.get((corpus, "portolan-cold"))
            ratio = fmt(w / cold[0]) if cold and cold[0] > 0 else "–"
            notes = sorted({r["note"] for r in ok if r["note"]})
            bad = [r for r in rs if r["exit"] not in ("0",) and not tool.startswith("clang")]
            if bad:
                notes.append("exit " + ",".join(sorted({r["exit"] for r in bad})))
            loads = [float(r["load1"]) for r in ok if r.get("load1")]
            if loads:
                notes.append("load %.1f" % statistics.median(loads))
            if tool == "portolan-touch":
                notes.insert(0, "touched " + info["touched_header"])
            if tool == "clang-syntax":
                notes.insert(0, "%s units (%s as mingw)" % (info["clang_units"], info["clang_windows_units"]))
            print("| %s | %s | %s | %s [%s–%s] | %s | %s | %s | %s | %s | %s |" % (
                corpus if first else "", "%s / %s" % (fmt(files), fmt(lines)) if first else "",
                LABEL[tool], fmt(w), fmt(min(walls)), fmt(max(walls)), fmt(c), fmt(rss, 0),
                fmt(files / w if w else None, 1), fmt(lines / w if w else None, 0), ratio,
                "; ".join(notes)))
            first = False
    print()
    print("Ratios of medians (wall / CPU):")
    print()
    print("| corpus | warm ÷ cold | touch ÷ cold | Portolan cold ÷ clang | Portolan cold ÷ AWS Porting Advisor | Portolan cold ÷ migrate-ease |")
    print("|---|---|---|---|---|---|")
    for corpus in corpora:
        cold = med.get((corpus, "portolan-cold"))

        def r(tool, invert=False):
            other = med.get((corpus, tool))
            if not cold or not other:
                return "–"
            if invert:
                return "%s / %s" % (fmt(cold[0] / other[0]), fmt(cold[1] / other[1]))
            return "%s / %s" % (fmt(other[0] / cold[0], 3), fmt(other[1] / cold[1], 3))
        print("| %s | %s | %s | %s | %s | %s |" % (
            corpus, r("portolan-warm"), r("portolan-touch"), r("clang-syntax", True),
            r("porting-advisor", True), r("migrate-ease", True)))
    print()
    for k in ("date", "portolan_commit", "portolan_uncommitted", "portolan_uncommitted_diff_sha256_16",
              "portolan_binary_mtime",
              "portolan_binary_sha256_16", "portolan_binary_changed_during_run", "clang",
              "python", "porting_advisor_commit", "migrate_ease_commit", "runs", "jobs", "nice", "nproc", "cpu",
              "mem_total_gib", "loadavg_start", "loadavg_end"):
        if k in meta:
            print("- %s: %s" % (k, meta[k] or "(none)"))


if __name__ == "__main__":
    main()
