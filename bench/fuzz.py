"""Throw hostile inputs at the CLI and count what goes wrong (issue 16).

Each case copies one of the examples into a fresh directory, breaks one thing in it — the
requirements, specwalk.toml, a source or translation file, the file system around them — puts a
recognisable "yesterday's" plan.json / uimap.json in the output directory, and runs `specwalk
plan`, `index` or `init` through `specwalk.cli.main`, the function the console script calls, with
the case's directory as cwd. Cases about permissions run as a real subprocess without the
capabilities that let root ignore permission bits; every 50th case also runs as a subprocess and
its exit code must match. Then it counts:

- tracebacks: exit 70, or a traceback in the output;
- partial files: a staged temporary file left behind, or an output that is not whole JSON;
- stale files: yesterday's output still in place after the stage failed (or after it "succeeded"
  without rewriting it);
- silent successes: exit 0 where the case must fail, or without naming what it must name (the
  skipped file, the reason), or "0 requirements" / "0 elements" with exit 0;
- wrong lines: a plan naming a line past the end of its file; wrong counts: the same file given
  twice planned twice; subprocess mismatches; false alarms (a harmless change refused);
- the slowest case.

Run: .venv/bin/python bench/fuzz.py [--cases 5000] [--seed 1] [--show 5] [--jobs 4] [--minutes M]

CPU seconds per case do not depend on --jobs; on a busy machine more jobs take a larger share of it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import io
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "bench")]

from fuzz_cases import MUTATIONS, SKIP, Ctx, Expect  # noqa: E402 - after the path is set

from specwalk.cli import main as specwalk_main  # noqa: E402
from specwalk.fileio import editor_lines  # noqa: E402

EXAMPLES = ("tasks-react", "shop-vue", "notes-html", "blog-vue")
DROP_CAPS = "-dac_override,-dac_read_search"
SUBPROCESS_EVERY = 50


# --- running a case ----------------------------------------------------------------------------

SENTINEL = b"\n"  # appended to yesterday's outputs: valid JSON, but not what any run writes


@dataclass
class Outcome:
    name: str
    example: str
    args: list[str]
    code: int
    seconds: float  # CPU
    wall: float
    output: str
    findings: list[str]


def _copy_example(example: str, into: Path) -> None:
    source = REPO / "examples" / example

    def ignore(directory: str, names: list[str]) -> set[str]:
        return {name for name in names if name in SKIP}

    shutil.copytree(source, into, ignore=ignore, symlinks=True)


def _yesterday() -> dict[str, dict[str, bytes]]:
    """Each example's real plan.json and uimap.json, from a clean run, plus the sentinel."""
    outputs: dict[str, dict[str, bytes]] = {}
    for example in EXAMPLES:
        with tempfile.TemporaryDirectory(prefix="specwalk-fuzz-") as folder:
            project = Path(folder) / example
            _copy_example(example, project)
            code, *_ = _in_process(["plan"], project, {})
            code_index, *_ = _in_process(["index"], project, {})
            if code not in (0, 1) or code_index != 0:
                # Mutations need a clean starting point: an example that fails as it is is left out.
                print(f"note: {example} left out: as it is, plan exits {code}, index {code_index}", file=sys.stderr)
                continue
            out = project / ".specwalk"
            outputs[example] = {
                "plan": (out / "plan.json").read_bytes() + SENTINEL,
                "index": (out / "uimap.json").read_bytes() + SENTINEL,
            }
    return outputs


@contextlib.contextmanager
def _environment(cwd: Path, env: dict[str, str]) -> Iterator[None]:
    before_cwd = os.getcwd()
    saved = {key: os.environ.get(key) for key in env}
    os.chdir(cwd)
    os.environ.update(env)
    try:
        yield
    finally:
        os.chdir(before_cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# Times are CPU seconds (this process, or the subprocess): on a shared 2-core machine wall time
# mostly measures the neighbours. Wall time is reported beside them.


def _in_process(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, float, float]:
    stdout, stderr = io.StringIO(), io.StringIO()
    # The index's worker processes count too (their CPU is added once they are waited for).
    started, cpu = time.perf_counter(), time.process_time() + _children_cpu()
    with _environment(cwd, env), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = specwalk_main(args)
    seconds = time.process_time() + _children_cpu() - cpu
    return code, stdout.getvalue() + stderr.getvalue(), seconds, time.perf_counter() - started


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _subprocess(args: list[str], cwd: Path, env: dict[str, str], unprivileged: bool) -> tuple[int, str, float, float]:
    command = [sys.executable, "-m", "specwalk", *args]
    if unprivileged and os.geteuid() == 0:
        command = ["setpriv", f"--inh-caps={DROP_CAPS}", f"--bounding-set={DROP_CAPS}", *command]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SPECWALK_")}
    environment.update(env)
    environment["PYTHONPATH"] = str(REPO / "src")
    environment["COLUMNS"] = "200"
    started, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600, check=False)
    return result.returncode, result.stdout + result.stderr, _children_cpu() - cpu, time.perf_counter() - started


