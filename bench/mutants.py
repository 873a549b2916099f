"""Mutation bench: does the generated suite catch real bugs as well as the hand-written one?

For each example app: generate the suite once on an unmutated copy (`specwalk generate`), run the
generated and the reference (`e2e-reference/`) suites on the unmutated app (baseline), then inject
each behaviour mutant of `bench/mutants/<app>.toml` — one at a time, into a temporary copy — start a
fresh dev server through specwalk's own lifecycle and run both suites again. A mutant is killed by a
suite when a test that was as expected on the baseline is not (a failure, or an unexpected pass of
a `test.fail()`), or the runner itself reports an error. Last, the cosmetic refactor of
`bench/cosmetic/<app>.toml` (classes renamed, wrappers added, texts unchanged) is applied to a copy
and both suites run once more. Results go to `bench/results/<app>.json`; `bench/quality.py` prints
them.

Run:  .venv/bin/python bench/mutants.py --app tasks-react [--limit N] [--jobs 1] [--runs 2]
      [--reuse-suite | --suite-from DIR --generate-log FILE] [--only ID,ID] [--no-cosmetic]
      [--llm PROVIDER|URL]

The examples' committed files are never touched: everything happens under a temporary directory,
with each copy's node_modules a directory of symlinks to the example's own packages (so the copy's
Vite cache stays in the copy).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
APPS = ("tasks-react", "shop-vue", "notes-html", "blog-vue")
GENERATED_DIR = "e2e-generated"
REFERENCE_DIR = "e2e-reference"
SUITES = ("generated", "reference")
_COPY_IGNORE = ("node_modules", GENERATED_DIR, ".specwalk", "test-results", "playwright-report")
_SUITE_TIMEOUT_S = 1200.0


class DefinitionError(Exception):
    """A mutant or cosmetic definition that does not apply to the current example source."""


# -- definitions (pure; the unit test checks them without a browser) ----------------------------


@dataclass(frozen=True)
class Mutant:
    id: str
    kind: str
    file: str  # relative to the app root
    description: str
    anchor: str
    replacement: str


@dataclass(frozen=True)
class Edit:
    file: str
    anchor: str
    replacement: str


@dataclass(frozen=True)
class Rename:
    pattern: str  # a regular expression
    replacement: str
    files: tuple[str, ...]  # globs relative to the app root


@dataclass(frozen=True)
class Cosmetic:
    edits: tuple[Edit, ...]
    renames: tuple[Rename, ...]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"{path}: {exc}") from exc


def load_mutants(app: str) -> list[Mutant]:
    path = BENCH / "mutants" / f"{app}.toml"
    mutants = [Mutant(**entry) for entry in _read_toml(path).get("mutant", [])]
    ids = [mutant.id for mutant in mutants]
    duplicates = sorted({item for item in ids if ids.count(item) > 1})
    if duplicates:
        raise DefinitionError(f"{path}: duplicate mutant ids {', '.join(duplicates)}")
    return mutants


def load_cosmetic(app: str) -> Cosmetic:
    data = _read_toml(BENCH / "cosmetic" / f"{app}.toml")
    edits = tuple(Edit(**entry) for entry in data.get("edit", []))
    renames = tuple(
        Rename(entry["pattern"], entry["replacement"], tuple(entry["files"])) for entry in data.get("rename", [])
    )
    return Cosmetic(edits, renames)


def apply_edit(text: str, anchor: str, replacement: str, *, where: str) -> str:
    """`text` with the one occurrence of `anchor` replaced; a missing, repeated or no-op anchor is an error."""
    count = text.count(anchor)
    if count != 1:
        raise DefinitionError(f"{where}: anchor found {count} times (must be exactly once): {anchor.strip()[:80]!r}")
    changed = text.replace(anchor, replacement)
    if changed == text:
        raise DefinitionError(f"{where}: the replacement changes nothing")
    return changed


def mutate(app_root: Path, mutant: Mutant) -> tuple[Path, str]:
    """Apply `mutant` in place under `app_root`; returns the file and its original text (to restore)."""
    path = app_root / mutant.file
    original = path.read_text(encoding="utf-8")
    path.write_text(apply_edit(original, mutant.anchor, mutant.replacement, where=f"{mutant.id}: {mutant.file}"))
    return path, original


def apply_cosmetic(app_root: Path, cosmetic: Cosmetic) -> dict[str, int]:
    """Apply the refactor in place; returns how many changes each touched file got."""
    changes: dict[str, int] = {}
    for edit in cosmetic.edits:
        path = app_root / edit.file
        path.write_text(
            apply_edit(path.read_text(encoding="utf-8"), edit.anchor, edit.replacement, where=f"cosmetic: {edit.file}")
        )
        changes[edit.file] = changes.get(edit.file, 0) + 1
    for rename in cosmetic.renames:
        pattern = re.compile(rename.pattern)
        total = 0
        for path in sorted({hit for glob in rename.files for hit in app_root.glob(glob) if hit.is_file()}):
            text = path.read_text(encoding="utf-8")
            changed, count = pattern.subn(rename.replacement, text)
            if count:
                path.write_text(changed)
                key = path.relative_to(app_root).as_posix()
                changes[key] = changes.get(key, 0) + count
                total += count
        if total == 0:
            raise DefinitionError(f"cosmetic: rename {rename.pattern!r} matches nothing")
    return changes


# -- workspace, app, runner ---------------------------------------------------------------------


def make_workspace(app: str, dest: Path) -> Path:
    """A copy of the example at `dest`, sharing the example's installed packages through symlinks."""
    source = EXAMPLES / app
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*_COPY_IGNORE), symlinks=True)
    modules = source / "node_modules"
    if modules.is_dir():
        (dest / "node_modules").mkdir()
        for entry in modules.iterdir():
            if entry.name.startswith(".vite"):
                continue  # the bundler's caches: each copy keeps its own
            (dest / "node_modules" / entry.name).symlink_to(entry)
    return dest


