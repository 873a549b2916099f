// Paths the tests share: the committed fixture (a real report.json that `specwalk generate` wrote for
// tests/fixtures/generate/groceries plus one unplannable line) and the repository's specwalk CLI.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const HERE = path.resolve(__dirname, "..", "..", "test");
export const FIXTURES = path.join(HERE, "fixtures");
export const REPO = path.resolve(HERE, "..", "..", "..");

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

/** The specwalk executable `make` installs (override with SPECWALK_CLI). */
export function specwalkCli(): string {
  const cli = process.env.SPECWALK_CLI ?? path.join(REPO, ".venv", "bin", "specwalk");
  if (!fs.existsSync(cli)) {
    throw new Error(`${cli} is missing: run \`make python\` (or set SPECWALK_CLI)`);
  }
  return cli;
}

/** A scratch copy of an example app (without node_modules or generated files), removed after the test. */
export function copyExample(name: string, context: { after: (fn: () => void) => void }): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `specwalk-ide-${name}-`));
  context.after(() => fs.rmSync(target, { recursive: true, force: true }));
  const source = path.join(REPO, "examples", name);
  for (const entry of fs.readdirSync(source)) {
    if (["node_modules", ".specwalk", "e2e-generated"].includes(entry)) {
      continue;
    }
    fs.cpSync(path.join(source, entry), path.join(target, entry), { recursive: true });
  }
  return target;
}
