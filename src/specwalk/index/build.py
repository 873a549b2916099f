"""`specwalk index`: discover source files, parse them (cached), merge the facts into the UI map.

Steps:
1. discover: files under the source roots, skipping dependency/build dirs, tests and
   git-ignored paths (every `.gitignore` on the way applies to its subtree);
2. parse: each file by every parser its kind maps to (PARSERS below), reusing cached facts when
   the file's mtime+size (then its content hash) and the parser version are unchanged; a file
   that cannot be parsed becomes a ParseProblem, never a crash;
3. resolve (`resolve.py`): wrappers, props, i18n, routes, uniqueness, locators, descriptions.
Parsing and the per-element part of resolving run in worker processes that keep the facts they
parsed (`shards.py`); this process does the project-wide steps and writes the map.

Nothing changed since the last run (same files, same stats, same settings) → the previous
uimap.json is returned as is: no parse, no merge.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from specwalk import __version__
from specwalk.errors import UsageError
from specwalk.fileio import ensure_writable_dir, is_utf8, printable
from specwalk.index.facts import FileFacts, ParseContext
from specwalk.index.i18n import LOCALE_DIRS
from specwalk.index.mapfile import head_json, write_map
from specwalk.index.summary import Summary, assemble, summarize
from specwalk.index.summary import from_json as summary_from_json
from specwalk.index.summary import to_json as summary_to_json
from specwalk.index.walk import (
    CONTENT_CHECKS,
    MAX_FILE_BYTES,
    check_source_roots,
    content_problem,
    encoding_problem,
    walk,
)
from specwalk.models.uimap import UIMAP_SCHEMA_VERSION, ParseProblem, UIElement, UIMap

# ---------------------------------------------------------------------------------------------
# DISPATCH TABLE — file kind -> parser module exposing
#   parse_file(path: str, source: bytes, context: ParseContext) -> FileFacts
# Modules are imported lazily; while one does not exist yet, its files are skipped with a
# ParseProblem ("no parser for .vue yet"). INDEX-TEMPLATES registers its parsers here.
PARSERS: dict[str, str] = {
    "react": "specwalk.index.react",  # .tsx/.jsx and JS/TS in React projects (elements + routes)
    "script": "specwalk.index.routes_js",  # JS/TS in other projects: imports and route tables only
    "vue": "specwalk.index.vue",
    "svelte": "specwalk.index.svelte",
    "angular": "specwalk.index.angular",
    "html": "specwalk.index.html",
    "routes_fs": "specwalk.index.routes_fs",  # Next.js pages/ + app/, SvelteKit src/routes
}

# Extension -> kinds, per framework ("*" applies when the framework has no entry of its own).
EXTENSION_KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    ".tsx": {"*": ("react",)},
    ".jsx": {"*": ("react",)},
    ".ts": {"*": ("script",), "react": ("react",), "angular": ("angular", "script")},
    ".mts": {"*": ("script",)},
    ".js": {"*": ("script",), "react": ("react",), "html": ("html",)},
    ".mjs": {"*": ("script",), "react": ("react",)},
    ".cjs": {"*": ("script",)},
    ".vue": {"*": ("vue",)},
    ".svelte": {"*": ("svelte",)},
    ".html": {"*": ("html",), "angular": ("angular",)},
    ".htm": {"*": ("html",)},
}
# File-system routing conventions add the routes_fs parser to a file.
_FS_ROUTE = re.compile(
    r"(^|/)pages/.+\.(tsx|jsx|js|ts|vue)$|(^|/)app/(.+/)?(page|layout)\.(tsx|jsx|js|ts)$|(^|/)src/routes/(.+/)?\+(page|layout)\.svelte$"
)
# ---------------------------------------------------------------------------------------------

SKIP_DIRS = frozenset(
    {
        "node_modules",
        "dist",
        "build",
        ".next",
        ".nuxt",
        ".svelte-kit",
        ".angular",
        "coverage",
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "__pycache__",
        ".cache",
        ".turbo",
        ".output",
        "out",
        "e2e",
        "e2e-reference",
        "e2e-generated",
        "__tests__",
        "cypress",
        "playwright-report",
        "test-results",
        "storybook-static",
    }
)
_SKIP_FILES = re.compile(
    r"\.(spec|test|stories|story|cy)\.[^.]+$|\.d\.ts$|(^|/)(vite|vitest|playwright|jest|karma|webpack|rollup|babel|eslint|postcss|tailwind)\.config\."
)
_LOCALE_DIRS = ("public", "locales", "locale", "i18n", "lang", "assets", "static", "messages")


@dataclass(frozen=True)
class IndexSettings:
    root: Path
    source_roots: tuple[str, ...] = (".",)
    framework: str = "react"
    locales: tuple[str, ...] = ("en",)
    output_dir: Path | None = None  # default: <root>/.specwalk
    testid_attributes: tuple[str, ...] = ("data-testid", "data-test", "data-cy", "data-test-id")
    workers: int = 2  # processes for cold parsing; 1 parses in this process
    use_cache: bool = True
    # What specwalk itself writes (generated tests, the manual): never source, even under a
    # source root such as "." (absolute, or relative to root). The output dir is always skipped.
    skip_dirs: tuple[Path, ...] = ()

    @property
    def out(self) -> Path:
        return self.output_dir or (self.root / ".specwalk")


Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass
class SourceFile:
    path: str  # POSIX, relative to root
    kinds: tuple[str, ...]
    mtime_ns: int
    size: int


@dataclass
class IndexRun:
    """The result. The map is read from uimap.json on first access (the run writes it in pieces)."""

    path: Path  # where uimap.json is
    parsed: int = 0  # files parsed this run
    reused: int = 0  # files whose facts came from the cache
    unchanged: bool = False  # nothing changed: the previous map was reused whole
    timings: dict[str, float] = field(default_factory=dict)
    loaded: UIMap | None = None

    summary_path: Path | None = None  # the summary saved beside the map (see `summary`)
    computed_summary: Summary | None = None  # a run that wrote the map made its summary too
    workers: int = 0  # processes that parsed and merged (1: this one; 0: nothing was merged)

    @property
    def uimap(self) -> UIMap:
        if self.loaded is None:
            from specwalk.artifacts import read_fresh

            self.loaded = UIMap.model_validate_json(read_fresh(self.path))
        return self.loaded

    @property
    def summary(self) -> Summary:
        """The human summary; when nothing changed, read from its small side file, not the map."""
        if self.computed_summary is not None:
            return self.computed_summary
        if self.loaded is None and self.summary_path is not None:
            try:
                saved = summary_from_json(self.summary_path.read_text(encoding="utf-8"))
            except OSError:
                saved = None
            if saved is not None:
                return saved
        return summarize(self.uimap)


# Packages whose presence means routes come from the file system.
_FS_ROUTING_PACKAGES = ("next", "@sveltejs/kit", "nuxt", "vite-plugin-pages", "unplugin-vue-router")
_FS_ROUTING_IMPORT = re.compile(r"""['"](vite-plugin-pages|unplugin-vue-router(?:/vite)?)['"]""")
_CONFIG_EXTENSIONS = ("js", "mjs", "ts", "cjs", "mts")


