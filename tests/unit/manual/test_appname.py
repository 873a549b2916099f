"""The manual's title names the app as the app names itself, never by its folder."""

from __future__ import annotations

import json
from pathlib import Path

from specwalk.manual.appname import app_name


def test_the_web_manifest_names_the_app_first(tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "manifest.webmanifest").write_text(json.dumps({"short_name": "Tb", "name": "Taskboard"}))
    (tmp_path / "index.html").write_text("<html><head><title>Tasks · Home</title></head></html>")
    assert app_name(tmp_path) == "Taskboard"


def test_else_the_pages_title_with_entities_decoded(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><head>\n<title>\n  Kettle &amp; Co.\n</title></head></html>")
    assert app_name(tmp_path) == "Kettle & Co."


def test_a_build_time_placeholder_is_no_name_and_package_json_display_name_comes_last(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<title>%VITE_APP_TITLE%</title>")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.html").write_text("<title><%= htmlWebpackPlugin.options.title %></title>")
    (tmp_path / "package.json").write_text(json.dumps({"name": "my-folder", "displayName": "Notes Pro"}))
    assert app_name(tmp_path) == "Notes Pro"


def test_nothing_but_a_package_name_gives_no_name(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "my-folder"}))
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "manifest.json").write_text("{not json")
    assert app_name(tmp_path) is None
