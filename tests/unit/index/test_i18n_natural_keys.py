"""i18n.resolve on keys that are their own text (outline's t("Choose who can edit"))."""

from __future__ import annotations

from specwalk.index import i18n
from specwalk.index.facts import LocaleTable


def test_natural_language_keys_missing_from_locale_files_show_as_is() -> None:
    table = LocaleTable()
    assert i18n.resolve(table, "Choose who can edit", ["en"]).translations == {"en": "Choose who can edit"}
    assert i18n.resolve(table, "Save", ["en"]).value == "Save"
    assert i18n.resolve(table, "actions.save", ["en"]).value is None
    assert i18n.resolve(table, "save", ["en"]).value is None
