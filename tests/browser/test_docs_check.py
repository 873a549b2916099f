"""`specwalk docs` on Pocket, a small sign-in app: tasks not test steps, no password anywhere, and
`--check` telling whether the manual on disk is still current.

Pocket (tests/fixtures/docs/pocket) has a password field with a hint under it, an outline of
refused sign-ins, a nickname field that `[docs] mask` hides and a web manifest naming the app.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import sync_playwright

from specwalk.browser.discovery import BrowserInfo
from specwalk.cli import main
from specwalk.emit.manual_check import heading_problems, structure_problems
from specwalk.errors import ExitCode
from specwalk.models.manual import ManualDocument, Shot

from ..conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "docs" / "pocket"
PASSWORDS = ("s3cret-Pa55", "hunter22")
MASK = (0x57, 0x60, 0x6A)  # the colour hidden fields are covered with


@pytest.fixture(scope="module")
def pocket(tmp_path_factory: pytest.TempPathFactory, browser: BrowserInfo) -> Path:
    project = tmp_path_factory.mktemp("pocket") / "pocket"
    shutil.copytree(FIXTURE, project)
    config = project / "specwalk.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[browser]\npath = "{browser.path}"\n', encoding="utf-8")
    assert main(["docs", "-c", str(config), "--lang", "en", "--quiet"]) == ExitCode.OK
    return project


def manual(project: Path) -> Path:
    return project / "docs" / "manual" / "en"


def test_tasks_not_test_steps_errors_as_notes_and_the_outline_as_one_table(pocket: Path) -> None:
    directory = manual(pocket)
    pages = {path.name: path.read_text(encoding="utf-8") for path in directory.glob("*.md")}
    assert "# Pocket Money user manual" in pages["index.md"]  # the manifest's name, not the folder's
    assert structure_problems(directory) == []
    signing_in = pages["signing-in.md"]
    assert re.findall(r"^## .*", signing_in, re.MULTILINE) == ["## Sign in"]  # "Successful sign in", one task
    # The refused sign-ins are one note with one table: a row each, no procedure of their own.
    note = signing_in[signing_in.index("> If you enter other values, you see:") :]
    rows = [line for line in note.splitlines() if line.startswith("> | ")]
    assert rows == [
        "> | email | password | message |",
        "> | --- | --- | --- |",
        "> | (empty) | •••• | *Enter your email* |",
        "> | *ada@example.com* | •••• | *Wrong password* |",
    ]
    assert "](images/signing-in/02-outcome.png)" in note
    # The nickname task starts by signing in, which is the "Sign in" task: a link, not four steps.
    assert "- [Sign in](signing-in.md#signing-in-1)." in pages["nickname.md"]
    assert "## Change the nickname" in pages["nickname.md"]


def test_no_password_in_the_text_and_the_password_field_covered_in_the_pictures(
    pocket: Path, browser: BrowserInfo
) -> None:
    directory = manual(pocket)
    for path in directory.rglob("*"):
        if path.suffix in (".md", ".html", ".json"):
            text = path.read_text(encoding="utf-8")
            assert not [secret for secret in PASSWORDS if secret in text], path
    page = (directory / "signing-in.md").read_text(encoding="utf-8")
    assert "2. Type your password in **Password**." in page
    # A value typed into a field `[docs] mask` hides is •••• in the text too.
    assert "1. Type *••••* in **Nickname**." in (directory / "nickname.md").read_text(encoding="utf-8")
    assert "Countess" not in (directory / "manual.json").read_text(encoding="utf-8")

    doc = ManualDocument.model_validate_json((directory / "manual.json").read_text(encoding="utf-8"))
    steps = doc.features[0].tasks[0].procedure.steps
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(browser.path), args=["--no-sandbox"])
        fresh = chromium.new_page(viewport={"width": 1280, "height": 800})
        fresh.goto((pocket / "index.html").as_uri())
        field, shown = fresh.locator("#password").bounding_box(), fresh.locator("#demo-password").bounding_box()
        chromium.close()
    assert field is not None and shown is not None
    # "Click Sign in": the password is typed by then, and its field is covered. The page's own
    # "Demo account" hint shows the password too: covered from the first picture on.
    assert covered(directory, steps[2].shot, field) == 15, "the password field is not covered in the picture"
    for step in steps:
        assert covered(directory, step.shot, shown) == 15, f"the page's password shows in step {step.number}"


def covered(directory: Path, shot: Shot | None, box: dict[str, float]) -> int:
    """How many of 15 points spread over `box` (viewport CSS px) have the mask's colour in the picture."""
    assert shot is not None
    picture = Image.open(directory / shot.image).convert("RGB")
    found = 0
    for fx in (0.1, 0.3, 0.5, 0.7, 0.9):
        for fy in (0.3, 0.5, 0.7):
            x = (box["x"] + fx * box["width"] - shot.clip.x) * shot.scale
            y = (box["y"] + fy * box["height"] - shot.clip.y) * shot.scale
            pixel = picture.getpixel((round(x), round(y)))
            assert isinstance(pixel, tuple)
            found += all(abs(a - b) <= 6 for a, b in zip(pixel, MASK, strict=True))
    return found


