"""Manual speed: `specwalk docs` on each bundled example, in English and Chinese.

Run: .venv/bin/python bench/docs_speed.py [EXAMPLE ...] [--lang en|zh|all] [--workers N]
Prints, per example: pictures taken, seconds per picture (the screenshot call: fonts, outline,
capture), seconds per step of verifying with pictures (each scenario runs once, the camera
watching), and the total with and without starting the app, also per step: the target is under
1 s per step excluding app start. Then, per language, what the manual is made of (chapters, tasks,
"If ..." notes, outline tables) and any place that reads like a test log (a heading with a Gherkin
keyword, a row number or a list of steps; a note outside its task; outline rows that are not one
table; an error case told as a task of its own): there should be none. Output goes to a temporary
directory, not the example.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from specwalk.config import load_config  # noqa: E402
from specwalk.emit.manual_check import load_manifest, structure_problems  # noqa: E402
from specwalk.pipeline import MANUAL_LANGUAGES, build_manual  # noqa: E402

EXAMPLES = ("tasks-react", "shop-vue", "notes-html", "blog-vue")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", default=list(EXAMPLES))
    parser.add_argument("--lang", default="all", choices=["en", "zh", "all"])
    parser.add_argument("--workers", type=int, default=0, help="browsers side by side; 0: the config's")
    args = parser.parse_args()
    languages = list(MANUAL_LANGUAGES) if args.lang == "all" else [args.lang]
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="specwalk-docs-bench-") as scratch:
        for name in args.examples:
            config = load_config(
                ROOT / "examples" / name / "specwalk.toml",
                env=env,
                overrides={
                    "output": {"manual_dir": str(Path(scratch) / name)},
                    **({"browser": {"workers": args.workers}} if args.workers else {}),
                },
            )
            started = time.monotonic()
            result = build_manual(config, env=env, languages=languages)
            total = time.monotonic() - started
            start = result.seconds.get("start", 0.0)
            running = result.seconds.get("verify", 0.0) + result.seconds.get("capture", 0.0)
            shots = result.screenshots or 1
            workers = config.browser.worker_count(os.cpu_count())
            phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in result.seconds.items())
            scenarios = {language: files.scenarios for language, files in result.files.items()}
            print(
                f"{name}: {result.screenshots} pictures for {scenarios} scenarios; "
                f"{result.seconds_per_screenshot:.3f} s per picture (screenshot call), "
                f"{running / shots:.3f} s per step verifying with pictures; "
                f"total {total:.1f} s, {total - start:.1f} s excluding app start, "
                f"{(total - start) / shots:.2f} s per step ({workers} browser(s), {len(result.omitted)} left out)"
            )
            print(f"  phases: {phases}")
            for language, files in result.files.items():
                document = load_manifest(files.directory)
                problems = structure_problems(files.directory)
                if document is None:
                    continue
                tasks = [task for feature in document.features for task in feature.tasks]
                notes = sum(len(task.notes) for task in tasks)
                tables = sum(bool(task.table) + sum(bool(note.table) for note in task.notes) for task in tasks)
                print(
                    f"  {language}: {len(document.features)} chapters, {len(tasks)} tasks, {notes} notes, "
                    f"{tables} outline tables, {len(problems)} places that read like a test log"
                )
                for problem in problems:
                    print(f"    {problem}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
