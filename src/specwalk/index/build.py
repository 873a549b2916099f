"""`specwalk index`: discover source files, parse them (cached), merge the facts into the UI map.

Steps:
1. discover: files under the source roots, skipping dependency/build dirs, tests and
   git-ignored paths (every `.gitignore` on the way applies to its subtree);
2. parse: each file by every parser its kind maps to (PARSERS below), reusing cached facts when
   the file's mtime+size (then its content hash) and the parser version are unchanged; a file
   that cannot be parsed becomes a ParseProblem, never a crash;
3. resolve (`resolve.py`): wrappers, props, i18n, routes, uniqueness, locators, descriptions.

Nothing changed since the last run (same files, same stats, same settings) → the previous
uimap.json is returned as is: no parse, no merge.
"""

from __future__ import annotations

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

import pathspec

from specwalk import __version__
from specwalk.index.facts import FileFacts, ParseContext
from specwalk.index.summary import Summary, summarize
from specwalk.index.summary import from_json as summary_from_json
from specwalk.index.summary import to_json as summary_to_json
from specwalk.models.uimap import UIMAP_SCHEMA_VERSION, ParseProblem, UIMap

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
    r"(^|/)pages/.+\.(tsx|jsx|js|ts)$|(^|/)app/(.+/)?(page|layout)\.(tsx|jsx|js|ts)$|(^|/)src/routes/(.+/)?\+(page|layout)\.svelte$"
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
MAX_FILE_BYTES = 2_000_000  # minified bundles and generated files are not source


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
    """The result. When nothing changed, the map is read from uimap.json on first access."""

    path: Path  # where uimap.json is
    parsed: int = 0  # files parsed this run
    reused: int = 0  # files whose facts came from the cache
    unchanged: bool = False  # nothing changed: the previous map was reused whole
    timings: dict[str, float] = field(default_factory=dict)
    loaded: UIMap | None = None

    summary_path: Path | None = None  # the summary saved beside the map (see `summary`)

    @property
    def uimap(self) -> UIMap:
        if self.loaded is None:
            self.loaded = UIMap.model_validate_json(self.path.read_bytes())
        return self.loaded

    @property
    def summary(self) -> Summary:
        """The human summary; when nothing changed, read from its small side file, not the map."""
        if self.loaded is None and self.summary_path is not None:
            try:
                saved = summary_from_json(self.summary_path.read_text(encoding="utf-8"))
            except OSError:
                saved = None
            if saved is not None:
                return saved
        return summarize(self.uimap)


def uses_fs_routing(root: Path) -> bool:
    """Next.js or SvelteKit: routes come from the file system."""
    if any((root / f"next.config.{ext}").is_file() for ext in ("js", "mjs", "ts", "cjs")):
        return True
    try:
        package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    dependencies = (
        {**package.get("dependencies", {}), **package.get("devDependencies", {})} if isinstance(package, dict) else {}
    )
    return "next" in dependencies or "@sveltejs/kit" in dependencies


def kinds_for(path: str, framework: str, fs_routing: bool = False) -> tuple[str, ...]:
    extension = os.path.splitext(path)[1].lower()
    table = EXTENSION_KINDS.get(extension)
    if table is None:
        return ()
    kinds = table.get(framework, table["*"])
    if fs_routing and _FS_ROUTE.search(path):
        kinds = (*kinds, "routes_fs")
    return kinds


def _ignore_spec(directory: Path) -> pathspec.PathSpec[Any] | None:
    ignore = directory / ".gitignore"
    if not ignore.is_file():
        return None
    try:
        lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.PathSpec.from_lines("gitignore", lines)


def _walk(root: Path, start: Path, skip: set[Path]) -> Iterator[tuple[str, os.stat_result]]:
    """(relative POSIX path, stat) of every file under `start`, honouring .gitignore files."""
    specs: list[tuple[str, pathspec.PathSpec[Any]]] = []
    for directory in (root, *[p for p in reversed(start.parents) if root in p.parents], start):
        if directory == root or root in directory.parents:
            spec = _ignore_spec(directory)
            if spec is not None:
                specs.append((directory.relative_to(root).as_posix() if directory != root else "", spec))
    yield from _walk_dir(root, start, specs, skip)


def _ignored(relative: str, is_dir: bool, specs: list[tuple[str, pathspec.PathSpec[Any]]]) -> bool:
    for base, spec in specs:
        if base and not relative.startswith(base + "/"):
            continue
        inner = relative[len(base) + 1 :] if base else relative
        if spec.match_file(inner + "/" if is_dir else inner):
            return True
    return False


