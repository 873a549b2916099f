"""E2EDev as a yardstick: plan (and verify) the benchmark's own Gherkin against its own apps.

Run (the clone lives outside this repository; never copy its files in):

    .venv/bin/python bench/e2edev.py /work/e2edev --split dev --plan-only
    .venv/bin/python bench/e2edev.py /work/e2edev --split dev --apps E2ESD_Bench_01,E2ESD_Bench_03

For each app of the split (splits.txt, the CDN apps left out) it copies the app's source_projcet to
a temporary work directory, writes requirements.md from requirment_with_tests.json (a `##` heading
per fine-grained requirement, its description as prose only with --with-prose, one ```gherkin
fence per test case) and a specwalk.toml serving the app statically, runs `specwalk plan` and,
unless --plan-only, `specwalk generate`, then reads plan.json / report.json and prints per app and
in total: scenarios, step lines planned %, passed, partial, app defect, not grounded, not planned;
app defects on scenarios whose reference code passes (false alarms, from ground_truth.json); and
the most frequent reasons lines fail to plan. Figures, never assertions: this is a benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPECWALK_E2EDEV_SHARED", "/work/shared/e2edev"))
# Step lines of a Gherkin fence (And / But / * continue the previous keyword).
_STEP_LINE = re.compile(r"^\s*(?:Given|When|Then|And|But|\*)\s")
_HEADING = re.compile(r"^Requirement (\d+)$")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|“[^”]*”")

_TOML = """[project]
framework = "html"
package_manager = "none"
source_roots = ["."]
requirements = ["requirements.md"]