def _config(app_root: Path) -> Any:
    from specwalk.config import load_config

    return load_config(app_root / "specwalk.toml", env={})


@contextmanager
def serve(app_root: Path) -> Iterator[Any]:
    """Start the app of `app_root` (on a free port) and its services with specwalk's lifecycle.

    Yields the running app (`specwalk.browser.app_server.RunningApp`): its base URL, and in `env`
    the ports its services got (API_PORT), which the suites' data reset needs.
    """
    from specwalk.browser.app_server import AppServer, free_port
    from specwalk.pipeline import app_spec

    spec = app_spec(_config(app_root))
    if "{port}" in spec.command:
        spec = dataclasses.replace(spec, port=free_port())
    with AppServer(spec) as running:
        yield running


def builds(base_url: str, file: str) -> bool:
    """Does the dev server serve the (mutated) module? Vite answers 500 when it cannot transform it."""
    url = base_url.rstrip("/") + "/" + file
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status) < 500
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (urllib.error.URLError, OSError):
        return False


def browser_path() -> str:
    from specwalk.browser.discovery import find_browser

    return str(find_browser("", dict(os.environ), with_version=False).path)


@dataclass
class SuiteRun:
    exit_code: int
    seconds: float
    tests: list[dict[str, Any]] = field(default_factory=list)  # file, title, status, expected, ok, ms
    errors: list[str] = field(default_factory=list)

    @property
    def bad(self) -> set[str]:
        return {test["id"] for test in self.tests if not test["ok"]}

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _walk(suite: dict[str, Any], describes: tuple[str, ...], found: list[dict[str, Any]]) -> None:
    for spec in suite.get("specs", []):
        for test in spec.get("tests", []):
            results = test.get("results", [])
            status = str(results[-1].get("status", "skipped")) if results else "skipped"
            expected = str(test.get("expectedStatus", "passed"))
            title = " › ".join((*describes, str(spec.get("title", ""))))
            found.append(
                {
                    "id": f"{spec.get('file', '')} › {title}",
                    "file": str(spec.get("file", "")),
                    "title": title,
                    "status": status,
                    "expected": expected,
                    # `test.fail()` that passed is "passed" with expected "failed": not ok
                    "ok": status == expected or status == "skipped",
                    "ms": sum(int(result.get("duration", 0)) for result in results),
                }
            )
    for child in suite.get("suites", []):
        title = str(child.get("title", ""))
        inner = describes if title.endswith((".ts", ".js")) else (*describes, title)
        _walk(child, inner, found)


