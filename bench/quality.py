"""Quality figures of the generated suites, from `bench/results/<app>.json` (see bench/mutants.py).

Run: .venv/bin/python bench/quality.py [--app NAME]

Per app: scenarios planned, tests generated, pass rate on the unmutated app, flaky count, weak
assertions, the mutation scores of the generated and the reference suite (which mutants each one
missed), seconds of generation per scenario against the emitted test's run time, and whether the
generated suite stays green on the cosmetic refactor.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
APPS = ("tasks-react", "shop-vue", "notes-html", "blog-vue")
# Generation, verification included, should cost less than this many runs of the emitted test.
RATIO_TARGET = 4.0
_RUN_PHASE = "run"  # `specwalk generate`'s own runs of the emitted suite: not generation


def _percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a (0/0)"


def _report(app: str) -> dict[str, Any] | None:
    path = RESULTS / f"{app}-generated" / "report.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _broken(run: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    bad_before = {test["id"] for test in baseline["tests"] if not test["ok"]}
    return sorted(test["id"] for test in run["tests"] if not test["ok"] and test["id"] not in bad_before)


def summarize(app: str, result: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    report = _report(app) or {}
    scenarios = report.get("scenarios", [])
    statuses: dict[str, int] = {}
    for scenario in scenarios:
        statuses[scenario["status"]] = statuses.get(scenario["status"], 0) + 1
    emitted = [scenario for scenario in scenarios if scenario.get("test_file")]
    weak = sum(step.get("sensitivity") == "weak" for scenario in scenarios for step in scenario.get("steps", []))
    lines.append(
        f"{app} scenarios planned {len(scenarios)} ({', '.join(f'{n} {s}' for s, n in sorted(statuses.items()))})"
    )
    lines.append(f"{app} tests generated {len(emitted)}")

    baseline = result["baseline"]
    generated = baseline["generated"]
    ok = sum(test["ok"] for test in generated["tests"])
    lines.append(f"{app} pass rate on the unmutated app {_percent(ok, len(generated['tests']))}")
    failing = [test["id"] for test in generated["tests"] if not test["ok"]]
    for test_id in failing:
        lines.append(f"{app}   not as expected on the unmutated app: {test_id}")
    reference_ok = sum(test["ok"] for test in baseline["reference"]["tests"])
    lines.append(
        f"{app} reference suite on the unmutated app {_percent(reference_ok, len(baseline['reference']['tests']))}"
    )
    flaky = statuses.get("flaky", 0)
    runs = result["generation"].get("runs")
    lines.append(f"{app} flaky {flaky}" + (f" (over {runs} runs inside generate)" if runs else ""))
    lines.append(f"{app} weak assertions {weak} (in {statuses.get('weak', 0)} scenarios marked weak)")

    mutants = [mutant for mutant in result["mutants"] if mutant.get("status") == "ok"]
    invalid = [mutant["id"] for mutant in result["mutants"] if mutant.get("status") == "invalid"]
    for suite in ("generated", "reference"):
        caught = sum(mutant[suite]["killed"] for mutant in mutants)
        lines.append(f"{app} {suite} mutation score {_percent(caught, len(mutants))}")
    if invalid:
        lines.append(f"{app} invalid mutants (did not build, not counted): {', '.join(invalid)}")
    for suite, other in (("generated", "reference"), ("reference", "generated")):
        missed = [mutant for mutant in mutants if not mutant[suite]["killed"]]
        for mutant in missed:
            also = " (both missed)" if not mutant[other]["killed"] else f" (the {other} suite caught it)"
            lines.append(f"{app}   {suite} missed {mutant['id']}: {mutant['description']}{also}")

    lines.extend(_timing(app, result, len(scenarios)))

    cosmetic = result.get("cosmetic")
    if cosmetic:
        for suite in ("generated", "reference"):
            broken = _broken(cosmetic[suite], baseline[suite])
            state = "green" if not broken else f"BROKEN ({len(broken)} tests)"
            lines.append(f"{app} cosmetic refactor: {suite} suite {state}")
            lines.extend(f"{app}   broken by the refactor: {test_id}" for test_id in broken)
    else:
        lines.append(f"{app} cosmetic refactor: not run")
    return lines


def _timing(app: str, result: dict[str, Any], planned: int) -> list[str]:
    seconds: dict[str, float] = result["generation"].get("seconds") or {}
    generation = sum(value for phase, value in seconds.items() if phase != _RUN_PHASE)
    tests = [test for test in result["baseline"]["generated"]["tests"] if test["status"] != "skipped"]
    if not seconds or not planned or not tests:
        return [f"{app} seconds per scenario n/a (no generate timings recorded)"]
    per_scenario = generation / planned
    per_test = sum(test["ms"] for test in tests) / len(tests) / 1000.0
    phases = ", ".join(f"{phase} {value:.1f}" for phase, value in seconds.items())
    ratio = per_scenario / per_test if per_test else float("inf")
    verdict = "under" if ratio < RATIO_TARGET else "NOT under"
    return [
        f"{app} seconds per scenario {per_scenario:.1f} (generate {generation:.0f} s without its own suite runs "
        f"/ {planned} scenarios; phases: {phases})",
        f"{app} emitted test runs in {per_test:.1f} s on average ({len(tests)} tests, one run)",
        f"{app} generation / run time ratio {ratio:.1f}x ({verdict} the {RATIO_TARGET:g}x target)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the quality bench's figures.")
    parser.add_argument("--app", choices=APPS, action="append", help="app(s) to show (default: all with results)")
    args = parser.parse_args(argv)
    shown = 0
    for app in args.app or APPS:
        path = RESULTS / f"{app}.json"
        if not path.is_file():
            print(f"{app}: no results yet (run: .venv/bin/python bench/mutants.py --app {app})")
            continue
        result = json.loads(path.read_text(encoding="utf-8"))
        if shown:
            print()
        print("\n".join(summarize(app, result)))
        print(
            f"{app} (bench finished {result.get('finished', '?')}, took {result.get('bench_seconds', 0):.0f} s; "
            f"suite {result['generation'].get('source', '?')}, LLM {result['generation'].get('llm', 'none')})"
        )
        shown += 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
