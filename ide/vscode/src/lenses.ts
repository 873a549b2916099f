// CodeLens titles for a requirements Markdown file, from the last report: one lens per heading
// whose section holds scenarios or unplanned lines ("Generate tests · 3 passed, 1 app defect").

import { countsText, RunReport, ScenarioStatus } from "./report";

export interface Heading {
  line: number; // 1-based
  level: number;
  text: string;
}

export interface Lens {
  line: number; // 1-based
  title: string;
}

export const LENS_ACTION = "Generate tests";

/** ATX headings (`## Add items`), skipping fenced code blocks (Gherkin inside ``` is not a heading). */
export function markdownHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceMatch) {
      const marker = fenceMatch[1];
      if (fence === undefined) {
        fence = marker;
      } else if (marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
      }
      return;
    }
    if (fence !== undefined) {
      return;
    }
    const match = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(raw);
    if (match) {
      headings.push({ line: index + 1, level: match[1].length, text: match[2] });
    }
  });
  return headings;
}

/**
 * Lenses for the file `fileKey` (its path relative to the project root, as the report names it).
 * Without report data for the file, one plain "Generate tests" lens on the first heading (or line 1).
 */
export function requirementLenses(text: string, fileKey: string, report: RunReport | undefined): Lens[] {
  const headings = markdownHeadings(text);
  const lineCount = text.split(/\r?\n/).length;
  const scenarios = (report?.scenarios ?? []).filter((s) => s.source.file === fileKey);
  const unplanned = (report?.unplanned ?? []).filter((u) => u.source.file === fileKey);
  const first = headings.length > 0 ? headings[0].line : 1;
  if (scenarios.length === 0 && unplanned.length === 0) {
    return [{ line: first, title: LENS_ACTION }];
  }
  const lenses: Lens[] = [];
  headings.forEach((heading, index) => {
    const next = headings.slice(index + 1).find((h) => h.level <= heading.level);
    const end = next ? next.line - 1 : lineCount;
    const inside = (line: number): boolean => line >= heading.line && line <= end;
    const statuses: ScenarioStatus[] = scenarios.filter((s) => inside(s.source.line)).map((s) => s.status);
    const notPlanned = unplanned.filter((u) => inside(u.source.line)).length;
    const parts = [countsText(statuses), notPlanned ? `${notPlanned} line${notPlanned === 1 ? "" : "s"} not planned` : ""];
    const detail = parts.filter((part) => part).join(", ");
    if (detail) {
      lenses.push({ line: heading.line, title: `${LENS_ACTION} · ${detail}` });
    }
  });
  if (lenses.length === 0 || lenses[0].line !== first) {
    lenses.unshift({ line: first, title: LENS_ACTION });
  }
  return lenses;
}