def run_suite(
    suite_dir: Path,
    base_url: str,
    browser: str,
    *,
    max_failures: int = 0,
    workers: int = 1,
    app_env: dict[str, str] | None = None,
) -> SuiteRun:
    """`npx playwright test -c <suite_dir> --reporter=json` against `base_url`."""
    with tempfile.TemporaryDirectory(prefix="specwalk-bench-run-") as scratch:
        report = Path(scratch) / "report.json"
        command = [
            "npx",
            "--no-install",
            "playwright",
            "test",
            "-c",
            str(suite_dir / "playwright.config.ts"),
            "--reporter=json",
            "--output",
            str(Path(scratch) / "results"),
            f"--workers={workers}",
        ]
        if max_failures:
            command.append(f"--max-failures={max_failures}")
        env = {
            **os.environ,
            **(app_env or {}),
            "SPECWALK_BASE_URL": base_url,
            "SPECWALK_BROWSER": browser,
            "PLAYWRIGHT_JSON_OUTPUT_NAME": str(report),
            "FORCE_COLOR": "0",
            "CI": "1",
        }
        started = time.monotonic()
        try:
            done = subprocess.run(
                command,
                cwd=suite_dir,
                env=env,
                capture_output=True,
                text=True,
                timeout=_SUITE_TIMEOUT_S,
                check=False,
            )
            code, output = done.returncode, done.stdout + done.stderr
        except subprocess.TimeoutExpired:
            return SuiteRun(-1, round(time.monotonic() - started, 2), errors=["suite timed out"])
        seconds = round(time.monotonic() - started, 2)
        if not report.is_file():
            return SuiteRun(code, seconds, errors=["no JSON report; " + " / ".join(output.strip().splitlines()[-5:])])
        data = json.loads(report.read_text(encoding="utf-8"))
    tests: list[dict[str, Any]] = []
    for top in data.get("suites", []):
        _walk(top, (), tests)
    errors = [str(error.get("message", "")).strip().splitlines()[0][:200] for error in data.get("errors", [])]
    return SuiteRun(code, seconds, tests, [error for error in errors if error])


def killed(baseline: SuiteRun, run: SuiteRun) -> tuple[bool, list[str]]:
    """Killed when a test that was as expected on the baseline is not, or the run broke outright."""
    newly_bad = sorted(run.bad - baseline.bad)
    if newly_bad:
        return True, newly_bad
    if run.errors and not baseline.errors:
        return True, [f"runner error: {run.errors[0]}"]
    if run.exit_code != 0 and not run.tests:
        return True, [f"runner exit {run.exit_code} with no tests"]
    return False, []


# -- generation ---------------------------------------------------------------------------------

_TIME_LINE = re.compile(r"^time: (.*)$", re.MULTILINE)
_PHASE = re.compile(r"(\w+) ([\d.]+) s")


def parse_time_line(stderr: str) -> dict[str, float]:
    """{phase: seconds} from `specwalk generate`'s `time: index 1.2 s, plan 0.1 s, …` line."""
    found = _TIME_LINE.findall(stderr)
    return {phase: float(seconds) for phase, seconds in _PHASE.findall(found[-1])} if found else {}


def _cache_dir(app: str) -> Path:
    return RESULTS / f"{app}-generated"


def _store_generation(app: str, app_root: Path, meta: dict[str, Any]) -> None:
    cache = _cache_dir(app)
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    shutil.copytree(app_root / GENERATED_DIR, cache / GENERATED_DIR)
    shutil.copy2(app_root / ".specwalk" / "report.json", cache / "report.json")
    (cache / "generate.json").write_text(json.dumps(meta, indent=2) + "\n")


def _load_generation(source: Path, app_root: Path, report: Path) -> None:
    shutil.rmtree(app_root / GENERATED_DIR, ignore_errors=True)
    shutil.copytree(source / GENERATED_DIR, app_root / GENERATED_DIR)
    (app_root / ".specwalk").mkdir(exist_ok=True)
    shutil.copy2(report, app_root / ".specwalk" / "report.json")


