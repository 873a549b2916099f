// The thin VS Code layer, activated against a recording stand-in for the `vscode` module (VS Code
// itself cannot run here): what it registers must match package.json's contributions, and the
// CodeLens, diagnostics and MCP providers must hand VS Code what the pure modules computed.

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";

import { FIXTURES, HERE } from "./helpers";

const Module = require("node:module") as { _load: (request: string, ...rest: unknown[]) => unknown };

type Listener = (...args: unknown[]) => unknown;

class Uri {
  private constructor(readonly fsPath: string) {}
  static file(p: string): Uri {
    return new Uri(p);
  }
}

class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}

function fakeVscode(root: string) {
  const recorded = {
    commands: new Map<string, Listener>(),
    lensProviders: [] as { provideCodeLenses: (document: unknown) => unknown[] }[],
    mcpProviders: new Map<string, { provideMcpServerDefinitions: () => Promise<unknown[]> }>(),
    diagnostics: new Map<string, unknown[]>(),
    log: [] as string[],
  };
  const disposable = { dispose: () => undefined };
  const event = () => disposable;
  const api = {
    Uri,
    Range,
    EventEmitter: class {
      event = event;
      fire(): void {}
      dispose(): void {}
    },
    CodeLens: class {
      constructor(
        readonly range: Range,
        readonly command: { title: string; command: string; arguments: unknown[] },
      ) {}
    },
    Diagnostic: class {
      source?: string;
      code?: string;
      constructor(
        readonly range: Range,
        readonly message: string,
        readonly severity: number,
      ) {}
    },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ProgressLocation: { Notification: 15 },
    McpStdioServerDefinition: class {
      cwd?: Uri;
      constructor(
        readonly label: string,
        readonly command: string,
        readonly args: string[],
        readonly env: Record<string, string>,
      ) {}
    },
    window: {
      createOutputChannel: () => ({ appendLine: (line: string) => recorded.log.push(line), show() {}, dispose() {} }),
      activeTextEditor: undefined,
    },
    languages: {
      createDiagnosticCollection: () => ({
        clear: () => recorded.diagnostics.clear(),
        set: (uri: Uri, list: unknown[]) => recorded.diagnostics.set(uri.fsPath, list),
        dispose() {},
      }),
      registerCodeLensProvider: (_selector: unknown, provider: { provideCodeLenses: (d: unknown) => unknown[] }) => {
        recorded.lensProviders.push(provider);
        return disposable;
      },
    },
    commands: {
      registerCommand: (id: string, fn: Listener) => {
        recorded.commands.set(id, fn);
        return disposable;
      },
    },
    lm: {
      registerMcpServerDefinitionProvider: (id: string, provider: { provideMcpServerDefinitions: () => Promise<unknown[]> }) => {
        recorded.mcpProviders.set(id, provider);
        return disposable;
      },
    },
    workspace: {
      findFiles: async () => [Uri.file(path.join(root, "specwalk.toml"))],
      getConfiguration: () => ({ get: <T>(_key: string, fallback: T) => fallback }),
      createFileSystemWatcher: () => ({ onDidChange: event, onDidCreate: event, onDidDelete: event, dispose() {} }),
      onDidChangeConfiguration: event,
    },
  };
  return { api, recorded };
}

test("activate registers what package.json contributes and feeds VS Code the report's lenses and problems", async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "specwalk-activate-"));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.writeFileSync(path.join(root, "specwalk.toml"), '[output]\ndir = "out/sw"\n');
  fs.mkdirSync(path.join(root, "out", "sw"), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, "report.json"), path.join(root, "out", "sw", "report.json"));
  const requirements = path.join(root, "requirements.md");
  fs.copyFileSync(path.join(FIXTURES, "requirements.md"), requirements);

  const { api, recorded } = fakeVscode(root);
  const load = Module._load;
  Module._load = (request: string, ...rest: unknown[]) => (request === "vscode" ? api : load(request, ...rest));
  t.after(() => {
    Module._load = load;
  });
  const extension = require("../src/extension") as { activate: (context: { subscriptions: unknown[] }) => void };
  extension.activate({ subscriptions: [] });
  await new Promise((resolve) => setTimeout(resolve, 50)); // the first refresh is asynchronous

  const manifest = JSON.parse(fs.readFileSync(path.join(HERE, "..", "package.json"), "utf8"));
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual([...recorded.commands.keys()].sort(), contributed);
  assert.deepEqual(
    [...recorded.mcpProviders.keys()],
    manifest.contributes.mcpServerDefinitionProviders.map((p: { id: string }) => p.id),
  );

  const servers = (await recorded.mcpProviders.get("specwalk.mcp")!.provideMcpServerDefinitions()) as {
    label: string;
    command: string;
    args: string[];
    cwd?: Uri;
  }[];
  assert.equal(servers.length, 1);
  assert.deepEqual([servers[0].label, servers[0].command, servers[0].args], ["specwalk", "specwalk", ["mcp", "--config", path.join(root, "specwalk.toml")]]);
  assert.equal(servers[0].cwd?.fsPath, root);

  const problems = recorded.diagnostics.get(requirements) as { range: Range; message: string; code: string; source: string }[];
  assert.deepEqual(
    problems.map((d) => [d.range.startLine, d.code, d.source]),
    [
      [36, "not_grounded", "specwalk"],
      [38, "unplanned", "specwalk"],
    ],
  );

  const document = { uri: Uri.file(requirements), getText: () => fs.readFileSync(requirements, "utf8") };
  const lenses = recorded.lensProviders[0].provideCodeLenses(document) as {
    range: Range;
    command: { title: string; command: string; arguments: unknown[] };
  }[];
  assert.deepEqual(
    lenses.map((lens) => [lens.range.startLine, lens.command.title, lens.command.command]),
    [
      [0, "Generate tests · 4 passed, 1 app defect, 1 not grounded, 1 line not planned", "specwalk.generate"],
      [4, "Generate tests · 2 passed, 1 app defect", "specwalk.generate"],
      [33, "Generate tests · 2 passed, 1 not grounded, 1 line not planned", "specwalk.generate"],
    ],
  );
  assert.deepEqual(lenses[0].command.arguments, [document.uri]);
  const outside = { uri: Uri.file(path.join(os.tmpdir(), "elsewhere.md")), getText: () => "# x\n" };
  assert.deepEqual(recorded.lensProviders[0].provideCodeLenses(outside), []);
});
