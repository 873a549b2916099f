"""specwalk.toml: the typed project configuration, loaded once at the edge.

Layering, lowest first: built-in defaults < specwalk.toml < environment (read by the CLI and
passed in as a mapping) < command-line flags. Packages below the CLI receive a frozen `Config`
and never read the environment themselves.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from specwalk.errors import ConfigError, UsageError
from specwalk.fileio import editor_lines, is_utf8, printable

CONFIG_FILENAME = "specwalk.toml"

Framework = Literal["react", "vue", "svelte", "angular", "html"]
PackageManager = Literal["npm", "pnpm", "yarn", "none"]
LlmProvider = Literal["none", "deepseek", "openai", "ollama", "vllm"]


class _Section(BaseModel):
    # nan and inf are valid TOML floats but no timeout or count: "not a finite number", not "≤ 3600".
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _no_nul(value: Any) -> Any:
    """A path with a NUL character in it (TOML allows the escape) cannot name a file anywhere."""
    texts = value if isinstance(value, tuple | list) else (value,)
    if any(isinstance(text, str) and "\x00" in text for text in texts):
        raise ValueError("contains a NUL character (\\u0000); remove it")
    return value


class ProjectSection(_Section):
    framework: Framework = "html"
    package_manager: PackageManager = "none"
    source_roots: tuple[str, ...] = (".",)
    requirements: tuple[str, ...] = ()
    locales: tuple[str, ...] = ("en",)

    _paths = field_validator("source_roots", "requirements")(_no_nul)

    @field_validator("source_roots", "requirements", "locales")
    @classmethod
    def _once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(value))  # a file listed twice is read once, in its first place

    @field_validator("source_roots")
    @classmethod
    def _not_empty(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError('list at least one source directory, e.g. ["src"]')
        return value


class ServiceSection(_Section):
    """A process the app needs besides its dev server (an API, a database), started before it."""

    name: str = ""
    command: str
    cwd: str = "."  # relative to specwalk.toml
    port: int | None = Field(default=None, ge=1, le=65535)
    ready_url: str = ""  # polled until it answers; "": the port is waited for, if there is one
    start_timeout: float = Field(default=60.0, gt=0, le=3600)

    @field_validator("name")
    @classmethod
    def _log_name(cls, value: str) -> str:
        # The name names its log file (.specwalk/logs/<name>.log) and its port variable (API_PORT).
        if value and not re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", value):
            raise ValueError('use letters, digits, "-" and "_", starting with a letter, e.g. "api"')
        if value == "app":
            raise ValueError('"app" names the dev server\'s own log; call the service e.g. "api"')
        return value

    @field_validator("ready_url")
    @classmethod
    def _service_url(cls, value: str) -> str:
        if value and not re.match(r"^https?://[^/\s]+", value):
            raise ValueError('must be an http:// or https:// URL, e.g. "http://127.0.0.1:{port}/api/health"')
        return value


class AppSection(_Section):
    command: str = ""
    port: int = Field(default=5173, ge=1, le=65535)
    base_url: str = "http://127.0.0.1:{port}/"
    ready_url: str = ""
    start_timeout: float = Field(default=60.0, gt=0, le=3600)
    # A shell command that puts the app's data back in a known state (an HTTP call to a seed
    # endpoint, a script restoring a database file); run before each scenario is verified and by
    # the emitted suite before each test. "": none.
    reset: str = ""
    # How long a step waits for its target to appear and be unique, and an expectation to hold.
    action_timeout: float = Field(default=5.0, gt=0, le=600)
    services: tuple[ServiceSection, ...] = ()

    @field_validator("base_url", "ready_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not re.match(r"^https?://[^/\s]+", value):
            raise ValueError('must be an http:// or https:// URL, e.g. "http://127.0.0.1:{port}/"')
        return value

    @field_validator("services")
    @classmethod
    def _unique_names(cls, value: tuple[ServiceSection, ...]) -> tuple[ServiceSection, ...]:
        names = [service.name for service in value if service.name]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f"two [[app.services]] are named {', '.join(twice)}; give each its own name")
        return value


class OutputSection(_Section):
    dir: str = ".specwalk"
    tests_dir: str = "e2e-generated"
    manual_dir: str = "docs/manual"

    _paths = field_validator("dir", "tests_dir", "manual_dir")(_no_nul)


class BrowserSection(_Section):
    path: str = ""
    headless: bool = True
    # Browsers verifying scenarios side by side; 0: one per CPU core, at most 4. Mostly waiting
    # (page loads, web-first assertions), so more than one keeps the cores busy.
    workers: int = Field(default=0, ge=0, le=16)

    _paths = field_validator("path")(_no_nul)

    def worker_count(self, cpus: int | None) -> int:
        return self.workers or max(1, min(4, cpus or 1))


class LlmSection(_Section):
    provider: LlmProvider = "none"
    model: str = ""  # "": the preset's default model (or the server's only model)
    base_url: str = ""  # "": the preset's URL; any OpenAI-compatible server's URL otherwise
    api_key_env: str = ""  # "": the preset's variable (DEEPSEEK_API_KEY, OPENAI_API_KEY)
    timeout: float = Field(default=60.0, gt=0, le=600)  # seconds per request
    retries: int = Field(default=2, ge=0, le=10)  # on 429, 5xx and timeouts, with backoff

    @field_validator("base_url")
    @classmethod
    def _llm_url(cls, value: str) -> str:
        if value and not re.match(r"^https?://[^/\s]+", value):
            raise ValueError('must be an http:// or https:// URL, e.g. "http://127.0.0.1:8000/v1"')
        return value


def llm_choice(value: str) -> dict[str, Any]:
    """`--llm` / $SPECWALK_LLM as [llm] keys: a preset, `preset:model`, a server URL, or none.

    Another provider than the configured one replaces model, URL and key variable too, so a
    model name meant for one server is never sent to another.
    """
    value = value.strip()
    if re.match(r"^https?://", value):
        # Any OpenAI-compatible server (vLLM, llama.cpp, LM Studio): no key unless api_key_env says so.
        return {"provider": "vllm", "base_url": value}
    provider, _, model = value.partition(":")
    return {"provider": provider, "model": model} if model else {"provider": provider}


def _fresh_llm(data: Mapping[str, Any], layered: dict[str, Any]) -> dict[str, Any]:
    """A layer that switches to another LLM provider does not inherit the file's model, URL or key."""
    chosen = layered.get("llm")
    configured = data.get("llm")
    current = configured.get("provider", "none") if isinstance(configured, Mapping) else "none"
    if isinstance(chosen, Mapping) and "provider" in chosen and chosen["provider"] != current:
        return {**layered, "llm": {"model": "", "base_url": "", "api_key_env": "", **chosen}}
    return layered


