"""Chromium through Playwright: launch, pages, and the step primitives verification uses.

The only module that imports playwright.

Vendor exceptions are mapped here to specwalk's error tree, so nothing above this module sees
a Playwright type or exception.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specwalk.browser.discovery import CHROMIUM_FLAGS, BrowserInfo
from specwalk.errors import BrowserLaunchError, NavigationFailed, UsageError
from specwalk.models.locator import Locator, LocatorPart

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from playwright.sync_api import Locator as PwLocator

# Counted as "interactive" in a page summary; later stages use the UI map instead.
_INTERACTIVE = "a[href], button, input, select, textarea, [role=button], [role=link], [tabindex]"


@dataclass(frozen=True)
class PageSnapshot:
    url: str
    title: str
    interactive_elements: int
    screenshot: Path | None


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


class BrowserSession:
    """One launched browser; each `visit` uses a fresh context, as tests will."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser

    @property
    def version(self) -> str:
        return self._browser.version

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
    ) -> Iterator[PageDriver]:
        """A fresh context (cookies, storage) and one page in it, closed afterwards."""
        context = self._browser.new_context(
            base_url=base_url,
            locale=locale,
            storage_state=str(storage_state) if storage_state else None,
            viewport={"width": viewport[0], "height": viewport[1]},
            device_scale_factor=device_scale_factor,
        )
        context.set_default_timeout(timeout_ms)
        try:
            yield PageDriver(context.new_page(), timeout_ms)
        finally:
            context.close()

    def visit(self, url: str, *, screenshot: Path | None = None, timeout_ms: float = 15_000) -> PageSnapshot:
        from playwright.sync_api import Error as PlaywrightError

        context = self._browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            try:
                page.goto(url, timeout=timeout_ms, wait_until="load")
                title = page.title()
                count = page.locator(_INTERACTIVE).count()
                if screenshot is not None:
                    screenshot.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(screenshot))
            except PlaywrightError as exc:
                raise NavigationFailed(f"could not open {url}: {_first_line(exc)}") from exc
            return PageSnapshot(url=page.url, title=title, interactive_elements=count, screenshot=screenshot)
        finally:
            context.close()


def _sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise UsageError(
            "the Python package 'playwright' is not installed",
            hint="pip install 'specwalk[browser]'",
        ) from exc
    return sync_playwright()


@contextmanager
def browser_session(info: BrowserInfo, *, headless: bool = True) -> Iterator[BrowserSession]:
    manager = _sync_playwright()
    from playwright.sync_api import Error as PlaywrightError

    playwright = manager.start()
    try:
        try:
            browser = playwright.chromium.launch(
                executable_path=str(info.path), headless=headless, args=list(CHROMIUM_FLAGS)
            )
        except PlaywrightError as exc:
            raise BrowserLaunchError(
                f"could not launch {info.path}: {_first_line(exc)}",
                hint="check that this is a working Chromium/Chrome (run it with --version), "
                "or set browser.path / $SPECWALK_BROWSER to another one",
            ) from exc
        try:
            yield BrowserSession(browser)
        finally:
            browser.close()
    finally:
        playwright.stop()


# Screenshots must be repeatable: no transitions, animations or blinking caret.
_STILL_STYLE = (
    "*, *::before, *::after { transition: none !important; animation: none !important;"
    " caret-color: transparent !important; }"
)


@dataclass(frozen=True)
class Outcome:
    """The result of one action or check: expected failures are values, not exceptions."""

    ok: bool
    message: str = ""
    actual: str | None = None


ActionName = str  # click, dblclick, fill, clear, press, select, check, uncheck, hover, upload
CheckName = str  # visible, hidden, enabled, disabled, checked, pressed, focused, empty, text, value, count, url, title


