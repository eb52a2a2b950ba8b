#!/usr/bin/env python3
"""Checks SARIF logs Portolan wrote, as a SARIF consumer reads them.

Usage: check_sarif.py SCHEMA LOG... [--summary]

Each log must validate against the OASIS SARIF 2.1.0 schema (SCHEMA), and
beyond what the schema can say: every result names a rule the run's driver
describes (id, short description), carries Portolan's fingerprint, and its
location is relative to %SRCROOT%, which the run defines. With --summary,
prints results by rule and level per run. Exits 1 on the first log that
fails, naming it and the problem.
"""
import collections
import json
import sys

import jsonschema

KEY = "portolanFinding/v1"


def problems(log):
    for i, run in enumerate(log["runs"]):
        rules = run["tool"]["driver"].get("rules", [])
        if "%SRCROOT%" not in run.get("originalUriBaseIds", {}):
            yield f"run {i}: no %SRCROOT% in originalUriBaseIds"
        for j, result in enumerate(run.get("results", [])):
            where = f"run {i} result {j}"
            index = result.get("ruleIndex")
            if index is None and result.get("baselineState") != "absent":
                yield f"{where}: no ruleIndex"
            if index is not None:
                rule = rules[index]
                if rule["id"] != result["ruleId"]:
                    yield f"{where}: ruleIndex {index} is {rule['id']}, not {result['ruleId']}"
                if not rule.get("shortDescription", {}).get("text"):
                    yield f"{where}: rule {rule['id']} has no description"
            if KEY not in result.get("partialFingerprints", {}):
                yield f"{where}: no {KEY} fingerprint"
            for loc in result.get("locations", []):
                art = loc["physicalLocation"]["artifactLocation"]
                if art.get("uriBaseId") != "%SRCROOT%" or art["uri"].startswith("/"):
                    yield f"{where}: location {art} is not relative to %SRCROOT%"


def summary(path, log):
    for run in log["runs"]:
        system = run.get("automationDetails", {}).get("id", "")
        counts = collections.Counter((r["ruleId"], r["level"]) for r in run.get("results", []))
        print(f"{path} {system}: {sum(counts.values())} results")
        for (rule, level), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:6d}  {level:8s} {rule}")


def main(argv):
    want_summary = "--summary" in argv
    args = [a for a in argv[1:] if a != "--summary"]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        validator = jsonschema.Draft4Validator(json.load(f))
    for path in args[1:]:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        for error in validator.iter_errors(log):
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: not SARIF 2.1.0 at /{where}: {error.message[:300]}", file=sys.stderr)
            return 1
        for problem in problems(log):
            print(f"{path}: {problem}", file=sys.stderr)
            return 1
        if not any(run.get("results") for run in log["runs"]):
            print(f"{path}: no results at all", file=sys.stderr)
            return 1
        if want_summary:
            summary(path, log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
