"""Suggestions keep the unplanned line's action and values (never a different kind of step)."""

from __future__ import annotations

import pytest

from specwalk.plan.sentences import parse
from specwalk.plan.suggest import EN_VERB_FAMILIES, ZH_VERB_FAMILIES, family


def suggestion(text: str, keyword_type: str) -> str | None:
    failure = parse(text, keyword_type).failure
    assert failure is not None, f"{text!r} planned"
    return failure.suggestion


@pytest.mark.parametrize(
    ("text", "keyword_type", "allowed"),
    [
        # the misleading ones the issue lists: pagination got "I go back", a label change a URL check
        ('go to page "2" of the feed', "when", ("open",)),
        ('I clicks on the "Save" thing over there', "when", ("click",)),
        ('I pick "Express" with great care and love', "when", ("select",)),
        ('the "Save" button looks red', "then", ("should", "is", "are")),
    ],
)
def test_a_suggestion_keeps_the_action_and_every_value(text: str, keyword_type: str, allowed: tuple[str, ...]) -> None:
    offered = suggestion(text, keyword_type)
    if offered is None:
        return  # no suggestion is honest; a misleading one is not
    quoted = [part for part in text.split('"')[1::2]]
    assert all(f'"{value}"' in offered for value in quoted), offered
    assert any(word in offered.lower() for word in allowed), offered
    assert "go back" not in offered and "url" not in offered.lower() and "not in the list" not in offered


def test_a_line_about_clicking_is_offered_a_click() -> None:
    assert suggestion('I clicks on the "Save" thing over there', "when") == 'I click "Save"'


def test_nothing_close_gives_no_suggestion_rather_than_a_wrong_one() -> None:
    assert suggestion("the audio should fade out slowly", "then") is None
    assert suggestion('go to page "2" of the feed', "when") != "I go back"


@pytest.mark.parametrize("verb", sorted(EN_VERB_FAMILIES))
def test_every_english_verb_family_row_is_recognised(verb: str) -> None:
    assert family(f"{verb} the thing", False) == EN_VERB_FAMILIES[verb]


@pytest.mark.parametrize("verb", sorted(ZH_VERB_FAMILIES))
def test_every_chinese_verb_family_row_is_recognised(verb: str) -> None:
    found = family(f"{verb}«0»", True)
    assert found is not None and set(found) & set(ZH_VERB_FAMILIES[verb])
