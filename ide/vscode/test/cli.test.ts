import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

import { errorMessage, exitMeaning, invocation, ProgressTracker, runCli } from "../src/cli";
import { copyExample, specwalkCli } from "./helpers";

const node = process.execPath;

test("each command runs the CLI with the project's config", () => {
  const root = path.join("/work", "app");
  const config = path.join(root, "specwalk.toml");
  assert.deepEqual(invocation("index", { command: "specwalk", root }), {
    title: "specwalk: indexing",
    command: "specwalk",
    args: ["index", "--config", config, "."],
    cwd: root,
  });
  const generate = invocation("generate", { command: "sw", root, requirementsFile: "docs/reqs.md", runs: 2 });
  assert.deepEqual(generate.args, ["generate", "--config", config, "--runs", "2", "docs/reqs.md"]);
  assert.equal(generate.title, "specwalk: generating tests for docs/reqs.md");
  assert.deepEqual(invocation("manual", { command: "sw", root }).args, ["docs", "--config", config]);
});

test("progress follows the scenario count; other lines are messages", () => {
  const tracker = new ProgressTracker();
  assert.deepEqual(tracker.feed("index: reading the source"), { message: "index: reading the source" });
  assert.equal(tracker.feed("   "), undefined);
  assert.deepEqual(tracker.feed("scenario 1/4: Add — I open"), { message: "scenario 1/4: Add — I open", increment: 0 });
  assert.equal(tracker.feed("scenario 3/4: Remove — click")?.increment, 45);
  assert.equal(tracker.feed("scenario 3/4: Remove — next step")?.increment, 0);
  assert.equal(tracker.feed("scenario 4/4: Last — x")?.increment, 22.5);
});

test("exit statuses and error lines read as the CLI means them", () => {
  assert.deepEqual(exitMeaning(0), { ok: true, text: "done" });
  assert.equal(exitMeaning(1).ok, true);
  assert.equal(exitMeaning(2).ok, false);
  assert.match(exitMeaning(4).text, /browser/);
  assert.match(exitMeaning(null).text, /killed/);
  assert.equal(
    errorMessage(["index: x", "error: missing.md: no such requirements file", "  hint: check the path"]),
    "error: missing.md: no such requirements file hint: check the path",
  );
  assert.equal(errorMessage(["all fine"]), undefined);
});

test("runCli streams both outputs line by line and returns the exit status", async () => {
  const seen: string[] = [];
  const script = "process.stdout.write('one\\ntw'); setTimeout(() => { process.stdout.write('o\\n'); " +
    "process.stderr.write('err line\\nlast without newline'); process.exit(3); }, 50);";
  const result = await runCli({ title: "t", command: node, args: ["-e", script], cwd: process.cwd() }, {
    onLine: (line, stream) => seen.push(`${stream}:${line}`),
  });
  assert.equal(result.code, 3);
  assert.deepEqual(result.stdout, ["one", "two"]);
  assert.deepEqual(result.stderr, ["err line", "last without newline"]);
  assert.deepEqual(seen.slice(0, 2), ["stdout:one", "stdout:two"]);
});

test("runCli cancels with SIGINT and reports a missing command as an error line", async () => {
  const abort = new AbortController();
  const script = "process.on('SIGINT', () => { console.error('stopped cleanly'); process.exit(130); }); setInterval(() => {}, 1000); console.log('ready');";
  const running = runCli({ title: "t", command: node, args: ["-e", script], cwd: process.cwd() }, {
    signal: abort.signal,
    onLine: (line) => {
      if (line === "ready") {
        abort.abort();
      }
    },
  });
  const result = await running;
  assert.equal(result.code, 130);
  assert.deepEqual(result.stderr, ["stopped cleanly"]);

  const missing = await runCli({ title: "t", command: "/nonexistent/specwalk", args: [], cwd: process.cwd() });
  assert.notEqual(missing.code, 0);
  assert.match(errorMessage(missing.stderr) ?? "", /^error: cannot run \/nonexistent\/specwalk: not found/);
});

test("the real specwalk CLI accepts the commands' arguments", async (t) => {
  const root = copyExample("notes-html", t);
  const command = specwalkCli();
  const indexed = await runCli(invocation("index", { command, root }));
  assert.equal(indexed.code, 0, indexed.stderr.join("\n"));
  assert.ok(fs.statSync(path.join(root, ".specwalk", "uimap.json")).size > 1000);
  assert.ok(indexed.stdout.some((line) => line.startsWith("indexed ")));

  // A requirements file that does not exist: the CLI parsed every argument and says what is wrong.
  const generate = await runCli(invocation("generate", { command, root, requirementsFile: "missing.md", runs: 1 }));
  assert.equal(generate.code, 2);
  assert.equal(errorMessage(generate.stderr), "error: missing.md: no such requirements file hint: check the path, or project.requirements");
});
