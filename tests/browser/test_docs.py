"""`specwalk docs` end to end on the groceries app: real index, plan, Chromium, pictures, PDF.

The requirements mix scenarios that pass, an app defect and a missing target: only the passing
ones are in the manual. The pictures are checked where it matters: the outline recorded in the
manifest surrounds the target element, the PNG really has the outline colour there, the target's
box is where the element is in a fresh page, and a second run writes the same bytes. Pictures are
taken while each scenario is verified (it runs once), by one browser or several side by side.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from specwalk.browser.discovery import BrowserInfo
from specwalk.browser.install import cjk_font_available
from specwalk.cli import main
from specwalk.emit.manual_check import structure_problems
from specwalk.errors import ExitCode
from specwalk.models.manual import Box, ManualDocument

from ..conftest import EXAMPLE_NAMES, EXAMPLES, REPO
from .conftest import APPS

FIXTURE = REPO / "tests" / "fixtures" / "generate" / "groceries"
OUTLINE = (225, 29, 72)  # #e11d48


@pytest.fixture(scope="module")
def manual(tmp_path_factory: pytest.TempPathFactory, browser: BrowserInfo) -> Path:
    """The groceries project after one `specwalk docs --lang all` by two browsers (built once for the module)."""
    project = tmp_path_factory.mktemp("docs") / "groceries"
    shutil.copytree(FIXTURE, project)
    shutil.copyfile(REPO / "tests" / "fixtures" / "pages" / "driver.html", project / "index.html")
    config = project / "specwalk.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[browser]\npath = "{browser.path}"\n', encoding="utf-8")
    assert main(["docs", "-c", str(config), "--lang", "all", "--workers", "2", "--quiet"]) == ExitCode.FAILURES
    return project


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def document(project: Path, language: str) -> ManualDocument:
    text = (project / "docs" / "manual" / language / "manual.json").read_text(encoding="utf-8")
    return ManualDocument.model_validate_json(text)


def test_three_formats_in_both_languages_with_only_verified_scenarios(manual: Path) -> None:
    for language in ("en", "zh"):
        directory = manual / "docs" / "manual" / language
        assert (directory / "index.md").is_file() and (directory / "add-items.md").is_file()
        assert (directory / "manual.html").read_text(encoding="utf-8").startswith("<!doctype html>")
        assert (directory / "manual.pdf").read_bytes().startswith(b"%PDF-")
        doc = document(manual, language)
        names = [s.name for f in doc.features for s in f.scenarios]
        assert "Add an item with the button" in names and "Add an urgent item with Enter" in names
        assert "A blank item is refused with a message" not in names  # an app defect
        # Opening the start page and a precondition that opens it again read as one "before" step,
        # said once per chapter.
        befores = [f.before for f in doc.features]
        assert all(befores) and all(b[n] != b[n - 1] for b in befores for n in range(1, len(b)))
        assert not any(s.before for f in doc.features for s in f.scenarios)
        assert {item.name for item in doc.omitted} == {
            "A blank item is refused with a message",
            'Given I open the "/" page, when I click "Checkout", then I should see…',
        }
    english = (manual / "docs" / "manual" / "en" / "add-items.md").read_text(encoding="utf-8")
    assert (
        "1. Type *Eggs* in **New item**.\n\n   ![Step 1: Type “Eggs” in “New item”.](images/add-items/01-01.png)"
        in english
    )
    assert "2. Click **Add**." in english
    assert "   - Result: You see *3 items*." in english
    assert "3. Press **Enter** in **New item**." in english


def test_the_chinese_manual_has_no_english_template_text(manual: Path) -> None:
    directory = manual / "docs" / "manual" / "zh"
    pages = {path.name: path.read_text(encoding="utf-8") for path in directory.glob("*.md")}
    assert "1. 在 **New item** 中输入 *Eggs*。" in pages["add-items.md"]
    assert "   - 结果：可以看到 *3 items*。" in pages["add-items.md"]
    user_words = {"Add items", "Remove items", "Driver fixture", "specwalk", "requirements.md"}
    checked = 0
    for text in pages.values():
        for line in text.splitlines():
            if not re.match(r"\s*(\d+\.|-|\*\*|##? |<sub>)", line) or ("](" in line and "![" in line):
                continue
            stripped = re.sub(r"\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`|“[^”]*”|<[^>]+>|\]\([^)]*\)", "", line)
            for words in user_words:
                stripped = stripped.replace(words, "")
            stripped = re.sub(r"·.*", "", stripped)  # the requirement's own title, after the source line
            assert not re.search(r"[A-Za-z]{2,}", stripped), f"English template text: {line!r}"
            checked += 1
    assert checked > 10
    html = (directory / "manual.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "操作步骤" in html and "Steps<" not in html


def test_every_step_has_a_picture_with_the_outline_on_the_target(manual: Path, browser: BrowserInfo) -> None:
    doc = document(manual, "en")
    shots = {step.shot.image: step.shot for f in doc.features for s in f.scenarios for step in s.steps if step.shot}
    assert len(shots) == 6
    for shot in shots.values():
        assert shot.scale == 2
        if shot.target is None:
            continue
        assert shot.overlay is not None and shot.overlay.overlaps(shot.target)
        # The outline surrounds the target: every side a few pixels outside it.
        assert shot.overlay.x < shot.target.x and shot.overlay.y < shot.target.y
        assert shot.overlay.x + shot.overlay.width > shot.target.x + shot.target.width
        assert shot.overlay.y + shot.overlay.height > shot.target.y + shot.target.height
        assert Box(x=shot.clip.x, y=shot.clip.y, width=shot.clip.width, height=shot.clip.height).overlaps(shot.overlay)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(browser.path), args=["--no-sandbox"])
        page = chromium.new_page()
        page.goto((manual / "docs" / "manual" / "en" / "manual.html").as_uri())
        steps = page.locator("li.step")
        assert steps.count() == 6
        for number in range(steps.count()):
            image = steps.nth(number).locator("img")
            assert image.count() == 1
            assert image.evaluate("img => img.complete && img.naturalWidth > 0")
            alt = image.get_attribute("alt") or ""
            assert alt.startswith(f"Step {steps.nth(number).get_attribute('data-step')}: ")
            shot = shots[image.get_attribute("data-image") or ""]
            assert image.evaluate("img => img.naturalWidth") == round(shot.clip.width * shot.scale)
            if shot.overlay is None:
                continue
            # Sample the PNG in the middle of the outline's right and bottom edges (the badge sits
            # on its top-left corner).
            right, bottom = shot.overlay.x + shot.overlay.width - 1.5, shot.overlay.y + shot.overlay.height - 1.5
            middle_x, middle_y = shot.overlay.x + shot.overlay.width / 2, shot.overlay.y + shot.overlay.height / 2
            points = [(right - shot.clip.x, middle_y - shot.clip.y), (middle_x - shot.clip.x, bottom - shot.clip.y)]
            for x, y in points:
                rgba = image.evaluate(
                    """(img, [x, y]) => { const c = document.createElement('canvas');
                       c.width = img.naturalWidth; c.height = img.naturalHeight;
                       const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                       return Array.from(g.getImageData(Math.round(x), Math.round(y), 1, 1).data); }""",
                    [x * shot.scale, y * shot.scale],
                )
                assert all(abs(a - b) <= 24 for a, b in zip(rgba[:3], OUTLINE, strict=True)), (shot.image, x, y, rgba)

        # The recorded target box is where the element really is: the "New item" field of the
        # first step, measured again in a fresh page at the same viewport.
        first = next(step for step in doc.features[0].scenarios[0].steps if step.number == 1)
        assert first.shot is not None and first.shot.target is not None
        fresh = chromium.new_page(viewport={"width": 1280, "height": 800})
        fresh.goto((manual / "index.html").as_uri())
        box = fresh.get_by_label("New item", exact=True).bounding_box()
        assert box is not None
        assert abs(box["x"] - first.shot.target.x) <= 1 and abs(box["y"] - first.shot.target.y) <= 1
        assert abs(box["width"] - first.shot.target.width) <= 1
        chromium.close()


def test_a_second_run_writes_identical_files_and_json_lists_them_and_what_is_left_out(
    manual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = manual / "docs" / "manual"
    first = snapshot(directory)
    assert any(name.endswith(".png") for name in first) and any(name.endswith(".pdf") for name in first)
    capsys.readouterr()
    assert main(["docs", "-c", str(manual / "specwalk.toml"), "--lang", "all", "--json"]) == ExitCode.FAILURES
    second = snapshot(directory)
    assert sorted(second) == sorted(first)
    changed = [name for name in first if first[name] != second[name]]
    assert changed == [], f"changed on a re-run: {changed}"
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert set(payload["languages"]) == {"en", "zh"}
    assert payload["languages"]["en"]["screenshots"] == 6
    assert Path(payload["languages"]["en"]["pdf"]).is_file()
    reasons = {item["scenario"]: item["reason"] for item in payload["omitted"]}
    assert (
        "no element on the page matches 'Checkout'"
        in reasons['Given I open the "/" page, when I click "Checkout", then I should see…']
    )
    assert "verify (en)" in captured.err and "capture (en)" in captured.err


def test_each_scenario_runs_once_and_one_browser_writes_what_two_did(manual: Path, tmp_path: Path) -> None:
    """Counted at the app's own server: one page load per scenario (each opens "/" once), pictures
    included; verifying and then replaying for the pictures loaded each pictured scenario twice.
    One browser writes the same files as the module's two side by side."""
    project = tmp_path / "groceries"
    shutil.copytree(manual, project, ignore=shutil.ignore_patterns("docs", ".specwalk"))
    log = tmp_path / "requests.log"
    config = project / "specwalk.toml"
    served = 'command = "python3 -m http.server {port} --bind 127.0.0.1"'
    server = APPS / "logging_server.py"
    logging = "command = " + json.dumps(f"{sys.executable} {server} {{port}} {log}")
    assert served in config.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(served, logging), encoding="utf-8")

    assert main(["docs", "-c", str(config), "--lang", "en", "--workers", "1", "--quiet"]) == ExitCode.FAILURES
    requests = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    pages = [path for path, agent in requests if path in ("/", "/index.html") and "Chrome" in agent]
    planned = json.loads((project / ".specwalk" / "plan.json").read_text(encoding="utf-8"))["requirements"]
    assert sum(len(requirement["scenarios"]) for requirement in planned) == 6
    assert len(document(project, "en").features[0].scenarios) == 2  # and two more in "Remove items"
    assert len(pages) == 6, requests

    two, one = snapshot(manual / "docs" / "manual" / "en"), snapshot(project / "docs" / "manual" / "en")
    assert sorted(one) == sorted(two)
    assert [name for name in two if two[name] != one[name]] == []


