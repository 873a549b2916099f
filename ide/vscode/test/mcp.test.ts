import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";

import { mcpServers } from "../src/mcp";
import { copyExample, specwalkCli } from "./helpers";

test("one MCP server per project, started with its config", () => {
  const a = path.join("/w", "shop");
  const b = path.join("/w", "notes");
  assert.deepEqual(mcpServers([a], "specwalk"), [
    { label: "specwalk", command: "specwalk", args: ["mcp", "--config", path.join(a, "specwalk.toml")], cwd: a },
  ]);
  assert.deepEqual(
    mcpServers([a, b, a], "sw").map((s) => s.label),
    ["specwalk (notes)", "specwalk (shop)"],
  );
});

test("the server definition VS Code gets starts a working MCP server (initialize handshake)", async (t) => {
  const root = copyExample("notes-html", t);
  const [spec] = mcpServers([root], specwalkCli());
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: ["pipe", "pipe", "inherit"] });
  const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (chunk) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf("\n");
      if (newline >= 0) {
        resolve(JSON.parse(buffer.slice(0, newline)));
      }
    });
    child.on("error", reject);
    setTimeout(() => reject(new Error("no answer within 30 s")), 30_000).unref();
  });
  const initialize = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "vscode-test", version: "1" } },
  };
  child.stdin.write(JSON.stringify(initialize) + "\n");
  const answer = (await reply) as { id: number; result: { serverInfo: { name: string }; capabilities: Record<string, unknown> } };
  child.stdin.end();
  await new Promise((resolve) => child.on("close", resolve));
  assert.equal(answer.id, 1);
  assert.equal(answer.result.serverInfo.name, "specwalk");
  assert.ok("tools" in answer.result.capabilities);
});
