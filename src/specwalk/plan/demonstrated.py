"""Steps the document itself demonstrates.

A Given such as "I have added the todos "A" and "B"" names a past action no rule covers. When
another scenario of the same document shows how to do it ("Scenario: Adding a todo" types a todo
and presses Enter), the Given is planned from that scenario's steps, with its values replaced
by the Given's (once per value: "the todos "A" and "B"" adds two), and every step names the
scenario it was learned from (`learned_from`). The match is by meaning, not by wording: the
Given's verb and the scenario title's verb share a stem ("added" / "Adding"), and they share a
noun ("todos" / "todo"). Nothing else is guessed: with no such scenario the line is reported,
with the `## Steps` definition the author could add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, Scenario, Step
from specwalk.plan.quotes import extract

_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "some",
        "any",
        "all",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "to",
        "of",
        "in",
        "on",
        "into",
        "for",
        "with",
        "and",
        "or",
        "new",
        "single",
        "first",
        "one",
        "two",
        "three",
        "few",
        "several",
        "already",
        "just",
        "been",
        "have",
        "has",
        "had",
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "user",
        "users",
        "is",
        "are",
        "be",
        "am",
        "was",
        "were",
        "as",
        "by",
        "from",
        "given",
        "when",
        "then",
        "but",
        "successfully",
    ]
)
_DATA_ACTIONS = ("fill", "type", "select")
_LANDING = ("page", "url")
# "I try to sign in as … with the password …": a When that does what another scenario shows, with
# other values (the attempt is the point: its outcome is what the scenario checks)
ATTEMPT = re.compile(r"^(?:(?:i|we|they|the user|the visitor) )?(?:try|tries|attempts?) to ", re.IGNORECASE)


def stems(word: str) -> set[str]:
    """The forms a word may share with another form of it ("adding", "added", "adds" → "add")."""
    word = word.lower()
    found = {word}
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[: -len(ending)]
            found.update({base, base + "e"})
            if len(base) > 2 and base[-1] == base[-2]:
                found.add(base[:-1])
    if word.endswith("ies") and len(word) > 4:
        found.add(word[:-3] + "y")
    return found


# "[Normal] Add a todo", "TC-12: Add a todo", "(P1) Add a todo": the name after its tags
_NAME_PREFIX = re.compile(r"^\s*(?:\[[^\]]*\]|\([^)]*\)|[A-Z]{1,5}-?\d+[:.)]?|#\d+)\s*")


def _words(text: str) -> list[str]:
    for _ in range(3):
        text = _NAME_PREFIX.sub("", text)
    skeleton = extract(text).skeleton
    return [word for word in re.findall(r"[A-Za-z][A-Za-z-]*", re.sub(r"«\d+»", " ", skeleton))]


@dataclass(frozen=True)
class Demonstration:
    scenario: str  # its name
    verb: frozenset[str]  # stems of the verb its title starts with
    nouns: frozenset[str]  # stems of the other words of its title
    steps: tuple[Step, ...]  # what it does (its When part, the actions and the checks of its data)
    data: tuple[str, ...]  # the values it types or selects, in order
    setup: tuple[Step, ...] = ()  # the page it starts on (its first `open`), for a scenario that has none yet
    words: frozenset[str] = frozenset()  # stems of what its steps talk about ("my password")


def _demonstration(scenario: Scenario) -> Demonstration | None:
    words = [word for word in _words(scenario.name) if word.lower() not in _FILLER]
    if not words:
        return None
    verb, *nouns = words
    data = tuple(
        dict.fromkeys(
            step.value
            for step in scenario.steps
            if isinstance(step, ActionStep) and step.action in _DATA_ACTIONS and step.value
        )
    )
    steps = tuple(
        step
        for step in scenario.steps
        if isinstance(step, ActionStep)
        or (isinstance(step, ExpectationStep) and any(value in (step.value or "") for value in data))
        # where doing it lands ("I am on the home page"): the replay waits for it to be done
        or (isinstance(step, ExpectationStep) and step.expectation in _LANDING and step.keyword_type == "then")
    )
    if not any(isinstance(step, ActionStep) for step in steps):
        return None
    verb_stems = frozenset(stems(verb))
    noun_stems = frozenset(stem for noun in nouns for stem in stems(noun))
    opens = [step for step in scenario.preconditions if isinstance(step, ActionStep) and step.action == "open"]
    said = frozenset(stem for step in steps for word in _words(step.text) for stem in stems(word))
    return Demonstration(scenario.name, verb_stems, noun_stems, steps, data, tuple(opens[:1]), said)


# A Markdown table row: "| Carol | carol@example.com | carolina-7 |"
_TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")


def people(text: str) -> dict[str, tuple[str, ...]]:
    """The document's test-data rows keyed by their first cell when it is a name ("Alice"), in
    lower case: the values that stand for that person (email, password, …)."""
    rows: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        row = _TABLE_ROW.match(line)
        if row is None:
            continue
        cells = tuple(cell.strip().strip("`") for cell in row.group(1).split("|"))
        if re.fullmatch(r"[A-Z][a-z]+", cells[0]) and len(cells) > 1:
            rows.setdefault(cells[0].lower(), cells[1:])
    return rows


class Demonstrations:
    """What the scenarios of one document show how to do."""

    def __init__(self, plan: Plan, text: str = "") -> None:
        self._people = people(text)
        self._all = [
            found
            for requirement in plan.requirements
            if requirement.kind == "gherkin"  # a named scenario; a criterion's "title" is its sentence
            for scenario in requirement.scenarios
            # only a scenario planned in full shows how: a skipped line might be the step that matters
            if scenario.complete and (found := _demonstration(scenario)) is not None
        ]

    def __bool__(self) -> bool:
        return bool(self._all)

    def find(self, text: str, exclude: str | None) -> tuple[Demonstration, tuple[str, ...]] | None:
        """The scenario that shows how to do what `text` (a Given, or a When that tries it) says
        was done, and its values."""
        text = ATTEMPT.sub("", text)
        quoted = extract(text)
        words = [word for word in _words(text) if word.lower() not in _FILLER]
        if not words:
            return None
        verb_stems = stems(words[0])
        # A capitalised word after the verb is a name ("signed in as Alice"), not a kind of thing:
        # it must be the scenario's own (its values hold it), since it cannot be substituted.
        names = [word.lower() for word in words[1:] if word[:1].isupper()]
        noun_stems = {stem for noun in words[1:] if not noun[:1].isupper() for stem in stems(noun)}
        best: tuple[tuple[int, tuple[str, ...]], Demonstration] | None = None
        for found in self._all:
            if found.scenario == exclude or not (found.verb & verb_stems):
                continue
            values = quoted.values
            if any(not any(name in value.lower() for value in found.data) for name in names):
                # "signed in as Carol" is not shown by a scenario signing in as alice, unless the
                # document's test data gives Carol's values in the same columns as alice's
                stand_in = self._stand_in(found, names)
                if stand_in is None:
                    continue
                values = stand_in
            overlap = len(found.nouns & noun_stems)
            if noun_stems and not overlap and (found.nouns or not noun_stems & found.words):
                continue  # a title with no noun ("Signing in") is matched by what its steps talk about
            if values and not found.data:
                continue  # values to type, but the scenario types nothing
            if best is None or overlap > best[0][0]:
                best = ((overlap, values), found)
        return (best[1], best[0][1]) if best else None

    def _stand_in(self, found: Demonstration, names: list[str]) -> tuple[str, ...] | None:
        """The named person's test data in place of the scenario's own (one name, whose row and the
        row holding every value the scenario types share their columns), or None."""
        if len(names) != 1 or names[0] not in self._people or not found.data:
            return None
        theirs = self._people[names[0]]
        for row in self._people.values():
            if all(value in row for value in found.data):
                columns = [row.index(value) for value in found.data]
                if all(column < len(theirs) and theirs[column] for column in columns):
                    return tuple(theirs[column] for column in columns)
        return None


def _replace(text: str | None, old: str, new: str) -> str | None:
    return text.replace(old, new) if text is not None and old else text


def substituted(found: Demonstration, values: tuple[str, ...], *, setup: bool = True) -> list[tuple[Step, str]]:
    """The demonstrated steps with the Given's values in place of the scenario's (repeated per value
    when the scenario shows one and the Given names several), each with its new text; first the
    page the scenario starts on ("I am on the sign-in page"), which its steps need (not with
    `setup` False: a When's scenario has arranged its page)."""
    if not values or not found.data:
        rounds: list[dict[str, str]] = [{}]
    elif len(found.data) == len(values):
        rounds = [dict(zip(found.data, values, strict=True))]
    elif len(found.data) == 1:
        rounds = [{found.data[0]: value} for value in values]
    else:
        rounds = [dict(zip(found.data, values, strict=False))]
    made: list[tuple[Step, str]] = [(step, step.text) for step in found.setup] if setup else []
    for mapping in rounds:
        for step in found.steps:
            if not setup and isinstance(step, ExpectationStep) and step.expectation in _LANDING:
                continue  # a When that tries it may rightly land elsewhere: that is what it checks
            update: dict[str, object] = {}
            text = step.text
            for old, new in mapping.items():
                for name in ("value", "target"):
                    current = getattr(step, name, None)
                    if isinstance(current, str) and old in current:
                        update[name] = _replace(current, old, new)
                text = text.replace(old, new)
            made.append((step.model_copy(update=update), text))
    return made


def definition_hint(text: str) -> str:
    """The `## Steps` definition that would make a Given plannable: its values become parameters."""
    quoted = extract(text.strip())
    phrase = re.sub(r"^(?:given|and|but|假如|假设|并且)\s+", "", quoted.skeleton.strip(), flags=re.IGNORECASE)
    phrase = phrase.rstrip(" :：.")
    names = iter(f"value{number}" if number else "value" for number in range(len(quoted.values)))
    phrase = re.sub(r"«\d+»", lambda _match: '"{' + next(names) + '}"', phrase)
    return f'add to a "## Steps" section: - {phrase} (with the steps that do it indented under it)'
