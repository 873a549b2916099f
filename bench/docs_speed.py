"""Manual speed: `specwalk docs` on each bundled example, in English and Chinese.

Run: .venv/bin/python bench/docs_speed.py [EXAMPLE ...] [--lang en|zh|all]
Prints, per example: pictures taken, seconds per picture (the screenshot call: settle, fonts,
outline, capture), seconds per step including the replay that reaches it, and the total with and
without starting the app. Output goes to a temporary directory, not the example.
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
from specwalk.pipeline import MANUAL_LANGUAGES, build_manual  # noqa: E402

EXAMPLES = ("tasks-react", "shop-vue", "notes-html")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", default=list(EXAMPLES))
    parser.add_argument("--lang", default="all", choices=["en", "zh", "all"])
    args = parser.parse_args()
    languages = list(MANUAL_LANGUAGES) if args.lang == "all" else [args.lang]
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="specwalk-docs-bench-") as scratch:
        for name in args.examples:
            config = load_config(
                ROOT / "examples" / name / "specwalk.toml",
                env=env,
                overrides={"output": {"manual_dir": str(Path(scratch) / name)}},
            )
            started = time.monotonic()
            result = build_manual(config, env=env, languages=languages)
            total = time.monotonic() - started
            start = result.seconds.get("start", 0.0)
            capture = result.seconds.get("capture", 0.0)
            shots = result.screenshots or 1
            phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in result.seconds.items())
            scenarios = {language: files.scenarios for language, files in result.files.items()}
            print(
                f"{name}: {result.screenshots} pictures for {scenarios} scenarios; "
                f"{result.seconds_per_screenshot:.3f} s per picture (screenshot call), "
                f"{capture / shots:.3f} s per step with its replay; "
                f"total {total:.1f} s, {total - start:.1f} s excluding app start ({len(result.omitted)} left out)"
            )
            print(f"  phases: {phases}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
