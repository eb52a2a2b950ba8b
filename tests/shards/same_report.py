#!/usr/bin/env python3
"""Whether two portolan JSON reports (portolan-scan/1) are the same but for
what differs between any two runs: the run's id and dates, the time
parsing took and how many units were reused, and each unit's timings and
the run it was reused from. Prints the first difference and
exits 1 when they differ; with --findings, also writes the findings arrays
as the reports hold them, for a byte-by-byte comparison."""
import json
import sys

VOLATILE_RUN = ("id", "started_at", "finished_at")
VOLATILE_UNIT = ("parse_seconds", "target_seconds", "reused_from_run")
VOLATILE_SUMMARY = ("parse_seconds", "target_seconds", "units_reused", "files_reused")


def stable(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    for key in VOLATILE_RUN:
        report["run"].pop(key, None)
    for key in VOLATILE_SUMMARY:
        report["summary"].pop(key, None)
    for unit in report["units"]:
        for key in VOLATILE_UNIT:
            unit.pop(key, None)
    return report


def first_difference(a, b, where="$"):
    if type(a) is not type(b):
        return f"{where}: {a!r} against {b!r}"
    if isinstance(a, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a or key not in b:
                return f"{where}.{key}: only in {'the first' if key in a else 'the second'}"
            d = first_difference(a[key], b[key], f"{where}.{key}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{where}: {len(a)} items against {len(b)}"
        return None
    return None if a == b else f"{where}: {a!r} against {b!r}"


def main():
    args = [a for a in sys.argv[1:] if a != "--findings"]
    if len(args) != 2:
        sys.exit("usage: same_report.py [--findings] A.json B.json")
    a, b = stable(args[0]), stable(args[1])
    diff = first_difference(a, b)
    if diff:
        print(f"{args[0]} and {args[1]} differ at {diff}")
        return 1
    if "--findings" in sys.argv:
        for path, report in ((args[0], a), (args[1], b)):
            with open(path + ".findings", "w", encoding="utf-8") as f:
                json.dump(report["findings"], f, indent=2, ensure_ascii=False)
    print(f"same: {len(a['units'])} units, {len(a['findings'])} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