class DocsSection(_Section):
    title: str = ""  # the manual's title; "": the page <title>, the web manifest or package.json name
    mask: tuple[str, ...] = ()  # CSS selectors masked in pictures; values typed into them shown as ••••


class GroundSection(_Section):
    # "semantic" fuses bm25 with sentence embeddings; it needs the specwalk[semantic] extra.
    retriever: Literal["lexical", "semantic"] = "lexical"


class Config(_Section):
    """The whole configuration. `root` is the directory the relative paths are resolved against."""

    root: Path = Field(default=Path("."), exclude=True)
    source: Path | None = Field(default=None, exclude=True)
    project: ProjectSection = ProjectSection()
    app: AppSection = AppSection()
    output: OutputSection = OutputSection()
    browser: BrowserSection = BrowserSection()
    llm: LlmSection = LlmSection()
    ground: GroundSection = GroundSection()
    docs: DocsSection = DocsSection()

    def resolve(self, relative: str) -> Path:
        """The absolute path; a symlink loop or an unreadable link is left for its reader to report."""
        path = self.root / relative
        try:
            return path.resolve()
        except (OSError, RuntimeError, ValueError):  # RuntimeError: Python 3.11's "Symlink loop"
            return Path(os.path.normpath(path))

    @property
    def output_dir(self) -> Path:
        return self.resolve(self.output.dir)

    def url_for_port(self, template: str, port: int) -> str:
        return template.replace("{port}", str(port))

    @property
    def base_url(self) -> str:
        return self.url_for_port(self.app.base_url, self.app.port)


