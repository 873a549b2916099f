"""Detect a front-end project's framework, tooling, dev server and inputs (for `specwalk init`).

Detection reads files only; it never runs the project's code. Every guess is a value in the
returned `Detection`, with the evidence that led to it, so `init` can explain itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from specwalk.config import Framework, PackageManager
from specwalk.errors import UsageError

SKIP_DIRS = frozenset(
    {"node_modules", ".git", "dist", "build", ".next", ".svelte-kit", "coverage", ".specwalk", ".venv", "out"}
)

# Frameworks by the dependency that gives them away, most specific first.
_FRAMEWORK_DEPS: tuple[tuple[str, Framework, str], ...] = (
    ("next", "react", "Next.js"),
    ("@angular/core", "angular", "Angular"),
    ("@sveltejs/kit", "svelte", "SvelteKit"),
    ("svelte", "svelte", "Svelte"),
    ("nuxt", "vue", "Nuxt"),
    ("vue", "vue", "Vue"),
    ("react", "react", "React"),
)

# Default dev-server ports of the common tools, used when no config file sets one.
_DEFAULT_PORTS: dict[str, int] = {
    "vite": 5173,
    "next": 3000,
    "react-scripts": 3000,
    "ng": 4200,
    "vue-cli-service": 8080,
    "webpack": 8080,
    "nuxt": 3000,
    "static": 8000,
}

_REQUIREMENT_NAMES = ("requirements.md", "REQUIREMENTS.md", "Requirements.md", "requirements.MD")
_REQUIREMENT_DIRS = (".", "docs", "doc", "requirements", "specs", "spec")


# package.json scripts that start a backend the front-end needs, and ones that restore its data.
_SERVICE_SCRIPTS = ("api", "server", "backend")
_RESET_SCRIPTS = ("db:reset", "reset:db", "reset", "db:seed", "seed")
# A reset script that runs one of these programs is written as its own command: the reset runs
# before every scenario, and `npm run` would start Node for each (about half a second).
_DIRECT_RESET_PROGRAMS = frozenset({"curl", "wget", "python", "python3", "node", "sh", "bash", "cp", "sqlite3"})


@dataclass(frozen=True)
class DetectedService:
    name: str
    command: str
    port: int | None
    evidence: str


@dataclass
class Detection:
    framework: Framework
    framework_label: str
    package_manager: PackageManager
    command: str
    port: int
    source_roots: list[str]
    requirements: list[str]
    locales: list[str]
    evidence: list[str] = field(default_factory=list)
    services: list[DetectedService] = field(default_factory=list)
    reset: str = ""


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _dig(data: object, *keys: str) -> object:
    """data[k1][k2]… where each level is an object, else None (a project file may hold anything)."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _read_package(path: Path) -> dict[str, Any]:
    """package.json as an object, or a UsageError naming what is wrong with it (and the line)."""
    hint = "fix package.json, then run init again"
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror})", hint=hint) from error
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: not UTF-8 text", hint=hint) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"{path}:{error.lineno}: not valid JSON: {error.msg}", hint=hint) from error
    except RecursionError as error:
        raise UsageError(f"{path}: nested too deeply to be a package.json", hint=hint) from error
    if not isinstance(data, dict):
        raise UsageError(f"{path}: not a JSON object", hint=hint)
    return data


def _dependencies(package: dict[str, Any]) -> dict[str, str]:
    deps: dict[str, str] = {}
    for key in ("dependencies", "devDependencies", "peerDependencies"):
        section = package.get(key)
        if isinstance(section, dict):
            deps.update({str(k): str(v) for k, v in section.items()})
    return deps


def _package_manager(root: Path, package: dict[str, Any] | None) -> tuple[PackageManager, str]:
    declared = str((package or {}).get("packageManager", ""))
    for name in ("pnpm", "yarn", "npm"):
        if declared.startswith(name + "@"):
            return name, f"package.json packageManager is {declared}"
    for lockfile, name in (("pnpm-lock.yaml", "pnpm"), ("yarn.lock", "yarn"), ("package-lock.json", "npm")):
        if (root / lockfile).is_file():
            return name, f"found {lockfile}"  # type: ignore[return-value]
    if package is not None:
        return "npm", "package.json without a lockfile: assuming npm"
    return "none", "no package.json"


def _run_script(manager: PackageManager, script: str) -> str:
    if manager == "npm":
        return f"npm run {script}"
    return f"{manager} {script}" if manager in ("pnpm", "yarn") else script


def _port_flag_separator(manager: PackageManager) -> str:
    # npm needs `--` to hand flags to the script; pnpm and yarn pass them through.
    return " --" if manager == "npm" else ""


def _tool_of(script: str) -> str:
    for tool in ("vite", "next", "react-scripts", "ng", "vue-cli-service", "webpack", "nuxt"):
        if re.search(rf"(^|\s|/){re.escape(tool)}(\s|$)", script):
            return tool
    return ""


def _first_config(root: Path, stems: tuple[str, ...]) -> Path | None:
    for stem in stems:
        for ext in (".ts", ".mts", ".js", ".mjs", ".cjs"):
            candidate = root / f"{stem}{ext}"
            if candidate.is_file():
                return candidate
    return None


