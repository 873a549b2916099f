// Where a specwalk project is: the nearest specwalk.toml up from a file, its output directory,
// and how the report names a file (relative to the project root, POSIX).

import * as path from "path";

export const CONFIG_FILE = "specwalk.toml";
export const REPORT_FILE = "report.json";
export const REPORT_HTML = "report.html";

/** The directory holding the nearest specwalk.toml at or above `start`, or undefined. */
export function findProjectRoot(start: string, isFile: (candidate: string) => boolean): string | undefined {
  let directory = path.resolve(start);
  for (;;) {
    if (isFile(path.join(directory, CONFIG_FILE))) {
      return directory;
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      return undefined;
    }
    directory = parent;
  }
}

/** `[output] dir` of a specwalk.toml (default ".specwalk"); only that key is read, without a TOML parser. */
export function outputDirFrom(tomlText: string): string {
  let section = "";
  for (const raw of tomlText.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const value = /^dir\s*=\s*(?:"([^"]*)"|'([^']*)')$/.exec(line);
    if (section === "output" && value) {
      return value[1] ?? value[2];
    }
  }
  return ".specwalk";
}

/** The report's name for `file`: relative to `root`, POSIX; undefined when outside the project. */
export function reportKey(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (!relative || relative.startsWith("..") || path.isAbsolute(relative)) {
    return undefined;
  }
  return relative.split(path.sep).join("/");
}

/** The absolute path of a file the report names relative to the project root. */
export function fromReportKey(root: string, key: string): string {
  return path.join(root, ...key.split("/"));
}
