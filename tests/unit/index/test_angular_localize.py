"""@angular/localize: texts marked `i18n` in templates, translated by the project's XLIFF files."""

from __future__ import annotations

import shutil
from pathlib import Path

from specwalk.index.build import IndexSettings, build_index

FIXTURE = Path(__file__).parents[2] / "fixtures" / "index" / "angular-localize"


def _elements(root: Path, out: Path) -> dict[str, tuple[str, object, object]]:
    settings = IndexSettings(
        root=root, source_roots=("src",), framework="angular", locales=("en", "fr"), output_dir=out, workers=1
    )
    uimap = build_index(settings).uimap
    return {
        e.id.rsplit("/", 1)[-1]: (e.text.kind, e.text.value, e.text.translations) if e.text else ("", None, None)
        for e in uimap.elements
    }


def test_marked_texts_take_their_translations_by_id_or_source_text(tmp_path: Path) -> None:
    found = _elements(FIXTURE, tmp_path)
    assert found["tasks.component.html:1:1"] == ("i18n", "Tasks", {"en": "Tasks", "fr": "Tâches"})
    # No custom id: found by its source text (the id is Angular's digest).
    assert found["tasks.component.html:2:1"] == ("i18n", "Add task", {"en": "Add task", "fr": "Ajouter une tâche"})
    # In no translation file yet: the source text, in the default locale.
    assert found["tasks.component.html:3:1"] == ("i18n", "Archive", {"en": "Archive"})
    assert found["tasks.component.html:4:1"] == ("literal", "Not marked for translation", {})


def test_the_first_locator_of_a_translated_button_is_its_role_and_name(tmp_path: Path) -> None:
    settings = IndexSettings(
        root=FIXTURE, source_roots=("src",), framework="angular", locales=("en", "fr"), output_dir=tmp_path, workers=1
    )
    button = next(e for e in build_index(settings).uimap.elements if e.id.endswith(":2:1"))
    first = button.locators[0]
    assert (first.playwright, first.kind, first.locale) == ("getByRole('button', { name: 'Add task' })", "i18n", "en")


def test_without_translation_files_marked_texts_stay_their_source(tmp_path: Path) -> None:
    root = tmp_path / "app"
    shutil.copytree(FIXTURE, root)
    shutil.rmtree(root / "src" / "locale")
    found = _elements(root, tmp_path / "out")
    assert found["tasks.component.html:1:1"] == ("i18n", "Tasks", {"en": "Tasks"})


def test_a_broken_translation_file_is_a_problem_with_its_path(tmp_path: Path) -> None:
    root = tmp_path / "app"
    shutil.copytree(FIXTURE, root)
    (root / "src" / "locale" / "messages.fr.xlf").write_text("<xliff>\n<file><body></file>", encoding="utf-8")
    settings = IndexSettings(
        root=root, source_roots=("src",), framework="angular", output_dir=tmp_path / "o", workers=1
    )
    problems = build_index(settings).uimap.problems
    assert [(p.file, p.line, p.message.split(":")[0]) for p in problems] == [
        ("src/locale/messages.fr.xlf", 2, "cannot read the translation file")
    ]


def test_marked_attributes_are_translated_names(tmp_path: Path) -> None:
    # `i18n-placeholder` / `i18n-aria-label`: the value is the source locale's, like `$localize`.
    settings = IndexSettings(
        root=FIXTURE, source_roots=("src",), framework="angular", locales=("en", "fr"), output_dir=tmp_path, workers=1
    )
    elements = {e.id.rsplit("/", 1)[-1]: e for e in build_index(settings).uimap.elements}
    search = elements["tasks.component.html:5:1"]
    assert search.attributes["placeholder"].expression == "$localize`Search tasks`"
    first = search.locators[0]
    assert (first.playwright, first.kind, first.locale) == (
        "getByRole('searchbox', { name: 'Search tasks' })",
        "i18n",
        "en",
    )
    delete = elements["tasks.component.html:6:1"]
    assert delete.label is not None
    assert delete.label.translations == {"en": "Delete all", "fr": "Tout supprimer"}
    assert delete.locators[0].playwright == "getByRole('button', { name: 'Delete all' })"
