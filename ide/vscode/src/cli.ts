// Running the specwalk CLI: the argument lists of the editor's commands, progress read from the
// CLI's stderr lines, and a child-process runner that streams lines and can be cancelled.

import { spawn } from "child_process";
import * as path from "path";

import { CONFIG_FILE } from "./project";

export type Action = "index" | "generate" | "manual";

export interface Invocation {
  title: string; // shown in the notification while it runs
  command: string;
  args: string[];
  cwd: string;
}

export interface InvocationOptions {
  command: string; // the specwalk executable
  root: string; // the project root (holds specwalk.toml)
  requirementsFile?: string; // generate: relative to root, POSIX
  runs?: number;
}

export function invocation(action: Action, options: InvocationOptions): Invocation {
  const config = path.join(options.root, CONFIG_FILE);
  const base = { command: options.command, cwd: options.root };
  switch (action) {
    case "index":
      return { ...base, title: "specwalk: indexing", args: ["index", "--config", config, "."] };
    case "generate": {
      const args = ["generate", "--config", config, "--runs", String(options.runs ?? 1)];
      if (options.requirementsFile) {
        args.push(options.requirementsFile);
      }
      return { ...base, title: `specwalk: generating tests${options.requirementsFile ? ` for ${options.requirementsFile}` : ""}`, args };
    }
    case "manual":
      return { ...base, title: "specwalk: building the manual", args: ["docs", "--config", config] };
  }
}

/** What an exit status means (errors.ExitCode in specwalk). */
export function exitMeaning(code: number | null): { ok: boolean; text: string } {
  switch (code) {
    case 0:
      return { ok: true, text: "done" };
    case 1:
      return { ok: true, text: "finished; some scenarios need attention (see the report)" };
    case 2:
      return { ok: false, text: "usage or configuration error" };
    case 3:
      return { ok: false, text: "a requirements or source file could not be parsed" };
    case 4:
      return { ok: false, text: "something specwalk needs is missing (browser, Node.js, the app)" };
    case 130:
      return { ok: false, text: "stopped" };
    case 70:
      return { ok: false, text: "internal error in specwalk; please report it with the output" };
    default:
      return { ok: false, text: `exited with status ${code === null ? "unknown (killed)" : code}` };
  }
}

export interface ProgressStep {
  message: string;
  increment?: number; // percent of the whole, for a determinate progress bar
}

/** Turns the CLI's progress lines into notification updates; "scenario 3/7: ..." moves the bar. */
export class ProgressTracker {
  private done = 0;

  feed(line: string): ProgressStep | undefined {
    const text = line.trim();
    if (!text) {
      return undefined;
    }
    const match = /^scenario (\d+)\/(\d+):/.exec(text);
    if (!match) {
      return { message: text };
    }
    const total = Number(match[2]);
    // Verification is most of the run; the bar reaches 90 % when the last scenario starts.
    const reached = total > 0 ? (90 * (Number(match[1]) - 1)) / total : 0;
    const increment = Math.max(0, reached - this.done);
    this.done += increment;
    return { message: text, increment };
  }
}

/** The first "error: ..." line the CLI printed, with its hint, for a notification. */
export function errorMessage(stderrLines: readonly string[]): string | undefined {
  const start = stderrLines.findIndex((line) => line.startsWith("error:"));
  if (start < 0) {
    return undefined;
  }
  const hint = stderrLines.slice(start + 1).find((line) => line.trim().startsWith("hint:"));
  return [stderrLines[start], hint?.trim()].filter((part) => part).join(" ");
}

export interface RunResult {
  code: number | null;
  stdout: string[];
  stderr: string[];
}

export interface RunOptions {
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
  signal?: AbortSignal; // abort: SIGINT, so specwalk stops the app and the browser cleanly
  env?: NodeJS.ProcessEnv;
}

/** Run the CLI, streaming each output line; resolves with the exit status (never rejects on failure). */
export function runCli(run: Invocation, options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const result: RunResult = { code: null, stdout: [], stderr: [] };
    const child = spawn(run.command, run.args, { cwd: run.cwd, env: options.env ?? process.env });
    const pending = { stdout: "", stderr: "" };
    const take = (stream: "stdout" | "stderr", chunk: Buffer | string, flush = false): void => {
      pending[stream] += chunk.toString();
      const lines = pending[stream].split(/\r?\n/);
      pending[stream] = flush ? "" : (lines.pop() ?? "");
      for (const line of flush ? lines.filter((l) => l) : lines) {
        result[stream].push(line);
        options.onLine?.(line, stream);
      }
    };
    child.stdout.on("data", (chunk) => take("stdout", chunk));
    child.stderr.on("data", (chunk) => take("stderr", chunk));
    const abort = (): void => {
      child.kill("SIGINT");
    };
    options.signal?.addEventListener("abort", abort, { once: true });
    child.on("error", (error: NodeJS.ErrnoException) => {
      // Not found / not executable: say so as the CLI would, as an error line.
      const line =
        error.code === "ENOENT"
          ? `error: cannot run ${run.command}: not found (set specwalk.command, or pip install specwalk)`
          : `error: cannot run ${run.command}: ${error.message}`;
      result.stderr.push(line);
      options.onLine?.(line, "stderr");
    });
    child.on("close", (code) => {
      take("stdout", "", true);
      take("stderr", "", true);
      options.signal?.removeEventListener("abort", abort);
      result.code = code;
      resolve(result);
    });
  });
}
