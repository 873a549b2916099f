// The MCP servers the extension offers VS Code: one `specwalk mcp` per specwalk project in the
// workspace, started over stdio with that project's config.

import * as path from "path";

import { CONFIG_FILE } from "./project";

export interface ServerSpec {
  label: string;
  command: string;
  args: string[];
  cwd: string;
}

export function mcpServers(roots: readonly string[], command: string): ServerSpec[] {
  const unique = [...new Set(roots.map((root) => path.resolve(root)))].sort();
  return unique.map((root) => ({
    label: unique.length === 1 ? "specwalk" : `specwalk (${path.basename(root)})`,
    command,
    args: ["mcp", "--config", path.join(root, CONFIG_FILE)],
    cwd: root,
  }));
}
