"""`specwalk index` on source trees a user can have on disk: every cause of issue 16."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from specwalk.errors import ExitCode

from .conftest import Run, unprivileged

PAGE = '<main><h1>Notes</h1><button type="button">Save</button></main>\n'


def html_project(project: Path, roots: str = '["."]') -> None:
    (project / "specwalk.toml").write_text(f'[project]\nframework = "html"\nsource_roots = {roots}\n', encoding="utf-8")


@pytest.mark.parametrize(
    ("roots", "setup", "why"),
    [
        ('["src"]', None, "'src' does not exist"),
        ('["index.html"]', "file", "'index.html' is a file, not a directory"),
        ('["/proc/self"]', None, "'/proc/self' is outside the project"),
        ('["../"]', None, "'../' is outside the project"),
        ('["gone"]', "broken", "'gone' is a broken link"),
    ],
)
def test_bad_source_roots_are_usage_errors(project: Path, run: Run, roots: str, setup: str | None, why: str) -> None:
    html_project(project, roots)
    (project / "index.html").write_text(PAGE, encoding="utf-8")
    if setup == "broken":
        (project / "gone").symlink_to(project / "nowhere")
    code, output = run("index")
    assert code == ExitCode.USAGE
    assert f"project.source_roots: {why}" in output


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "found no element"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "index.html:3: binary content"),
        ("\ufeff" + PAGE, None),  # a UTF-8 BOM is fine
        (b"\xff\xfe" + PAGE.encode("utf-16-le"), "index.html: UTF-16 text; skipped — save it as UTF-8"),
        (b"<p>" + b"x" * 2_100_000 + b"</p>", "index.html: 2.1 MB, over the 2 MB limit"),
    ],
    ids=["empty", "binary", "bom", "utf16", "huge"],
)
def test_the_only_page_unusable_is_an_error_naming_why(
    project: Path, run: Run, content: str | bytes, why: str | None
) -> None:
    html_project(project)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (project / "index.html").write_bytes(data)
    code, output = run("index")
    if why is None:
        assert code == ExitCode.OK
        return
    assert code == ExitCode.BAD_INPUT
    assert why in output
    assert "stable locator" not in output


def test_skipped_files_are_listed_and_the_summary_does_not_claim_completeness(project: Path, run: Run) -> None:
    html_project(project)
    (project / "index.html").write_text(PAGE, encoding="utf-8")
    (project / "about.html").write_bytes(b"\xff\xfe" + PAGE.encode("utf-16-le"))
    (project / "logo.html").write_bytes(b"GIF89a\x00\x01")
    (project / "loop.html").symlink_to(project / "loop.html")
    (project / "dangling.html").symlink_to(project / "missing.html")
    os.symlink(b"caf\xe9.html", os.path.join(os.fsencode(project), b"caf\xe9.html"))
    (project / os.fsdecode(b"menu\xff.html")).write_text(PAGE, encoding="utf-8")
    code, output = run("index")
    assert code == ExitCode.OK
    assert "every interactive element has a stable locator" not in output
    assert "the map may be incomplete" in output
    for expected in [
        "about.html: UTF-16 text",
        "logo.html:1: binary content",
        "loop.html: cannot read (a symbolic link that loops)",
        "dangling.html: a broken link",
        "menu\\xff.html: the file name is not UTF-8",
    ]:
        assert expected in output
    uimap = (project / ".specwalk" / "uimap.json").read_text(encoding="utf-8")
    assert "menu\\\\xff.html" in uimap  # saved as text, not a serialization error


def test_a_latin1_page_is_indexed_with_a_warning(project: Path, run: Run) -> None:
    html_project(project)
    (project / "index.html").write_bytes("<button>Café</button>\n<button>Thé</button>\n".encode("latin-1"))
    code, output = run("index")
    assert code == ExitCode.OK
    assert "index.html:1: not valid UTF-8" in output


def test_a_newly_unreadable_problem_is_seen_on_an_unchanged_rerun(project: Path, run: Run) -> None:
    html_project(project)
    (project / "index.html").write_text(PAGE, encoding="utf-8")
    assert run("index")[0] == ExitCode.OK
    (project / "loop.html").symlink_to(project / "loop.html")
    code, output = run("index")
    assert code == ExitCode.OK
    assert "loop.html: cannot read" in output


def test_a_translation_file_of_the_wrong_shape_is_reported(project: Path, run: Run) -> None:
    html_project(project)
    (project / "index.html").write_text(PAGE, encoding="utf-8")
    locales = project / "locales"
    locales.mkdir()
    (locales / "en.json").write_text('["Save", "Cancel"]', encoding="utf-8")
    (locales / "fr.json").write_text('"Enregistrer"', encoding="utf-8")
    (locales / "de.json").mkdir()
    (locales / "zh.json").write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    (locales / "es.json").write_text('{"a":' * 5_000 + '"x"' + "}" * 5_000, encoding="utf-8")
    (locales / "it.json").write_text("null", encoding="utf-8")
    code, output = run("index")
    assert code == ExitCode.OK
    assert "locales/en.json: a translation file holds an object of keys and texts, not a list" in output
    assert "locales/fr.json: a translation file holds an object of keys and texts, not a string" in output
    assert "locales/de.json/: a folder, not a translation file" in output
    assert "locales/zh.json: nested more than" in output
    assert "locales/es.json: nested more than" in output
    assert "locales/it.json: a translation file holds an object of keys and texts, not null" in output


def test_an_invalid_gitignore_line_is_reported_and_the_others_apply(project: Path, run: Run) -> None:
    html_project(project)
    (project / "index.html").write_text(PAGE, encoding="utf-8")
    (project / "draft.html").write_text(PAGE.replace("Save", "Draft"), encoding="utf-8")
    (project / ".gitignore").write_text("draft.html\n\\\n", encoding="utf-8")
    code, output = run("index", "--all")
    assert code == ExitCode.OK
    assert ".gitignore:2: " in output and "this line is ignored" in output
    assert "Draft" not in (project / ".specwalk" / "uimap.json").read_text(encoding="utf-8")


def test_an_unreadable_page_and_folder_are_reported(tmp_path: Path) -> None:
    html_project(tmp_path)
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "secret.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "menu.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "secret.html").chmod(0)
    (tmp_path / "components").chmod(0)
    try:
        result = unprivileged("index", cwd=tmp_path)
    finally:
        (tmp_path / "components").chmod(0o755)
    assert result.returncode == ExitCode.OK, result.stderr
    assert "secret.html: cannot read: Permission denied" in result.stderr
    assert "components/: cannot list this folder (Permission denied)" in result.stderr
    assert "the map may be incomplete" in result.stdout


def test_only_unreadable_pages_is_an_error(tmp_path: Path) -> None:
    html_project(tmp_path)
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "index.html").chmod(0)
    result = unprivileged("index", cwd=tmp_path)
    assert result.returncode == ExitCode.BAD_INPUT, result.stderr
    assert "index.html: cannot read: Permission denied" in result.stderr


TRUNCATED_PAGE = """<!doctype html>
<html lang="en">
  <head><title>Notes</title></head>
  <body>
    <main>
      <h1>Notes</h1>
      <button type="button" id="new">New note</button>
      <section class="list">
        <p>Nothing yet. Click <a href="#/new">here</a>"""


@pytest.mark.parametrize(
    ("cut", "line", "inside"), [(0, 9, "<p> (opened at line 9)"), (-12, 9, "<p> (opened at line 9)")]
)
def test_a_truncated_page_is_read_like_a_browser_and_reported_at_its_end(
    project: Path, run: Run, cut: int, line: int, inside: str
) -> None:
    html_project(project)
    (project / "index.html").write_text(TRUNCATED_PAGE[: len(TRUNCATED_PAGE) + cut], encoding="utf-8")
    code, output = run("index", "--json")
    assert code == ExitCode.OK
    uimap = json.loads(output[output.index("{") :])
    assert {element["native_tag"] for element in uimap["elements"]} >= {"h1", "button"}
    problems = [(problem["line"], problem["message"]) for problem in uimap["problems"]]
    assert len(problems) == 1 and problems[0][0] == 9
    assert problems[0][1].startswith("the file ends inside <p> (opened at line 9): truncated")


def test_a_truncated_vue_file_is_reported_at_its_end(project: Path, run: Run) -> None:
    (project / "specwalk.toml").write_text('[project]\nframework = "vue"\nsource_roots = ["src"]\n', encoding="utf-8")
    (project / "src").mkdir()
    vue = (
        '<script setup lang="ts">\nconst n = 1\n</script>\n\n<template>\n  <nav>\n'
        '    <button @click="n++">Add</button>\n    <ul>\n      <li>One</li>\n      <li'
    )
    (project / "src" / "App.vue").write_text(vue, encoding="utf-8")
    code, output = run("index")
    assert code == ExitCode.OK
    assert "src/App.vue:10: the file ends inside <ul> (opened at line 8)" in output


def test_a_project_folder_whose_path_is_not_utf8_is_named(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / os.fsdecode(b"app\xff")
    folder.mkdir()
    html_project(folder)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    code, output = run("index", str(folder))
    assert code == ExitCode.USAGE
    assert "app\\xff: the project's folder path is not UTF-8" in output
    code, output = run("plan", "--config", str(folder / "specwalk.toml"))
    assert code == ExitCode.USAGE
    assert "app\\xff: the project's folder path is not UTF-8" in output
