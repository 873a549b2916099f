import assert from "node:assert/strict";
import { test } from "node:test";

import { byFile, reportFindings } from "../src/diagnostics";
import { parseReport, RunReport } from "../src/report";
import { fixture } from "./helpers";

test("every unplanned line and every ungrounded step is a finding at its file:line", () => {
  const findings = reportFindings(parseReport(fixture("report.json")));
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.code, f.severity]),
    [
      ["requirements.md", 37, "not_grounded", "warning"],
      ["requirements.md", 39, "unplanned", "warning"],
    ],
  );
  assert.match(findings[0].message, /^not grounded: when I click "Checkout" — no element on the page matches 'Checkout' \(scenario "Given I open/);
  assert.match(findings[1].message, /^not planned: names no quoted element or text.* — try: the "…" list has 3 items$/);
});

test("outline rows that fail on the same line give one finding; files are grouped", () => {
  const report: RunReport = parseReport(fixture("report.json"));
  const checkout = report.scenarios.find((s) => s.status === "not_grounded");
  assert.ok(checkout);
  const copy = { ...checkout, scenario_id: `${checkout.scenario_id}-2`, name: `${checkout.name} (2)` };
  const other = {
    ...checkout,
    scenario_id: "other",
    source: { file: "docs/more.md", line: 3 },
    steps: checkout.steps.map((s) => ({ ...s, source: { file: "docs/more.md", line: 4 } })),
  };
  const findings = reportFindings({ ...report, scenarios: [...report.scenarios, copy, other] });
  assert.equal(findings.filter((f) => f.code === "not_grounded").length, 2);
  const grouped = byFile(findings);
  assert.deepEqual([...grouped.keys()], ["docs/more.md", "requirements.md"]);
  assert.deepEqual(grouped.get("docs/more.md")?.map((f) => f.line), [4]);
});

test("a clean report has no findings", () => {
  const report = parseReport(fixture("report.json"));
  assert.deepEqual(reportFindings({ ...report, unplanned: [], scenarios: report.scenarios.filter((s) => s.status === "passed") }), []);
});
