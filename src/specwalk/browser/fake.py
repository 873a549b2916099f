"""An in-memory page for pure-logic unit tests of grounding, waiting and verdicts: no browser.

Never a stand-in for a browser test: it knows only what a test tells it. A `FakeApp` maps paths
to functions that build the page's elements; a `FakeSession` opens a `FakeDriver` per fresh
context, as `BrowserSession` does. Time is simulated: `pause` and waiting checks advance the
page's clock, and an element with `appears_at_ms` is rendered only from then on (content that
arrives after a data load). Locators are matched with Playwright's rules, simplified: a role's
name exactly or as a case-insensitive substring, text likewise, `has_text` over the subtree,
`nth`, and a chain searching inside the previous part's matches.

    app = FakeApp({"/": lambda page: [FakeElement(role="button", name="Save")]})
    with FakeSession(app).page("http://app.test/") as driver:
        driver.goto("/")
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from specwalk.browser.driver import (
    UNIQUE,
    ActionName,
    Capture,
    CheckName,
    ElementFacts,
    Outcome,
    locator_with_unique,
    new_unique,
    outcome_without_unique,
    with_unique,
)
from specwalk.models.locator import Locator, LocatorPart, prefix_pattern
from specwalk.models.patterns import text_pattern
from specwalk.models.report import OpMatch

# How often simulated waits look again, as Playwright's retrying assertions roughly do.
_POLL_MS = 100.0

Handler = Callable[["FakeDriver", str, str | None], None]  # (page, action, value)


@dataclass(eq=False)  # two equal-looking elements are still two elements
class FakeElement:
    role: str | None = None
    name: str = ""  # accessible name (getByRole's name)
    text: str = ""  # its own visible text; has_text also sees its children's
    label: str | None = None
    placeholder: str | None = None
    title: str | None = None
    alt: str | None = None
    testid: str | None = None
    css: tuple[str, ...] = ()  # the selectors it matches: "#count", ".todo", "button"
    visible: bool = True
    enabled: bool = True
    checked: bool = False
    value: str = ""
    tag: str = "div"
    classes: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)  # aria-* and others, for attribute checks
    appears_at_ms: float = 0.0  # rendered once the page's clock reaches this
    children: list[FakeElement] = field(default_factory=list)
    on: Handler | None = None  # what an action on it does to the page

    def subtree_text(self) -> str:
        return " ".join(part for part in (self.text, *(c.subtree_text() for c in self.children)) if part)


@dataclass
class FakeResponse:
    """What the app answers for a path: its elements, its HTTP status, how long the load takes."""

    build: Callable[[FakeDriver], list[FakeElement]]
    status: int = 200
    load_ms: float = 0.0
    title: str = ""


@dataclass
class FakeApp:
    """The app as the fake browser sees it; `state` is what a backend would keep between visits."""

    pages: dict[str, Callable[[FakeDriver], list[FakeElement]] | FakeResponse]
    state: dict[str, object] = field(default_factory=dict)
    navigation_timeout_ms: float = 30_000.0

    def response(self, path: str) -> FakeResponse | None:
        page = self.pages.get(path)
        return page if isinstance(page, FakeResponse) or page is None else FakeResponse(page)


class FakeDriver:
    """The `Driver` protocol over a `FakeApp`: one page of one fresh context."""

    def __init__(self, app: FakeApp, base_url: str, timeout_ms: float) -> None:
        self.app = app
        self.base_url = base_url
        self.timeout_ms = timeout_ms
        self.clock_ms = 0.0
        self.elements: list[FakeElement] = []
        self.storage: dict[str, str] = {}
        self.title = ""
        self._url = "about:blank"
        self.loaded_at_ms = 0.0
        self.history: list[str] = []
        self.log: list[str] = []  # what was done, for tests to assert on
        self.dialogs: list[str] = []  # a test's handler may call `show_dialog`
        self.defaulted_dialogs = 0
        self._next_answer: tuple[bool, str | None] | None = None
        self.problems: list[str] = []  # why the app did not answer (`problem`)
        self.unique = new_unique()  # this context's value for `{unique}`

    def show_dialog(self, message: str) -> tuple[bool, str | None]:
        """What an app's alert / confirm / prompt gets: (accepted, the prompt's text)."""
        self.dialogs.append(message)
        if self._next_answer is None:
            self.defaulted_dialogs += 1
        answer, self._next_answer = self._next_answer or (True, None), None
        return answer

    def answer_next_dialog(self, accept: bool, text: str | None = None) -> Outcome:
        self._next_answer = (accept, text)
        return Outcome(True)

    # -- navigation ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return self._url

    def goto(self, path_or_url: str) -> Outcome:
        url = urljoin(self.base_url, with_unique(path_or_url, self.unique))
        parts = urlsplit(url)
        path = parts.path + (f"#{parts.fragment}" if parts.fragment.startswith("/") else "")
        response = self.app.response(path) or self.app.response(parts.path)
        self.log.append(f"goto {path_or_url}")
        if response is None:
            return self._load(url, FakeResponse(lambda _page: [], status=404))
        return self._load(url, response)

    def _load(self, url: str, response: FakeResponse) -> Outcome:
        if response.load_ms > self.app.navigation_timeout_ms:
            self.clock_ms += self.app.navigation_timeout_ms
            timeout = self.app.navigation_timeout_ms
            self.problems.append(f"could not open {url}: Timeout {timeout:g}ms exceeded.")
            return Outcome(False, self.problems[-1])
        if response.status >= 500:
            self.problems.append(f"the app answered {response.status} for {url}")
        self.clock_ms += response.load_ms
        self._url = url
        self.history.append(url)
        self.title = response.title
        self.loaded_at_ms = self.clock_ms
        self.elements = response.build(self)
        return Outcome(True)

    def reload(self) -> Outcome:
        return self.goto(self._url)

    def go_back(self) -> Outcome:
        if len(self.history) < 2:
            return Outcome(False, "no page to go back to")
        self.history.pop()
        return self.goto(self.history.pop())

    def go_forward(self) -> Outcome:
        return Outcome(False, "the fake driver keeps no forward history")

    def clear_storage(self) -> Outcome:
        self.storage.clear()
        return Outcome(True)

    # -- looking ---------------------------------------------------------------------------------

    def _rendered(self, elements: list[FakeElement]) -> Iterator[FakeElement]:
        for element in elements:
            if element.appears_at_ms <= self.clock_ms - self.loaded_at_ms:
                yield element
                yield from self._rendered(element.children)

    def _matches(self, locator: Locator) -> list[FakeElement]:
        scopes: list[FakeElement] | None = None
        for part in locator_with_unique(locator, self.unique).parts:
            pool: list[FakeElement] = []
            for root in scopes if scopes is not None else [None]:
                inside = self._rendered(root.children if root is not None else self.elements)
                pool.extend(element for element in inside if element not in pool and _part_matches(part, element))
            if part.visible:
                pool = [element for element in pool if element.visible]
            if part.nth is not None:
                index = part.nth if part.nth >= 0 else len(pool) + part.nth
                pool = [pool[index]] if 0 <= index < len(pool) else []
            scopes = pool
        return scopes or []

    def count(self, locator: Locator) -> int:
        return len(self._matches(locator))

    def visible_count(self, locator: Locator) -> int:
        return sum(element.visible for element in self._matches(locator))

    def first_visible(self, locator: Locator) -> int | None:
        return next((n for n, element in enumerate(self._matches(locator)) if element.visible), None)

    def has_role(self, locator: Locator, role: str) -> bool:
        return any(element.role == role for element in self._matches(locator))

    def same_element(self, first: Locator, second: Locator) -> bool:
        a, b = self._matches(first), self._matches(second)
        return len(a) == 1 and len(b) == 1 and a[0] is b[0]

    def matches(self, locator: Locator, selectors: Sequence[str]) -> str | None:
        return None  # no CSS in the fake page

    def wait_for_settle(self) -> None:
        pass

    def pause(self, ms: float) -> None:
        self.clock_ms += ms

    def text_of(self, locator: Locator) -> str:
        found = self._matches(locator)
        return found[0].subtree_text().replace(self.unique, UNIQUE) if found else ""

    def wait_attached(self, locator: Locator, *, timeout_ms: float | None = None) -> bool:
        return self._until(lambda: bool(self._matches(locator)), timeout_ms)

    def facts(self, locator: Locator) -> ElementFacts | None:
        found = self._matches(locator)
        if not found:
            return None
        element = found[0]
        return ElementFacts(
            tag=element.tag,
            type=element.attributes.get("type", "text") if element.tag == "input" else "",
            classes=element.classes,
            attributes={k: v for k, v in element.attributes.items() if k.startswith("aria-") or k == "role"},
            editable=element.tag in ("input", "textarea", "select"),
        )

    # -- acting and checking ---------------------------------------------------------------------

    def _until(self, condition: Callable[[], bool], timeout_ms: float | None) -> bool:
        """Poll `condition` on the simulated clock, as a retrying assertion does."""
        waited, limit = 0.0, self.timeout_ms if timeout_ms is None else timeout_ms
        while not condition():
            if waited >= limit:
                return False
            self.clock_ms += _POLL_MS
            waited += _POLL_MS
        return True

    def act(
        self,
        action: ActionName,
        locator: Locator | None,
        value: str | None = None,
        *,
        timeout_ms: float | None = None,
        to: Locator | None = None,
    ) -> Outcome:
        value = None if value is None else with_unique(value, self.unique)
        return outcome_without_unique(self._act(action, locator, value, timeout_ms), self.unique)

    def _act(self, action: ActionName, locator: Locator | None, value: str | None, timeout_ms: float | None) -> Outcome:
        self.log.append(f"{action} {_describe(locator)}" + (f" {value!r}" if value is not None else ""))
        if locator is None:
            return Outcome(action == "press" and bool(value), "" if value else f"{action} needs a target")

        def ready() -> bool:
            found = self._matches(locator)
            return len(found) == 1 and found[0].visible and found[0].enabled

        if not self._until(ready, timeout_ms):
            found = self._matches(locator)
            if len(found) > 1:
                return Outcome(False, f"strict mode violation: {_describe(locator)} resolved to {len(found)} elements")
            return Outcome(False, f"Timeout exceeded waiting for {_describe(locator)} to be visible and enabled")
        element = self._matches(locator)[0]
        if action == "fill":
            element.value = value or ""
        elif action == "clear":
            element.value = ""
        elif action in ("check", "uncheck"):
            element.checked = action == "check"
        if element.on is not None:
            element.on(self, action, value)
        return Outcome(True)

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
        value = None if value is None else with_unique(value, self.unique)
        seen: list[str | None] = [None]

        def holds() -> bool:
            result, seen[0] = self._holds(name, locator, value, key, match)
            return result != negated

        if self._until(holds, timeout_ms):
            return outcome_without_unique(Outcome(True, actual=seen[0]), self.unique)
        expectation = f"{'not ' if negated else ''}{name}" + (f" {value!r}" if value is not None else "")
        failed = Outcome(False, f"expected {_describe(locator)} {expectation}", actual=seen[0])
        return outcome_without_unique(failed, self.unique)

    def _holds(
        self, name: CheckName, locator: Locator | None, value: str | None, key: str | None, match: OpMatch | None
    ) -> tuple[bool, str | None]:
        if name == "dialog":
            last = self.dialogs[-1] if self.dialogs else ""
            return re.search(text_pattern(value or "", match or "equals"), last) is not None, last
        if name == "url":
            return re.search(re.escape(value or "") + r"(?:[?#].*)?$", self._url) is not None, self._url
        if name == "title":
            return self.title == (value or ""), self.title
        if locator is None:
            raise ValueError(f"check {name!r} needs a target")
        found = self._matches(locator)
        if name == "count":
            return len(found) == int(value or 0), str(len(found))
        if name == "hidden":
            return not any(element.visible for element in found), None
        if len(found) != 1:
            return False, None  # missing, or a strict-mode violation
        element = found[0]
        text = " ".join(element.subtree_text().split())
        checks: dict[str, Callable[[], tuple[bool, str | None]]] = {
            "visible": lambda: (element.visible, None),
            "enabled": lambda: (element.enabled, None),
            "disabled": lambda: (not element.enabled, None),
            "checked": lambda: (element.checked, None),
            "pressed": lambda: (element.checked, None),
            "empty": lambda: (not element.value and not text, None),
            "text": lambda: (text == (value or ""), text),
            "contains": lambda: ((value or "") in text, text),
            "value": lambda: (element.value == (value or ""), element.value),
            "class": lambda: ((value or "") in element.classes, " ".join(element.classes)),
            "in_viewport": lambda: (element.visible, None),
            "attribute": lambda: (
                re.search(text_pattern(value or "", match or "equals"), element.attributes.get(key or "", ""))
                is not None
                and (key or "") in element.attributes,
                element.attributes.get(key or ""),
            ),
        }
        if name not in checks:
            raise ValueError(f"the fake driver cannot check {name!r}")
        return checks[name]()

    # -- records ---------------------------------------------------------------------------------

    def screenshot(self, path: Path, *, highlight: Locator | None = None, full_page: bool = False) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"fake screenshot\n")
        return path

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
        return Capture(False, "the fake driver takes no pictures")

    def save_storage_state(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(repr(sorted(self.storage.items())), encoding="utf-8")
        return path

    def problem(self) -> str | None:
        return self.problems[0] if self.problems else None


class FakeSession:
    """The `Session` protocol over a `FakeApp`: each page is a fresh context."""

    def __init__(self, app: FakeApp) -> None:
        self.app = app
        self.opened: list[FakeDriver] = []

    @contextmanager
    def page(
        self,
        base_url: str,
        *,
        timeout_ms: float = 5_000,
        locale: str | None = None,
        storage_state: Path | None = None,
        viewport: tuple[int, int] = (1280, 800),
        device_scale_factor: float = 1,
    ) -> Iterator[FakeDriver]:
        driver = FakeDriver(self.app, base_url, timeout_ms)
        self.opened.append(driver)
        yield driver

    @contextmanager
    def still_page(
        self,
        base_url: str,
        *,
        timeout_ms: float = 5_000,
        locale: str | None = None,
        viewport: tuple[int, int] = (1280, 800),
        device_scale_factor: float = 2,
    ) -> Iterator[FakeDriver]:
        with self.page(base_url, timeout_ms=timeout_ms, locale=locale) as driver:
            yield driver


def _same(wanted: str, actual: str | None, part: LocatorPart) -> bool:
    if actual is None:
        return False
    actual = " ".join(actual.split())
    if part.prefix:
        return re.search(prefix_pattern(wanted), actual) is not None
    return actual == wanted if part.exact else wanted.lower() in actual.lower()


def _part_matches(part: LocatorPart, element: FakeElement) -> bool:
    if part.kind == "role":
        matched = element.role == part.role and (not part.value or _same(part.value, element.name, part))
    elif part.kind == "testid":
        matched = element.testid == part.value
    elif part.kind == "css":
        matched = part.value in element.css
    else:
        attribute = {"label": element.label, "placeholder": element.placeholder, "title": element.title}
        attribute |= {"alt": element.alt, "text": element.text}
        matched = _same(part.value, attribute[part.kind], part)
    if matched and part.has_text is not None:
        matched = part.has_text.lower() in element.subtree_text().lower()
    if matched and part.hidden:
        matched = not element.visible
    return matched


def _describe(locator: Locator | None) -> str:
    if locator is None:
        return "(page)"
    return " >> ".join(f"{part.kind}={part.role + ':' if part.role else ''}{part.value!r}" for part in locator.parts)
