#!/usr/bin/python3
"""Checks report files of runtimetest: each JSON file against its schema (JSON Schema 2020-12,
python3-jsonschema) as its "format" names it: suite/report.schema.json for a suite run (one run,
or an array of the runs of a call that drove several runtimes), and then that each run's summary
counts its scenarios' verdicts; suite/assertions.schema.json for the validator's
`--report json:FILE`. Each JUnit file against suite/junit.xsd (xmllint, libxml2-utils).

usage: scripts/check-reports.py FILE.json|FILE.xml ...   (exit 0: every file is valid)
"""
import json
import os
import subprocess
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


SCHEMAS = {"runtimetest-run/1": "report.schema.json",
           "runtimetest-assertions/1": "assertions.schema.json"}


def load_schema(name):
    with open(os.path.join(ROOT, "suite", name), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def check_json(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    first = doc[0] if isinstance(doc, list) and doc else doc
    name = SCHEMAS.get(first.get("format") if isinstance(first, dict) else None)
    if name is None:
        return ["format: not one of %s" % ", ".join(SCHEMAS)]
    schema = load_schema(name)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
    # (a oneOf error repeats the whole document: its first 300 characters are enough)
    problems = ["/".join(str(p) for p in e.path) + ": " + e.message[:300] for e in errors]
    if problems or name != "report.schema.json":
        return problems
    if isinstance(doc, list):
        return ["[%d]: %s" % (i, p) for i, run in enumerate(doc) for p in check_summary(run)]
    return check_summary(doc)


def check_summary(run):
    """The summary of one run must count its scenarios' verdicts."""
    verdicts = [s["verdict"] for s in run["scenarios"]]
    count = {v: verdicts.count(v) for v in
             ("pass", "fail", "skip", "expected-failure", "unexpected-pass")}
    want = {"passed": count["pass"] + count["unexpected-pass"], "failed": count["fail"],
            "skipped": count["skip"] + count["expected-failure"],
            "expected_failures": count["expected-failure"],
            "unexpected_passes": count["unexpected-pass"], "total": len(verdicts)}
    if run["summary"] != want:
        return ["summary %s does not count the verdicts %s" % (run["summary"], want)]
    return []


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        if path.endswith(".json"):
            problems = check_json(path)
        else:
            run = subprocess.run(["xmllint", "--noout", "--schema",
                                  os.path.join(ROOT, "suite", "junit.xsd"), path],
                                 capture_output=True, text=True)
            problems = [] if run.returncode == 0 else [run.stderr.strip()]
        for p in problems:
            print("%s: %s" % (path, p))
        print("%s: %s" % (path, "valid" if not problems else "NOT VALID"))
        status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
