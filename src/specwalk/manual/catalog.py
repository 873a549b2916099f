"""The app's texts in another locale, read from the UI map's i18n values, and scenarios moved there.

A manual in Chinese for an app that has a Chinese locale shows the app in Chinese, so the texts a
scenario quotes from the UI ("Add task", "2 tasks left") must become the app's own Chinese texts
("添加任务", "还剩 2 项任务") before the scenario is verified in that locale. Typed input stays as
written: "Buy milk" is what the user types in either language. Interpolations (`{{count}}`) match
any text; plural forms without their own translation borrow a sibling's (`left_one` -> `left_other`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from specwalk.models.scenario import ActionStep, ExpectationStep, Scenario, StateStep, Step
from specwalk.models.uimap import TextValue, UIMap

_PLURAL = re.compile(r"_(zero|one|two|few|many|other)$")
_HOLE = re.compile(r"\{\{\s*([\w.]+)\s*\}\}|\{([\w.]+)\}")
_QUOTES = (('"', '"'), ("“", "”"), ("「", "」"), ("『", "』"), ("'", "'"), ("‘", "’"))


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _by_key(messages: Mapping[str, Mapping[str, str]], locales: tuple[str, str]) -> dict[str, dict[str, str]]:
    """locale -> key -> text turned into key -> locale -> text, for the two locales."""
    keys: dict[str, dict[str, str]] = {}
    for locale in locales:
        for key, text in messages.get(locale, {}).items():
            keys.setdefault(key, {})[locale] = text
    return keys


_SKIP_DIRS = frozenset({"node_modules", ".git", ".specwalk", "dist", "build", "coverage", ".next", ".svelte-kit"})


def locale_messages(root: Path, locales: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Every message of the project's locale files: locale -> key -> text (read as `index` reads them)."""
    from specwalk.index.i18n import load_locales

    files: list[str] = []
    for path in sorted(root.rglob("*.json")):
        relative = path.relative_to(root)
        if not _SKIP_DIRS & set(relative.parts[:-1]):
            files.append(relative.as_posix())
    table, _problems = load_locales(root, files, locales=locales)
    return {locale: dict(messages) for locale, messages in table.messages.items()}


class Catalog:
    """Texts of `source` locale -> texts of `target` locale, as the app's locale files give them."""

    def __init__(
        self, ui_map: UIMap, source: str, target: str, messages: Mapping[str, Mapping[str, str]] | None = None
    ) -> None:
        """`messages`: locale -> key -> text, every message of the locale files (texts the app
        shows from code, such as validation errors, are in no element of the UI map)."""
        self.source, self.target = source, target
        votes: dict[str, Counter[str]] = {}
        for element in ui_map.elements:
            for value in (element.text, element.label, element.accessible_name):
                if value is not None:
                    for src, dst in self._pairs(value):
                        votes.setdefault(src, Counter())[dst] += 1
        if messages:
            table = TextValue(kind="i18n", variants=_by_key(messages, (source, target)))
            for src, dst in self._pairs(table):
                votes.setdefault(src, Counter())[dst] += 1
        # Several keys may say the same thing ("Save" on two forms); the most frequent rendering wins.
        chosen = {src: sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for src, counter in votes.items()}
        self._exact = {_norm(src): dst for src, dst in chosen.items() if not _HOLE.search(src)}
        self._patterns: list[tuple[re.Pattern[str], list[str], str]] = []
        for src, dst in sorted(chosen.items()):
            if _HOLE.search(src):
                names = [a or b for a, b in _HOLE.findall(src)]
                pieces = _HOLE.split(src)
                literal = [re.escape(piece) for piece in pieces[::3]]
                pattern = re.compile("^" + "(.+?)".join(literal) + "$", re.IGNORECASE)
                self._patterns.append((pattern, names, dst))

    def _pairs(self, value: TextValue) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        translations = value.translations
        if self.source in translations and self.target in translations:
            pairs.append((translations[self.source], translations[self.target]))
        groups: dict[str, list[dict[str, str]]] = {}
        for key, texts in sorted(value.variants.items()):
            groups.setdefault(_PLURAL.sub("", key), []).append(texts)
        for siblings in groups.values():
            fallback = next((texts[self.target] for texts in siblings if self.target in texts), None)
            for texts in siblings:
                if self.source in texts and (self.target in texts or fallback is not None):
                    pairs.append((texts[self.source], texts.get(self.target, fallback or "")))
        return [(src, dst) for src, dst in pairs if src.strip() and dst.strip()]

    def __len__(self) -> int:
        return len(self._exact) + len(self._patterns)

    def translate(self, text: str) -> str | None:
        """The target locale's text for `text`, or None when the app has no such text."""
        found = self._exact.get(_norm(text))
        if found is not None:
            return found
        for pattern, names, dst in self._patterns:
            match = pattern.match(text.strip())
            if match:
                values: dict[str, str] = dict(zip(names, match.groups(), strict=False))

                def fill(hole: re.Match[str], found: dict[str, str] = values) -> str:
                    return found.get(hole.group(1) or hole.group(2), hole.group(0))

                return _HOLE.sub(fill, dst)
        return None