def _walk_dir(
    root: Path, directory: Path, specs: list[tuple[str, pathspec.PathSpec[Any]]], skip: set[Path]
) -> Iterator[tuple[str, os.stat_result]]:
    local = _ignore_spec(directory) if directory != root else None
    if local is not None:
        relative_dir = directory.relative_to(root).as_posix()
        if not any(base == relative_dir for base, _ in specs):
            specs = [*specs, (relative_dir, local)]
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        relative = Path(entry.path).relative_to(root).as_posix()
        if entry.is_dir(follow_symlinks=False):
            if entry.name in SKIP_DIRS or entry.name.startswith(".") or Path(entry.path) in skip:
                continue
            if _ignored(relative, True, specs):
                continue
            yield from _walk_dir(root, Path(entry.path), specs, skip)
        elif entry.is_file():
            if _ignored(relative, False, specs):
                continue
            yield relative, entry.stat()


def discover(settings: IndexSettings) -> tuple[list[SourceFile], list[SourceFile]]:
    """(source files to parse, JSON files that may hold translations), sorted by path."""
    root = settings.root
    skip = {settings.out.resolve()}
    sources: dict[str, SourceFile] = {}
    jsons: dict[str, SourceFile] = {}
    fs_routing = uses_fs_routing(root)
    starts = [root / source_root for source_root in settings.source_roots]
    starts.extend(root / name for name in _LOCALE_DIRS if (root / name).is_dir())
    for start in starts:
        start = start.resolve()
        if not start.is_dir() or (start != root and root not in start.parents):
            continue
        for relative, stat in _walk(root, start, skip):
            if relative.endswith(".json"):
                jsons.setdefault(relative, SourceFile(relative, (), stat.st_mtime_ns, stat.st_size))
                continue
            if _SKIP_FILES.search(relative) or stat.st_size > MAX_FILE_BYTES:
                continue
            kinds = kinds_for(relative, settings.framework, fs_routing)
            if kinds and relative not in sources and _in_source_roots(relative, settings.source_roots):
                sources[relative] = SourceFile(relative, kinds, stat.st_mtime_ns, stat.st_size)
    return sorted(sources.values(), key=lambda f: f.path), sorted(jsons.values(), key=lambda f: f.path)


def _in_source_roots(relative: str, source_roots: Iterable[str]) -> bool:
    for source_root in source_roots:
        prefix = Path(source_root).as_posix().strip("/")
        if prefix in ("", ".") or relative == prefix or relative.startswith(prefix + "/"):
            return True
    return False


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


def parser_version(kind: str) -> str:
    module = parser_module(kind)
    return str(getattr(module, "PARSER_VERSION", "0")) if module is not None else "missing"


def parse_one(root: str, path: str, kinds: tuple[str, ...], context: ParseContext) -> list[tuple[str, str]]:
    """(kind, FileFacts JSON) for each kind of one file. Top level so a process pool can run it."""
    results: list[tuple[str, str]] = []
    try:
        source = Path(root, path).read_bytes()
    except OSError as exc:
        facts = FileFacts(
            file=path, parser=kinds[0], problems=[ParseProblem(file=path, message=f"cannot read: {exc.strerror}")]
        )
        return [(kinds[0], facts.model_dump_json())]
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
        results.append((kind, facts.model_dump_json()))
    return results


def _parse_job(job: tuple[str, str, tuple[str, ...], ParseContext]) -> tuple[str, list[tuple[str, str]]]:
    root, path, kinds, context = job
    return path, parse_one(root, path, kinds, context)


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
        },
        sort_keys=True,
    )
    return hashlib.sha1(material.encode()).hexdigest()[:16]  # noqa: S324 - a cache key, not security


def _settings_fingerprint(settings: IndexSettings) -> str:
    material = json.dumps(
        [str(settings.root), settings.source_roots, settings.framework, settings.locales, settings.testid_attributes]
    )
    return hashlib.sha1(material.encode()).hexdigest()[:16]  # noqa: S324