def generate(app: str, app_root: Path, args: argparse.Namespace, say: Any) -> dict[str, Any]:
    """Put the generated suite into `app_root`; returns how it was obtained and its timings."""
    if args.suite_from:
        source = Path(args.suite_from).resolve()
        _load_generation(source, app_root, source / ".specwalk" / "report.json")
        stderr = Path(args.generate_log).read_text(encoding="utf-8") if args.generate_log else ""
        meta = {
            "source": f"imported from {source}",
            "seconds": parse_time_line(stderr),
            "wall_s": None,
            "runs": args.runs,
        }
        _store_generation(app, app_root, meta)
        return meta
    cache = _cache_dir(app)
    if args.reuse_suite and (cache / "generate.json").is_file():
        _load_generation(cache, app_root, cache / "report.json")
        meta = json.loads((cache / "generate.json").read_text())
        return {**meta, "source": f"reused ({meta.get('source', 'generated')})"}
    with_llm = f" --llm {args.llm}" if args.llm else ""
    say(f"{app}: generating the suite (specwalk generate --runs {args.runs}{with_llm}) …")
    started = time.monotonic()
    done = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "specwalk"),
            "generate",
            "-c",
            str(app_root / "specwalk.toml"),
            "--runs",
            str(args.runs),
            *(["--llm", args.llm] if args.llm else []),
        ],
        cwd=app_root,
        env={key: value for key, value in os.environ.items() if key != "SPECWALK_BASE_URL"},
        capture_output=True,
        text=True,
        check=False,
    )
    wall = round(time.monotonic() - started, 1)
    if not (app_root / ".specwalk" / "report.json").is_file() or not (app_root / GENERATED_DIR).is_dir():
        tail = " / ".join(done.stderr.strip().splitlines()[-5:])
        raise SystemExit(f"{app}: specwalk generate failed (exit {done.returncode}): {tail}")
    meta = {
        "source": "generated",
        "seconds": parse_time_line(done.stderr),
        "wall_s": wall,
        "exit_code": done.returncode,
        "runs": args.runs,
        "llm": args.llm or "none",
        "summary": done.stdout.strip().splitlines()[:40],
    }
    _store_generation(app, app_root, meta)
    say(f"{app}: generated in {wall:.0f} s (exit {done.returncode})")
    return meta


# -- the bench ----------------------------------------------------------------------------------