def _swap_quoted(text: str, old: str, new: str) -> str:
    for left, right in _QUOTES:
        text = text.replace(f"{left}{old}{right}", f"{left}{new}{right}")
    return text


def translate_step(step: Step, catalog: Catalog) -> Step:
    """`step` with the UI texts it quotes in the catalog's target locale (typed input unchanged)."""
    if isinstance(step, StateStep):
        return step
    update: dict[str, object] = {}
    fields = ["target", "scope"]
    if isinstance(step, ExpectationStep) or (isinstance(step, ActionStep) and step.action in ("select", "open")):
        fields.append("value")
    text = step.text
    for name in fields:
        current = getattr(step, name)
        if current:
            new = catalog.translate(current)
            if new is not None and new != current:
                update[name] = new
                text = _swap_quoted(text, current, new)
    if isinstance(step, ExpectationStep) and step.values:
        values = []
        for value in step.values:
            new = catalog.translate(value)
            values.append(new if new is not None else value)
            if new is not None:
                text = _swap_quoted(text, value, new)
        update["values"] = tuple(values)
    if not update:
        return step
    update["text"] = text
    return step.model_copy(update=update)


def translate_scenario(scenario: Scenario, catalog: Catalog) -> Scenario:
    preconditions = tuple(translate_step(step, catalog) for step in scenario.preconditions)
    steps = tuple(translate_step(step, catalog) for step in scenario.steps)
    update: dict[str, object] = {"preconditions": preconditions, "steps": steps}
    if scenario.example:
        # An outline row's values follow its steps: a message the app shows in the other locale
        # is that locale's text in the manual's table too; what the user types stays.
        moved: dict[str, str] = {}
        kept: set[str] = set()  # a value some step keeps as written (typed): it stays in the table
        for before, after in zip((*scenario.preconditions, *scenario.steps), (*preconditions, *steps), strict=True):
            old, new = getattr(before, "value", None), getattr(after, "value", None)
            if old and new and old != new:
                moved[old] = new
            elif old:
                kept.add(old)
        update["example"] = {
            column: value if value in kept else moved.get(value, value) for column, value in scenario.example.items()
        }
    return scenario.model_copy(update=update)


def mixed(moved: Scenario, original: Scenario, first_original: int) -> Scenario:
    """`moved` up to step `first_original` (preconditions counted first), `original` from there on:
    what a scenario that switches the app's language part way through needs."""
    steps = [*moved.preconditions, *moved.steps]
    written = [*original.preconditions, *original.steps]
    merged = [*steps[:first_original], *written[first_original:]]
    count = len(moved.preconditions)
    return moved.model_copy(update={"preconditions": tuple(merged[:count]), "steps": tuple(merged[count:])})
