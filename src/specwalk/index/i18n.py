"""Locale files: find them, flatten them, resolve a key for every locale.

Layouts understood (under the project root, skipping the usual build and dependency dirs):
- i18next / react-i18next / ngx-translate: `<dir>/<lng>.json` where <dir> is locales, locale,
  i18n, lang, langs, translations or messages (ngx-translate: `assets/i18n/<lng>.json`);
- i18next backends: `public/locales/<lng>/<ns>.json` (keys `ns:key`; `translation` and `common`
  also without prefix);
- vue-i18n: one JSON file whose top-level keys are all locale codes (`{"en": {...}, "zh": {...}}`).

Nested objects flatten to dotted keys. A key computed at run time (a template literal
`tasks.filter.${f}`) resolves to every key it can match; i18next plural forms (`key_one`,
`key_other`) are found from the bare key. A natural-language key (`t("Save changes")`, outline)
missing from every file is shown as is: i18next and vue-i18n fall back to the key.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from specwalk.index.facts import LocaleTable
from specwalk.index.fast import new_text
from specwalk.models.uimap import ParseProblem, TextValue

if TYPE_CHECKING:
    from specwalk.index import xliff

LOCALE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
LOCALE_DIRS = frozenset({"locales", "locale", "i18n", "lang", "langs", "translations", "messages", "l10n"})
_DEFAULT_NAMESPACES = frozenset({"translation", "common", "messages"})
_PLURAL_SUFFIXES = ("_zero", "_one", "_two", "_few", "_many", "_other", "_plural")
_TEMPLATE_HOLE = re.compile(r"\$\{[^}]*\}")
SOURCE_PREFIX = "@source:"  # an @angular/localize text keyed by its source text (see xliff.py)


def flatten(data: object, prefix: str = "") -> dict[str, str]:
    """{"a": {"b": "x"}} -> {"a.b": "x"}; non-string leaves become their JSON text."""
    flat: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            flat.update(flatten(value, f"{prefix}{key}." if not isinstance(value, str) else f"{prefix}{key}"))
        return flat
    if isinstance(data, str):
        flat[prefix] = data
    elif isinstance(data, list):
        for number, value in enumerate(data):
            flat.update(flatten(value, f"{prefix}{number}" if isinstance(value, str) else f"{prefix}{number}."))
    elif data is not None and prefix:
        flat[prefix.rstrip(".")] = json.dumps(data)
    return flat


def _is_locale(code: str) -> bool:
    return bool(LOCALE_CODE.match(code))


def _norm(code: str) -> str:
    return code.replace("_", "-")


def locale_files(files: Iterable[str]) -> list[tuple[str, str, str | None]]:
    """(relative path, locale, namespace) for each locale file among `files` (POSIX, relative)."""
    found: list[tuple[str, str, str | None]] = []
    for path in files:
        if not path.endswith(".json"):
            continue
        parts = path.split("/")
        stem = parts[-1][: -len(".json")]
        if len(parts) >= 2 and parts[-2] in LOCALE_DIRS and _is_locale(stem):
            found.append((path, _norm(stem), None))
        elif len(parts) >= 3 and parts[-3] in LOCALE_DIRS and _is_locale(parts[-2]):
            found.append((path, _norm(parts[-2]), stem))
    return found


def load_locales(
    root: Path, files: Iterable[str], *, locales: Iterable[str] = ()
) -> tuple[LocaleTable, list[ParseProblem]]:
    """Read every locale file among `files`; also vue-i18n style `{lng: {...}}` JSON files.

    `locales`: the configured locales; a JSON file whose top-level keys are all among them (or
    all look like locale codes, at least two) is read as a multi-locale message file.
    """
    table = LocaleTable()
    problems: list[ParseProblem] = []
    configured = {_norm(code) for code in locales}
    all_files = list(files)
    per_locale = locale_files(all_files)
    known_paths = {path for path, _, _ in per_locale}
    for path, locale, namespace in per_locale:
        data = _read_json(root / path, path, problems)
        if data is _UNREADABLE:
            continue
        if not isinstance(data, dict):
            problems.append(
                ParseProblem(
                    file=path,
                    message=f"a translation file holds an object of keys and texts, not {_JSON_KINDS[type(data)]}; "
                    "its texts were not read — fix it",
                )
            )
            continue
        flat = flatten(data)
        messages = table.messages.setdefault(_configured(locale, configured), {})
        if namespace is None or namespace in _DEFAULT_NAMESPACES:
            for key, value in flat.items():
                messages.setdefault(key, value)
        if namespace is not None:
            messages.update({f"{namespace}:{key}": value for key, value in flat.items()})
    from specwalk.index import xliff  # imports this module: here, not at the top

    angular_json: list[tuple[str, xliff.Catalog]] = []
    for path in all_files:
        if not path.endswith(".json") or path in known_paths or ("/" not in path and path == "package.json"):
            continue
        name = path.rsplit("/", 1)[-1]
        if name in ("package.json", "package-lock.json", "tsconfig.json") or name.startswith("tsconfig"):
            continue
        lowered = path.lower()
        if not any(hint in lowered for hint in ("i18n", "locale", "lang", "message", "translation")):
            continue
        data = _read_json(root / path, path, problems)
        if not isinstance(data, dict) or not data:
            continue
        if set(data) == {"locale", "translations"}:  # @angular/localize's JSON format
            with contextlib.suppress(xliff.NotTranslations):  # a document of that shape that is not one
                angular_json.append((path, xliff.catalog_from_json(path, data)))
            continue
        codes = [str(key) for key in data]
        multi = all(_is_locale(code) for code in codes) and (
            len(codes) >= 2 or (configured and {_norm(code) for code in codes} <= configured)
        )
        if not multi:
            continue
        for code, messages in data.items():
            table.messages.setdefault(_configured(_norm(str(code)), configured), {}).update(flatten(messages))
    _load_angular_catalogs(root, all_files, angular_json, table, configured, problems)
    return table, problems


def _load_angular_catalogs(
    root: Path,
    files: list[str],
    json_catalogs: list[tuple[str, xliff.Catalog]],
    table: LocaleTable,
    configured: set[str],
    problems: list[ParseProblem],
) -> None:
    """@angular/localize translation files (the XLIFF among `files`, and the JSON format's files
    already read): each message under its id and under its source text (`xliff.source_key`),
    which the Angular parser keys marked texts by; JSON files carry no source text, so theirs is
    found by id in the source files."""
    from specwalk.index import xliff

    catalogs = list(json_catalogs)
    for path in files:
        if not xliff.is_translation_file(path):
            continue
        try:
            catalogs.append((path, xliff.read(path, (root / path).read_bytes())))
        except xliff.NotTranslations:
            continue
        except xliff.BadTranslations as exc:
            problems.append(
                ParseProblem(file=path, line=exc.line, message=f"cannot read the translation file: {exc}; fix it")
            )
        except OSError as exc:
            problems.append(ParseProblem(file=path, message=f"cannot read the translation file: {exc}"))
    sources: dict[str, str] = {}  # message id -> source text
    for path, catalog in catalogs:
        sources.update({key: text for key, text in catalog.sources.items() if not key.startswith(SOURCE_PREFIX)})
        if catalog.source_locale is None and not xliff.locale_in_name(path):
            # A JSON source file (`messages.json`): its texts are the sources.
            sources.update(catalog.messages)
    for _, catalog in catalogs:
        if catalog.source_locale is not None and catalog.sources:
            messages = table.messages.setdefault(_configured(catalog.source_locale, configured), {})
            for key, text in catalog.sources.items():
                messages.setdefault(key, text)
        if not catalog.messages:
            continue
        messages = table.messages.setdefault(_configured(catalog.locale, configured), {})
        for key, text in catalog.messages.items():
            messages[key] = text
            if key in sources:
                messages.setdefault(xliff.source_key(sources[key]), text)


def _configured(code: str, configured: set[str]) -> str:
    """`en-US` is the configured `en` (one configured locale of that language): the locales of
    translation files are often more specific than the project's settings."""
    if code in configured or not code:
        return code
    language = code.split("-")[0]
    same = [known for known in configured if known.split("-")[0] == language]
    return same[0] if len(same) == 1 else code