def _restore_permissions(root: Path) -> None:
    for directory, folders, files in os.walk(root):
        for name in folders + files:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                with contextlib.suppress(OSError):
                    os.chmod(path, 0o755)
    with contextlib.suppress(OSError):
        os.chmod(root, 0o755)


def _check(project: Path, expect: Expect, code: int, output: str, yesterday: dict[str, bytes]) -> list[str]:
    findings: list[str] = []
    if code == 70 or "Traceback" in output or "INTERNALERROR" in output:
        findings.append("traceback")
    for path in project.rglob("*"):
        if path.name.endswith((".tmp", ".spill")) and path.name.startswith("."):
            findings.append(f"partial: {path.relative_to(project)}")
    out = project / ".specwalk"
    for stage, name in (("plan", "plan.json"), ("index", "uimap.json")):
        path = out / name
        try:
            data = path.read_bytes() if path.is_file() else None
        except OSError:
            data = None
        if data is None:
            continue
        try:
            json.loads(data)
        except ValueError:
            findings.append(f"partial: {name} is not whole JSON")
            continue
        if stage == expect.stage and data == yesterday[stage]:
            findings.append(f"stale: {name} still holds yesterday's output (exit {code})")
    failed = code not in (0, 1)  # 1: plan's "lines need attention", a plan all the same
    if code == 0 and re.search(r"(?<![\d,])0 (requirements|elements)\b", output):
        findings.append("silent: exit 0 with nothing produced")
    if expect.not_ok and code == 0:
        findings.append("silent: exit 0 where the case must not succeed")
    if expect.fail and not failed:
        findings.append(f"silent: exit {code} where the case must fail")
    if expect.mention and expect.mention not in output:
        findings.append(f"silent: the output does not name {expect.mention!r}")
    if expect.fail is False and failed:
        findings.append(f"false alarm: exit {code}")
    if expect.stage == "plan" and code in (0, 1) and "plan" in expect.args[:1]:
        findings.extend(_plan_lines(project, expect))
    if expect.stage == "init" and code == 0:
        findings.extend(_init_config(project))
    return findings


def _plan_lines(project: Path, expect: Expect) -> list[str]:
    try:
        plan = json.loads((project / ".specwalk" / "plan.json").read_bytes())
    except (OSError, ValueError):
        return ["partial: no plan.json after a plan that succeeded"]
    findings = []
    if expect.single_count is not None and len(plan.get("requirements", [])) != expect.single_count:
        findings.append(f"wrong count: {len(plan['requirements'])} requirements, {expect.single_count} planned once")
    counts: dict[str, int] = {}
    sources = [item["source"] for item in plan.get("requirements", [])] + [
        item["source"] for item in plan.get("unplanned", [])
    ]
    for source in sources:
        if source["file"] not in counts:
            try:
                text = (project / source["file"]).read_bytes().decode("utf-8-sig", "replace")
            except OSError:
                continue
            counts[source["file"]] = len(editor_lines(text.replace("\r\n", "\n")))
        if not 1 <= source["line"] <= max(1, counts[source["file"]]):
            findings.append(f"wrong line: {source['file']}:{source['line']} of {counts[source['file']]} lines")
            break
    return findings


def _init_config(project: Path) -> list[str]:
    from specwalk.config import load_config
    from specwalk.errors import SpecwalkError

    try:
        load_config(cwd=project, env={})
    except SpecwalkError as error:
        return [f"partial: init wrote a specwalk.toml that does not load ({error.lines[0]})"]
    return []


def _prepare(number: int, seed: int, name: str, example: str, yesterday: dict[str, bytes], project: Path) -> Expect:
    """The case: a copy of the example, yesterday's outputs in place, one thing broken. The same
    number and seed always make the same case."""
    _copy_example(example, project)
    out = project / ".specwalk"
    out.mkdir(exist_ok=True)
    (out / "plan.json").write_bytes(yesterday["plan"])
    (out / "uimap.json").write_bytes(yesterday["index"])
    ctx = Ctx(project, random.Random(f"{seed}:{number}"), example)
    expect = MUTATIONS[name](ctx)
    expect.picks = ctx.picks
    return expect


def _discard(project: Path) -> None:
    _restore_permissions(project)
    shutil.rmtree(project, ignore_errors=True)


