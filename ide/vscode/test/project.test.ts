import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";

import { findProjectRoot, fromReportKey, outputDirFrom, reportKey } from "../src/project";
import { REPO } from "./helpers";

const isFile = (p: string): boolean => fs.existsSync(p) && fs.statSync(p).isFile();

test("the project is the nearest specwalk.toml up from a file", (t) => {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), "specwalk-root-"));
  t.after(() => fs.rmSync(top, { recursive: true, force: true }));
  const app = path.join(top, "apps", "web");
  fs.mkdirSync(path.join(app, "docs", "reqs"), { recursive: true });
  fs.writeFileSync(path.join(top, "specwalk.toml"), "");
  assert.equal(findProjectRoot(path.join(app, "docs", "reqs"), isFile), top);
  fs.writeFileSync(path.join(app, "specwalk.toml"), "");
  assert.equal(findProjectRoot(path.join(app, "docs", "reqs"), isFile), app);
  assert.equal(findProjectRoot(os.tmpdir(), isFile), findProjectRoot(path.dirname(os.tmpdir()), isFile));
});

test("the output directory comes from [output] dir, else .specwalk", () => {
  const example = fs.readFileSync(path.join(REPO, "examples", "notes-html", "specwalk.toml"), "utf8");
  assert.equal(outputDirFrom(example), ".specwalk");
  assert.equal(outputDirFrom('[project]\ndir = "no"\n\n[output]\ntests_dir = "e2e"\ndir = "build/sw"   # here\n'), "build/sw");
  assert.equal(outputDirFrom("[output]\ndir = 'single'\n"), "single");
  assert.equal(outputDirFrom(""), ".specwalk");
});

test("report keys are POSIX paths relative to the project root", () => {
  const root = path.join(os.tmpdir(), "proj");
  assert.equal(reportKey(root, path.join(root, "docs", "requirements.md")), "docs/requirements.md");
  assert.equal(reportKey(root, path.join(os.tmpdir(), "elsewhere.md")), undefined);
  assert.equal(reportKey(root, root), undefined);
  assert.equal(fromReportKey(root, "docs/requirements.md"), path.join(root, "docs", "requirements.md"));
});
