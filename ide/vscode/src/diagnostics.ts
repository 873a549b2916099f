// Problems for the editor from the last report: each requirement line the planner could not plan,
// and each step that could not be grounded in the UI, at its file:line.

import { RunReport } from "./report";

export type Severity = "error" | "warning" | "information";

export interface Finding {
  file: string; // relative to the project root, as the report names it
  line: number; // 1-based
  message: string;
  severity: Severity;
  code: "unplanned" | "not_grounded";
}

export function reportFindings(report: RunReport): Finding[] {
  const found: Finding[] = [];
  for (const entry of report.unplanned) {
    const hint = entry.suggestion ? ` — try: ${entry.suggestion}` : entry.needs_llm ? " (free prose: needs the LLM planner)" : "";
    found.push({
      file: entry.source.file,
      line: entry.source.line,
      message: `not planned: ${entry.reason}${hint}`,
      severity: "warning",
      code: "unplanned",
    });
  }
  for (const scenario of report.scenarios) {
    if (scenario.status !== "not_grounded") {
      continue;
    }
    const step = scenario.steps.find((s) => s.status === "not_grounded");
    const why = step?.evidence?.message || scenario.message || "no element in the app matches";
    found.push({
      file: (step ?? scenario).source.file,
      line: (step ?? scenario).source.line,
      message: `not grounded: ${step ? `${step.text} — ` : ""}${why} (scenario "${scenario.name}")`,
      severity: "warning",
      code: "not_grounded",
    });
  }
  const seen = new Set<string>();
  return found
    .filter((f) => {
      // Outline rows repeat the same step line; one entry per line and message is enough.
      const key = `${f.file}\u0000${f.line}\u0000${f.code}\u0000${f.message.replace(/ \(scenario .*\)$/, "")}`;
      if (seen.has(key)) {
        return false;
      }
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

export function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = grouped.get(finding.file) ?? [];
    list.push(finding);
    grouped.set(finding.file, list);
  }
  return grouped;
}