def run_case(number: int, seed: int, names: list[str], yesterday: dict[str, dict[str, bytes]], work: Path) -> Outcome:
    name = names[number % len(names)]
    examples = sorted(yesterday)
    example = examples[(number // len(names)) % len(examples)]
    project = work / f"case-{number}"
    try:
        expect = _prepare(number, seed, name, example, yesterday[example], project)
        if expect.unprivileged:
            code, output, seconds, wall = _subprocess(expect.args, project, expect.env, unprivileged=True)
        else:
            code, output, seconds, wall = _in_process(expect.args, project, expect.env)
        findings = _check(project, expect, code, output, yesterday[example])
    finally:
        _discard(project)
    if not expect.unprivileged and number % SUBPROCESS_EVERY == 0:
        # The console script on the same case, made afresh: its exit code must be the same.
        try:
            again = _prepare(number, seed, name, example, yesterday[example], project)
            other, other_output, *_ = _subprocess(again.args, project, again.env, unprivileged=False)
            if other != code:
                findings.append(f"subprocess mismatch: exit {other} as a subprocess, {code} in process")
            findings.extend(
                f"subprocess {item}" for item in _check(project, again, other, other_output, yesterday[example])
            )
        finally:
            _discard(project)
    label = f"{name} {'/'.join(expect.picks[:2])}".strip()
    return Outcome(label, example, expect.args, code, seconds, wall, output, findings)


CATEGORIES = {
    "tracebacks": "traceback",
    "partial files": "partial",
    "stale files": "stale",
    "silent successes": "silent",
    "wrong lines": "wrong line",
    "wrong counts": "wrong count",
    "subprocess mismatches": "subprocess mismatch",
    "false alarms": "false alarm",
}


# --- how time grows with size --------------------------------------------------------------------

SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "plan: bullet criteria": ("requirements.md", lambda n: "## F\n\n" + '- Click "Add": "Added" is shown.\n' * n),
    "plan: features": ("requirements.md", lambda n: "".join(f'## F{i}\n\n- Click "A"\n\n' for i in range(n))),
    "plan: quotes on lines": ("requirements.md", lambda n: "## F\n\n" + ("- " + '"a" "b" ' * 200 + "\n") * (n // 40)),
    "plan: Gherkin scenarios": (
        "requirements.md",
        lambda n: (
            "## F\n\n```gherkin\nFeature: F\n"
            + "".join(f'  Scenario: s{i}\n    When I click "Add"\n    Then I should see "Added"\n' for i in range(n))
            + "```\n"
        ),
    ),
    "plan: nesting at the limit": ("requirements.md", lambda n: "## F\n\n" + ("- " * 30 + "Click x\n") * n),
    "index: one page of buttons": ("index.html", lambda n: "<main>" + "<button>Save</button>\n" * n + "</main>\n"),
    "index: one page nested deep": ("index.html", lambda n: "<div>" * n + "<button>x</button>" + "</div>" * n),
    "config: a long requirements list": (
        "specwalk.toml",
        lambda n: "[project]\nrequirements = [" + ", ".join(['"requirements.md"'] * n) + "]\n",
    ),
}


def scaling(sizes: tuple[int, ...]) -> None:
    """Seconds for each shape at growing sizes; linear work shows a ratio near the size ratio."""
    print(f"\nhow CPU time grows (seconds at sizes {', '.join(map(str, sizes))}; ratio = last / first):")
    for label, (name, make) in SHAPES.items():
        seconds: list[float] = []
        codes: list[int] = []
        for size in sizes:
            with tempfile.TemporaryDirectory(prefix="specwalk-fuzz-") as folder:
                project = Path(folder)
                (project / "requirements.md").write_text('## F\n\n- Click "A"\n', encoding="utf-8")
                (project / "specwalk.toml").write_text('[project]\nframework = "html"\n', encoding="utf-8")
                (project / name).write_text(make(size), encoding="utf-8")
                args = ["index"] if name == "index.html" else ["plan"] if name == "specwalk.toml" else PLAN
                code, _, elapsed, _ = _in_process(args, project, {})
                seconds.append(elapsed)
                codes.append(code)
        times = "  ".join(f"{value:6.2f}" for value in seconds)
        print(f"  {label:34} {times}  ratio {seconds[-1] / max(seconds[0], 1e-3):5.1f}  exits {codes}")


PLAN = ["plan", "requirements.md"]


_SHARED: tuple[int, list[str], dict[str, dict[str, bytes]], Path] | None = None  # a worker's case inputs


def _share(seed: int, names: list[str], yesterday: dict[str, dict[str, bytes]], work: Path) -> None:
    global _SHARED
    _SHARED = (seed, names, yesterday, work)


def _worker_case(number: int) -> Outcome:
    assert _SHARED is not None
    seed, names, yesterday, work = _SHARED
    return run_case(number, seed, names, yesterday, work)


def _outcomes(
    options: argparse.Namespace, names: list[str], yesterday: dict[str, dict[str, bytes]], work: Path
) -> Iterator[tuple[int, Outcome]]:
    """(case number, outcome) of every case until --cases or, with --minutes, until that time is
    up (the cases started by then are finished and counted: the totals say how many ran). With
    --jobs N, N worker processes run them and outcomes come as they finish (each case is in its own
    folder and the same whichever process runs it: the totals do not change)."""
    deadline = time.monotonic() + options.minutes * 60 if options.minutes else float("inf")
    if options.jobs <= 1:
        for number in range(options.first, options.first + options.cases):
            if time.monotonic() > deadline:
                return
            yield number, run_case(number, options.seed, names, yesterday, work)
        return
    # Forked workers inherit the imported code; they are not daemons, so the index's own worker
    # processes can start under them. A few cases per worker are in flight, refilled as any one
    # ends: a slow case does not leave the other workers idle.
    with concurrent.futures.ProcessPoolExecutor(
        options.jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_share,
        initargs=(options.seed, names, yesterday, work),
    ) as pool:
        pending: dict[concurrent.futures.Future[Outcome], int] = {}
        number, end = options.first, options.first + options.cases
        while number < end or pending:
            while number < end and len(pending) < options.jobs * 3 and time.monotonic() <= deadline:
                pending[pool.submit(_worker_case, number)] = number
                number += 1
            if not pending:
                return
            done, _ = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes running cases side by side")
    parser.add_argument("--minutes", type=float, default=0, help="start no case after this long (0: no limit)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="the first case number (runs can share out a range)")
    parser.add_argument("--only", default="", help="run only the mutations whose name starts with this")
    parser.add_argument("--show", type=int, default=3, help="examples shown per kind of finding")
    parser.add_argument("--sizes", default="1000,2000,4000,8000", help="sizes for the growth table ('' skips it)")
    options = parser.parse_args()
    names = sorted(name for name in MUTATIONS if name.startswith(options.only))
    if not names:
        raise SystemExit(f"no mutation named {options.only}*; they are: {', '.join(sorted(MUTATIONS))}")
    started = time.perf_counter()
    tallies: Counter[str] = Counter()
    shown: dict[str, list[tuple[int, str]]] = {}
    slowest: Outcome | None = None
    max_wall = 0.0
    cpu_total = 0.0
    by_exit: Counter[int] = Counter()
    with tempfile.TemporaryDirectory(prefix="specwalk-fuzz-") as folder:
        work = Path(folder)
        work.chmod(0o755)
        yesterday = _yesterday()
        ran = 0
        for number, outcome in _outcomes(options, names, yesterday, work):
            ran += 1
            by_exit[outcome.code] += 1
            if slowest is None or outcome.seconds > slowest.seconds:
                slowest = outcome
            max_wall = max(max_wall, outcome.wall)
            cpu_total += outcome.seconds
            for finding in outcome.findings:
                for label, prefix in CATEGORIES.items():
                    if finding.removeprefix("subprocess ").startswith(prefix):
                        tallies[label] += 1
                        where = (
                            f"case {number} {outcome.name} [{outcome.example}] {' '.join(outcome.args)[:80]}: {finding}"
                        )
                        shown.setdefault(label, []).append(
                            (number, where + "\n      " + outcome.output.strip()[-300:].replace("\n", "\n      "))
                        )
            if ran % 100 == 0:
                print(f"  … {ran} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    mix = f"{len(names)} mutations x {len(yesterday)} examples, seed {options.seed}, {options.jobs} jobs"
    cut = f" of {options.cases} asked (--minutes {options.minutes:g} was up)" if ran < options.cases else ""
    span = f", numbers {options.first} to {options.first + ran - 1}" if options.first else ""
    print(f"cases: {ran}{cut} ({mix}{span})")
    for label in CATEGORIES:
        print(f"{label}: {tallies[label]}")
    assert slowest is not None
    print(
        f"slowest case: {slowest.seconds:.2f} s CPU, {slowest.wall:.1f} s wall "
        f"({slowest.name} [{slowest.example}] {' '.join(slowest.args)[:60]})"
    )
    print(f"slowest wall time: {max_wall:.1f} s; load average at the end: {os.getloadavg()[0]:.1f}")
    print("exit codes: " + ", ".join(f"{code}: {count}" for code, count in sorted(by_exit.items())))
    print(f"total: {time.perf_counter() - started:.0f} s wall, {cpu_total:.0f} s CPU in the cases")
    for label, examples in shown.items():
        print(f"\n{label}, first {min(options.show, len(examples))} of {len(examples)}:")
        for _, line in sorted(examples)[: options.show]:  # in case order, whatever order they ended in
            print(f"  {line}")
    if options.sizes:
        scaling(tuple(int(size) for size in options.sizes.split(",")))


if __name__ == "__main__":
    main()
