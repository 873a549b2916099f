"""The example apps' prose lines through `specwalk generate` with a model that answers correctly.

For each example app (or `--app NAME`) this builds a temporary project: the app's files (its
node_modules symlinked), a requirements.md holding only the app's free-prose lines verbatim under
their feature headings plus its `## Steps`, and its specwalk.toml. A scripted OpenAI-compatible
server (tests/llm_server.py) answers each plan request with the reference reply for the line it is
asked about (tests/fixtures/llm/reference_replies.json). A grounding-assist request gets the answer
a careful reader gives (the one candidate whose listing contains the step's words, else none); a
repair request gets a 500, so a reference reply that needs repairing shows up as a failure.
Then it runs the real pipeline: index, plan, ground and verify in Chromium, emit, run the suite.

Run: .venv/bin/python bench/llm_examples.py [--app tasks-react] [--keep]
Prints one line per prose line ("APP requirements.md:LINE: N scenarios planned by the model, M
verified (passed), K weak/defect/not grounded") and the emitted suite's runner result. Each app
starts its dev server and takes a minute or two; too slow for CI.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.llm_server import Reply, Request, scripted_llm  # noqa: E402

from specwalk.cli import main as specwalk_main  # noqa: E402

EXAMPLES = ROOT / "examples"
REFERENCE: dict[str, Any] = json.loads(
    (ROOT / "tests" / "fixtures" / "llm" / "reference_replies.json").read_text(encoding="utf-8")
)
APPS = ("notes-html", "tasks-react", "shop-vue")
# Rules-planned criteria copied along because a reference reply uses a name only they quote: the
# "Theme" select has no accessible name (its label is not linked), so the planner knows the word
# from the example's line 171 ('I should see "Theme"'), as it does in the full example.
CONTEXT_LINES = {"tasks-react": (171,)}


@dataclass
class ProseLine:
    key: str  # "tasks-react/requirements.md:104", the reference reply's key; "" for a context line
    original: int  # line in the example's requirements.md
    line: int = 0  # line in the temporary requirements.md
    text: list[str] = field(default_factory=list)  # the criterion's source lines, verbatim
    feature: str = ""  # its "## " heading line
    story: list[str] = field(default_factory=list)  # the feature's user story paragraph, if any

    @property
    def opening(self) -> str:
        """The criterion's first words as the plan prompt shows them."""
        return self.text[0].removeprefix("- ").strip()


def requirement_of(request: Request) -> str:
    """The requirement text a plan prompt is about (as tests/browser/test_llm_generate.py reads it)."""
    return request.first_user.split("\n", 2)[1] if request.first_user.startswith("Requirement (") else ""


def choose(prompt: str) -> str | None:
    """A grounding-assist answer a careful reader gives: the one candidate whose listing (names,
    locator, declaring source line) contains the step's target words; None when not exactly one."""
    named = re.search(r'^It names: "([^"]+)"', prompt, flags=re.MULTILINE)
    if named is None:
        return None
    words = named.group(1).lower()
    fitting = re.findall(r"^- \[([^\]]+)\] (.*)$", prompt, flags=re.MULTILINE)
    # Not the "retrieved:" note: it repeats the step's words for every candidate.
    matches = [element_id for element_id, listing in fitting if words in listing.split(" | retrieved:")[0].lower()]
    return matches[0] if len(matches) == 1 else None


def _criterion(lines: list[str], start: int) -> list[str]:
    """A bullet with its indented continuation lines, or a paragraph up to the blank line."""
    bullet = lines[start].startswith("- ")
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.strip() or line.startswith(("- ", "#")) or (bullet and not line.startswith(" ")):
            break
        block.append(line)
    return block


def _story(lines: list[str], heading: int) -> list[str]:
    """The first paragraph under a feature heading that states a user story."""
    index = heading + 1
    while index < len(lines) and not lines[index].startswith("#"):
        if "As a" in lines[index] or "作为" in lines[index]:
            start = index
            while index < len(lines) and lines[index].strip():
                index += 1
            return lines[start:index]
        index += 1
    return []


def _located(prose: ProseLine, lines: list[str]) -> ProseLine:
    start = prose.original - 1
    prose.text = _criterion(lines, start)
    heading = next(i for i in range(start, -1, -1) if lines[i].startswith("## "))
    prose.feature = lines[heading]
    prose.story = _story(lines, heading)
    return prose


def prose_lines(app: str, lines: list[str]) -> list[ProseLine]:
    found = []
    for key in REFERENCE:
        name, _, where = key.partition("/")
        if name != app:
            continue
        found.append(_located(ProseLine(key, int(where.rpartition(":")[2])), lines))
    for original in CONTEXT_LINES.get(app, ()):
        found.append(_located(ProseLine("", original), lines))
    return sorted(found, key=lambda prose: prose.original)


