// The run report (.specwalk/report.json, schema v1) as the extension reads it: the fields it uses,
// checked on load so a foreign or newer file gives one clear message instead of a crash later.
// Source of truth: specwalk's models/report.py; additions there are optional fields.

export type ScenarioStatus =
  | "passed"
  | "app_defect"
  | "not_grounded"
  | "not_planned"
  | "weak"
  | "flaky"
  | "partial"
  | "environment"
  | "suite_failed";
export type StepStatus = "passed" | "failed" | "not_grounded" | "not_run";

export interface SourceRef {
  file: string; // relative to the project root, POSIX
  line: number; // 1-based
}

export interface Evidence {
  message?: string;
  expected?: string | null;
  actual?: string | null;
  screenshot?: string | null;
}

export interface StepResult {
  index: number;
  text: string;
  source: SourceRef;
  status: StepStatus;
  evidence?: Evidence;
}

export interface ScenarioResult {
  scenario_id: string;
  requirement_id: string;
  name: string;
  feature: string;
  source: SourceRef;
  status: ScenarioStatus;
  steps: StepResult[];
  test_file?: string | null;
  test_title?: string | null;
  message?: string;
}

export interface RequirementRow {
  requirement_id: string;
  title: string;
  feature: string;
  source: SourceRef;
  scenario_ids: string[];
  status: ScenarioStatus;
}

export interface Unplanned {
  source: SourceRef;
  text: string;
  reason: string;
  suggestion?: string | null;
  needs_llm?: boolean;
}

export interface RunnerResult {
  runner: "playwright" | "pytest";
  command: string;
  passed: number;
  failed: number;
  flaky: number;
  expected_failures: number;
  exit_code: number;
}

export interface RunReport {
  schema_version: 1;
  specwalk_version: string;
  project: string;
  requirements_files: string[];
  locale: string;
  requirements: RequirementRow[];
  scenarios: ScenarioResult[];
  unplanned: Unplanned[];
  runner?: RunnerResult | null;
  errors: string[];
}

export class ReportError extends Error {}

/** Worst first is how the CLI ranks; a summary reads better with the good news first. */
export const STATUS_ORDER: readonly ScenarioStatus[] = [
  "passed",
  "app_defect",
  "suite_failed",
  "environment",
  "not_grounded",
  "flaky",
  "weak",
  "partial",
  "not_planned",
];

const LABELS: Partial<Record<ScenarioStatus, string>> = { suite_failed: "failed in suite run" };

export function statusLabel(status: ScenarioStatus): string {
  return LABELS[status] ?? status.replace(/_/g, " ");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkSource(value: unknown, where: string): void {
  if (!isObject(value) || typeof value.file !== "string" || typeof value.line !== "number") {
    throw new ReportError(`${where}: expected {file, line}`);
  }
}

function list(data: Record<string, unknown>, key: string, where: string): unknown[] {
  const value = data[key];
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new ReportError(`${where}: ${key} should be a list`);
  }
  return value;
}

/** Parse and check report.json text; throws ReportError naming the file and the field. */
export function parseReport(text: string, where = "report.json"): RunReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportError(`${where}: not JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) {
    throw new ReportError(`${where}: not a specwalk report`);
  }
  if (data.schema_version !== 1) {
    throw new ReportError(
      `${where}: schema_version ${String(data.schema_version)} is not one this extension reads (1); update the extension`,
    );
  }
  const scenarios = list(data, "scenarios", where);
  scenarios.forEach((scenario, n) => {
    if (!isObject(scenario) || typeof scenario.status !== "string" || !Array.isArray(scenario.steps)) {
      throw new ReportError(`${where}: scenarios.${n}: expected a scenario with status and steps`);
    }
    checkSource(scenario.source, `${where}: scenarios.${n}.source`);
    scenario.steps.forEach((step: unknown, s: number) => {
      if (!isObject(step)) {
        throw new ReportError(`${where}: scenarios.${n}.steps.${s}: expected a step`);
      }
      checkSource(step.source, `${where}: scenarios.${n}.steps.${s}.source`);
    });
  });
  list(data, "unplanned", where).forEach((entry, n) => {
    if (!isObject(entry)) {
      throw new ReportError(`${where}: unplanned.${n}: expected an entry`);
    }
    checkSource(entry.source, `${where}: unplanned.${n}.source`);
  });
  list(data, "requirements", where).forEach((row, n) => {
    if (!isObject(row)) {
      throw new ReportError(`${where}: requirements.${n}: expected a requirement`);
    }
    checkSource(row.source, `${where}: requirements.${n}.source`);
  });
  return {
    ...(data as unknown as RunReport),
    requirements: list(data, "requirements", where) as RequirementRow[],
    scenarios: scenarios as ScenarioResult[],
    unplanned: list(data, "unplanned", where) as Unplanned[],
    errors: list(data, "errors", where) as string[],
  };
}

/** "3 passed, 1 app defect" for a set of scenario statuses, in STATUS_ORDER. */
export function countsText(statuses: readonly ScenarioStatus[]): string {
  const counts = new Map<ScenarioStatus, number>();
  for (const status of statuses) {
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  // A status this list does not know yet (a newer specwalk) still counts, after the known ones.
  const unknown = [...counts.keys()].filter((status) => !STATUS_ORDER.includes(status)).sort();
  return [...STATUS_ORDER.filter((status) => counts.has(status)), ...unknown]
    .map((status) => `${counts.get(status)} ${statusLabel(status)}`)
    .join(", ");
}

/** One paragraph for the output channel: scenario counts, unplanned lines, the runner's result. */
export function reportSummary(report: RunReport): string[] {
  const lines = [
    `${report.project}: ${countsText(report.scenarios.map((s) => s.status)) || "no scenarios"}; ` +
      `${report.unplanned.length} line(s) not planned`,
  ];
  for (const scenario of report.scenarios) {
    if (scenario.status !== "passed") {
      lines.push(`  ${statusLabel(scenario.status)}: ${scenario.name} (${scenario.source.file}:${scenario.source.line})`);
      if (scenario.message) {
        lines.push(`      ${scenario.message}`);
      }
    }
  }
  if (report.runner) {
    const r = report.runner;
    lines.push(`${r.runner}: ${r.passed} passed, ${r.failed} failed, ${r.flaky} flaky, ${r.expected_failures} expected failures`);
  }
  return lines;
}
