"""@angular/localize translation files: XLIFF 1.2, XLIFF 2.0 and Angular's JSON format."""

from pathlib import Path

import pytest

from specwalk.index import xliff

FIXTURES = Path(__file__).parents[2] / "fixtures" / "index" / "xliff"


def _read(name: str) -> xliff.Catalog:
    return xliff.read(name, (FIXTURES / name).read_bytes())


def test_a_source_file_holds_the_source_locales_texts_by_id_and_by_text() -> None:
    catalog = _read("messages.xlf")
    assert (catalog.locale, catalog.source_locale, catalog.messages) == ("en-US", "en-US", {})
    assert catalog.sources == {
        "@source:Tasks": "Tasks",
        "tasksTitle": "Tasks",
        "@source:Add task": "Add task",  # whitespace collapsed, as a page shows it
        "5206857922697139278": "Add task",
    }


def test_xliff_1_2_targets_by_id_and_by_source_text_with_placeholders() -> None:
    catalog = _read("messages.fr.xlf")
    assert catalog.locale == "fr"
    assert catalog.messages["tasksTitle"] == "Tâches"
    assert catalog.messages[xliff.source_key("Add task")] == "Ajouter une tâche"
    # An interpolation keeps its `{{…}}` (a wildcard for locators); tags around a text vanish.
    assert catalog.messages["greeting"] == "Bonjour {{ name }}, bienvenue"
    assert catalog.messages[xliff.source_key("Hello {{ name }}, welcome")] == "Bonjour {{ name }}, bienvenue"


def test_xliff_2_0_segments() -> None:
    catalog = _read("messages.de.xlf")
    assert (catalog.locale, catalog.source_locale) == ("de", "en-US")
    assert catalog.messages == {
        "tasksTitle": "Aufgaben",
        "@source:Tasks": "Aufgaben",
        "greeting": "Hallo {{ name }}",
        "@source:Hello {{ name }}": "Hallo {{ name }}",
    }


def test_angular_json_format() -> None:
    catalog = _read("messages.es.json")
    assert (catalog.locale, catalog.messages) == ("es", {"tasksTitle": "Tareas", "greeting": "Hola {{…}}"})


def test_other_files_are_not_translations() -> None:
    with pytest.raises(xliff.NotTranslations):
        xliff.read("src/app/config.json", b'{"name": "app"}')
    with pytest.raises(xliff.NotTranslations):
        xliff.read("src/assets/icon.xlf", b"<svg/>")
    with pytest.raises(ValueError, match="line 2"):
        xliff.read("src/locale/messages.fr.xlf", b"<xliff>\n<file><body></file>")
