// The thin VS Code layer: commands, CodeLens, diagnostics and the MCP server provider, each a few
// calls into the pure modules (cli, report, lenses, diagnostics, project, mcp), which are tested
// with node's test runner; this file is the only one that imports `vscode`.

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";

import { Action, errorMessage, exitMeaning, invocation, ProgressTracker, runCli } from "./cli";
import { byFile, Finding, reportFindings } from "./diagnostics";
import { requirementLenses } from "./lenses";
import { mcpServers } from "./mcp";
import {
  CONFIG_FILE,
  findProjectRoot,
  fromReportKey,
  outputDirFrom,
  REPORT_FILE,
  REPORT_HTML,
  reportKey,
} from "./project";
import { parseReport, ReportError, reportSummary, RunReport } from "./report";

const isFile = (candidate: string): boolean => {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
};

function settings(): { command: string; runs: number } {
  const config = vscode.workspace.getConfiguration("specwalk");
  return { command: config.get<string>("command", "specwalk"), runs: config.get<number>("runs", 1) };
}

function outputDir(root: string): string {
  const toml = fs.readFileSync(path.join(root, CONFIG_FILE), "utf8");
  return path.resolve(root, outputDirFrom(toml));
}

/** Reports by project root, re-read when report.json changes. */
class Reports {
  private readonly cache = new Map<string, { mtime: number; report: RunReport | undefined }>();

  constructor(private readonly log: vscode.OutputChannel) {}

  get(root: string): RunReport | undefined {
    const file = path.join(outputDir(root), REPORT_FILE);
    let mtime: number;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.cache.get(root);
    if (cached && cached.mtime === mtime) {
      return cached.report;
    }
    let report: RunReport | undefined;
    try {
      report = parseReport(fs.readFileSync(file, "utf8"), file);
    } catch (error) {
      if (!(error instanceof ReportError)) {
        throw error;
      }
      this.log.appendLine(`error: ${error.message}`);
    }
    this.cache.set(root, { mtime, report });
    return report;
  }
}

