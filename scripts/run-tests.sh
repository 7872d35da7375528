#!/usr/bin/env bash
# Runs jest's two projects side by side: the pure unit project (CPU-bound, no servers) beside the
# Temporal project (mostly waiting on its servers, in band as Temporal's jest guidance asks). On
# two cores this saves most of the unit project's five minutes of wall time. Both write their
# JSON report; they are merged into .tools/jest-results.json, which CI's closing line reads.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools

npx jest --selectProjects unit --json --outputFile=.tools/jest-unit.json "$@" &
unit=$!
npx jest --selectProjects temporal --json --outputFile=.tools/jest-temporal.json "$@"
temporal_rc=$?
wait "$unit"
unit_rc=$?

node -e '
const fs = require("node:fs");
const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
const parts = [read(".tools/jest-unit.json"), read(".tools/jest-temporal.json")].filter(Boolean);
const sum = (k) => parts.reduce((n, p) => n + (p[k] ?? 0), 0);
const merged = {
  success: parts.length === 2 && parts.every((p) => p.success),
  numTotalTests: sum("numTotalTests"),
  numPassedTests: sum("numPassedTests"),
  numFailedTests: sum("numFailedTests"),
  numTotalTestSuites: sum("numTotalTestSuites"),
  numFailedTestSuites: sum("numFailedTestSuites"),
  testResults: parts.flatMap((p) => p.testResults ?? []),
};
fs.writeFileSync(".tools/jest-results.json", JSON.stringify(merged));
console.log(`unit and temporal projects: ${merged.numPassedTests} passed, ${merged.numFailedTests} failed`);
'
[ "$unit_rc" -eq 0 ] && [ "$temporal_rc" -eq 0 ]