def _port_from_text(text: str, *keys: str) -> int | None:
    for key in keys:
        match = re.search(rf"\b{key}\s*[:=]\s*(\d{{2,5}})\b", text)
        if match:
            return int(match.group(1))
    return None


def _configured_port(root: Path, tool: str, script: str) -> tuple[int | None, str]:
    flag = re.search(r"--port[= ](\d{2,5})|-p\s+(\d{2,5})", script)
    if flag:
        return int(flag.group(1) or flag.group(2)), "the dev script passes --port"
    if tool == "vite":
        path = _first_config(root, ("vite.config",))
        if path is not None:
            port = _port_from_text(path.read_text(encoding="utf-8", errors="replace"), "port")
            if port:
                return port, f"server.port in {path.name}"
    if tool == "ng":
        projects = _dig(_read_json(root / "angular.json"), "projects")
        for project in projects.values() if isinstance(projects, dict) else ():
            served = _dig(project, "architect", "serve", "options", "port")
            if isinstance(served, int):
                return served, "serve.options.port in angular.json"
    if tool in ("webpack", "vue-cli-service"):
        for stem in ("webpack.config", "vue.config"):
            path = _first_config(root, (stem,))
            if path is not None:
                port = _port_from_text(path.read_text(encoding="utf-8", errors="replace"), "port")
                if port:
                    return port, f"devServer.port in {path.name}"
    return None, ""


def _port_from_playwright_config(root: Path) -> tuple[int | None, str]:
    """An existing Playwright config often names the app's URL; a good hint for a static site."""
    for directory in (root, *sorted(p for p in root.iterdir() if p.is_dir() and p.name not in SKIP_DIRS)):
        path = _first_config(directory, ("playwright.config",))
        if path is None:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"https?://(?:127\.0\.0\.1|localhost):(\d{2,5})", text)
        if match:
            return int(match.group(1)), f"the app URL in {path.relative_to(root).as_posix()}"
    return None, ""


def _dev_script(scripts: dict[str, str]) -> str | None:
    for name in ("dev", "start", "serve", "develop"):
        if name in scripts:
            return name
    return None


def _service_port(root: Path, name: str, script: str) -> tuple[int | None, str]:
    """The port of the backend script `name`: its --port flag, else where the dev server proxies to."""
    flag = re.search(r"--port[= ](\d{2,5})|-p\s+(\d{2,5})", script)
    if flag:
        return int(flag.group(1) or flag.group(2)), "the script passes --port"
    path = _first_config(root, ("vite.config",))
    if path is None:
        return None, ""
    text = path.read_text(encoding="utf-8", errors="replace")
    # `process.env.API_PORT ?? '8799'` (the variable specwalk sets for a service named api), else a
    # proxy target such as 'http://localhost:8799'.
    variable = name.upper().replace("-", "_") + "_PORT"
    default = re.search(rf"\b{variable}\s*(?:\?\?|\|\|)\s*['\"]?(\d{{2,5}})\b", text)
    if default:
        return int(default.group(1)), f"the {variable} default in {path.name}"
    target = re.search(r"target\s*:\s*['\"`]https?://(?:127\.0\.0\.1|localhost):(\d{2,5})", text)
    if target:
        return int(target.group(1)), f"the proxy target in {path.name}"
    return None, ""


def _services(root: Path, scripts: dict[str, str], dev: str | None, manager: PackageManager) -> list[DetectedService]:
    services: list[DetectedService] = []
    for name in _SERVICE_SCRIPTS:
        if name not in scripts or name == dev or _tool_of(scripts[name]):
            continue  # absent, or the front-end's own dev server under another name
        port, why = _service_port(root, name, scripts[name])
        command = _run_script(manager, name)
        evidence = f"service {name}: script '{name}' ({scripts[name]})"
        if port is not None:
            command += f"{_port_flag_separator(manager)} --port {{port}}"
            evidence += f"; port {port} from {why}"
        services.append(DetectedService(name, command, port, evidence))
    return services


def _reset_command(manager: PackageManager, name: str, body: str) -> str:
    """The script's own command when it is one call of a program on PATH, else `npm run <name>`."""
    words = body.split()
    chained = re.search(r"&&|\|\||;|\b(?:npm|pnpm|yarn|npx)\b", body)
    if words and words[0] in _DIRECT_RESET_PROGRAMS and not chained:
        return body.strip()
    return _run_script(manager, name)


def _source_roots(root: Path, framework: Framework) -> list[str]:
    candidates = ["src", "app", "pages", "components", "public"] if framework != "html" else []
    roots = [name for name in candidates if (root / name).is_dir()]
    if "src" in roots:
        roots = ["src"]  # everything else usually lives under src or is static
    return roots or ["."]


