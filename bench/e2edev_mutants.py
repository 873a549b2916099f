"""`bench/e2edev.py --mutants FILE`: are E2EDev's own scenarios still caught when an app breaks?

A verdict is only trustworthy if it is not bought by silence: a suite that reports few app
defects on correct apps must still report them on broken ones. FILE (bench/e2edev_mutants.json)
holds planted behaviour bugs, each one find/replace edit in a copy of a dev app, and the test
cases that cover it, by fine-grained requirement number and test-case index (so no scenario text
is copied here). For each mutant this verifies the covering scenarios on the correct copy and on
the broken one, and prints:

- caught: passed on the correct app, app defect on the broken one;
- missed: passed on both (a check that cannot see the bug: a defect of ours);
- not eligible: not passing on the correct app, so no verdict on the broken one can be trusted.

Figures, never assertions. The heldout split is never used here.
"""

from __future__ import annotations

import argparse
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class MutantResult:
    mutant: str
    app: str
    covers: list[str]
    correct: dict[str, str] = field(default_factory=dict)  # scenario key -> status on the correct app
    broken: dict[str, str] = field(default_factory=dict)
    error: str = ""

    def verdict(self, key: str) -> str:
        if self.correct.get(key) != "passed":
            return f"not eligible ({self.correct.get(key, 'missing')})"
        status = self.broken.get(key, "missing")
        return "caught" if status == "app_defect" else ("missed" if status == "passed" else f"other ({status})")


def _covered_source(source: dict[str, Any], covers: list[dict[str, Any]]) -> dict[str, Any]:
    """The app's requirements with only the covering test cases kept."""
    wanted: dict[str, set[int]] = {}
    for cover in covers:
        wanted.setdefault(str(cover["requirement"]), set()).add(int(cover["case"]))
    kept: dict[str, Any] = {}
    for number, entry in source["finegrained_rewith_test"].items():
        if number in wanted:
            cases = [case for index, case in enumerate(entry.get("test_cases", [])) if index in wanted[number]]
            kept[number] = {**entry, "test_cases": cases}
    return {**source, "finegrained_rewith_test": kept}


def _bench() -> Any:
    """bench/e2edev.py, which writes the requirements and runs specwalk the same way for both modes."""
    import e2edev

    return e2edev


def _statuses(directory: Path, timeout: float) -> tuple[dict[str, str], str]:
    """Generate (verify only) in `directory`; scenario key "req N: title" -> status."""
    generated = _bench().specwalk(["generate", "--quiet", "--runs", "0"], directory, timeout)
    report_path = directory / ".specwalk" / "report.json"
    if generated.returncode not in (0, 1) or not report_path.exists():
        return {}, f"generate exited {generated.returncode}: {(generated.stderr or generated.stdout).strip()[-300:]}"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    plan = json.loads((directory / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    keys: dict[str, str] = {}
    for requirement in plan["requirements"]:
        heading = _bench()._HEADING.match(requirement["feature"])
        for scenario in requirement["scenarios"]:
            keys[scenario["id"]] = f"req {heading.group(1) if heading else '?'}: {requirement['title'].strip()}"
    return {keys.get(s["scenario_id"], s["scenario_id"]): s["status"] for s in report["scenarios"]}, ""


def _prepare(clone: Path, mutant: dict[str, Any], directory: Path, broken: bool) -> None:
    data = clone / "E2EDev_data" / mutant["app"]
    if directory.exists():
        shutil.rmtree(directory)
    shutil.copytree(data / "source_projcet", directory)
    source = json.loads((data / "requirment_with_tests.json").read_text(encoding="utf-8"))
    bench = _bench()
    text, _steps, _prose = bench.write_requirements(_covered_source(source, mutant["covers"]), mutant["app"], False)
    (directory / "requirements.md").write_text(text, encoding="utf-8")
    (directory / "specwalk.toml").write_text(bench._TOML.format(port=bench.free_port()), encoding="utf-8")
    if broken:
        target = directory / mutant["file"]
        code = target.read_text(encoding="utf-8")
        if code.count(mutant["find"]) != 1:
            raise ValueError(f"{mutant['id']}: the edit's find text occurs {code.count(mutant['find'])} times")
        target.write_text(code.replace(mutant["find"], mutant["replace"]), encoding="utf-8")


def run_mutants(clone: Path, path: Path, apps: list[str], work: Path, timeout: float) -> list[MutantResult]:
    mutants = json.loads(path.read_text(encoding="utf-8"))["mutants"]
    results: list[MutantResult] = []
    for mutant in mutants:
        if mutant["app"] not in apps:
            continue  # only the split's apps (never heldout unless the split is)
        print(f"{mutant['id']} ({mutant['app']}) …", flush=True)
        result = MutantResult(mutant["id"], mutant["app"], [])
        try:
            statuses: list[dict[str, str]] = []
            for broken in (False, True):
                directory = work / f"{mutant['id']}-{'broken' if broken else 'correct'}"
                _prepare(clone, mutant, directory, broken)
                found, error = _statuses(directory, timeout)
                if error:
                    raise RuntimeError(error)
                statuses.append(found)
            result.correct, result.broken = statuses
            result.covers = sorted(result.correct)
        except (ValueError, RuntimeError) as problem:
            result.error = str(problem)
        results.append(result)
    return results


def print_mutants(results: list[MutantResult]) -> None:
    caught = missed = eligible = 0
    print()
    for result in results:
        print(f"{result.mutant} ({result.app})")
        if result.error:
            print(f"  error: {result.error}")
            continue
        for key in result.covers:
            verdict = result.verdict(key)
            print(f"  {verdict:<28} {key}")
            eligible += not verdict.startswith("not eligible")
            caught += verdict == "caught"
            missed += verdict == "missed"
    print(
        f"\ncovering scenarios passing on the correct apps: {eligible}; caught on the broken apps: {caught}; "
        f"missed (passed although the app is broken): {missed}"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mutants",
        type=Path,
        help="planted bugs (JSON, e.g. bench/e2edev_mutants.json): verify their covering scenarios on the correct "
        "and the broken copy of each app, and print which were caught",
    )
