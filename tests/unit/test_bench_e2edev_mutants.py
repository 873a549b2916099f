"""bench/e2edev.py --mutants: the planted-bug file is well formed, keeps no scenario text, and a
mutant's covering scenarios are judged caught / missed / not eligible as documented. No browser,
no E2EDev clone: the app data here is made up."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


mutants = _load("e2edev_mutants")


def test_the_planted_bugs_name_dev_apps_and_cover_test_cases_by_number_only() -> None:
    data = json.loads((ROOT / "bench" / "e2edev_mutants.json").read_text(encoding="utf-8"))
    splits = {"E2ESD_Bench_01", "E2ESD_Bench_03", "E2ESD_Bench_04", "E2ESD_Bench_06", "E2ESD_Bench_07"}
    splits |= {"E2ESD_Bench_09", "E2ESD_Bench_10", "E2ESD_Bench_12", "E2ESD_Bench_13", "E2ESD_Bench_15"}
    splits |= {"E2ESD_Bench_18", "E2ESD_Bench_19"}
    ids = [mutant["id"] for mutant in data["mutants"]]
    assert len(ids) == len(set(ids)) >= 10
    for mutant in data["mutants"]:
        assert mutant["app"] in splits  # the dev split only
        assert mutant["find"] and mutant["find"] != mutant["replace"]
        assert mutant["covers"] and all(set(cover) == {"requirement", "case"} for cover in mutant["covers"])


def test_only_the_covering_test_cases_are_kept() -> None:
    source = {
        "finegrained_rewith_test": {
            "1": {"test_cases": [{"test_case": ["a"]}, {"test_case": ["b"]}, {"test_case": ["c"]}]},
            "2": {"test_cases": [{"test_case": ["d"]}]},
        }
    }
    kept = mutants._covered_source(source, [{"requirement": "1", "case": 2}, {"requirement": 1, "case": 0}])
    assert kept["finegrained_rewith_test"] == {"1": {"test_cases": [{"test_case": ["a"]}, {"test_case": ["c"]}]}}


def test_verdicts_need_a_pass_on_the_correct_app() -> None:
    result = mutants.MutantResult(
        "m",
        "E2ESD_Bench_00",
        ["a", "b", "c", "d"],
        correct={"a": "passed", "b": "passed", "c": "partial", "d": "passed"},
        broken={"a": "app_defect", "b": "passed", "c": "app_defect", "d": "not_grounded"},
    )
    assert [result.verdict(key) for key in result.covers] == [
        "caught",
        "missed",
        "not eligible (partial)",
        "other (not_grounded)",
    ]
