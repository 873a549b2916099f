"""A line that does not plan says what kind of sentence it is (one test per row of the table)."""

from __future__ import annotations

import pytest

from specwalk.plan.sentences import parse
from specwalk.plan.why import WHY

SAMPLES = [
    "the sound should play when the key is pressed",
    "the browser's local storage should contain the draft",
    "a drag event should be initiated",
    "the greeting should be different from the first one",
    "the user resizes the browser window to a phone size",
    "the price appears in the second column",
    "every card should have a shadow",
    "the user picks an option from the menu somewhere",
    "the total should reflect the number of nights",
]


def test_there_is_a_sample_per_row() -> None:
    assert len(SAMPLES) == len(WHY)


@pytest.mark.parametrize("index", range(len(WHY)))
def test_every_row_names_its_kind_of_sentence(index: int) -> None:
    failure = parse(SAMPLES[index], "then" if index not in (4, 7) else "when").failure
    assert failure is not None, SAMPLES[index]
    assert failure.reason == WHY[index][1]
