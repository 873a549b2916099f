"""Why a line does not plan, in words that help: what kind of sentence it is, and what to write.

The sentence parser knows only that no rule matched; this table (one row per kind of sentence
a UI test cannot do as written) names the kind, so a report says "is about sound or media" or
"compares with an earlier state" rather than "no sentence matches". The first matching row wins;
a line no row describes keeps the parser's own reason.
"""

from __future__ import annotations

import re

WHY: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:audio|sound|speech|voices?|read(?:s|ing)? aloud|speak|volume|playback|current time|"
            r"fast-forward|rewind|fullscreen)\b|\b(?:video|song|track)\b.*\b(?:plays?|playing|paused|ends?)\b",
            re.IGNORECASE,
        ),
        "is about sound or media playback, which the page does not show as text or elements; check what the "
        "page shows (a label, a button's state)",
    ),
    (
        re.compile(
            r"\b(?:local ?storage|session ?storage|cookies?|database|back-?end|server|api|stores? (?:the|any) value|"
            r"fetch(?:es|ed)?\b.*\bfrom)\b",
            re.IGNORECASE,
        ),
        "is about what the app stores or fetches behind the page, which a test of the UI does not see; say what "
        "the page shows because of it",
    ),
    (
        re.compile(
            r"\b(?:drag (?:event|data)|data ?transfer|captured|event (?:is|should be) (?:fired|initiated))\b", re.I
        ),
        "is about the browser's events, not what the page shows; say what the page shows after it",
    ),
    (
        re.compile(
            r"^(?:(?:and|then|but) )?(?:no new|a new \w+(?: \w+)? (?:is|should be|gets) (?:added|created)|"
            r".*\b(?:is|are|should be|gets) updated\b|.*\bdifferent from\b|.*\b(?:increases?|decreases?|goes up|"
            r"goes down)\b|.*\bnot contain any new\b)",
            re.IGNORECASE,
        ),
        "compares the page with how it was before; say what it shows after (e.g. the new entry's text is listed, "
        "or the list has N items)",
    ),
    (
        re.compile(r"\bresiz(?:e|es|ing) the (?:browser )?window\b|\bscroll", re.I),
        "is an action the step language has no step for (resizing or scrolling the window); write the click or "
        "key press that does it",
    ),
    (
        re.compile(r"\b(?:column|cell)\b|\brow (?:is|should be) (?:placed|the first|after|before|between)\b", re.I),
        "names a table cell by its place in the table; quote the cell's text, or reference the cell exactly "
        '(with data-testid "…")',
    ),
    (
        re.compile(r"^(?:(?:and|then|but) )?(?:the )?(?:each|every|all|no|none of the) \w+", re.IGNORECASE),
        "is about every element of a kind at once; name one element (quoted, or with its data-testid) per line",
    ),
    (
        re.compile(r"\b(?:an?|another|any) (?:option|voice|item|value|answer|entry|text)\b", re.IGNORECASE),
        "leaves open which value to use; quote the value",
    ),
    (
        re.compile(r"\b(?:reflect|calculated?|computed?|times|multiplied|sum of|based on)\b", re.IGNORECASE),
        "describes a computation; quote the value the page should show for this example",
    ),
)


def why(clause: str) -> str | None:
    """The kind of sentence `clause` is, when the table knows it."""
    for pattern, reason in WHY:
        if pattern.search(clause):
            return reason
    return None
