#!/usr/bin/env bash
# Prints one summary of the Maven test reports: unit (surefire) and integration (failsafe) suites,
# the stand-ins' Go tests (target/standins-go-test.json), then the K3s end-to-end suite on a line of its own, ending with the line
# "N passed, N failed, N skipped". Each failed test is named above the totals with the first line of
# its message, so the tail of a CI log says what broke. A suite that did not run is named, never counted as passed: the
# K3s suite without a Docker engine says "not run" and why (its tests count as skipped).
set -uo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import glob, json, re, xml.etree.ElementTree as ET
K3S = "dev.certkeeper.e2e.K3sEndToEndIT"
total = {"passed": 0, "failed": 0, "skipped": 0}
k3s = None
failures = []
for label, pattern in (("unit", "target/surefire-reports/TEST-*.xml"), ("integration", "target/failsafe-reports/TEST-*.xml")):
    files = sorted(glob.glob(pattern))
    if not files:
        print(f"{label}: did not run")
        continue
    tests = failed = skipped = 0
    for f in files:
        s = ET.parse(f).getroot()
        if s.get("name") == K3S:
            k3s = s
        tests += int(s.get("tests", 0)); skipped += int(s.get("skipped", 0))
        failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
        for case in s.iter("testcase"):
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if problem is not None:
                text = (problem.get("message") or problem.text or problem.get("type") or "").strip()
                first = text.splitlines()[0][:300] if text else "(no message)"
                failures.append(f"  FAILED {case.get('classname')}.{case.get('name')}: {first}")
    print(f"{label}: {len(files)} classes, {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
    total["passed"] += tests - failed - skipped; total["failed"] += failed; total["skipped"] += skipped

def skip_reason(suite):
    for case in suite.iter("testcase"):
        skipped = case.find("skipped")
        if skipped is not None:
            text = skipped.get("message") or (skipped.text or "")
            found = re.search(r"Assumption failed: (.*)", text)
            return found.group(1).strip() if found else text.strip().splitlines()[0] if text.strip() else "skipped"
    return "no test ran"

# The stand-ins' Go tests (e2e/tools/standins), from `go test -json`: one event per test and outcome.
go_report = "target/standins-go-test.json"
try:
    with open(go_report) as f:
        events = [json.loads(line) for line in f if line.startswith("{")]
except FileNotFoundError:
    events = None
if not events:
    print("stand-ins (Go): did not run")
else:
    outcome = {}
    failed_packages = set()
    for e in events:
        if e.get("Test") and e.get("Action") in ("pass", "fail", "skip"):
            outcome[(e.get("Package"), e["Test"])] = e["Action"]
        elif not e.get("Test") and e.get("Action") == "fail":
            failed_packages.add(e.get("Package"))
    # A package fails after a failed test too; alone, it did not build or its tests could not run.
    for package in failed_packages:
        if not any(p == package and a == "fail" for (p, _), a in outcome.items()):
            outcome[(package, "(package: did not build or run)")] = "fail"
    counts = {a: sum(1 for v in outcome.values() if v == a) for a in ("pass", "fail", "skip")}
    for (package, test), action in sorted(outcome.items()):
        if action == "fail":
            failures.append(f"  FAILED {package} {test}")
    print(f"stand-ins (Go): {counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    total["passed"] += counts["pass"]; total["failed"] += counts["fail"]; total["skipped"] += counts["skip"]

label = "K3s end-to-end suite (e2e/k3s, K3sEndToEndIT)"
if k3s is None:
    print(f"{label}: not run: the integration tests did not run it")
else:
    tests, skipped = int(k3s.get("tests", 0)), int(k3s.get("skipped", 0))
    failed = int(k3s.get("failures", 0)) + int(k3s.get("errors", 0))
    if tests == 0 or skipped == tests:
        print(f"{label}: not run: {skip_reason(k3s)}")
    else:
        print(f"{label}: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
for line in failures:
    print(line)
print(f"{total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
PY
