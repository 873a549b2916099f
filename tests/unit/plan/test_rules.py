"""One test per row of every phrase table: a new phrase is one row and its test comes with it.

Each rule's canonical example (also the suggestion offered for near misses) must be planned by
that very rule: with its «n» slots filled by quoted values, the sentence is matched first by the
row it illustrates, in a context the row allows.
"""

from __future__ import annotations

import re

import pytest

from specwalk.plan import chinese, english
from specwalk.plan.elements import DESCRIBED_ROLES, ORDINALS, REF_ATTRIBUTES, english_element, extract_refs
from specwalk.plan.grammar import Rule
from specwalk.plan.labels import (
    STEP_KEYWORDS,
    STEP_TABLE_COLUMNS,
    STRUCTURE_LABELS,
    step_keyword,
    step_table_columns,
    structure_label,
)
from specwalk.plan.quotes import extract
from specwalk.plan.sentences import matching_rule

_SAMPLE_VALUES = ("Save", "Buy milk", "Done", "Other")


def _sentence(rule_: Rule) -> str:
    slots = iter(_SAMPLE_VALUES)
    text = re.sub(r"«\d+»", lambda _match: f'"{next(slots)}"', rule_.example)
    return re.sub("“…”", lambda _match: f"“{next(slots)}”", text)


def _context(rule_: Rule) -> str:
    if rule_.contexts is None:
        return "none"
    return sorted(rule_.contexts)[0]


@pytest.mark.parametrize("index", range(len(english.RULES)), ids=lambda index: english.RULES[index].example)
def test_every_english_rule_plans_its_own_example(index: int) -> None:
    rule_ = english.RULES[index]
    found = matching_rule(_sentence(rule_), _context(rule_))
    assert found is not None, f"{rule_.example!r} is planned by no rule"
    assert found is rule_, f"{rule_.example!r} is planned by the rule of {found.example!r}"


@pytest.mark.parametrize("index", range(len(chinese.RULES)), ids=lambda index: chinese.RULES[index].example)
def test_every_chinese_rule_plans_its_own_example(index: int) -> None:
    rule_ = chinese.RULES[index]
    found = matching_rule(_sentence(rule_), _context(rule_))
    assert found is not None, f"{rule_.example!r} is planned by no rule"
    assert found is rule_, f"{rule_.example!r} is planned by the rule of {found.example!r}"


@pytest.mark.parametrize("attribute", sorted(REF_ATTRIBUTES))
def test_every_reference_attribute_row(attribute: str) -> None:
    quoted = extract(f'the button with {attribute} "x1"')
    skeleton, refs, _texts = extract_refs(quoted.skeleton, quoted.values)
    assert skeleton == "the button ⟦0⟧"
    assert refs[0][0] == (REF_ATTRIBUTES[attribute] or "css")
    assert "x1" in refs[0][1]


@pytest.mark.parametrize("noun", sorted(DESCRIBED_ROLES))
def test_every_described_role_row(noun: str) -> None:
    (found,) = english_element(f"the total {noun}", (), ()) or [{}]
    assert found.get("described") is True
    assert found.get("role") == DESCRIBED_ROLES[noun]


@pytest.mark.parametrize("word", sorted(ORDINALS))
def test_every_ordinal_row(word: str) -> None:
    (found,) = english_element(f"the {word} «0» button", ("Delete",), ()) or [{}]
    assert found == {"nth": ORDINALS[word], "target": "Delete", "role": "button"}


@pytest.mark.parametrize("label", sorted(STRUCTURE_LABELS))
def test_every_structure_label_row(label: str) -> None:
    assert structure_label(f"{label}: Something", heading=True) == (STRUCTURE_LABELS[label], "Something")


@pytest.mark.parametrize("keyword", sorted(word for word in STEP_KEYWORDS if word != "*"))
def test_every_step_keyword_row(keyword: str) -> None:
    found = step_keyword(f"{keyword.capitalize()} I click “Save”")
    assert found is not None
    assert found[1] == STEP_KEYWORDS[keyword]


@pytest.mark.parametrize("column", sorted(STEP_TABLE_COLUMNS))
def test_every_step_table_column_row(column: str) -> None:
    kind = STEP_TABLE_COLUMNS[column]
    header = [column, "Action"] if kind not in ("action", "step") else [column]
    columns = step_table_columns(header)
    assert columns is not None
    # a lone "Step" column says what to do; beside "Action" it numbers the rows
    assert columns.get("action" if kind == "step" else kind) == 0