def _dependencies(directory: Path) -> set[str]:
    try:
        package = json.loads((directory / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(package, dict):
        return set()
    return {name for key in ("dependencies", "devDependencies") for name in package.get(key) or {}}


def _workspace_root(root: Path) -> Path | None:
    """The monorepo root above `root` (a package.json with `workspaces`, or pnpm's file), if any:
    a workspace package's build tools are often declared there."""
    for directory in list(root.parents)[:4]:
        if (directory / "pnpm-workspace.yaml").is_file() or (directory / "lerna.json").is_file():
            return directory
        try:
            package = json.loads((directory / "package.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(package, dict) and package.get("workspaces"):
            return directory
    return None


def uses_fs_routing(root: Path) -> bool:
    """Next.js, SvelteKit, Nuxt or Vue file routes (vite-plugin-pages, unplugin-vue-router): in the
    app's package.json, its workspace root's, or a vite.config that imports the plugin."""
    if any((root / f"{name}.config.{ext}").is_file() for name in ("next", "nuxt") for ext in _CONFIG_EXTENSIONS):
        return True
    for ext in _CONFIG_EXTENSIONS:
        try:
            config = (root / f"vite.config.{ext}").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if _FS_ROUTING_IMPORT.search(config):
            return True
    workspace = _workspace_root(root)
    dependencies = _dependencies(root) | (_dependencies(workspace) if workspace is not None else set())
    return any(name in dependencies for name in _FS_ROUTING_PACKAGES)


def kinds_for(path: str, framework: str, fs_routing: bool = False) -> tuple[str, ...]:
    extension = os.path.splitext(path)[1].lower()
    table = EXTENSION_KINDS.get(extension)
    if table is None:
        return ()
    kinds = table.get(framework, table["*"])
    # In a Vue app only `.vue` files are pages (a `pages/x.ts` beside them is a helper).
    if fs_routing and _FS_ROUTE.search(path) and (framework != "vue" or extension == ".vue"):
        kinds = (*kinds, "routes_fs")
    return kinds


def discover(
    settings: IndexSettings, skipped: list[ParseProblem] | None = None
) -> tuple[list[SourceFile], list[SourceFile]]:
    """(source files to parse, JSON and XLIFF files that may hold translations), sorted by path.

    What is passed over for a reason the user may not expect (a folder that cannot be listed, a
    broken link, a name that is not UTF-8, a file too large) is added to `skipped`.
    """
    root = settings.root
    skip = {settings.out.resolve(), *((root / path).resolve() for path in settings.skip_dirs)}
    sources: dict[str, SourceFile] = {}
    jsons: dict[str, SourceFile] = {}
    found: dict[str, ParseProblem] = {}
    fs_routing = uses_fs_routing(root)

    def wanted(relative: str) -> bool:
        if relative.endswith((".json", ".xlf", ".xliff")):
            return True
        return bool(kinds_for(relative, settings.framework)) and _in_source_roots(relative, settings.source_roots)

    starts = [root / source_root for source_root in settings.source_roots]
    starts.extend(root / name for name in _LOCALE_DIRS if (root / name).is_dir())
    starts.extend(_nested_locale_dirs(root, skip))
    for start in starts:
        try:
            start = start.resolve()
        except (OSError, RuntimeError):
            continue  # check_source_roots named it; a locale folder that loops is no folder
        if not start.is_dir() or (start != root and root not in start.parents):
            continue
        for relative, stat in walk(root, start, skip, SKIP_DIRS, lambda p: found.setdefault(p.file, p), wanted):
            if relative.endswith((".json", ".xlf", ".xliff")):  # locale and translation files
                jsons.setdefault(relative, SourceFile(relative, (), stat.st_mtime_ns, stat.st_size))
                continue
            if _SKIP_FILES.search(relative):
                continue
            kinds = kinds_for(relative, settings.framework, fs_routing)
            if not kinds or relative in sources or not _in_source_roots(relative, settings.source_roots):
                continue
            if stat.st_size > MAX_FILE_BYTES:
                found.setdefault(
                    relative,
                    ParseProblem(
                        file=relative,
                        message=f"{stat.st_size / 1e6:.1f} MB, over the {MAX_FILE_BYTES // 1_000_000} MB limit for "
                        "source (a bundle or generated file?); skipped — add it to .gitignore if it is not source",
                    ),
                )
                continue
            sources[relative] = SourceFile(relative, kinds, stat.st_mtime_ns, stat.st_size)
    if skipped is not None:
        skipped.extend(found[path] for path in sorted(found) if path not in sources)
    return sorted(sources.values(), key=lambda f: f.path), sorted(jsons.values(), key=lambda f: f.path)


_LOCALE_SEARCH_DEPTH = 3  # how deep below the root locale folders are looked for


def _nested_locale_dirs(root: Path, skip: set[Path]) -> list[Path]:
    """Locale folders up to `_LOCALE_SEARCH_DEPTH` levels below the root (a monorepo keeps its
    translations beside the app, outside its source roots); folders only, so it stays cheap."""
    found: list[Path] = []
    level = [root]
    for _ in range(_LOCALE_SEARCH_DEPTH):
        below: list[Path] = []
        for directory in level:
            try:
                entries = list(os.scandir(directory))
            except OSError:
                continue
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False) or entry.name in SKIP_DIRS or entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                if path in skip:
                    continue
                if entry.name in LOCALE_DIRS:  # the folder names the locale loader reads
                    if directory != root or entry.name not in _LOCALE_DIRS:  # those are walked already
                        found.append(path)
                    continue
                below.append(path)
        level = below
    return found


def _in_source_roots(relative: str, source_roots: Iterable[str]) -> bool:
    for prefix in _root_prefixes(tuple(source_roots)):
        if prefix in ("", ".") or relative == prefix or relative.startswith(prefix + "/"):
            return True
    return False


@functools.cache
def _root_prefixes(source_roots: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(Path(source_root).as_posix().strip("/") for source_root in source_roots)


# --- parsing ---------------------------------------------------------------------------------

_modules: dict[str, ModuleType | None] = {}


def parser_module(kind: str) -> ModuleType | None:
    """The parser for `kind`, or None while it does not exist."""
    if kind not in _modules:
        name = PARSERS.get(kind)
        module: ModuleType | None = None
        if name is not None:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
        _modules[kind] = module if module is not None and hasattr(module, "parse_file") else None
    return _modules[kind]


# Parsers whose facts include another kind's output: React files' routes come from `routes_js`
# (the "script" parser), so a change there must invalidate cached React facts too.
_EMBEDS: dict[str, tuple[str, ...]] = {"react": ("script",)}


def parser_version(kind: str) -> str:
    module = parser_module(kind)
    own = str(getattr(module, "PARSER_VERSION", "0")) if module is not None else "missing"
    return "+".join([own, *(parser_version(embedded) for embedded in _EMBEDS.get(kind, ()))])


def parse_source(path: str, source: bytes | OSError, kinds: tuple[str, ...], context: ParseContext) -> list[FileFacts]:
    """The FileFacts of one file, one per kind. Never raises: failures are ParseProblems."""
    if isinstance(source, OSError):
        problem = ParseProblem(file=path, message=f"cannot read: {source.strerror}")
        return [FileFacts(file=path, parser=kinds[0], problems=[problem])]
    unreadable = content_problem(path, source)
    if unreadable is not None:
        return [FileFacts(file=path, parser=kinds[0], problems=[unreadable])]
    results: list[FileFacts] = []
    encoding = encoding_problem(path, source)
    if encoding is not None:
        results.append(FileFacts(file=path, parser=kinds[0], problems=[encoding]))
    for kind in kinds:
        module = parser_module(kind)
        if module is None:
            extension = os.path.splitext(path)[1] or path
            facts = FileFacts(
                file=path,
                parser=kind,
                problems=[ParseProblem(file=path, message=f"no parser for {extension} yet ({kind}); skipped")],
            )
        else:
            try:
                facts = module.parse_file(path, source, context)
            except RecursionError:
                facts = FileFacts(
                    file=path,
                    parser=kind,
                    problems=[ParseProblem(file=path, message="nested too deeply to index; skipped")],
                )
            except Exception as exc:  # noqa: BLE001 - the issue's rule: no single file can crash a run
                facts = FileFacts(
                    file=path,
                    parser=kind,
                    problems=[
                        ParseProblem(
                            file=path,
                            message=f"the {kind} parser failed ({type(exc).__name__}: {exc}); skipped"
                            " — please report this",
                        )
                    ],
                )
        results.append(facts)
    return results


# --- cache -----------------------------------------------------------------------------------


def _cache_key(settings: IndexSettings, kinds: Iterable[str]) -> str:
    versions = {kind: parser_version(kind) for kind in sorted(set(kinds))}
    material = json.dumps(
        {
            "schema": UIMAP_SCHEMA_VERSION,
            "specwalk": __version__,
            "parsers": versions,
            "testids": settings.testid_attributes,
            "framework": settings.framework,
            "checks": CONTENT_CHECKS,
        },
        sort_keys=True,
    )
    return hashlib.sha1(material.encode()).hexdigest()[:16]  # noqa: S324 - a cache key, not security


def _settings_fingerprint(settings: IndexSettings, skipped: list[ParseProblem]) -> str:
    material = json.dumps(
        [
            str(settings.root),
            settings.source_roots,
            settings.framework,
            settings.locales,
            settings.testid_attributes,
            [[problem.file, problem.message] for problem in skipped],  # a change there is a change
        ]
    )
    return hashlib.sha1(material.encode()).hexdigest()[:16]  # noqa: S324


class _Cache:
    """manifest.json (path -> mtime, size, content hash, pack) and the packs of facts under
    facts/<key>/ (written and read by the shards, see `shards.CacheSpec`)."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.key = key
        self.manifest_path = directory / "manifest.json"
        self.summary_path = directory / "summary.json"
        self.facts_dir = directory / "facts" / key
        self.manifest: dict[str, Any] = {}
        try:
            loaded = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and loaded.get("key") == key:
                self.manifest = loaded
        except (OSError, ValueError):
            self.manifest = {}

    def files(self) -> dict[str, list[Any]]:
        files = self.manifest.get("files", {})
        return files if isinstance(files, dict) else {}

    def save(self, files: dict[str, list[Any]], fingerprint: str, map_size: int) -> None:
        from specwalk.fileio import write_atomic

        manifest = {"key": self.key, "fingerprint": fingerprint, "map_size": map_size, "files": files}
        write_atomic(self.manifest_path, json.dumps(manifest))
        # Packs no file refers to any more (every file they held changed) are garbage.
        referenced = {f"{entry[3]}.pack" for entry in files.values() if len(entry) > 3 and entry[3]}
        for pack in self.facts_dir.glob("*.pack"):
            if pack.name not in referenced:
                pack.unlink(missing_ok=True)


# Shards below this many files run in this process: a worker's start costs more than they take.
MIN_FILES_PER_WORKER = 32


def build_index(settings: IndexSettings, *, on_progress: Progress | None = None) -> IndexRun:
    """Index the project: parse what changed, merge everything, write `<out>/uimap.json`."""
    # The collector stays off until the run's objects are gone: turned on while they are alive,
    # its first passes walk all of them (a second or more on a large project) and free nothing.
    with _no_cyclic_gc():
        return _build_index(settings, on_progress)


def _build_index(settings: IndexSettings, on_progress: Progress | None) -> IndexRun:
    import time

    from specwalk.fileio import write_atomic
    from specwalk.index.shards import CacheSpec, Job, Shards

    started = time.perf_counter()
    root = settings.root.resolve()
    settings = IndexSettings(**{**settings.__dict__, "root": root})
    if not is_utf8(str(root)):  # the map records the root
        raise UsageError(f"{printable(str(root))}: the project's folder path is not UTF-8", hint="rename the folder")
    check_source_roots(root, settings.source_roots)
    skipped: list[ParseProblem] = []
    sources, jsons = discover(settings, skipped)
    timings = {"discover": time.perf_counter() - started}
    all_kinds = {kind for source in sources for kind in source.kinds}
    cache = _Cache(settings.out / "cache" / "index", _cache_key(settings, all_kinds or {"react"}))
    # Where the map and the cache go must be writable before any worker writes there: a worker's
    # error would reach this process as a bug, not as the path and the fix.
    ensure_writable_dir(cache.facts_dir if settings.use_cache else settings.out)
    fingerprint = _settings_fingerprint(settings, skipped)
    previous = cache.files() if settings.use_cache else {}
    uimap_path = settings.out / "uimap.json"
    current_stats = {f.path: [f.mtime_ns, f.size] for f in [*sources, *jsons]}
    if (
        settings.use_cache
        and cache.manifest.get("fingerprint") == fingerprint
        and set(previous) == set(current_stats)
        and all(previous[path][:2] == stat for path, stat in current_stats.items())
        and uimap_path.is_file()
        and cache.manifest.get("map_size") == uimap_path.stat().st_size
    ):
        timings["total"] = time.perf_counter() - started
        return IndexRun(
            uimap_path, reused=len(sources), unchanged=True, timings=timings, summary_path=cache.summary_path
        )

    jobs: list[Job] = []
    packs: dict[str, str] = {}  # content hash -> the pack holding its facts
    for source in sources:
        known = previous.get(source.path)
        if known is not None and len(known) > 3 and known[2] and known[3]:
            packs[str(known[2])] = str(known[3])
            if known[:2] == [source.mtime_ns, source.size]:
                jobs.append(Job(source.path, source.kinds, str(known[2]), str(known[3])))
                continue
        jobs.append(Job(source.path, source.kinds))
    count = max(1, min(settings.workers, len(jobs) // MIN_FILES_PER_WORKER))
    context = ParseContext(
        testid_attributes=settings.testid_attributes, default_locale=(settings.locales or ("en",))[0]
    )
    cached = CacheSpec(str(cache.facts_dir), packs) if settings.use_cache else None
    timings["check"] = time.perf_counter() - started - timings["discover"]

    def parsing(done: int) -> None:
        if on_progress is not None and (done % 256 < 32 or done == len(jobs)):
            on_progress("parsing", done, len(jobs))

    with Shards(count, str(root), context, cached, parse_source, jobs) as shards:
        phase = time.perf_counter()
        shares = shards.parse(jobs, parsing)
        parsed = [item for share in shares for item in share]
        timings["parse"] = time.perf_counter() - phase
        phase = time.perf_counter()
        uimap, project, removed, instances = _merge_heads(settings, parsed, jsons, shards, skipped)
        timings["merge"] = time.perf_counter() - phase
        phase = time.perf_counter()
        owner = {item.path: number for number, share in enumerate(shares) for item in share}
        removed_by = [{p for p in removed if owner.get(p[0], 0) == n} for n in range(count)]
        instances_by: list[list[UIElement]] = [[] for _ in range(count)]
        for instance in instances:
            instances_by[owner.get(instance.location.file, 0)].append(instance)
        finishing = shards.start("finish", [(removed_by[n], instances_by[n], project) for n in range(count)])
        head = head_json(uimap)  # while the workers finish their elements
        counts = finishing()
        timings["finish"] = time.perf_counter() - phase
        phase = time.perf_counter()
        shared = _shared(counts)
        # Workers write their elements' JSON to spill files beside the map (see `Emitted`).
        spills = [str(settings.out / f".uimap.{os.getpid()}.{n}.spill") for n in range(count)] if count > 1 else [""]
        if count > 1:
            settings.out.mkdir(parents=True, exist_ok=True)
        try:
            emitted = shards.call("emit", [(shared, spill) for spill in spills])
            timings["emit"] = time.perf_counter() - phase
            phase = time.perf_counter()
            size, tallies = write_map(uimap_path, uimap, emitted, head)
        finally:
            for spill in spills:
                if spill:
                    Path(spill).unlink(missing_ok=True)

    summary = assemble(uimap.files_indexed, uimap.routes, tallies, uimap.problems)
    manifest_files: dict[str, list[Any]] = {}
    by_path = {source.path: source for source in sources}
    for item in parsed:
        if item.digest:
            source = by_path[item.path]
            manifest_files[item.path] = [source.mtime_ns, source.size, item.digest, item.pack]
    for json_file in jsons:
        manifest_files[json_file.path] = [json_file.mtime_ns, json_file.size, ""]
    if settings.use_cache:
        write_atomic(cache.summary_path, summary_to_json(summary))
        cache.save(manifest_files, fingerprint, size)
    timings["write"] = time.perf_counter() - phase
    timings["total"] = time.perf_counter() - started
    reused = sum(1 for item in parsed if item.reused)
    return IndexRun(
        uimap_path,
        parsed=len(parsed) - reused,
        reused=reused,
        timings=timings,
        summary_path=cache.summary_path if settings.use_cache else None,
        computed_summary=summary,
        workers=count,
    )


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The run allocates a few hundred thousand long-lived objects and frees almost none until it
    ends: the cyclic collector's passes over them cost more than they could reclaim."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _shared(counts: list[dict[str, dict[Any, int]]]) -> dict[str, dict[Any, int]]:
    """Route -> the proposal keys more than one element has there, with how many."""
    if len(counts) == 1:
        return {route: {k: n for k, n in keys.items() if n > 1} for route, keys in counts[0].items()}
    total: dict[str, dict[Any, int]] = {}
    for answer in counts:
        for route, keys in answer.items():
            into = total.setdefault(route, {})
            for key, number in keys.items():
                into[key] = into.get(key, 0) + number
    return {route: {k: n for k, n in keys.items() if n > 1} for route, keys in total.items()}


def _merge_heads(
    settings: IndexSettings, parsed: list[Any], jsons: list[SourceFile], shards: Any, skipped: list[ParseProblem]
) -> tuple[UIMap, Any, set[Any], list[UIElement]]:
    """The project-wide steps, on the files' heads and the elements component expansion touches.

    Returns the map without elements, what the shards need to finish theirs, the positions of
    elements the expansion removes and the instances it adds.
    """
    from specwalk.index import i18n, resolve, routes_mount
    from specwalk.index.html_link import link_routes

    heads = [head for item in sorted(parsed, key=lambda i: i.path) for head in item.heads]
    bindings = [binding for head in heads for binding in head.dom_bindings]
    if bindings:
        pages = [head.file for head in heads if head.parser == "html"]
        heads = [link_routes(head, pages) for head in heads]
    component_list = [component for head in heads for component in head.components]
    components = resolve.component_table(component_list)
    involving = shards.start("involve", [(frozenset(components), bindings)] * shards.count)
    # While the workers look for the elements expansion involves: what does not depend on them.
    table, locale_problems = i18n.load_locales(settings.root, [j.path for j in jsons], locales=list(settings.locales))
    order = i18n.ordered_locales(table, list(settings.locales))
    parsed_routes = routes_mount.mount_lazy([route for head in heads for route in head.routes])
    routes = resolve.dedupe_routes(routes_mount.mount_descendants(parsed_routes, component_list))
    if any(head.hash_history for head in heads):
        routes = [routes_mount.hashed(route) for route in routes]
    route_components = resolve.route_components(routes, component_list)
    routes_of = resolve.routes_by_component(routes, component_list, route_components)
    problems = [problem for head in heads for problem in head.problems] + locale_problems + skipped
    uimap = UIMap(
        specwalk_version=__version__,
        root=str(settings.root),
        framework=settings.framework,
        locales=order,
        files_indexed=len(parsed),
        routes=sorted(routes, key=lambda r: (r.path, r.index, r.location.file, r.location.line)),
        components=sorted(component_list, key=lambda c: (c.location.file, c.location.line, c.name)),
        route_components=route_components,
        problems=sorted(problems, key=lambda p: (p.file, p.line or 0, p.message)),
    )
    involved = sorted((pair for answer in involving() for pair in answer), key=lambda pair: pair[0])
    elements = [element for _, element in involved]
    removed_numbers, instances = resolve.expand(elements, components)
    removed = {involved[number][0] for number in removed_numbers}
    usages = [element for element in elements if resolve.is_usage(element, components)]
    project = resolve.Project(
        inherited=resolve.inherited_render(usages, components),
        table=table,
        locales=order,
        routes_of=routes_of,
        testid_attributes=settings.testid_attributes,
    )
    return uimap, project, removed, instances
