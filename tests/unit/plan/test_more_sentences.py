"""Sentences real requirements add (plan/english_more.py): media playback, every element of a
kind, the context menu and form submission; and what stays unplanned rather than misread.
Written for these tests, in several voices."""

from __future__ import annotations

from typing import Any

import pytest

from specwalk.plan.sentences import parse


def steps(text: str, keyword_type: str = "then") -> list[dict[str, Any]]:
    parsed = parse(text, keyword_type)
    assert parsed.failure is None, parsed.failure
    return [{k: v for k, v in step.items() if k != "kind"} for clause in parsed.clauses for step in clause.steps]


def media(key: str, value: str, target: str = "video") -> dict[str, Any]:
    return {"expectation": "media", "key": key, "value": value, "target": target, "described": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the clip's video should begin playing", None),  # no media noun first: not ours to guess
        ("The video starts playing", media("paused", "false")),
        ("the audio should be playing", media("paused", "false", "audio")),
        ("the system plays the sound", media("paused", "false", "audio")),
        ("the video should not be playing", media("paused", "true")),
        ("the video stays paused", media("paused", "true")),
        ("the video player is muted", media("muted", "true")),
        ("the video is not muted", media("muted", "false")),
        ("the video has ended", None),  # 'has ended' is a past event, not read here
        ("the video's current time should be 12.5 seconds", media("currentTime", "12.5")),
        ("the video’s playback position is 0", media("currentTime", "0")),
        ("the audio volume should be set to 0.25", media("volume", "0.25", "audio")),
        ("the video's audio level remains unchanged at 1", media("volume", "1")),
        ('the video\'s playback speed changes to "1.25x"', media("playbackRate", "1.25")),
        ("the video's playback rate is 2x", media("playbackRate", "2")),
    ],
)
def test_media_properties(text: str, expected: dict[str, Any] | None) -> None:
    parsed = parse(text, "then")
    if expected is None:
        assert parsed.failure is not None or all(
            step.get("expectation") != "media" for clause in parsed.clauses for step in clause.steps
        )
        return
    assert steps(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        'the system reads "Good morning" aloud',  # speech: not a property of an element
        "the video should rewind by 10 seconds",  # compared with before
        'the playback speed should be "fast"',  # no number, no media element named
        "the video's volume should be loud",
    ],
)
def test_what_stays_unplanned_rather_than_misread(text: str) -> None:
    parsed = parse(text, "then")
    assert parsed.failure is not None, parsed.clauses


def test_a_media_property_is_no_element_text() -> None:
    """ "the video's volume is 0.5" was read as the text of an element 'video's volume'."""
    assert steps("the video's volume is 0.5") == [media("volume", "0.5")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "every tile with the class 'tile' should have the class 'flipped'",
            {
                "expectation": "has_class",
                "value": "flipped",
                "target": "tile",
                "target_ref": {"by": "class", "value": "tile"},
                "every": True,
            },
        ),
        (
            'no lamp should have the "lit" class',
            {
                "expectation": "has_class",
                "value": "lit",
                "target": "lamp",
                "described": True,
                "every": True,
                "negated": True,
            },
        ),
        (
            "All the checkboxes are ticked",
            {"expectation": "checked", "target": "checkboxes", "role": "checkbox", "described": True, "every": True},
        ),
        (
            "none of the radio buttons should be selected",
            {
                "expectation": "checked",
                "target": "radio buttons",
                "role": "radio",
                "described": True,
                "every": True,
                "negated": True,
            },
        ),
        (
            "all planets are visible",
            {"expectation": "element_visible", "target": "planets", "described": True, "every": True},
        ),
    ],
)
def test_every_element_of_a_kind(text: str, expected: dict[str, Any]) -> None:
    assert steps(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "no new row should be added to the table",  # compared with before, not every row
        "each row shows its price",  # text per element: not one check of them all
        "all of them are visible",  # names no kind
    ],
)
def test_quantified_sentences_that_are_no_check_of_every_element(text: str) -> None:
    parsed = parse(text, "then")
    assert parsed.failure is not None or not any(
        step.get("every") for clause in parsed.clauses for step in clause.steps
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'the user right-clicks the "Report.pdf" file',
            {"action": "right_click", "target": "Report.pdf"},
        ),
        (
            'the customer right clicked on the card with data-testid "card-3"',
            {"action": "right_click", "target": "card", "target_ref": {"by": "testid", "value": "card-3"}},
        ),
        (
            'I submit the signup form with data-testid "signup"',
            {"action": "submit", "target": "signup form", "target_ref": {"by": "testid", "value": "signup"}},
        ),
    ],
)
def test_context_menu_and_form_submission(text: str, expected: dict[str, Any]) -> None:
    found = steps(text, "when")
    assert len(found) == 1
    assert {k: v for k, v in found[0].items() if k in expected} == expected


def test_submitting_something_that_is_no_form_is_not_a_form_submission() -> None:
    parsed = parse('I submit the comment "Nice!"', "when")
    assert all(step.get("action") != "submit" for clause in parsed.clauses for step in clause.steps)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'a new order is added to the table with data-testid "orders"',
            {"relative": "more", "count": 1, "target_ref": {"by": "testid", "value": "orders"}},
        ),
        (
            "One more guest gets added to the guest list",
            {"relative": "more", "count": 1, "target": "guest list", "described": True},
        ),
        (
            'no new card should be created in the "Backlog" column',
            {"relative": "same", "target": "Backlog"},
        ),
        (
            'the inbox with the id "inbox" should not contain any new messages',
            {"relative": "same", "target_ref": {"by": "id", "value": "inbox"}},
        ),
        ('the "Orders" table has no new rows', {"relative": "same", "target": "Orders"}),
    ],
)
def test_compared_with_before(text: str, expected: dict[str, Any]) -> None:
    found = steps(text)
    assert len(found) == 1 and found[0]["expectation"] == "count"
    assert {k: v for k, v in found[0].items() if k in expected} == expected
    assert "count" in found[0] or expected["relative"] == "same"


@pytest.mark.parametrize(
    "text",
    [
        "the joke should be different from the initial joke",  # text compared with before: not planned
        "the count increases by 1",  # which count: not named
    ],
)
def test_comparisons_not_read(text: str) -> None:
    assert parse(text, "then").failure is not None


def test_a_question_shown_with_its_options_is_each_text_shown() -> None:
    found = steps('the next question "Which planet is red?" is shown along with the answers "Mars", "Venus" and "Io"')
    assert found == [
        {"expectation": "text_visible", "value": value} for value in ("Which planet is red?", "Mars", "Venus", "Io")
    ]


def test_the_final_state_of_every_element() -> None:
    found = steps("the final state of every lamp with the class 'lamp' should have the class 'lit'")
    assert [(step["expectation"], step["value"], step["every"]) for step in found] == [("has_class", "lit", True)]
