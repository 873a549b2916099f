"""What grounding and verification need from a browser: the `Driver` and `Session` protocols.

`verify/`, `ground/` and `manual/` depend on these, never on a vendor type. Two implementations:
`playwright_driver.PageDriver` / `BrowserSession` over real Chromium, and `fake.FakeDriver` /
`FakeSession`, an in-memory page for pure-logic unit tests (grounding, waiting, verdicts).

Every operation returns a value for an expected failure (an element that is missing, a check that
does not hold, a page that does not load); exceptions are for bugs.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from specwalk.models.locator import Locator
from specwalk.models.report import OpMatch

# A requirement value with this placeholder ("newbie-{unique}") gets a fresh value in every page
# context: each verification run, and each run of the emitted test, signs up a new user. Drivers
# fill it in at the boundary; everything above keeps the placeholder, so reports stay the same.
UNIQUE = "{unique}"


def new_unique() -> str:
    """A value for `{unique}`: 8 lowercase letters and digits, as the emitted tests make them."""
    return secrets.token_hex(4)


def with_unique(text: str, value: str) -> str:
    return text.replace(UNIQUE, value)


def locator_with_unique(locator: Locator, value: str) -> Locator:
    if UNIQUE not in locator.model_dump_json():
        return locator
    parts = tuple(
        part.model_copy(
            update={
                "value": with_unique(part.value, value),
                "has_text": None if part.has_text is None else with_unique(part.has_text, value),
            }
        )
        for part in locator.parts
    )
    return Locator(parts=parts)


def outcome_without_unique(outcome: Outcome, value: str) -> Outcome:
    """What a page said, with the run's own value put back as the placeholder."""
    if value not in outcome.message and value not in (outcome.actual or ""):
        return outcome
    actual = None if outcome.actual is None else outcome.actual.replace(value, UNIQUE)
    return Outcome(outcome.ok, outcome.message.replace(value, UNIQUE), actual)


ActionName = str  # click, dblclick, fill, clear, press, select, check, uncheck, hover, upload, focus, drag
# visible, hidden, enabled, disabled, checked, pressed, focused, empty, text, value, count, url, title,
# class, attribute, selected, dialog, in_viewport
CheckName = str


def property_value(value: str | None) -> bool | float:
    """A property check's expected value: "true" / "false", else a number ("0.5", "20")."""
    if value in ("true", "false"):
        return value == "true"
    return float(value or 0)


@dataclass(frozen=True)
class Outcome:
    """The result of one action or check: expected failures are values, not exceptions."""

    ok: bool
    message: str = ""
    actual: str | None = None


@dataclass(frozen=True)
class Capture:
    """A screenshot for the manual: PNG bytes and the boxes (viewport CSS px) at capture time."""

    ok: bool
    message: str = ""
    png: bytes = b""
    boxes: dict[str, Any] | None = None


@dataclass(frozen=True)
class ElementFacts:
    """An element as the page has it now (for choosing a check, never as the check itself)."""

    tag: str  # lower-case: input, textarea, select, option, div, ...
    type: str  # an input's type ("" for other elements)
    classes: tuple[str, ...]
    attributes: dict[str, str]  # the aria-* ones, role, id, data-testid and name
    editable: bool  # a field whose value (not its text) is what it shows
    # Rendered, but entirely outside the document, where no scrolling brings it (a panel moved away
    # with `transform: translate(-50%, -800px)`): visible to Playwright, hidden to a user.
    offpage: bool = False
    # The page's own text right before and after the element ("$" in `$<span>20</span>`), trimmed
    # to the last / first 20 characters of the sibling text.
    before: str = ""
    after: str = ""