_KEY_HELP: dict[str, str] = {
    "project.framework": "one of react, vue, svelte, angular, html",
    "project.package_manager": "one of npm, pnpm, yarn, none",
    "project.source_roots": 'a list of directories, e.g. ["src"]',
    "project.requirements": 'a list of files, e.g. ["requirements.md"]',
    "project.locales": 'a list of locale codes, e.g. ["en", "zh"]',
    "app.command": "the shell command that starts the dev server; {port} is replaced by the port",
    "app.port": "a TCP port number from 1 to 65535",
    "app.base_url": "an http URL; {port} is replaced by the port the app got",
    "app.ready_url": "an http URL that answers once the app is up (empty: base_url)",
    "app.start_timeout": "seconds to wait for the app, a number above 0",
    "browser.path": 'path to a Chromium/Chrome executable, or "" to find one automatically',
    "browser.headless": "true or false",
    "browser.workers": "a whole number from 0 (one per CPU core, at most 4) to 16",
    "llm.provider": "one of none, deepseek, openai, ollama, vllm",
    "llm.base_url": "an http URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1",
    "llm.timeout": "seconds to wait for one answer, above 0 and at most 600",
    "llm.retries": "retries on 429, 5xx and timeouts, from 0 to 10",
    "ground.retriever": "lexical (default) or semantic (needs pip install 'specwalk[semantic]')",
    "app.reset": "a shell command that restores the app's data, e.g. curl -X POST http://127.0.0.1:8000/api/reset",
    "app.action_timeout": "seconds a step waits for its element, above 0 and at most 600",
    "app.services.name": 'a short name such as "api": it names the log and the port variable (API_PORT)',
    "app.services.command": "the shell command that starts the service; {port} is replaced by its port",
    "app.services.port": "the service's TCP port, 1 to 65535 (taken: a free one when the command has {port})",
    "app.services.ready_url": "an http URL that answers once the service is up (empty: its port is waited for)",
    "docs.title": "the manual's title",
    "docs.mask": 'a list of CSS selectors, e.g. ["#email", ".avatar"]',
}


def _known_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys: list[str] = []
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            keys.extend(_known_keys(annotation, f"{prefix}{name}."))
        else:
            keys.append(f"{prefix}{name}")
    return keys


