import assert from "node:assert/strict";
import { test } from "node:test";

import { countsText, parseReport, ReportError, reportSummary, type ScenarioStatus } from "../src/report";
import { fixture } from "./helpers";

test("a report written by specwalk generate parses, with every verdict", () => {
  const report = parseReport(fixture("report.json"));
  assert.equal(report.schema_version, 1);
  assert.equal(report.scenarios.length, 6);
  assert.equal(countsText(report.scenarios.map((s) => s.status)), "4 passed, 1 app defect, 1 not grounded");
  assert.equal(report.unplanned.length, 1);
  assert.deepEqual(report.unplanned[0].source, { file: "requirements.md", line: 39 });
});

test("the summary for the output channel names each scenario that needs attention", () => {
  const lines = reportSummary(parseReport(fixture("report.json")));
  assert.equal(lines[0], "groceries: 4 passed, 1 app defect, 1 not grounded; 1 line(s) not planned");
  assert.ok(lines.includes("  app defect: A blank item is refused with a message (requirements.md:27)"));
  assert.ok(lines.some((line) => line.startsWith("  not grounded: Given I open the \"/\" page, when I click \"Checkout\"")));
  assert.equal(lines.at(-1), "playwright: 4 passed, 0 failed, 0 flaky, 1 expected failures");
});

test("a file that is not a v1 report gives one message naming the file and the field", () => {
  assert.throws(() => parseReport("{not json", "x/report.json"), (error: unknown) => {
    assert.ok(error instanceof ReportError);
    assert.match(error.message, /^x\/report\.json: not JSON/);
    return true;
  });
  assert.throws(
    () => parseReport(JSON.stringify({ schema_version: 2 })),
    /report\.json: schema_version 2 is not one this extension reads \(1\); update the extension/,
  );
  const broken = JSON.parse(fixture("report.json"));
  delete broken.scenarios[2].source;
  assert.throws(() => parseReport(JSON.stringify(broken)), /report\.json: scenarios\.2\.source: expected \{file, line\}/);
  const badStep = JSON.parse(fixture("report.json"));
  badStep.scenarios[0].steps[1].source = { file: "requirements.md" };
  assert.throws(() => parseReport(JSON.stringify(badStep)), /scenarios\.0\.steps\.1\.source/);
  assert.throws(() => parseReport("[]"), /not a specwalk report/);
});

test("counts read in a fixed order, good news first", () => {
  assert.equal(countsText(["not_grounded", "passed", "app_defect", "passed", "flaky"]), "2 passed, 1 app defect, 1 not grounded, 1 flaky");
  assert.equal(countsText([]), "");
  // Statuses newer than the extension's list are counted too, never dropped from a lens.
  assert.equal(
    countsText(["passed", "suite_failed", "environment", "partial", "not_planned"]),
    "1 passed, 1 failed in suite run, 1 environment, 1 partial, 1 not planned",
  );
  assert.equal(countsText(["passed", "quarantined" as ScenarioStatus]), "1 passed, 1 quarantined");
});
