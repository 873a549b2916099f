"""Locale files outside the source roots (a monorepo's shared folder), in region-specific names."""

from __future__ import annotations

import json
from pathlib import Path

from specwalk.index.build import IndexSettings, build_index


def test_nested_locale_folder_and_region_locale_resolve_the_configured_locales(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Save.tsx").write_text(
        "import { useTranslation } from 'react-i18next';\n"
        "export function Save() {\n"
        "  const { t } = useTranslation();\n"
        "  return <button onClick={() => {}}>{t('actions.save')}</button>;\n"
        "}\n",
        encoding="utf-8",
    )
    for code, text in (("en_US", "Save"), ("de_DE", "Speichern")):
        folder = tmp_path / "shared" / "i18n" / "locales" / code
        folder.mkdir(parents=True)
        (folder / "translation.json").write_text(json.dumps({"actions": {"save": text}}), encoding="utf-8")
    settings = IndexSettings(
        root=tmp_path, source_roots=("app",), locales=("en",), output_dir=tmp_path / ".specwalk", workers=1
    )
    uimap = build_index(settings).uimap
    (button,) = uimap.elements
    assert button.text is not None
    # en_US is the configured en (the default locale's text is the value); de_DE stays as found.
    assert (button.text.value, button.text.translations) == ("Save", {"en": "Save", "de-DE": "Speichern"})
    assert uimap.locales == ["en", "de-DE"]
    assert button.locators[0].playwright == "getByRole('button', { name: 'Save' })"