_TABLE_HEADER = re.compile(r"^\[(\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"""^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _dotted(key: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", key))


def _line_of(text: str, dotted: str) -> int | None:
    """Best-effort line number of `dotted` (`app.port`, `app.services.1.port`, a table `foo`) in
    TOML text (tomllib keeps no positions): the key's line, else its table's line, else the
    nearest enclosing table's."""
    current = ""
    arrays: dict[str, int] = {}  # [[name]] -> how many seen
    best: tuple[int, int] | None = None  # (length of the matched prefix, line)
    for number, raw in enumerate(editor_lines(text), start=1):
        line = raw.strip()
        header = _TABLE_HEADER.match(line)
        if header:
            name = _dotted(header.group(2))
            if header.group(1):  # an array of tables: its entries are name.0, name.1, …
                arrays[name] = arrays.get(name, -1) + 1
                name = f"{name}.{arrays[name]}"
            current = name
            candidate = current
        else:
            key = _KEY_LINE.match(line)
            if key is None:
                continue
            candidate = f"{current}.{_dotted(key.group(1))}" if current else _dotted(key.group(1))
        if candidate == dotted or candidate.startswith(dotted + "."):
            return number
        if dotted.startswith(candidate + ".") and (best is None or len(candidate) > best[0]):
            best = (len(candidate), number)
    return best[1] if best else None


def _describe_value(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _origin(dotted: str, origins: Mapping[str, str]) -> str | None:
    """The flag or variable a value came from (`--llm`, `$SPECWALK_LLM`), if not from the file."""
    parts = dotted.split(".")
    for length in range(len(parts), 0, -1):
        found = origins.get(".".join(parts[:length]))
        if found:
            return found
    return None


def _validation_lines(
    error: ValidationError, data: Mapping[str, Any], text: str, where: str, origins: Mapping[str, str]
) -> list[str]:
    lines: list[str] = []
    known = _known_keys(Config)
    for item in error.errors():
        located = ".".join(str(part) for part in item["loc"])
        dotted = ".".join(str(part) for part in item["loc"] if not isinstance(part, int))
        origin = _origin(dotted, origins)
        line = None if origin else _line_of(text, located)
        place = origin or (f"{where}:{line}" if line else where)
        if item["type"] == "extra_forbidden" and "." not in dotted and isinstance(data.get(dotted), Mapping):
            tables = [name for name in Config.model_fields if name not in ("root", "source")]
            close = difflib.get_close_matches(dotted, tables, n=1)
            fix = f"did you mean [{close[0]}]?" if close else "remove it; the tables are " + ", ".join(tables)
            lines.append(f"{place}: unknown table [{dotted}]: {fix}")
            continue
        if item["type"] == "extra_forbidden":
            close = difflib.get_close_matches(dotted, known, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "remove it; known keys: " + ", ".join(known)
            lines.append(f"{place}: unknown key '{dotted}': {fix}")
            continue
        value = item.get("input")
        reason = str(item["msg"]).removeprefix("Value error, ")
        help_text = _KEY_HELP.get(dotted)
        fix = f"; expected {help_text}" if help_text else ""
        lines.append(f"{place}: {dotted} = {_describe_value(value)} is invalid: {reason}{fix}")
    return lines


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


_MAX_TOML_DEPTH = 32  # sections, tables, arrays and inline tables nested in each other


def _too_deep(text: str) -> int | None:
    """The line where brackets and braces first nest past `_MAX_TOML_DEPTH` (outside strings
    and comments, roughly), so tomllib never recurses that deep."""
    depth, line, quote = 0, 1, ""
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line += 1
            if quote in ('"', "'"):
                quote = ""  # a one-line string that never closed: tomllib reports it
        elif quote:
            if char == "\\" and quote in ('"', '"""'):
                index += 1
            elif text.startswith(quote, index):
                index += len(quote) - 1
                quote = ""
        elif char == "#":
            end = text.find("\n", index)
            index = size if end < 0 else end
            continue
        elif char in ('"', "'"):
            quote = char * 3 if text.startswith(char * 3, index) else char
            index += len(quote) - 1
        elif char in "[{":
            depth += 1
            if depth > _MAX_TOML_DEPTH:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return None


def _parse_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
    except IsADirectoryError as exc:
        raise UsageError(f"{path}: is a directory, not a config file", hint=_CONFIG_HINT) from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the config file: {exc.strerror or exc}", hint=_CONFIG_HINT) from exc
    try:
        text = raw.decode("utf-8-sig")  # a BOM is allowed, as in requirements files
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}:{line}: the config file is not UTF-8 text ({exc.reason} at byte {exc.start})",
            hint="save it as UTF-8",
        ) from exc
    deep = _too_deep(text)
    if deep is not None:
        raise ConfigError(
            f"{path}:{deep}: nested more than {_MAX_TOML_DEPTH} levels deep; specwalk.toml needs at most three",
            hint="remove the extra [ and {, or regenerate the file with `specwalk init --force`",
        )
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{path}:{match.group(1)}" if match else str(path)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(
            f"{where}: not valid TOML: {reason}",
            hint="fix the syntax (strings need quotes, lists use [..]) or regenerate it with `specwalk init --force`",
        ) from exc
    except RecursionError as exc:  # _too_deep is approximate; never a traceback
        raise ConfigError(f"{path}: nested too deeply to read", hint="remove the extra [ and {") from exc


_CONFIG_HINT = "run `specwalk init` in your front-end project to write one, or pass --config PATH"


def build_config(
    data: Mapping[str, Any],
    *,
    root: Path,
    source: Path | None = None,
    text: str = "",
    overrides: Mapping[str, Any] | None = None,
    origins: Mapping[str, str] | None = None,
) -> Config:
    """Validate layered data into a Config, turning every problem into one ConfigError.

    `origins`: dotted key -> where an override came from (`--llm`, `$SPECWALK_LLM`); an error in
    such a value names it instead of a line of the file.
    """
    merged = _deep_merge(dict(data), overrides or {})
    where = str(source) if source else "configuration"
    try:
        return Config.model_validate({**merged, "root": root, "source": source})
    except ValidationError as exc:
        raise ConfigError(*_validation_lines(exc, merged, text, where, origins or {})) from exc
    except RecursionError as exc:
        raise ConfigError(f"{where}: a value is nested too deeply", hint="remove the extra [ and {") from exc


def _check_file(path: Path) -> None:
    """`path` names a config file that can be read, or a UsageError says what it is instead."""
    if path.is_file():
        return
    if path.is_dir():
        raise UsageError(f"{path}: is a directory, not a config file", hint=_CONFIG_HINT)
    if os.path.lexists(path):
        try:
            path.stat()
        except OSError as exc:
            reason = "a symbolic link that loops" if exc.errno == 40 else f"a broken link ({exc.strerror})"
            raise UsageError(f"{path}: is {reason}", hint="fix or remove the link") from exc
        raise UsageError(f"{path}: is not a regular file", hint=_CONFIG_HINT)
    raise UsageError(f"config file not found: {path}", hint=_CONFIG_HINT)


def find_config(start: Path) -> Path | None:
    """The nearest specwalk.toml at or above `start`; one that is not a readable file is an error
    (a directory of that name is not silently passed over for a config further up)."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILENAME
        if candidate.is_file():
            return candidate
        if os.path.lexists(candidate):
            _check_file(candidate)
    return None


def _flat_keys(data: Mapping[str, Any], prefix: str = "") -> list[str]:
    keys: list[str] = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            keys.extend(_flat_keys(value, f"{prefix}{key}."))
        else:
            keys.append(f"{prefix}{key}")
    return keys


def load_config(
    path: Path | None = None,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    required: bool = True,
    flags: Mapping[str, str] | None = None,
) -> Config:
    """Load specwalk.toml (explicit path, or the nearest one above cwd) and apply the layers.

    `env` is the process environment, given by the CLI; only SPECWALK_* variables are used.
    `flags`: section or dotted key -> the command-line flag that set it in `overrides` (`--llm`),
    named by errors in those values.
    """
    cwd = (cwd or Path.cwd()).resolve()
    if path is not None:
        path = path if path.is_absolute() else cwd / path
        if path.is_dir() and path.name != CONFIG_FILENAME:
            path = path / CONFIG_FILENAME
        _check_file(path)
    else:
        path = find_config(cwd)
    env_layer = _env_layer(env or {})
    origins = {key: _ENV_ORIGINS[key.split(".")[0]] for key in _flat_keys(env_layer)}
    for key in _flat_keys(overrides or {}):
        origins[key] = _origin(key, flags or {}) or "the command line"
    if path is None:
        if required:
            raise UsageError(
                f"no {CONFIG_FILENAME} in {cwd} or any parent directory",
                hint="run `specwalk init` in your front-end project first, or pass --config PATH",
            )
        return build_config({}, root=cwd, overrides=_deep_merge(env_layer, overrides or {}), origins=origins)
    if not is_utf8(str(path)):  # the project's path is written in the map and the reports
        raise UsageError(
            f"{printable(str(path.parent))}: the project's folder path is not UTF-8",
            hint="rename the folder (or the one holding it) with UTF-8 characters",
        )
    data, text = _parse_toml(path)
    layered = _fresh_llm(data, _deep_merge(env_layer, overrides or {}))
    return build_config(data, root=path.parent.resolve(), source=path, text=text, overrides=layered, origins=origins)


_ENV_ORIGINS = {"browser": "$SPECWALK_BROWSER", "llm": "$SPECWALK_LLM"}


def _env_layer(env: Mapping[str, str]) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    if env.get("SPECWALK_BROWSER"):
        layer.setdefault("browser", {})["path"] = env["SPECWALK_BROWSER"]
    if env.get("SPECWALK_LLM"):
        layer["llm"] = llm_choice(env["SPECWALK_LLM"])
    return layer


# A TOML basic string holds no control character (but tab) and no surrogate; \ and " are escaped.
_TOML_ESCAPE = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\\ud800-\udfff]')
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f", '"': '\\"', "\\": "\\\\"}


def _toml_escape(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"  # a lone surrogate (an undecodable file name) cannot be written as text
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + _TOML_ESCAPE.sub(lambda match: _toml_escape(match.group()), value) + '"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


_COMMENTS: dict[str, str] = {
    "project": "What the project is; `specwalk init` detected these.",
    "project.framework": "react | vue | svelte | angular | html",
    "project.package_manager": "npm | pnpm | yarn | none",
    "project.source_roots": "directories `specwalk index` parses",
    "project.requirements": "requirements documents (Markdown / Gherkin)",
    "project.locales": "UI locales found in the i18n files; the first is the default",
    "app": "How to start the app. {port} is replaced by the port the app gets\n"
    "(the configured one, or a free one when it is taken).",
    "app.command": "run from this directory, in its own process group",
    "app.ready_url": "polled until it answers",
    "app.start_timeout": "seconds",
    "output": "Where specwalk writes; relative to this file.",
    "browser": "Chromium to use; empty path: $SPECWALK_BROWSER, then a Playwright-managed\n"
    "browser, then a system chromium / google-chrome.",
    "browser.workers": "browsers verifying side by side; 0: one per CPU core, at most 4",
    "llm": "Optional LLM for free-prose requirements: none | deepseek | openai | ollama | vllm.",
    "llm.timeout": "seconds per request",
    "llm.retries": "on 429, 5xx and timeouts, with backoff",
    "app.reset": "restores the app's data before each scenario and each emitted test",
    "app.action_timeout": "seconds a step waits for its element to appear",
    "docs": "The user manual (`specwalk docs`).",
    "ground": "How step targets are matched to UI-map elements.",
    "ground.retriever": "lexical | semantic (pip install 'specwalk[semantic]')",
}


def render_toml(config: Config) -> str:
    """specwalk.toml text for `config`, with comments; `load_config` reads it back equal."""
    data = config.model_dump(mode="python")
    out = ["# specwalk configuration, written by `specwalk init`; every key is optional.", ""]
    for section, values in data.items():
        comment = _COMMENTS.get(section)
        if comment:
            out.extend(f"# {line}" for line in comment.splitlines())
        out.append(f"[{section}]")
        tables: list[tuple[str, list[dict[str, Any]]]] = []
        for key, value in values.items():
            if isinstance(value, tuple | list) and value and all(isinstance(item, dict) for item in value):
                tables.append((key, list(value)))  # written after the keys, as [[section.key]] tables
                continue
            line = f"{key} = {_toml_value(value)}"
            note = _COMMENTS.get(f"{section}.{key}")
            out.append(f"{line:<48} # {note}" if note else line)
        out.append("")
        for key, items in tables:
            for item in items:
                out.append(f"[[{section}.{key}]]")
                out.extend(f"{name} = {_toml_value(entry)}" for name, entry in item.items() if entry is not None)
                out.append("")
    return "\n".join(out)