def test_the_browser_can_draw_chinese(browser: BrowserInfo) -> None:
    """`make setup` (specwalk install-browser) installs a CJK font; without one Chinese is boxes."""
    assert cjk_font_available(), "no CJK font (fc-list :lang=zh is empty): run `specwalk install-browser`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(browser.path), args=["--no-sandbox"])
        page = chromium.new_page()
        page.set_content(
            "<span id=a style='font-size:40px'>添加任务</span><span id=b style='font-size:40px'>口口口口</span>"
        )
        # Missing glyphs all draw as the same box; real ones differ in shape, so compare pixels.
        first, second = page.locator("#a").screenshot(), page.locator("#b").screenshot()
        chromium.close()
    assert first != second


def test_an_example_app_has_every_scenario_and_its_dates_masked(tmp_path: Path) -> None:
    """examples/notes-html: every planned scenario in the manual; the notes' "Edited <date>" is
    hidden behind a mask (the requirements never quote it), so the pictures repeat."""
    project = tmp_path / "notes-html"
    shutil.copytree(
        EXAMPLES / "notes-html", project, ignore=shutil.ignore_patterns("node_modules", ".specwalk", "docs")
    )
    assert main(["docs", "-c", str(project / "specwalk.toml"), "--lang", "en", "--quiet"]) == ExitCode.OK
    doc = document(project, "en")
    assert doc.omitted == ()
    plan = json.loads((project / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    planned = sum(len(requirement["scenarios"]) for requirement in plan["requirements"])
    told = [identifier for feature in doc.features for task in feature.tasks for identifier in task.scenario_ids]
    assert planned > 10 and len(told) == len(set(told)) == planned
    # Tasks, not a test log: headings without steps or keywords, error cases as notes under their
    # task, the search outline's rows as one table.
    assert structure_problems(project / "docs" / "manual" / "en") == []
    tasks = [task for feature in doc.features for task in feature.tasks]
    assert sum(len(task.notes) for task in tasks) >= 5
    assert sum(bool(note.table) for task in tasks for note in task.notes) + sum(bool(t.table) for t in tasks) == 1
    shots = [step.shot for f in doc.features for s in f.scenarios for step in s.steps if step.shot is not None]
    assert len(shots) > 20
    assert all(shot.overlay.overlaps(shot.target) for shot in shots if shot.target and shot.overlay)
    assert sum(shot.masked for shot in shots) > 0


# Every example's manual takes one to four minutes (its dev server, 20-40 scenarios in two
# languages): too slow for CI, where notes-html (above) stands for them. `bench/docs_speed.py`
# prints the same check for all four; this runs it as a test on demand.
EVERY_EXAMPLE = os.environ.get("SPECWALK_DOCS_EXAMPLES") == "1"


@pytest.mark.skipif(not EVERY_EXAMPLE, reason="minutes per example: set SPECWALK_DOCS_EXAMPLES=1")
@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", [name for name in EXAMPLE_NAMES if name != "notes-html"])
def test_every_examples_manual_reads_as_tasks(
    name: str, tmp_path: Path, browser: BrowserInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In both languages: chapters of tasks, no heading with steps or keywords, error cases as notes
    under their task, an outline's rows as one table."""
    modules = EXAMPLES / name / "node_modules"
    if not modules.is_dir():
        pytest.fail(f"examples/{name}/node_modules is missing: run `make node`")
    project = tmp_path / name
    shutil.copytree(
        EXAMPLES / name, project, ignore=shutil.ignore_patterns("node_modules", ".specwalk", "docs", "e2e-generated")
    )
    (project / "node_modules").symlink_to(modules)
    monkeypatch.setenv("SPECWALK_BROWSER", str(browser.path))
    main(["docs", "-c", str(project / "specwalk.toml"), "--lang", "all", "--quiet"])
    for language in ("en", "zh"):
        doc = document(project, language)
        tasks = [task for feature in doc.features for task in feature.tasks]
        # blog-vue, in plain prose, has the fewest without a model: 3 chapters, 5 tasks, 2 notes.
        assert len(doc.features) >= 3 and len(tasks) >= 5, (language, doc.omitted)
        assert sum(len(task.notes) for task in tasks) >= 2
        assert structure_problems(project / "docs" / "manual" / language) == []