def _requirements(root: Path) -> list[str]:
    found: list[str] = []
    for directory in _REQUIREMENT_DIRS:
        base = root / directory
        for name in _REQUIREMENT_NAMES:
            candidate = base / name
            if candidate.is_file():
                relative = candidate.relative_to(root).as_posix()
                if relative.lower() not in {item.lower() for item in found}:
                    found.append(relative)
    if not found:
        features = sorted(
            path.relative_to(root).as_posix()
            for path in root.rglob("*.feature")
            if not SKIP_DIRS.intersection(path.relative_to(root).parts)
        )
        found.extend(features[:20])
    return found


_LOCALE_CODE = re.compile(r"^[a-z]{2,3}([-_][A-Za-z]{2,4})?$")


def _locales(root: Path, source_roots: list[str]) -> tuple[list[str], str]:
    """Locale codes from i18n files: locales/en.json, i18n/zh-CN.json, public/locales/en/*.json."""
    codes: set[str] = set()
    where = ""
    bases = [root / source for source in source_roots] + [root / "public", root / "assets", root]
    for base in bases:
        for directory_name in ("locales", "locale", "i18n", "lang", "langs", "translations", "messages"):
            for directory in base.glob(f"**/{directory_name}") if base != root else [base / directory_name]:
                if not directory.is_dir() or SKIP_DIRS.intersection(directory.relative_to(root).parts):
                    continue
                for entry in directory.iterdir():
                    stem = entry.stem if entry.is_file() else entry.name
                    if entry.is_file() and entry.suffix not in (".json", ".yaml", ".yml", ".ts", ".js"):
                        continue
                    if _LOCALE_CODE.match(stem):
                        codes.add(stem)
                        where = directory.relative_to(root).as_posix()
    if not codes:
        return ["en"], "no locale files found: assuming en"
    ordered = sorted(codes, key=lambda code: (not code.startswith("en"), code))
    return ordered, f"locale files in {where}"


def _is_frontend_html(root: Path) -> bool:
    return (root / "index.html").is_file() or any(path.suffix == ".html" for path in root.iterdir() if path.is_file())


def detect_project(root: Path) -> Detection:
    """Inspect `root` and describe the project, or raise UsageError if it is not a front-end app."""
    if not root.is_dir():
        raise UsageError(f"{root} is not a directory", hint="pass the path of your front-end project")
    package = _read_package(root / "package.json") if (root / "package.json").is_file() else None
    deps = _dependencies(package or {})
    evidence: list[str] = []

    framework: Framework | None = None
    label = ""
    for dep, name, pretty in _FRAMEWORK_DEPS:
        if dep in deps:
            framework, label = name, pretty
            evidence.append(f"framework {pretty}: package.json depends on {dep}")
            break
    if framework is None:
        if _is_frontend_html(root):
            framework, label = "html", "plain HTML"
            evidence.append("framework plain HTML: an .html page and no framework dependency")
        else:
            raise UsageError(
                f"{root} does not look like a front-end project: no package.json with a known framework "
                "(React, Vue, Svelte, Angular) and no .html page",
                hint="run `specwalk init` in the directory that holds your app's package.json or index.html",
            )

    manager, why = _package_manager(root, package)
    evidence.append(f"package manager {manager}: {why}")

    declared = _dig(package, "scripts")
    scripts = {str(k): str(v) for k, v in declared.items()} if isinstance(declared, dict) else {}
    script_name = _dev_script(scripts)
    if script_name is not None and manager != "none":
        tool = _tool_of(scripts[script_name])
        port, port_why = _configured_port(root, tool, scripts[script_name])
        if port is None:
            port = _DEFAULT_PORTS.get(tool, 3000)
            port_why = f"default port of {tool or 'the dev server'}"
        command = f"{_run_script(manager, script_name)}{_port_flag_separator(manager)} --port {{port}}"
        evidence.append(f"dev server: script '{script_name}' ({scripts[script_name]}); port {port} from {port_why}")
    else:
        port, port_why = _port_from_playwright_config(root)
        if port is None:
            port, port_why = _DEFAULT_PORTS["static"], "the static server's default"
        command = "python3 -m http.server {port} --bind 127.0.0.1"
        evidence.append(f"dev server: no dev script, Python's static server; port {port} from {port_why}")

    services: list[DetectedService] = []
    reset = ""
    if manager != "none":
        services = _services(root, scripts, script_name, manager)
        evidence.extend(service.evidence for service in services)
        reset_script = next((name for name in _RESET_SCRIPTS if name in scripts), None)
        if reset_script is not None:
            reset = _reset_command(manager, reset_script, scripts[reset_script])
            evidence.append(f"data reset: script '{reset_script}' ({scripts[reset_script]})")

    source_roots = _source_roots(root, framework)
    locales, locale_why = _locales(root, source_roots)
    evidence.append(f"locales {', '.join(locales)}: {locale_why}")
    requirements = _requirements(root)
    evidence.append(f"requirements: {', '.join(requirements)}" if requirements else "requirements: none found")
    return Detection(
        framework=framework,
        framework_label=label,
        package_manager=manager,
        command=command,
        port=port,
        source_roots=source_roots,
        requirements=requirements,
        locales=locales,
        evidence=evidence,
        services=services,
        reset=reset,
    )