[app]
command = "python3 -m http.server {{port}} --bind 127.0.0.1"
port = {port}
base_url = "http://127.0.0.1:{{port}}/"
ready_url = "http://127.0.0.1:{{port}}/"
start_timeout = 30.0
"""


@dataclass
class AppResult:
    app: str
    scenarios: int = 0
    step_lines: int = 0
    step_lines_planned: int = 0
    complete: int = 0  # scenarios with every line planned
    statuses: Counter[str] = field(default_factory=Counter)
    false_alarms: list[str] = field(default_factory=list)
    passed_reference_ok: int = 0  # passed, on scenarios whose reference step code passes
    reference_ok: int = 0
    prose_lines: int = 0
    prose_planned: int = 0
    unplanned: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0


def read_splits(path: Path) -> dict[str, list[str]]:
    splits: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("#") or ":" not in line:
            continue
        name, apps = line.split(":", 1)
        splits[name.strip()] = apps.split()
    return splits


def write_requirements(source: dict[str, Any], app: str, with_prose: bool) -> tuple[str, set[int], set[int]]:
    """requirements.md for one app, with the line numbers of its step lines and prose lines."""
    lines = [f"# {app}", ""]
    steps: set[int] = set()
    prose: set[int] = set()
    requirements = source["finegrained_rewith_test"]
    for number in sorted(requirements, key=lambda key: int(key) if key.isdigit() else 0):
        entry = requirements[number]
        lines += [f"## Requirement {number}", ""]
        description = " ".join(str(entry.get("requirement", {}).get("description", "")).split())
        if with_prose and description:
            prose.add(len(lines) + 1)
            lines += [description, ""]
        for case in entry.get("test_cases", []):
            for text in case.get("test_case", []):
                lines.append("```gherkin")
                for row in str(text).rstrip().splitlines():
                    if _STEP_LINE.match(row):
                        steps.add(len(lines) + 1)
                    lines.append(row.replace("```", "'''"))
                lines += ["```", ""]
    return "\n".join(lines) + "\n", steps, prose


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def reference_failures(truth: dict[str, Any], app: str) -> set[tuple[str, str]]:
    return {(str(item["requirement"]), item["scenario"].strip()) for item in truth.get(app, {}).get("failed", [])}


def specwalk(args: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "specwalk", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_app(clone: Path, app: str, options: argparse.Namespace, truth: dict[str, Any], work: Path) -> AppResult:
    result = AppResult(app)
    started = time.perf_counter()
    data = clone / "E2EDev_data" / app
    directory = work / app
    if directory.exists():
        shutil.rmtree(directory)
    shutil.copytree(data / "source_projcet", directory)
    source = json.loads((data / "requirment_with_tests.json").read_text(encoding="utf-8"))
    text, step_lines, prose_lines = write_requirements(source, app, options.with_prose)
    (directory / "requirements.md").write_text(text, encoding="utf-8")
    (directory / "specwalk.toml").write_text(_TOML.format(port=free_port()), encoding="utf-8")
    llm = ["--llm", options.llm] if options.llm else []
    planned = specwalk(["plan", *llm], directory, options.timeout)
    if planned.returncode not in (0, 1):
        result.error = f"plan exited {planned.returncode}: {(planned.stderr or planned.stdout).strip()[-400:]}"
        return result
    plan = json.loads((directory / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    unplanned_lines = {entry["source"]["line"] for entry in plan["unplanned"]}
    # A Given kept as a bare state (no step reaches it) is not planned either: nothing can run it.
    unplanned_lines |= {
        step["source"]["line"]
        for requirement in plan["requirements"]
        for scenario in requirement["scenarios"]
        for step in (*scenario["preconditions"], *scenario["steps"])
        if step["kind"] == "state"
    }
    result.unplanned = plan["unplanned"]
    result.step_lines = len(step_lines)
    result.step_lines_planned = len(step_lines - unplanned_lines)
    result.prose_lines = len(prose_lines)
    result.prose_planned = len(prose_lines - unplanned_lines)
    failing = reference_failures(truth, app)
    keys: dict[str, tuple[str, str]] = {}
    for requirement in plan["requirements"]:
        if requirement["kind"] != "gherkin":
            continue
        heading = _HEADING.match(requirement["feature"])
        key = (heading.group(1) if heading else "", requirement["title"].strip())
        for scenario in requirement["scenarios"]:
            keys[scenario["id"]] = key
            result.scenarios += 1
            result.complete += bool(scenario.get("complete", True))
            result.reference_ok += key not in failing
    if not options.plan_only:
        runs = ["--runs", str(options.runs)]
        if options.runs > 0:
            # The emitted suite needs @playwright/test; the example apps have it installed.
            modules = ROOT / "examples" / "notes-html" / "node_modules"
            if modules.exists() and not (directory / "node_modules").exists():
                (directory / "node_modules").symlink_to(modules)
        generated = specwalk(["generate", "--quiet", *runs, *llm], directory, options.timeout)
        report_path = directory / ".specwalk" / "report.json"
        if generated.returncode not in (0, 1) or not report_path.exists():
            result.error = (
                f"generate exited {generated.returncode}: {(generated.stderr or generated.stdout).strip()[-400:]}"
            )
        else:
            report = json.loads(report_path.read_text(encoding="utf-8"))
            for scenario in report["scenarios"]:
                found = keys.get(scenario["scenario_id"])
                if found is None:
                    continue  # a prose criterion (--with-prose), not a benchmark scenario
                status = scenario["status"]
                result.statuses[status] += 1
                if found not in failing:
                    result.passed_reference_ok += status == "passed"
                    if status == "app_defect":
                        result.false_alarms.append(f"{app} req {found[0]}: {found[1]}")
    result.seconds = time.perf_counter() - started
    return result


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


_COLUMNS = ("passed", "partial", "app_defect", "not_grounded", "not_planned")


def print_table(results: list[AppResult], plan_only: bool) -> None:
    header = f"{'app':<16} {'scen':>5} {'steps':>6} {'planned':>7} {'complete':>8}"
    if not plan_only:
        header += "".join(f" {name.replace('_', ' '):>12}" for name in (*_COLUMNS, "other")) + f" {'false alarm':>11}"
    print(header)
    total = AppResult("total")
    for item in results:
        _row(item, plan_only)
        total.scenarios += item.scenarios
        total.step_lines += item.step_lines
        total.step_lines_planned += item.step_lines_planned
        total.complete += item.complete
        total.statuses.update(item.statuses)
        total.false_alarms += item.false_alarms
        total.passed_reference_ok += item.passed_reference_ok
        total.reference_ok += item.reference_ok
        total.prose_lines += item.prose_lines
        total.prose_planned += item.prose_planned
    _row(total, plan_only)
    print()
    steps = _percent(total.step_lines_planned, total.step_lines).strip()
    complete = _percent(total.complete, total.scenarios).strip()
    print(
        f"steps planned: {total.step_lines_planned}/{total.step_lines} = {steps}; "
        f"scenarios fully planned: {total.complete}/{total.scenarios} = {complete}"
    )
    if total.prose_lines:
        print(f"prose descriptions planned: {total.prose_planned}/{total.prose_lines}")
    if not plan_only:
        passed = total.statuses["passed"]
        print(
            f"scenarios verified passing: {passed}/{total.scenarios} = {_percent(passed, total.scenarios).strip()}; "
            f"on scenarios whose reference code passes: {total.passed_reference_ok}/{total.reference_ok} = "
            f"{_percent(total.passed_reference_ok, total.reference_ok).strip()}"
        )
        print(f"false alarms (app defect where the reference code passes): {len(total.false_alarms)}")
        for alarm in total.false_alarms:
            print(f"  {alarm}")
    for item in results:
        if item.error:
            print(f"error: {item.app}: {item.error}")


def _row(item: AppResult, plan_only: bool) -> None:
    planned = _percent(item.step_lines_planned, item.step_lines)
    line = f"{item.app:<16} {item.scenarios:>5} {item.step_lines:>6} {planned:>7} {item.complete:>8}"
    if not plan_only:
        other = sum(count for status, count in item.statuses.items() if status not in _COLUMNS)
        line += (
            "".join(f" {item.statuses[name]:>12}" for name in _COLUMNS) + f" {other:>12} {len(item.false_alarms):>11}"
        )
    print(line)


def _shape(clause: str) -> str:
    """A failing clause with its quoted values and numbers blanked: lines that fail alike group."""
    text = _QUOTED.sub("«…»", clause)
    text = re.sub(r"\b\d+(?:\.\d+)?\b", "N", text)
    words = text.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def print_reasons(results: list[AppResult], top: int, show_all: bool) -> None:
    reasons: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    for item in results:
        for entry in item.unplanned:
            reason = entry["reason"]
            clause = entry["text"]
            if " (in: " in reason:
                reason, _, inner = reason.partition(" (in: ")
                clause = inner.rstrip(")")
            reasons[reason] += 1
            shapes[_shape(re.sub(r"^(?:Given|When|Then|And|But)\s+", "", clause))] += 1
            if show_all:
                print(f"  {item.app}:{entry['source']['line']}: {entry['text']}\n      why: {entry['reason']}")
    if not reasons:
        return
    print(f"\nmost frequent reasons lines fail to plan ({sum(reasons.values())} lines):")
    for reason, count in reasons.most_common(top):
        print(f"  {count:>5}  {reason}")
    print("most frequent shapes of the failing clauses:")
    for shape, count in shapes.most_common(top):
        print(f"  {count:>5}  {shape}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("clone", type=Path, help="a clone of github.com/SCUNLP/E2EDev")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--with-prose", action="store_true", help="also write each requirement's description")
    parser.add_argument("--llm", help="passed to specwalk as --llm (default: none, the offline planner)")
    parser.add_argument("--plan-only", action="store_true", help="plan, do not verify in the browser")
    parser.add_argument("--apps", help="comma-separated app names (within the split)")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temp dir)")
    parser.add_argument("--runs", type=int, default=0, help="runs of the emitted suite (default 0: verify only)")
    parser.add_argument("--timeout", type=float, default=1200.0, help="seconds per specwalk command")
    parser.add_argument("--top", type=int, default=10, help="how many reasons to list")
    parser.add_argument("--show-unplanned", action="store_true", help="list every line that fails to plan")
    import e2edev_mutants  # the --mutants mode

    e2edev_mutants.add_arguments(parser)
    options = parser.parse_args(argv)
    splits = read_splits(SHARED / "splits.txt")
    truth = json.loads((SHARED / "ground_truth.json").read_text(encoding="utf-8"))
    apps = splits["dev"] + splits["heldout"] if options.split == "all" else splits[options.split]
    if options.apps:
        wanted = [name.strip() for name in options.apps.split(",") if name.strip()]
        unknown = [name for name in wanted if name not in apps]
        if unknown:
            parser.error(f"not in the {options.split} split: {', '.join(unknown)}")
        apps = wanted
    if not (options.clone / "E2EDev_data").is_dir():
        parser.error(f"{options.clone}: no E2EDev_data folder; clone github.com/SCUNLP/E2EDev there")
    work = options.keep or Path(tempfile.mkdtemp(prefix="specwalk-e2edev-"))
    if work.resolve().is_relative_to(ROOT):
        parser.error("--keep must be outside the repository (E2EDev's files never enter it)")
    work.mkdir(parents=True, exist_ok=True)
    if options.mutants:
        try:
            found = e2edev_mutants.run_mutants(options.clone, options.mutants, apps, work, options.timeout)
        finally:
            if options.keep is None:
                shutil.rmtree(work, ignore_errors=True)
        e2edev_mutants.print_mutants(found)
        return 0
    results: list[AppResult] = []
    try:
        for app in apps:
            print(f"{app} …", file=sys.stderr, flush=True)
            results.append(run_app(options.clone, app, options, truth, work))
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(results, options.plan_only)
    print_reasons(results, options.top, options.show_unplanned)
    seconds = sum(item.seconds for item in results)
    print(f"\ntime: {seconds:.1f} s for {len(results)} app(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