class Driver(Protocol):
    """Step primitives over one page of a fresh context, addressed by the locator IR."""

    timeout_ms: float  # how long an action waits for its target and a check for its condition
    dialogs: list[str]  # the messages of the browser dialogs shown so far, in order
    defaulted_dialogs: int  # how many of them were answered with OK because no step said how

    @property
    def url(self) -> str: ...

    def goto(self, path_or_url: str) -> Outcome: ...

    def reload(self) -> Outcome: ...

    def go_back(self) -> Outcome: ...

    def go_forward(self) -> Outcome: ...

    def clear_storage(self) -> Outcome:
        """Forget what the app stored (cookies, localStorage, sessionStorage), as a new visitor."""

    def count(self, locator: Locator) -> int:
        """How many elements match now, without waiting; a locator the page cannot evaluate matches none."""

    def visible_count(self, locator: Locator) -> int:
        """How many matches are visible now."""

    def first_visible(self, locator: Locator) -> int | None:
        """The position of the first visible match now, in document order; None: none is visible."""

    def has_role(self, locator: Locator, role: str) -> bool:
        """Whether the element `locator` finds has the ARIA role `role`."""

    def same_element(self, first: Locator, second: Locator) -> bool:
        """Whether two locators that match one element each match the same node."""

    def matches(self, locator: Locator, selectors: Sequence[str]) -> str | None:
        """The first CSS selector of `selectors` the element (or an ancestor) matches, else None."""

    def wait_for_settle(self) -> None:
        """Let pending navigation and rendering finish before an instant (non-retrying) look."""

    def pause(self, ms: float) -> None:
        """Wait between two looks while polling for a target; only verification polls, tests never sleep."""

    def wait_attached(self, locator: Locator, *, timeout_ms: float | None = None) -> bool:
        """Whether something matches `locator` now or does within the timeout."""

    def facts(self, locator: Locator) -> ElementFacts | None:
        """What the (first) element `locator` finds is, now; None when nothing matches."""

    def answer_next_dialog(self, accept: bool, text: str | None = None) -> Outcome:
        """How the next browser dialog is answered (OK with `text` typed into a prompt, or Cancel);
        without it a dialog is answered with OK, so none ever blocks a step."""

    def act(
        self,
        action: ActionName,
        locator: Locator | None,
        value: str | None = None,
        *,
        timeout_ms: float | None = None,
        to: Locator | None = None,
    ) -> Outcome:
        """Perform `action` (`to`: where a drag drops)."""

    def check(
        self,
        name: CheckName,
        locator: Locator | None,
        value: str | None = None,
        *,
        negated: bool = False,
        timeout_ms: float | None = None,
        key: str | None = None,
        match: OpMatch | None = None,
    ) -> Outcome:
        """A web-first assertion (retries until the timeout); a failure carries what was seen.
        `key`: an attribute check's attribute; `match`: how `value` compares (None: the check's own way)."""

    def text_of(self, locator: Locator) -> str: ...

    def screenshot(self, path: Path, *, highlight: Locator | None = None, full_page: bool = False) -> Path: ...

    def capture(
        self,
        locator: Locator | None,
        *,
        number: int,
        keep: list[str],
        focused: bool = False,
        color: str = "#e11d48",
        mask: Sequence[str] = (),
        hide: Sequence[str] = (),
    ) -> Capture:
        """A picture for the manual (number 0: no badge); password fields holding a value, the
        elements `mask` selects and the texts in `hide` (a password the page itself shows) are covered."""

    def save_storage_state(self, path: Path) -> Path: ...

    def problem(self) -> str | None:
        """Why the app did not answer, if it did not: a page load that failed or timed out, a
        document answered with a 5xx status, a crashed page. A failure then is the environment's,
        never evidence of an app defect."""


class Session(Protocol):
    """One browser; each page comes in a fresh context (cookies, storage), as each test does."""

    def page(
        self,
        base_url: str,
        *,
        timeout_ms: float = 5_000,
        locale: str | None = None,
        storage_state: Path | None = None,
        viewport: tuple[int, int] = (1280, 800),
        device_scale_factor: float = 1,
    ) -> AbstractContextManager[Driver]: ...

    def still_page(
        self,
        base_url: str,
        *,
        timeout_ms: float = 5_000,
        locale: str | None = None,
        viewport: tuple[int, int] = (1280, 800),
        device_scale_factor: float = 2,
    ) -> AbstractContextManager[Driver]:
        """A fresh context made for repeatable screenshots (fixed clock, seeded randomness, no motion)."""