class Bench:
    def __init__(self, app: str, args: argparse.Namespace, scratch: Path) -> None:
        self.app = app
        self.args = args
        self.scratch = scratch
        self.browser = browser_path()
        self._lock = threading.Lock()
        self._free: list[Path] = []

    def say(self, message: str) -> None:
        with self._lock:
            print(message, file=sys.stderr, flush=True)

    def _suites(self, app_root: Path) -> dict[str, Path]:
        return {"generated": app_root / GENERATED_DIR, "reference": app_root / REFERENCE_DIR}

    def run_both(self, app_root: Path, app: Any, baseline: dict[str, SuiteRun] | None = None) -> dict[str, SuiteRun]:
        runs: dict[str, SuiteRun] = {}
        for name, suite_dir in self._suites(app_root).items():
            # Stopping at the first failure is exact when the baseline is all green, and much faster.
            fast = baseline is not None and not baseline[name].bad and not baseline[name].errors
            runs[name] = run_suite(
                suite_dir,
                app.base_url,
                self.browser,
                max_failures=1 if fast else 0,
                workers=self.args.workers,
                app_env=dict(app.env),
            )
        return runs

    def run(self) -> dict[str, Any]:
        app, args = self.app, self.args
        mutants = load_mutants(app)
        if args.only:
            wanted = set(args.only.split(","))
            mutants = [mutant for mutant in mutants if mutant.id in wanted]
        if args.limit:
            mutants = mutants[: args.limit]
        base_root = make_workspace(app, self.scratch / "base")
        generation = generate(app, base_root, args, self.say)

        self.say(f"{app}: baseline — both suites on the unmutated app")
        with serve(base_root) as running:
            baseline = self.run_both(base_root, running)
        for name, run in baseline.items():
            passed = sum(test["ok"] for test in run.tests)
            self.say(f"{app}: baseline {name}: {passed}/{len(run.tests)} as expected in {run.seconds:.0f} s")

        workspaces = [base_root] + [
            self._clone(base_root, self.scratch / f"worker-{number}") for number in range(1, args.jobs)
        ]
        self._free = list(workspaces)
        results: list[dict[str, Any]] = [{} for _ in mutants]

        def one(index: int) -> None:
            with self._lock:
                root = self._free.pop()
            try:
                results[index] = self.run_mutant(root, mutants[index], baseline, index + 1, len(mutants))
            finally:
                with self._lock:
                    self._free.append(root)

        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for future in [pool.submit(one, index) for index in range(len(mutants))]:
                future.result()

        cosmetic: dict[str, Any] | None = None
        if not args.no_cosmetic:
            cosmetic_root = self._clone(base_root, self.scratch / "cosmetic")
            changes = apply_cosmetic(cosmetic_root, load_cosmetic(app))
            self.say(f"{app}: cosmetic refactor ({sum(changes.values())} changes in {len(changes)} files)")
            with serve(cosmetic_root) as running:
                runs = self.run_both(cosmetic_root, running)
            cosmetic = {"changes": changes, **{name: run.to_json() for name, run in runs.items()}}
            for name, run in runs.items():
                broken = sorted(run.bad - baseline[name].bad)
                self.say(f"{app}: cosmetic {name}: {'green' if not broken else 'BROKEN: ' + '; '.join(broken)}")

        return {
            "app": app,
            "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
            "jobs": args.jobs,
            "workers": args.workers,
            "generation": generation,
            "baseline": {name: run.to_json() for name, run in baseline.items()},
            "mutants": results,
            "cosmetic": cosmetic,
        }

    def _clone(self, base_root: Path, dest: Path) -> Path:
        make_workspace(self.app, dest)
        _load_generation(base_root, dest, base_root / ".specwalk" / "report.json")
        return dest

    def run_mutant(
        self, root: Path, mutant: Mutant, baseline: dict[str, SuiteRun], number: int, total: int
    ) -> dict[str, Any]:
        entry: dict[str, Any] = dataclasses.asdict(mutant)
        del entry["anchor"], entry["replacement"]
        from specwalk.errors import AppStartError

        path, original = mutate(root, mutant)
        try:
            with serve(root) as running:
                if not builds(running.base_url, mutant.file):
                    entry["status"] = "invalid"
                    self.say(f"{self.app}: [{number}/{total}] {mutant.id}: INVALID (the module does not build)")
                    return entry
                runs = self.run_both(root, running, baseline)
        except AppStartError as exc:  # a mutated API that does not even start: not a behaviour bug
            entry["status"] = "invalid"
            self.say(f"{self.app}: [{number}/{total}] {mutant.id}: INVALID (did not start: {exc.lines[0]})")
            return entry
        finally:
            path.write_text(original)
        entry["status"] = "ok"
        for name, run in runs.items():
            is_killed, why = killed(baseline[name], run)
            entry[name] = {"killed": is_killed, "why": why, "seconds": run.seconds, "exit_code": run.exit_code}
        marks = ", ".join(f"{name} {'killed' if entry[name]['killed'] else 'SURVIVED'}" for name in SUITES)
        self.say(f"{self.app}: [{number}/{total}] {mutant.id}: {marks}")
        return entry


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--app", choices=APPS, action="append", help="app(s) to bench (default: all)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N mutants")
    parser.add_argument("--only", default="", help="comma-separated mutant ids")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run in parallel (one app copy each)")
    parser.add_argument("--workers", type=int, default=1, help="Playwright workers per suite run")
    parser.add_argument("--runs", type=int, default=2, help="runs of the emitted suite inside `specwalk generate`")
    parser.add_argument("--reuse-suite", action="store_true", help="reuse bench/results/<app>-generated/")
    parser.add_argument("--suite-from", default="", help="use the suite already generated in this project dir")
    parser.add_argument("--generate-log", default="", help="with --suite-from: its `specwalk generate` stderr")
    parser.add_argument("--no-cosmetic", action="store_true", help="skip the cosmetic-refactor run")
    parser.add_argument(
        "--llm", default="", help="generate with this model (specwalk generate --llm), so prose lines become tests too"
    )
    args = parser.parse_args(argv)
    if args.suite_from and len(args.app or []) != 1:
        parser.error("--suite-from needs exactly one --app")
    sys.path.insert(0, str(ROOT / "src"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    for app in args.app or APPS:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix=f"specwalk-bench-{app}-") as scratch:
            result = Bench(app, args, Path(scratch)).run()
        result["bench_seconds"] = round(time.monotonic() - started, 1)
        out = RESULTS / f"{app}.json"
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{app}: results written to {out.relative_to(ROOT)} ({result['bench_seconds']:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
