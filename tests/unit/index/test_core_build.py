"""build: discovery, dispatch, cache (incremental), problems; i18n; locators; summary; CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

from specwalk.cli import main
from specwalk.index import build
from specwalk.index.build import IndexSettings, build_index, discover
from specwalk.index.i18n import load_locales, resolve
from specwalk.index.summary import summarize

BUTTON = 'export default function Save() {\n  return <button type="button">Save</button>;\n}\n'


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    (root / "src" / "locales").mkdir(parents=True)
    (root / "src" / "Save.tsx").write_text(BUTTON)
    (root / "src" / "Icon.tsx").write_text(
        "export function Icon() {\n  return <button onClick={go}><svg /></button>;\n}\n"
    )
    (root / "src" / "locales" / "en.json").write_text(json.dumps({"a": {"b": "Hello {{name}}"}}))
    (root / "node_modules" / "lib").mkdir(parents=True)
    (root / "node_modules" / "lib" / "x.tsx").write_text(BUTTON)
    (root / "src" / "generated").mkdir()
    (root / "src" / "generated" / "Gen.tsx").write_text(BUTTON)
    (root / ".gitignore").write_text("src/generated/\n")
    (root / "src" / "Save.test.tsx").write_text(BUTTON)
    (root / "src" / "Page.vue").write_text("<template><button>Go</button></template>\n")
    return root


def _settings(root: Path, **overrides) -> IndexSettings:
    return IndexSettings(
        root=root, source_roots=("src",), framework="react", output_dir=root / ".specwalk", workers=1, **overrides
    )


def test_discovery_skips_dependencies_ignored_and_tests(tmp_path):
    root = _project(tmp_path)
    sources, jsons = discover(_settings(root))
    assert [(f.path, f.kinds) for f in sources] == [
        ("src/Icon.tsx", ("react",)),
        ("src/Page.vue", ("vue",)),
        ("src/Save.tsx", ("react",)),
    ]
    assert [f.path for f in jsons] == ["src/locales/en.json"]


def test_missing_parser_is_a_problem_and_cache_is_incremental(tmp_path, monkeypatch):
    root = _project(tmp_path)
    monkeypatch.setitem(build.PARSERS, "vue", "specwalk.index.no_such_parser")
    monkeypatch.setattr(build, "_modules", {})
    first = build_index(_settings(root))
    assert (first.parsed, first.reused, first.unchanged) == (3, 0, False)
    assert [(p.file, p.message) for p in first.uimap.problems] == [
        ("src/Page.vue", "no parser for .vue yet (vue); skipped")
    ]
    assert [e.id for e in first.uimap.elements] == ["src/Icon.tsx:2:10", "src/Save.tsx:2:10"]
    assert (root / ".specwalk" / "uimap.json").is_file()
    second = build_index(_settings(root))
    assert (second.parsed, second.unchanged) == (0, True)
    # An unchanged re-run answers the summary from its side file, without reading the map.
    assert second.summary == summarize(first.uimap)
    assert second.loaded is None
    assert second.uimap == first.uimap
    assert json.loads((root / ".specwalk" / "uimap.json").read_bytes())["schema_version"] == 2
    save = root / "src" / "Save.tsx"
    save.write_text(BUTTON.replace("Save<", "Store<"))
    os.utime(save, ns=(save.stat().st_mtime_ns + 10_000_000, save.stat().st_mtime_ns + 10_000_000))
    third = build_index(_settings(root))
    assert (third.parsed, third.reused) == (1, 2)
    assert third.uimap.elements[1].locators[0].playwright == "getByRole('button', { name: 'Store' })"


def test_parser_crash_does_not_crash_the_run(tmp_path, monkeypatch):
    root = _project(tmp_path)

    def explode(path, source, context):
        raise ValueError("boom")

    monkeypatch.setattr("specwalk.index.react.parse_file", explode)
    run = build_index(_settings(root, use_cache=False))
    messages = {p.file: p.message for p in run.uimap.problems}
    assert messages["src/Save.tsx"] == "the react parser failed (ValueError: boom); skipped — please report this"
    assert run.uimap.elements == [] or all(e.location.file == "src/Page.vue" for e in run.uimap.elements)


def test_i18n_nested_namespaces_plural_and_template_keys(tmp_path):
    (tmp_path / "public" / "locales" / "en").mkdir(parents=True)
    (tmp_path / "public" / "locales" / "en" / "common.json").write_text(
        json.dumps({"save": "Save", "n_one": "1 item", "n_other": "{{count}} items"})
    )
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "messages.json").write_text(json.dumps({"en": {"hi": "Hi"}, "fr": {"hi": "Salut"}}))
    files = ["public/locales/en/common.json", "i18n/messages.json"]
    table, problems = load_locales(tmp_path, files, locales=["en"])
    assert problems == []
    assert table.messages["en"]["common:save"] == "Save"
    assert table.messages["en"]["save"] == "Save"
    assert resolve(table, "hi", ["en", "fr"]).translations == {"en": "Hi", "fr": "Salut"}
    plural = resolve(table, "n", ["en"])
    assert plural.variants == {"n_one": {"en": "1 item"}, "n_other": {"en": "{{count}} items"}}


def test_summary_lists_controls_without_stable_locator(tmp_path):
    root = _project(tmp_path)
    uimap = build_index(_settings(root)).uimap
    summary = summarize(uimap)
    assert [(f.where, f.fix) for f in summary.findings] == [
        ("src/Icon.tsx:2", "add an aria-label (an icon-only control has no accessible name)")
    ]


def test_cli_index_prints_summary_and_json(tmp_path, capsys):
    root = _project(tmp_path)
    (root / "specwalk.toml").write_text('[project]\nframework = "react"\nsource_roots = ["src"]\n')
    assert main(["index", str(root)]) == 0
    printed = capsys.readouterr().out
    assert "indexed 3 files" in printed
    assert "src/Icon.tsx:2: button" in printed
    assert main(["index", str(root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in data["elements"]] == ["src/Icon.tsx:2:10", "src/Page.vue:1:11", "src/Save.tsx:2:10"]
    assert main(["index", str(root / "missing")]) == 2


def test_generated_output_under_a_source_root_is_not_indexed(tmp_path):
    """An HTML project indexing "." must not read what specwalk wrote there: the manual
    (`specwalk docs`), the emitted tests and the output dir, wherever the config puts them."""
    from specwalk.config import load_config
    from specwalk.pipeline import index_for

    root = tmp_path / "site"
    (root / "docs" / "manual" / "en").mkdir(parents=True)
    (root / "specs-out").mkdir()
    (root / "out-dir").mkdir()
    (root / "specwalk.toml").write_text(
        '[project]\nframework = "html"\nsource_roots = ["."]\n'
        '[output]\ndir = "out-dir"\ntests_dir = "specs-out"\nmanual_dir = "docs/manual"\n'
    )
    page = '<!doctype html><html><body><button type="button">{}</button></body></html>\n'
    (root / "index.html").write_text(page.format("Save"))
    (root / "docs" / "manual" / "en" / "manual.html").write_text(page.format("Manual"))
    (root / "docs" / "guide.html").write_text(page.format("Guide"))
    (root / "specs-out" / "report.html").write_text(page.format("Report"))
    (root / "out-dir" / "trace.html").write_text(page.format("Trace"))

    uimap = index_for(load_config(root / "specwalk.toml"))

    assert sorted({element.location.file for element in uimap.elements}) == ["docs/guide.html", "index.html"]
    assert sorted(element.text.value for element in uimap.elements if element.text is not None) == ["Guide", "Save"]
    # Without the config's output dirs (the bug), the manual and the emitted tests were read too.
    sources, _ = discover(IndexSettings(root=root.resolve(), framework="html", output_dir=root / "out-dir", workers=1))
    assert [f.path for f in sources] == [
        "docs/guide.html",
        "docs/manual/en/manual.html",
        "index.html",
        "specs-out/report.html",
    ]