MAX_DEPTH = 32  # objects and lists inside each other; translations use a handful
_JSON_KINDS: dict[type, str] = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false"}
_JSON_KINDS[type(None)] = "null"


def _too_deep(data: object) -> bool:
    """Whether `data` nests past MAX_DEPTH (walked without recursion, so any depth is safe)."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


_UNREADABLE = object()  # what _read_json gives for a file it reported (JSON's null is a value)


def _read_json(path: Path, relative: str, problems: list[ParseProblem]) -> object:
    deep = ParseProblem(file=relative, message=f"nested more than {MAX_DEPTH} levels deep; not read — flatten it")
    try:
        data: object = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(ParseProblem(file=relative, message=f"cannot read locale file: {exc}"))
    except json.JSONDecodeError as exc:
        problems.append(
            ParseProblem(file=relative, line=exc.lineno, message=f"locale file is not valid JSON: {exc.msg}; fix it")
        )
    except RecursionError:
        problems.append(deep)
    else:
        if not _too_deep(data):
            return data
        problems.append(deep)
    return _UNREADABLE


def ordered_locales(table: LocaleTable, configured: Iterable[str]) -> list[str]:
    """Configured locales first (in their order), then any other locale found in files."""
    order = [_norm(code) for code in configured]
    order.extend(sorted(code for code in table.messages if code not in order))
    return order


def lookup(table: LocaleTable, key: str) -> dict[str, str]:
    """locale -> text for `key` (exact key only)."""
    return {locale: messages[key] for locale, messages in table.messages.items() if key in messages}


def _matching_keys(table: LocaleTable, key: str) -> list[str]:
    """Keys a template-literal key can be at run time: `a.${x}` -> a.all, a.active, ..."""
    pattern = re.compile("^" + "[^.]+".join(re.escape(part) for part in _TEMPLATE_HOLE.split(key)) + "$")
    keys: set[str] = set()
    for messages in table.messages.values():
        keys.update(candidate for candidate in messages if pattern.match(candidate))
    return sorted(keys)


def _plural_keys(table: LocaleTable, key: str) -> list[str]:
    keys: set[str] = set()
    for messages in table.messages.values():
        keys.update(key + suffix for suffix in _PLURAL_SUFFIXES if key + suffix in messages)
    return sorted(keys)


def resolve(table: LocaleTable, key: str, locales: list[str]) -> TextValue:
    """The i18n TextValue of `key`: translations per locale, or variants when ambiguous.

    `value` is the default locale's text (the first of `locales`) when the key is exact.
    """
    default = locales[0] if locales else None
    if "${" in key:
        keys = _matching_keys(table, key)
    else:
        exact = lookup(table, key)
        if exact:
            return new_text(kind="i18n", key=key, translations=exact, value=exact.get(default or "", None))
        keys = _plural_keys(table, key)
    if len(keys) == 1:
        only = lookup(table, keys[0])
        return new_text(kind="i18n", key=key, translations=only, value=only.get(default or "", None))
    if not keys and default and key.startswith(SOURCE_PREFIX):
        # An @angular/localize text no translation file has: the template shows its source text.
        text = key[len(SOURCE_PREFIX) :]
        return new_text(kind="i18n", key=key, translations={default: text}, value=text)
    if not keys and default and is_natural_key(key):
        # i18next and vue-i18n show a missing key as is; with natural-language keys (outline's
        # t("Choose who can edit")) that is the default locale's text whatever the files say.
        return new_text(kind="i18n", key=key, translations={default: key}, value=key)
    variants = {candidate: lookup(table, candidate) for candidate in keys}
    return new_text(kind="i18n", key=key, variants=variants)


_DOTTED_KEY = re.compile(r"^[\w$-]+(?:[.:][\w$-]+)+$")


def is_natural_key(key: str) -> bool:
    """`Choose who can edit` or `Save` is text used as its own key; `actions.save` is not."""
    if not key or "${" in key or _DOTTED_KEY.match(key):
        return False
    return " " in key.strip() or key[:1].isupper()


def runtime_strings(value: TextValue, locale: str) -> list[str]:
    """The strings `value` can show in `locale` (for an i18n value, each variant)."""
    if value.kind == "literal" and value.value is not None:
        return [value.value]
    if value.kind != "i18n":
        return []
    if value.translations:
        text = value.translations.get(locale)
        return [text] if text is not None else []
    return [texts[locale] for texts in value.variants.values() if locale in texts]


_INTERPOLATION = re.compile(r"\{\{[^}]*\}\}|\{[A-Za-z_$][\w$]*\}")


def has_interpolation(text: str) -> bool:
    """`Signed in as {{name}}` (i18next) or `{name}` (vue-i18n, ICU) holds a run-time value."""
    return bool(_INTERPOLATION.search(text))


def as_pattern(text: str) -> re.Pattern[str]:
    """A regular expression matching `text` with its interpolations as wildcards."""
    parts = _INTERPOLATION.split(text)
    return re.compile("^" + ".+?".join(re.escape(part) for part in parts) + "$", re.DOTALL)