class _Cache:
    """manifest.json (path -> mtime, size, content hash) and facts/<hash>.json per file."""

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

    def facts(self, digest: str) -> list[tuple[str, str]] | None:
        try:
            data = json.loads((self.facts_dir / f"{digest}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return [(kind, text) for kind, text in data] if isinstance(data, list) else None

    def store(self, digest: str, results: list[tuple[str, str]]) -> None:
        from specwalk.fileio import write_atomic

        write_atomic(self.facts_dir / f"{digest}.json", json.dumps(results))

    def save(self, files: dict[str, list[Any]], fingerprint: str, map_size: int) -> None:
        from specwalk.fileio import write_atomic

        manifest = {"key": self.key, "fingerprint": fingerprint, "map_size": map_size, "files": files}
        write_atomic(self.manifest_path, json.dumps(manifest))


def _write_bytes_atomic(path: Path, data: bytes) -> None:
    from specwalk.fileio import stage

    staged = stage(path, data)
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()  # noqa: S324 - content identity, not security


def build_index(settings: IndexSettings, *, on_progress: Progress | None = None) -> IndexRun:
    """Index the project: parse what changed, merge everything, write `<out>/uimap.json`."""
    import time

    from specwalk.fileio import write_atomic
    from specwalk.index.resolve import resolve

    started = time.perf_counter()
    root = settings.root.resolve()
    settings = IndexSettings(**{**settings.__dict__, "root": root})
    sources, jsons = discover(settings)
    timings = {"discover": time.perf_counter() - started}
    all_kinds = {kind for source in sources for kind in source.kinds}
    cache = _Cache(settings.out / "cache" / "index", _cache_key(settings, all_kinds or {"react"}))
    fingerprint = _settings_fingerprint(settings)
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

    context = ParseContext(
        testid_attributes=settings.testid_attributes, default_locale=(settings.locales or ("en",))[0]
    )
    manifest_files: dict[str, list[Any]] = {}
    results: dict[str, list[tuple[str, str]]] = {}
    to_parse: list[tuple[SourceFile, str]] = []
    reused = 0
    for number, source in enumerate(sources):
        known = previous.get(source.path)
        if known is not None and known[:2] == [source.mtime_ns, source.size]:
            cached = cache.facts(known[2])
            if cached is not None:
                results[source.path] = cached
                manifest_files[source.path] = known
                reused += 1
                continue
        try:
            digest = _digest(Path(root, source.path).read_bytes())
        except OSError:
            digest = ""
        cached = cache.facts(digest) if digest and settings.use_cache else None
        if cached is not None:
            results[source.path] = cached
            manifest_files[source.path] = [source.mtime_ns, source.size, digest]
            reused += 1
        else:
            to_parse.append((source, digest))
        if on_progress is not None and number % 500 == 0:
            on_progress("checking", number, len(sources))
    timings["check"] = time.perf_counter() - started - timings["discover"]
    parse_started = time.perf_counter()
    jobs = [(str(root), source.path, source.kinds, context) for source, _ in to_parse]
    digests = {source.path: (source, digest) for source, digest in to_parse}
    for done, (path, file_results) in enumerate(_run_jobs(jobs, settings.workers), start=1):
        results[path] = file_results
        source, digest = digests[path]
        if digest:
            if settings.use_cache:
                cache.store(digest, file_results)
            manifest_files[path] = [source.mtime_ns, source.size, digest]
        if on_progress is not None and (done % 200 == 0 or done == len(jobs)):
            on_progress("parsing", done, len(jobs))
    timings["parse"] = time.perf_counter() - parse_started
    merge_started = time.perf_counter()
    facts = [FileFacts.model_validate_json(text) for path in sorted(results) for _, text in results[path]]
    results.clear()  # the JSON texts are not needed any more; the merge is the memory peak
    for json_file in jsons:
        manifest_files[json_file.path] = [json_file.mtime_ns, json_file.size, ""]
    # The merge allocates hundreds of thousands of small objects and frees almost none: the
    # cyclic collector's passes over them cost more than they could reclaim.
    collecting = gc.isenabled()
    gc.disable()
    try:
        uimap = resolve(
            facts,
            root=root,
            json_files=[j.path for j in jsons],
            framework=settings.framework,
            locales=list(settings.locales),
            testid_attributes=settings.testid_attributes,
            files_indexed=len(sources),
            specwalk_version=__version__,
        )
    finally:
        if collecting:
            gc.enable()
    timings["resolve"] = time.perf_counter() - merge_started
    data = uimap.model_dump_json(exclude_defaults=True).encode()
    # exclude_defaults would drop schema_version (its default): readers of the file need it.
    data = b'{"schema_version":%d,' % UIMAP_SCHEMA_VERSION + data[1:]
    _write_bytes_atomic(uimap_path, data)
    del data
    if settings.use_cache:
        write_atomic(cache.summary_path, summary_to_json(summarize(uimap)))
        cache.save(manifest_files, fingerprint, uimap_path.stat().st_size)
    timings["total"] = time.perf_counter() - started
    return IndexRun(
        uimap_path,
        parsed=len(to_parse),
        reused=reused,
        timings=timings,
        loaded=uimap,
        summary_path=cache.summary_path if settings.use_cache else None,
    )


def _run_jobs(
    jobs: list[tuple[str, str, tuple[str, ...], ParseContext]], workers: int
) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    if workers <= 1 or len(jobs) < 64:
        for job in jobs:
            yield _parse_job(job)
        return
    import multiprocessing

    # fork shares the imported grammars; each worker compiles its queries once.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(workers) as pool:
        yield from pool.imap_unordered(_parse_job, jobs, chunksize=16)