def test_check_finds_a_changed_label_by_step_and_update_marks_it(
    pocket: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "pocket"
    shutil.copytree(pocket, project, ignore=shutil.ignore_patterns(".specwalk"))
    config = str(project / "specwalk.toml")
    on_disk = {p: p.read_bytes() for p in manual(project).rglob("*") if p.is_file()}

    assert main(["docs", "-c", config, "--lang", "en", "--check", "--quiet"]) == ExitCode.OK
    assert "manual (en): the manual on disk is current" in capsys.readouterr().out
    # Regenerated on an unchanged app, every file is the same to the byte: notes, tables, pictures.
    scratch = project / ".specwalk" / "manual-check" / "en"
    listed = {".specwalk-manifest", "manual.pdf"}  # what was written where (the scratch folder prints no PDF)
    again = {p.relative_to(scratch): p.read_bytes() for p in scratch.rglob("*") if p.is_file() and p.name not in listed}
    before = {p.relative_to(manual(project)): data for p, data in on_disk.items() if p.name not in listed}
    assert again == before

    page = project / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("At least 8 characters", "Eight or more"), "utf-8")
    assert main(["docs", "-c", config, "--lang", "en", "--check", "--quiet"]) == ExitCode.FAILURES
    out = capsys.readouterr().out
    assert "change(s) from the manual on disk" in out
    changed = r"Signing in › Sign in › step 2: picture changed \([\d.]+% of its pixels\): Type your password"
    assert re.search(changed, out)
    assert "Nickname" not in out  # its pictures show no hint: unchanged
    assert {p: p.read_bytes() for p in manual(project).rglob("*") if p.is_file()} == on_disk
    assert (project / ".specwalk" / "manual-check" / "en" / "manual.html").is_file()

    assert main(["docs", "-c", config, "--lang", "en", "--update", "--quiet"]) == ExitCode.OK
    assert "change(s) since the previous manual" in capsys.readouterr().out
    html = (manual(project) / "manual.html").read_text(encoding="utf-8")
    assert 'class="step changed-step" data-step="2"' in html
    assert html.count('class="changed"') >= 1


POCKET_ZH = {
    "Signing in": "登录",
    "Nickname": "昵称",
    "Successful sign in": "成功登录",
    "Sign-in is refused": "登录被拒绝",
    "As a customer, I want to sign in with my email and password, so that only I see my account.": (
        "作为一名客户，我希望用邮箱和密码登录，以便只有我能看到我的账户。"
    ),
}


def test_with_a_model_a_chinese_manual_translates_chapter_names_titles_and_stories(
    pocket: Path, tmp_path: Path
) -> None:
    """The model is the local OpenAI-compatible server (tests/llm_server.py): only HTTP is faked."""
    import json

    from ..llm_server import Reply, Request, scripted_llm

    def translate(request: Request) -> Reply:
        texts = [json.loads(line.split(". ", 1)[1]) for line in request.first_user.splitlines() if ". " in line]
        pairs = [{"text": text, "translation": POCKET_ZH[text]} for text in texts]
        return Reply(json.dumps({"translations": pairs}, ensure_ascii=False))

    project = tmp_path / "pocket"
    shutil.copytree(pocket, project, ignore=shutil.ignore_patterns(".specwalk", "docs"))
    with scripted_llm(translate) as server:
        config = str(project / "specwalk.toml")
        assert main(["docs", "-c", config, "--lang", "zh", "--llm", server.url, "--quiet"]) == ExitCode.OK
    assert len(server.chat_requests()) == 1  # every text of the manual in one request
    directory = project / "docs" / "manual" / "zh"
    index = (directory / "index.md").read_text(encoding="utf-8")
    assert "- [登录](signing-in.md)" in index and "  - [登录](signing-in.md#signing-in-1)" in index
    assert "- [昵称](nickname.md)" in index
    page = (directory / "signing-in.md").read_text(encoding="utf-8")
    assert "# 登录\n\n你可以用邮箱和密码登录，以便只有你能看到你的账户。" in page
    assert "2. 在 **Password** 中输入你的密码。" in page
    assert heading_problems(page) == []
