import assert from "node:assert/strict";
import { test } from "node:test";

import { markdownHeadings, requirementLenses } from "../src/lenses";
import { parseReport } from "../src/report";
import { fixture } from "./helpers";

const text = fixture("requirements.md");
const report = parseReport(fixture("report.json"));
const removeLine = text.split("\n").indexOf("## Remove items") + 1;

test("headings are ATX lines outside code fences", () => {
  assert.deepEqual(
    markdownHeadings(text).map((h) => [h.line, h.level, h.text]),
    [
      [1, 1, "Groceries"],
      [5, 2, "Add items"],
      [removeLine, 2, "Remove items"],
    ],
  );
  const fenced = "# Title\n```gherkin\n# language: en\nFeature: x\n```\n~~~\n## not either\n~~~\n### Real ###\n";
  assert.deepEqual(
    markdownHeadings(fenced).map((h) => [h.line, h.text]),
    [
      [1, "Title"],
      [9, "Real"],
    ],
  );
});

test("each requirement heading gets the verdicts of the scenarios under it", () => {
  assert.deepEqual(requirementLenses(text, "requirements.md", report), [
    { line: 1, title: "Generate tests · 4 passed, 1 app defect, 1 not grounded, 1 line not planned" },
    { line: 5, title: "Generate tests · 2 passed, 1 app defect" },
    { line: removeLine, title: "Generate tests · 2 passed, 1 not grounded, 1 line not planned" },
  ]);
});

test("without a report for the file there is one plain lens", () => {
  assert.deepEqual(requirementLenses(text, "requirements.md", undefined), [{ line: 1, title: "Generate tests" }]);
  assert.deepEqual(requirementLenses(text, "docs/other.md", report), [{ line: 1, title: "Generate tests" }]);
  assert.deepEqual(requirementLenses("no headings here\n", "requirements.md", undefined), [{ line: 1, title: "Generate tests" }]);
});

test("a file whose first heading has no verdicts still offers the action there", () => {
  const doc = "## Intro\nWhat this is.\n## Requirements\n- Given I open the \"/\" page, then I should see \"Hi\".\n";
  const passed = { ...report.scenarios.find((s) => s.status === "passed")!, source: { file: "x.md", line: 4 } };
  assert.deepEqual(requirementLenses(doc, "x.md", { ...report, scenarios: [passed], unplanned: [] }), [
    { line: 1, title: "Generate tests" },
    { line: 3, title: "Generate tests · 1 passed" },
  ]);
});