class PageDriver:
    """Step primitives over one page, addressed by the locator IR; auto-waiting, no sleeps."""

    def __init__(self, page: Page, timeout_ms: float) -> None:
        self._page = page
        self.timeout_ms = timeout_ms

    @property
    def url(self) -> str:
        return str(self._page.url)

    def resolve(self, locator: Locator) -> PwLocator:
        current: Any = self._page
        for part in locator.parts:
            current = _apply_part(current, part)
        return current  # type: ignore[no-any-return]

    def goto(self, path_or_url: str) -> Outcome:
        from playwright.sync_api import Error as PlaywrightError

        try:
            self._page.goto(path_or_url, wait_until="load")
        except PlaywrightError as exc:
            return Outcome(False, f"could not open {path_or_url}: {_first_line(exc)}")
        return Outcome(True)

    def reload(self) -> Outcome:
        return self._guard(lambda: self._page.reload(wait_until="load"))

    def go_back(self) -> Outcome:
        return self._guard(lambda: self._page.go_back(wait_until="load"))

    def clear_storage(self) -> Outcome:
        """Forget what the app stored (cookies, localStorage, sessionStorage), as a new visitor."""

        def clear() -> None:
            self._page.context.clear_cookies()
            self._page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")

        return self._guard(clear)

    def go_forward(self) -> Outcome:
        return self._guard(lambda: self._page.go_forward(wait_until="load"))

    def count(self, locator: Locator) -> int:
        """How many elements match now; a locator the page cannot evaluate matches none."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            return int(self.resolve(locator).count())
        except PlaywrightError:
            return 0

    def visible_count(self, locator: Locator) -> int:
        """How many matches are visible now (no waiting)."""
        return int(
            self.resolve(locator).evaluate_all(
                "els => els.filter(e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)).length"
            )
        )

    def has_role(self, locator: Locator, role: str) -> bool:
        """Whether the element `locator` finds has the ARIA role `role` (as getByRole computes it)."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            return int(self.resolve(locator).and_(self._page.get_by_role(role)).count()) >= 1  # type: ignore[arg-type]
        except PlaywrightError:
            return False

    def same_element(self, first: Locator, second: Locator) -> bool:
        """Whether two locators that match one element each match the same DOM node."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            handle = self.resolve(first).element_handle(timeout=self.timeout_ms)
            return bool(self.resolve(second).evaluate("(el, other) => el === other", handle))
        except PlaywrightError:
            return False

    def wait_for_settle(self) -> None:
        """Let pending navigation and rendering finish before an instant (non-retrying) look."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            self._page.wait_for_load_state("load", timeout=self.timeout_ms)
            self._page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        except PlaywrightError:
            pass

    def act(self, action: ActionName, locator: Locator | None, value: str | None = None) -> Outcome:
        """Perform `action`; a target that is missing, hidden or disabled is a failed Outcome."""
        if locator is None:
            if action != "press" or not value:
                return Outcome(False, f"{action} needs a target")
            return self._guard(lambda: self._page.keyboard.press(value))
        target = self.resolve(locator)
        operations: dict[str, Any] = {
            "click": lambda: target.click(),
            "dblclick": lambda: target.dblclick(),
            "fill": lambda: target.fill(value or ""),
            "clear": lambda: target.clear(),
            "press": lambda: target.press(value or "Enter"),
            "select": lambda: target.select_option(label=value) if value else target.select_option(index=0),
            "check": lambda: target.check(),
            "uncheck": lambda: target.uncheck(),
            "hover": lambda: target.hover(),
            "upload": lambda: target.set_input_files(value or []),
        }
        if action not in operations:
            raise ValueError(f"unknown action {action!r}")
        return self._guard(operations[action])

    def check(
        self,
        name: CheckName,
        locator: Locator | None,
        value: str | None = None,
        *,
        negated: bool = False,
        timeout_ms: float | None = None,
    ) -> Outcome:
        """A web-first assertion (retries until the timeout); failure carries what was seen."""
        from playwright.sync_api import expect

        timeout = self.timeout_ms if timeout_ms is None else timeout_ms
        try:
            if name == "url":
                import re

                pattern = re.compile(re.escape(value or "") + r"(?:[?#].*)?$")
                subject: Any = expect(self._page)
                (subject.not_to_have_url if negated else subject.to_have_url)(pattern, timeout=timeout)
                return Outcome(True, actual=self.url)
            if name == "title":
                subject = expect(self._page)
                (subject.not_to_have_title if negated else subject.to_have_title)(value or "", timeout=timeout)
                return Outcome(True, actual=self._page.title())
            if locator is None:
                raise ValueError(f"check {name!r} needs a target")
            target = expect(self.resolve(locator))
            method, args = _CHECKS[name](value)
            getattr(target, ("not_" if negated else "") + method)(*args, timeout=timeout)
        except AssertionError as exc:
            return Outcome(False, _first_line(exc), actual=_actual_from(str(exc)))
        except Exception as exc:
            from playwright.sync_api import Error as PlaywrightError

            if isinstance(exc, PlaywrightError):
                return Outcome(False, _first_line(exc))
            raise
        return Outcome(True)

    def text_of(self, locator: Locator) -> str:
        return str(self.resolve(locator).first.inner_text(timeout=self.timeout_ms))

    def screenshot(self, path: Path, *, highlight: Locator | None = None, full_page: bool = False) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._page.add_style_tag(content=_STILL_STYLE)
        if highlight is not None:
            self.resolve(highlight).first.evaluate(
                "el => { el.style.outline = '3px solid #e11d48'; el.style.outlineOffset = '2px'; }"
            )
        self._page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
        return path

    def save_storage_state(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._page.context.storage_state(path=str(path))
        return path

    def _guard(self, operation: Any) -> Outcome:
        from playwright.sync_api import Error as PlaywrightError

        try:
            operation()
        except PlaywrightError as exc:
            return Outcome(False, _first_line(exc))
        return Outcome(True)


def _apply_part(scope: Any, part: LocatorPart) -> Any:
    if part.kind == "role":
        kwargs: dict[str, Any] = {"name": part.value, "exact": part.exact} if part.value else {}
        located = scope.get_by_role(part.role or "generic", **kwargs)
    elif part.kind == "testid":
        located = scope.get_by_test_id(part.value)
    elif part.kind == "css":
        located = scope.locator(part.value)
    else:
        method = {
            "label": "get_by_label",
            "placeholder": "get_by_placeholder",
            "text": "get_by_text",
            "alt": "get_by_alt_text",
            "title": "get_by_title",
        }[part.kind]
        located = getattr(scope, method)(part.value, exact=part.exact)
    if part.has_text is not None:
        located = located.filter(has_text=part.has_text)
    if part.nth is not None:
        located = located.nth(part.nth)
    return located


_CHECKS: dict[str, Any] = {
    "visible": lambda _v: ("to_be_visible", ()),
    "hidden": lambda _v: ("to_be_hidden", ()),
    "enabled": lambda _v: ("to_be_enabled", ()),
    "disabled": lambda _v: ("to_be_disabled", ()),
    "checked": lambda _v: ("to_be_checked", ()),
    "pressed": lambda _v: ("to_have_attribute", ("aria-pressed", "true")),
    "focused": lambda _v: ("to_be_focused", ()),
    "empty": lambda _v: ("to_be_empty", ()),
    "text": lambda v: ("to_have_text", (v or "",)),
    "contains": lambda v: ("to_contain_text", (v or "",)),
    "value": lambda v: ("to_have_value", (v or "",)),
    "count": lambda v: ("to_have_count", (int(v or 0),)),
    "contains_all": lambda v: ("to_contain_text", (json.loads(v or "[]"),)),
}


def _actual_from(message: str) -> str | None:
    for line in message.splitlines():
        stripped = line.strip()
        for prefix in ("Actual value:", "Received string:", "Received:", "Actual:"):
            if stripped.startswith(prefix):
                return stripped[len(prefix) :].strip()
    return None
