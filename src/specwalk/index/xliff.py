"""@angular/localize translation files: XLIFF 1.2 and 2.0 (`ng extract-i18n`), and its JSON format.

An Angular template marks a translatable text with an `i18n` attribute (`<h1 i18n="@@title">
Tasks</h1>`, `<input i18n-placeholder placeholder="Search">`); the text in the template is the
source locale's. Each translation file holds units with an id (a custom `@@id`, else a digest
Angular computes) and the source text, plus the target text in a locale's file. A unit is
found by its id, and also by its source text (`source_key`), so texts without a custom id
resolve without recomputing Angular's digest.

Placeholders (`<x id="INTERPOLATION" equiv-text="{{ name }}"/>`, `<ph equiv="…" disp="…"/>`,
`{$INTERPOLATION}`) are read as `{{…}}`, which locator matching treats as a wildcard.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

from specwalk.index.i18n import LOCALE_CODE, SOURCE_PREFIX

_FILE_LOCALE = re.compile(r"\.([a-z]{2,3}(?:[-_][A-Za-z]{2,4})?)\.(?:xlf|xliff|json)$")
_JSON_PLACEHOLDER = re.compile(r"\{\$[A-Z_0-9]+\}")
_SPACE = re.compile(r"\s+")


@dataclass
class Catalog:
    """One translation file: its locale and its messages (id -> text, and `source_key(source)`
    -> text). `source_locale`, when the file says which language its sources are in, with
    those texts (a source file has no targets: its own texts are the source locale's)."""

    locale: str
    messages: dict[str, str] = field(default_factory=dict)
    source_locale: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


class NotTranslations(ValueError):
    """The file is not a translation file (another XML or JSON document)."""


class BadTranslations(ValueError):
    """A translation file that does not parse; `line` where the parser stopped, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def source_key(text: str) -> str:
    """The key of a message by its source text (whitespace collapsed, placeholders as `{{…}}`)."""
    return SOURCE_PREFIX + normalize(text)


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def is_translation_file(path: str) -> bool:
    return path.endswith((".xlf", ".xliff"))


def read(path: str, data: bytes) -> Catalog:
    """The catalog in one XLIFF file (or Angular's JSON format); NotTranslations when it is not one.

    Raises BadTranslations (with a line when the parser gives one) for a file that does not parse.
    """
    if path.endswith(".json"):
        return _read_json(path, data)
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 - the project's own source files
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise BadTranslations(f"not well-formed XML{f' (line {line})' if line else ''}: {exc}", line) from exc
    if _local(root.tag) != "xliff":
        raise NotTranslations(path)
    version = root.get("version", "1.2")
    if version.startswith("2"):
        return _read_v2(path, root)
    return _read_v1(path, root)


def _read_v1(path: str, root: ElementTree.Element) -> Catalog:
    catalog: Catalog | None = None
    for file in _children(root, "file"):
        source_locale = file.get("source-language")
        locale = file.get("target-language") or _locale_from_name(path) or source_locale or ""
        if catalog is None:
            catalog = Catalog(locale=_norm(locale), source_locale=_norm(source_locale) if source_locale else None)
        for unit in file.iter():
            if _local(unit.tag) != "trans-unit":
                continue
            _add(catalog, unit.get("id"), _first(unit, "source"), _first(unit, "target"))
    return catalog or Catalog(locale=_locale_from_name(path) or "")


def _read_v2(path: str, root: ElementTree.Element) -> Catalog:
    source_locale = root.get("srcLang")
    locale = root.get("trgLang") or _locale_from_name(path) or source_locale or ""
    catalog = Catalog(locale=_norm(locale), source_locale=_norm(source_locale) if source_locale else None)
    for unit in root.iter():
        if _local(unit.tag) != "unit":
            continue
        for segment in _children(unit, "segment"):
            _add(catalog, unit.get("id"), _first(segment, "source"), _first(segment, "target"))
    return catalog


def _add(
    catalog: Catalog, unit_id: str | None, source: ElementTree.Element | None, target: ElementTree.Element | None
) -> None:
    source_text = normalize(_text(source)) if source is not None else ""
    target_text = normalize(_text(target)) if target is not None else ""
    if source_text:
        catalog.sources[source_key(source_text)] = source_text
        if unit_id:
            catalog.sources[unit_id] = source_text
    if target_text:
        if unit_id:
            catalog.messages[unit_id] = target_text
        if source_text:
            catalog.messages[source_key(source_text)] = target_text


def _read_json(path: str, data: bytes) -> Catalog:
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotTranslations(path) from exc
    return catalog_from_json(path, document)


def catalog_from_json(path: str, document: object) -> Catalog:
    """`ng extract-i18n --format=json`: {"locale": "fr", "translations": {"id": "text"}}, parsed."""
    if not isinstance(document, dict) or set(document) != {"locale", "translations"}:
        raise NotTranslations(path)
    translations = document["translations"]
    locale = document["locale"]
    if not isinstance(translations, dict) or not isinstance(locale, str):
        raise NotTranslations(path)
    catalog = Catalog(locale=_norm(locale))
    for unit_id, text in translations.items():
        if isinstance(text, str) and text.strip():
            catalog.messages[str(unit_id)] = normalize(_JSON_PLACEHOLDER.sub("{{…}}", text))
    return catalog


def _text(element: ElementTree.Element) -> str:
    """An element's text with placeholders as `{{…}}` (their own text when they say it)."""
    parts = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        if name in ("x", "ph", "bx", "ex", "sc", "ec"):
            shown = child.get("equiv-text") or child.get("disp") or ""
            parts.append(shown if shown.startswith("{{") else ("{{…}}" if _interpolation(child) else ""))
        elif name in ("g", "pc", "mrk"):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _interpolation(placeholder: ElementTree.Element) -> bool:
    """A value shown in the text (INTERPOLATION, ICU, a `$localize` name), not markup around it
    (START_BOLD_TEXT, CLOSE_TAG_SPAN, LINE_BREAK, TAG_IMG)."""
    name = (placeholder.get("equiv") or placeholder.get("id") or "").upper()
    return not name.startswith(("START_", "CLOSE_", "TAG_")) and name != "LINE_BREAK"


def locale_in_name(path: str) -> bool:
    """`messages.fr.xlf` names its locale; `messages.xlf` (the source file) does not."""
    return _locale_from_name(path) is not None


def _locale_from_name(path: str) -> str | None:
    found = _FILE_LOCALE.search(path)
    return _norm(found.group(1)) if found and LOCALE_CODE.match(found.group(1)) else None


def _norm(code: str) -> str:
    return code.replace("_", "-")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [child for child in element if _local(child.tag) == name]


def _first(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    found = _children(element, name)
    return found[0] if found else None