async function projectRoots(): Promise<string[]> {
  const found = await vscode.workspace.findFiles(`**/${CONFIG_FILE}`, "**/node_modules/**", 50);
  return found.map((uri) => path.dirname(uri.fsPath));
}

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel("specwalk");
  const reports = new Reports(log);
  const problems = vscode.languages.createDiagnosticCollection("specwalk");
  const lensesChanged = new vscode.EventEmitter<void>();
  const serversChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(log, problems, lensesChanged, serversChanged);

  const refresh = async (): Promise<void> => {
    problems.clear();
    for (const root of await projectRoots()) {
      const report = reports.get(root);
      if (!report) {
        continue;
      }
      for (const [file, findings] of byFile(reportFindings(report))) {
        problems.set(vscode.Uri.file(fromReportKey(root, file)), findings.map(toDiagnostic));
      }
    }
    lensesChanged.fire();
  };

  const run = async (action: Action, root: string, requirementsFile?: string): Promise<void> => {
    const { command, runs } = settings();
    const call = invocation(action, { command, root, requirementsFile, runs });
    log.appendLine(`$ ${call.command} ${call.args.join(" ")}   (in ${call.cwd})`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: call.title, cancellable: true },
      (progress, token) => {
        const tracker = new ProgressTracker();
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return runCli(call, {
          signal: abort.signal,
          onLine: (line, stream) => {
            log.appendLine(line);
            const step = stream === "stderr" ? tracker.feed(line) : undefined;
            if (step) {
              progress.report(step);
            }
          },
        });
      },
    );
    const meaning = exitMeaning(result.code);
    log.appendLine(`specwalk: ${meaning.text}`);
    if (!meaning.ok) {
      const detail = errorMessage(result.stderr) ?? meaning.text;
      void vscode.window.showErrorMessage(`specwalk: ${detail}`, "Show output").then((choice) => {
        if (choice) {
          log.show(true);
        }
      });
    }
    await refresh();
  };

  /** The project of the active editor's file, else the only (or a picked) project in the workspace. */
  const pickRoot = async (uri?: vscode.Uri): Promise<string | undefined> => {
    const file = uri?.fsPath ?? vscode.window.activeTextEditor?.document.uri.fsPath;
    const fromFile = file ? findProjectRoot(path.dirname(file), isFile) : undefined;
    if (fromFile) {
      return fromFile;
    }
    const roots = await projectRoots();
    if (roots.length <= 1) {
      if (!roots.length) {
        void vscode.window.showErrorMessage(`specwalk: no ${CONFIG_FILE} in this workspace; run \`specwalk init\` in your front-end project`);
      }
      return roots[0];
    }
    return vscode.window.showQuickPick(roots, { placeHolder: "Which specwalk project?" });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand("specwalk.index", async (uri?: vscode.Uri) => {
      const root = await pickRoot(uri);
      if (root) {
        await run("index", root);
      }
    }),
    vscode.commands.registerCommand("specwalk.generate", async (uri?: vscode.Uri) => {
      const file = uri?.fsPath ?? vscode.window.activeTextEditor?.document.uri.fsPath;
      const root = file ? findProjectRoot(path.dirname(file), isFile) : undefined;
      const key = root && file ? reportKey(root, file) : undefined;
      if (!root || !key) {
        void vscode.window.showErrorMessage(
          `specwalk: open a requirements file inside a project with ${CONFIG_FILE} to generate its tests`,
        );
        return;
      }
      await vscode.window.activeTextEditor?.document.save();
      await run("generate", root, key);
    }),
    vscode.commands.registerCommand("specwalk.manual", async (uri?: vscode.Uri) => {
      const root = await pickRoot(uri);
      if (root) {
        await run("manual", root);
      }
    }),
    vscode.commands.registerCommand("specwalk.showReport", async (uri?: vscode.Uri) => {
      const root = await pickRoot(uri);
      if (!root) {
        return;
      }
      const report = reports.get(root);
      if (!report) {
        void vscode.window.showInformationMessage("specwalk: no report yet; run “specwalk: Generate tests” first");
        return;
      }
      log.appendLine(reportSummary(report).join("\n"));
      log.show(true);
      const html = path.join(outputDir(root), REPORT_HTML);
      if (isFile(html)) {
        await vscode.env.openExternal(vscode.Uri.file(html));
      }
    }),
    vscode.languages.registerCodeLensProvider(
      [{ language: "markdown" }, { pattern: "**/*.feature" }],
      {
        onDidChangeCodeLenses: lensesChanged.event,
        provideCodeLenses(document) {
          const root = findProjectRoot(path.dirname(document.uri.fsPath), isFile);
          const key = root ? reportKey(root, document.uri.fsPath) : undefined;
          if (!root || !key) {
            return [];
          }
          return requirementLenses(document.getText(), key, reports.get(root)).map(
            (lens) =>
              new vscode.CodeLens(new vscode.Range(lens.line - 1, 0, lens.line - 1, 0), {
                title: lens.title,
                command: "specwalk.generate",
                arguments: [document.uri],
              }),
          );
        },
      },
    ),
    vscode.lm.registerMcpServerDefinitionProvider("specwalk.mcp", {
      onDidChangeMcpServerDefinitions: serversChanged.event,
      async provideMcpServerDefinitions() {
        return mcpServers(await projectRoots(), settings().command).map((spec) => {
          const server = new vscode.McpStdioServerDefinition(spec.label, spec.command, spec.args, {});
          server.cwd = vscode.Uri.file(spec.cwd);
          return server;
        });
      },
    }),
  );

  const watcher = vscode.workspace.createFileSystemWatcher(`**/${REPORT_FILE}`);
  const configs = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
  context.subscriptions.push(
    watcher,
    configs,
    watcher.onDidChange(() => void refresh()),
    watcher.onDidCreate(() => void refresh()),
    configs.onDidCreate(() => serversChanged.fire()),
    configs.onDidDelete(() => serversChanged.fire()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("specwalk.command")) {
        serversChanged.fire();
      }
    }),
  );
  void refresh();
}

function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const line = Math.max(0, finding.line - 1);
  const severity =
    finding.severity === "error"
      ? vscode.DiagnosticSeverity.Error
      : finding.severity === "warning"
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), finding.message, severity);
  diagnostic.source = "specwalk";
  diagnostic.code = finding.code;
  return diagnostic;
}

export function deactivate(): void {}