def requirements_for(app: str, prose: list[ProseLine], lines: list[str]) -> str:
    """The prose lines under their features, then the app's `## Steps`; records each line's new number."""
    out = [
        f"# {app} — free-prose requirements",
        "",
        f"The prose lines of examples/{app}/requirements.md, verbatim; written by bench/llm_examples.py.",
    ]
    feature = ""
    for item in prose:
        if item.feature != feature:
            feature = item.feature
            out += ["", feature, ""]
            if item.story:
                out += [*item.story, ""]
        item.line = len(out) + 1
        out += item.text
    steps = next(i for i, line in enumerate(lines) if line.strip() == "## Steps")
    end = next((i for i in range(steps + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    out += ["", *lines[steps:end]]
    return "\n".join(out).rstrip("\n") + "\n"


def build_project(app: str, into: Path) -> tuple[Path, list[ProseLine]]:
    source = EXAMPLES / app
    modules = source / "node_modules"
    if not modules.is_dir():
        raise SystemExit(f"examples/{app}/node_modules is missing: run `make node`")
    project = into / app
    app_only = shutil.ignore_patterns("node_modules", ".specwalk", "e2e-*", "requirements.md", "README.md")
    shutil.copytree(source, project, ignore=app_only)  # specwalk.toml comes along unchanged
    (project / "node_modules").symlink_to(modules)
    lines = (source / "requirements.md").read_text(encoding="utf-8").splitlines()
    prose = prose_lines(app, lines)
    (project / "requirements.md").write_text(requirements_for(app, prose, lines), encoding="utf-8")
    return project, prose


def run_app(app: str, into: Path, *, verbose: bool) -> list[str]:
    project, prose = build_project(app, into)
    unscripted: list[str] = []
    choices: list[str] = []

    def model(request: Request) -> Reply:
        task = request.task()
        line = requirement_of(request)
        if task == "plan":
            for item in prose:
                if item.key and line.startswith(item.opening):
                    return Reply(json.dumps(REFERENCE[item.key], ensure_ascii=False))
        if task == "choose":
            chosen = choose(request.first_user)
            choices.append(chosen or "none of the candidates")
            reason = "its listing names the step's words" if chosen else "no candidate's listing names the step's words"
            return Reply(json.dumps({"element_id": chosen, "reason": reason}))
        unscripted.append(f"{task or 'unknown'} request about: {line[:70] or request.first_user[:70]!r}")
        return Reply(status=500, error=f"unscripted {task} request")

    printed = io.StringIO()
    with scripted_llm(model) as server:
        args = ["generate", "-c", str(project / "specwalk.toml"), "--llm", server.url, "--runs", "1"]
        if verbose:
            code = specwalk_main(args)
        else:
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
                code = specwalk_main(args)
        asked = len(server.chat_requests())

    report_path = project / ".specwalk" / "report.json"
    if not report_path.is_file():
        return [f"{app}: `specwalk generate` exited {code} without a report", printed.getvalue()]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    out = []
    for item in prose:
        mine = [s for s in report["scenarios"] if s["source"]["line"] == item.line]
        if not item.key:
            statuses = ", ".join(s["status"] for s in mine) or "not planned"
            out.append(f"{app} requirements.md:{item.original}: context line, planned by the rules: {statuses}")
            continue
        passed = sum(s["status"] == "passed" for s in mine)
        bad = [s for s in mine if s["status"] != "passed"]
        out.append(
            f"{app} requirements.md:{item.original}: {len(mine)} scenarios planned by the model, "
            f"{passed} verified (passed), {len(bad)} weak/defect/not grounded"
        )
        out += [f"    {s['status']}: {s['name']}: {s['message']}" for s in bad]
        unplanned = [entry for entry in report["unplanned"] if entry["source"]["line"] == item.line]
        out += [f"    not planned: {entry['reason']}" for entry in unplanned]
    runner = report.get("runner")
    if runner:
        out.append(
            f"{app} suite: {runner['runner']}: {runner['passed']} passed, {runner['failed']} failed, "
            f"{runner['flaky']} flaky, {runner['expected_failures']} expected failures (exit {runner['exit_code']})"
        )
    else:
        out.append(f"{app} suite: not run")
    out.append(
        f"{app}: specwalk exit code {code}; {asked} model request(s), "
        f"{len(choices)} grounding choice(s), {len(unscripted)} unscripted"
    )
    out += [f"    unscripted: {entry}" for entry in unscripted]
    out += [f"    grounding assist chose: {element_id}" for element_id in choices]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", choices=APPS, help="one example app (default: all three)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where")
    parser.add_argument("--verbose", action="store_true", help="show specwalk's own output")
    options = parser.parse_args()
    into = Path(tempfile.mkdtemp(prefix="specwalk-llm-examples-"))
    try:
        for app in [options.app] if options.app else APPS:
            for line in run_app(app, into, verbose=options.verbose):
                print(line, flush=True)
    finally:
        if options.keep:
            print(f"projects kept in {into}")
        else:
            shutil.rmtree(into, ignore_errors=True)


if __name__ == "__main__":
    main()
