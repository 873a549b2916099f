"""Chromium through Playwright: launch, pages, and the step primitives verification uses.

The only module that imports playwright.

Vendor exceptions are mapped here to specwalk's error tree, so nothing above this module sees
a Playwright type or exception.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specwalk.browser.discovery import CHROMIUM_FLAGS, BrowserInfo
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
    property_value,
    with_unique,
)
from specwalk.browser.page_scripts import CAPTURE_JS, CLASS_LOG_INIT, CLASS_SEEN_JS, STILL_INIT, STILL_STYLE, SUBMIT_JS
from specwalk.errors import BrowserLaunchError, NavigationFailed, UsageError
from specwalk.models.locator import Locator, LocatorPart, prefix_pattern
from specwalk.models.patterns import text_pattern, url_pattern
from specwalk.models.report import OpMatch

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page
    from playwright.sync_api import Locator as PwLocator

# Playwright's own test of visibility: a box with a size (or client rects).
_VISIBLE = "e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)"

# Counted as "interactive" in a page summary; later stages use the UI map instead.
_INTERACTIVE = "a[href], button, input, select, textarea, [role=button], [role=link], [tabindex]"

# A page load may take far longer than an action (a dev server compiling on its first request):
# like Playwright Test, whose navigations wait up to the test's timeout, not the action's.
NAVIGATION_TIMEOUT_MS = 30_000.0

# 2025-01-01 12:00:00 UTC: pages captured for the manual all start at this time, so dates repeat.
MANUAL_CLOCK_S = 1_735_732_800.0


@dataclass(frozen=True)
class FailedRequest:
    url: str
    resource_type: str  # document, script, fetch, xhr, stylesheet, image, font, ...
    error: str  # as Chromium says it: net::ERR_CONNECTION_REFUSED


@dataclass(frozen=True)
class PageSnapshot:
    url: str
    title: str
    interactive_elements: int
    screenshot: Path | None
    failed_requests: tuple[FailedRequest, ...] = ()  # to hosts that did not answer


# Chromium's errors for a host that does not answer (not for a request the page cancelled).
_UNANSWERED = re.compile(
    r"ERR_(CONNECTION_(REFUSED|RESET|CLOSED|TIMED_OUT|FAILED)|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|"
    r"ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED|TIMED_OUT|EMPTY_RESPONSE|NETWORK_ACCESS_DENIED|SSL_\w+|CERT_\w+)"
)


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
        navigation_timeout_ms: float = NAVIGATION_TIMEOUT_MS,
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
        context.set_default_navigation_timeout(navigation_timeout_ms)
        context.add_init_script(CLASS_LOG_INIT)
        try:
            yield PageDriver(context.new_page(), timeout_ms)
        finally:
            context.close()

    @contextmanager
    def still_page(
        self,
        base_url: str,
        *,
        timeout_ms: float = 5_000,
        locale: str | None = None,
        viewport: tuple[int, int] = (1280, 800),
        device_scale_factor: float = 2,
        clock_s: float = MANUAL_CLOCK_S,
    ) -> Iterator[PageDriver]:
        """A fresh context for repeatable screenshots: a fixed start time and time zone, seeded
        Math.random, no motion, the still style on every document, hidden scrollbars and caret."""
        context = self._browser.new_context(
            base_url=base_url,
            locale=locale,
            viewport={"width": viewport[0], "height": viewport[1]},
            device_scale_factor=device_scale_factor,
            timezone_id="UTC",
            reduced_motion="reduce",
            color_scheme="light",
        )
        context.set_default_timeout(timeout_ms)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        context.add_init_script(STILL_INIT.replace("__STILL__", STILL_STYLE))
        try:
            page = context.new_page()
            page.clock.install(time=clock_s)
            yield PageDriver(page, timeout_ms)
        finally:
            context.close()

    def print_pdf(self, html: str | Path, *, timeout_ms: float = 60_000) -> bytes:
        """`html` (markup, or a file of it) printed to PDF by Chromium (A4, backgrounds on, the page's
        own print styles). A file loads much faster when it is large: `set_content` sends the
        markup through the protocol (seconds for a manual with its pictures inlined)."""
        from playwright.sync_api import Error as PlaywrightError

        context = self._browser.new_context()
        try:
            page = context.new_page()
            if isinstance(html, Path):
                page.goto(html.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
            else:
                page.set_content(html, wait_until="load", timeout=timeout_ms)
            page.evaluate("() => document.fonts.ready.then(() => true)")
            data = page.pdf(
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                tagged=True,
                outline=True,
            )
        except PlaywrightError as exc:
            raise NavigationFailed(f"could not print the manual to PDF: {_first_line(exc)}") from exc
        finally:
            context.close()
        return bytes(data)

    def visit(
        self, url: str, *, screenshot: Path | None = None, timeout_ms: float = 15_000, settle_ms: float = 0
    ) -> PageSnapshot:
        """Open `url` once; with `settle_ms`, also wait (that long at most) for the requests the app
        makes after loading (its API calls), and report those to hosts that did not answer."""
        from playwright.sync_api import Error as PlaywrightError

        context = self._browser.new_context(viewport={"width": 1280, "height": 800})
        failed: list[FailedRequest] = []

        def on_failed(request: Any) -> None:
            error = str(request.failure or "")
            if _UNANSWERED.search(error):
                failed.append(FailedRequest(str(request.url), str(request.resource_type), error))

        try:
            page = context.new_page()
            page.on("requestfailed", on_failed)
            try:
                page.goto(url, timeout=timeout_ms, wait_until="load")
                if settle_ms:
                    with suppress(PlaywrightError):  # an app that keeps polling never goes idle
                        page.wait_for_load_state("networkidle", timeout=settle_ms)
                title = page.title()
                count = page.locator(_INTERACTIVE).count()
                if screenshot is not None:
                    screenshot.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(screenshot))
            except PlaywrightError as exc:
                raise NavigationFailed(f"could not open {url}: {_first_line(exc)}") from exc
            return PageSnapshot(page.url, title, count, screenshot, tuple(failed))
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


_FACTS_JS = """el => ({
  tag: el.tagName.toLowerCase(),
  type: el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : '',
  classes: [...el.classList],
  attributes: Object.fromEntries([...el.attributes]
    .filter(a => a.name.startsWith('aria-') || ['role', 'id', 'data-testid', 'name'].includes(a.name))
    .map(a => [a.name, a.value])),
  editable: ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName),
  before: el.previousSibling && el.previousSibling.nodeType === 3 ? el.previousSibling.textContent.slice(-20) : '',
  after: el.nextSibling && el.nextSibling.nodeType === 3 ? el.nextSibling.textContent.slice(0, 20) : '',
  offpage: (() => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return false;
    const x = r.left + window.scrollX, y = r.top + window.scrollY;
    const doc = document.documentElement, body = document.body || doc;
    const width = Math.max(doc.scrollWidth, body.scrollWidth), height = Math.max(doc.scrollHeight, body.scrollHeight);
    return x + r.width <= 0 || y + r.height <= 0 || x >= width || y >= height;
  })(),
})"""

# Finite CSS transitions and animations running now, awaited (at most this long; endless ones,
# such as a spinner, are not waited for).
_SETTLE_ANIMATIONS_MS = 2_000
_SETTLE_ANIMATIONS_JS = """limit => {
  const running = (document.getAnimations ? document.getAnimations() : []).filter(a => {
    const timing = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming() : {};
    return a.playState === 'running' && Number.isFinite(timing.endTime);
  });
  if (!running.length) return true;
  return Promise.race([
    Promise.all(running.map(a => a.finished.catch(() => null))).then(() => true),
    new Promise(r => setTimeout(() => r(false), limit)),
  ]);
}"""

# How often a check on something outside the page (the last dialog's message) looks again.
_POLL_MS = 50


class PageDriver:
    """The `Driver` protocol over one Playwright page: auto-waiting actions, web-first checks.

    Browser dialogs (alert, confirm, prompt) never block a step: each is answered at once, with
    OK unless `answer_next_dialog` said otherwise for it, and its message is kept in `dialogs`.
    """

    def __init__(self, page: Page, timeout_ms: float) -> None:
        self._page = page
        self.timeout_ms = timeout_ms
        self.dialogs: list[str] = []
        self.defaulted_dialogs = 0  # dialogs answered with OK because no step said how
        self._next_answer: tuple[bool, str | None] | None = None
        page.on("dialog", self._on_dialog)
        self.unique = new_unique()  # this context's value for `{unique}` in requirement values
        self._problems: list[str] = []
        page.on("response", self._on_response)
        page.on("crash", lambda _page: self._problems.append("the page crashed"))

    def _on_dialog(self, dialog: Dialog) -> None:
        from playwright.sync_api import Error as PlaywrightError

        self.dialogs.append(dialog.message)
        if self._next_answer is None:
            self.defaulted_dialogs += 1
        accept, text = self._next_answer or (True, None)
        self._next_answer = None
        with suppress(PlaywrightError):  # the page may be closing
            if not accept:
                dialog.dismiss()
            elif text is not None:
                dialog.accept(text)
            else:
                dialog.accept()

    def answer_next_dialog(self, accept: bool, text: str | None = None) -> Outcome:
        """How the next dialog is answered (OK with `text` typed into a prompt, or Cancel)."""
        self._next_answer = (accept, text)
        return Outcome(True)

    def _on_response(self, response: Any) -> None:
        request = response.request
        if response.status >= 500 and request.is_navigation_request() and request.frame == self._page.main_frame:
            self._problems.append(f"the app answered {response.status} {response.status_text} for {response.url}")

    def problem(self) -> str | None:
        return self._problems[0] if self._problems else None

    @property
    def url(self) -> str:
        return str(self._page.url)

    def resolve(self, locator: Locator) -> PwLocator:
        current: Any = self._page
        for part in locator_with_unique(locator, self.unique).parts:
            current = _apply_part(current, part)
        return current  # type: ignore[no-any-return]

    def goto(self, path_or_url: str) -> Outcome:
        from playwright.sync_api import Error as PlaywrightError

        try:
            self._page.goto(with_unique(path_or_url, self.unique), wait_until="load")
        except PlaywrightError as exc:
            message = _first_line(exc).replace(self.unique, UNIQUE)
            return self._unanswered(f"could not open {path_or_url}: {message}")
        return Outcome(True)

    def _unanswered(self, message: str) -> Outcome:
        self._problems.append(message)
        return Outcome(False, message)

    def _navigate(self, navigation: Any, what: str) -> Outcome:
        outcome = self._guard(navigation)
        return outcome if outcome.ok else self._unanswered(f"could not {what}: {outcome.message}")

    def reload(self) -> Outcome:
        return self._navigate(lambda: self._page.reload(wait_until="load"), "reload the page")

    def go_back(self) -> Outcome:
        return self._navigate(lambda: self._page.go_back(wait_until="load"), "go back")

    def clear_storage(self) -> Outcome:
        """Forget what the app stored (cookies, localStorage, sessionStorage), as a new visitor."""

        def clear() -> None:
            self._page.context.clear_cookies()
            self._page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")

        return self._guard(clear)

    def go_forward(self) -> Outcome:
        return self._navigate(lambda: self._page.go_forward(wait_until="load"), "go forward")

    def count(self, locator: Locator) -> int:
        """How many elements match now; a locator the page cannot evaluate matches none."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            return int(self.resolve(locator).count())
        except PlaywrightError:
            return 0

    def visible_count(self, locator: Locator) -> int:
        """How many matches are visible now (no waiting)."""
        return int(self.resolve(locator).evaluate_all(f"els => els.filter({_VISIBLE}).length"))

    def first_visible(self, locator: Locator) -> int | None:
        from playwright.sync_api import Error as PlaywrightError

        try:
            index = int(self.resolve(locator).evaluate_all(f"els => els.findIndex({_VISIBLE})"))
        except PlaywrightError:
            return None
        return index if index >= 0 else None

    def has_role(self, locator: Locator, role: str) -> bool:
        """Whether the element `locator` finds has the ARIA role `role` (as getByRole computes it)."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            return int(self.resolve(locator).and_(self._page.get_by_role(role)).count()) >= 1  # type: ignore[arg-type]
        except PlaywrightError:
            return False

    def matches(self, locator: Locator, selectors: Sequence[str]) -> str | None:
        """The first of `selectors` the element (or one of its ancestors) matches, else None."""
        from playwright.sync_api import Error as PlaywrightError

        if not selectors:
            return None
        try:
            found = self.resolve(locator).first.evaluate(
                "(el, sels) => sels.find(s => { try { return !!el.closest(s); } catch (e) { return false; } }) ?? null",
                list(selectors),
            )
        except PlaywrightError:
            return None
        return str(found) if found is not None else None

    def same_element(self, first: Locator, second: Locator) -> bool:
        """Whether two locators that match one element each match the same DOM node."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            handle = self.resolve(first).element_handle(timeout=self.timeout_ms)
            return bool(self.resolve(second).evaluate("(el, other) => el === other", handle))
        except PlaywrightError:
            return False

    def wait_attached(self, locator: Locator, *, timeout_ms: float | None = None) -> bool:
        """Whether something matches `locator` now or does within the timeout (the first match)."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            self.resolve(locator).first.wait_for(state="attached", timeout=timeout_ms or self.timeout_ms)
        except PlaywrightError:
            return False
        return True

    def facts(self, locator: Locator) -> ElementFacts | None:
        """What the (first) element `locator` finds is, now: tag, type, classes, aria-* attributes."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            raw = self.resolve(locator).first.evaluate(_FACTS_JS, timeout=self.timeout_ms)
        except PlaywrightError:
            return None
        return ElementFacts(
            tag=str(raw["tag"]),
            type=str(raw["type"]),
            classes=tuple(str(name) for name in raw["classes"]),
            attributes={str(k): str(v) for k, v in raw["attributes"].items()},
            editable=bool(raw["editable"]),
            offpage=bool(raw["offpage"]),
            before=str(raw["before"]),
            after=str(raw["after"]),
        )

    def wait_for_settle(self) -> None:
        """Let pending navigation and rendering finish before an instant (non-retrying) look."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            self._page.wait_for_load_state("load", timeout=self.timeout_ms)
            self._page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            # A panel sliding in or out is only where it goes once its transition ends.
            self._page.evaluate(_SETTLE_ANIMATIONS_JS, _SETTLE_ANIMATIONS_MS)
        except PlaywrightError:
            pass

    def pause(self, ms: float) -> None:
        self._page.wait_for_timeout(ms)

    def act(
        self,
        action: ActionName,
        locator: Locator | None,
        value: str | None = None,
        *,
        timeout_ms: float | None = None,
        to: Locator | None = None,
    ) -> Outcome:
        """Perform `action` (`to`: where a drag drops); a target that is missing, hidden or disabled
        (after `timeout_ms`, default the page's) is a failed Outcome."""
        value = None if value is None else with_unique(value, self.unique)
        return outcome_without_unique(self._act(action, locator, value, timeout_ms, to), self.unique)

    def _act(
        self,
        action: ActionName,
        locator: Locator | None,
        value: str | None,
        timeout_ms: float | None,
        to: Locator | None,
    ) -> Outcome:
        if locator is None:
            if action != "press" or not value:
                return Outcome(False, f"{action} needs a target")
            return self._guard(lambda: self._page.keyboard.press(value))
        target = self.resolve(locator)
        wait = timeout_ms  # None: the context's default timeout
        if action == "drag":
            if to is None:
                return Outcome(False, "drag needs a place to drop")
            # Playwright's dragTo moves the mouse, so HTML5 drag-and-drop (dragstart, drop) fires too.
            destination = self.resolve(to)
            return self._guard(lambda: target.drag_to(destination, timeout=wait))
        operations: dict[str, Any] = {
            "click": lambda: target.click(timeout=wait),
            "dblclick": lambda: target.dblclick(timeout=wait),
            "fill": lambda: target.fill(value or "", timeout=wait),
            "clear": lambda: target.clear(timeout=wait),
            "press": lambda: target.press(value or "Enter", timeout=wait),
            "select": lambda: target.select_option(label=value or None, index=None if value else 0, timeout=wait),
            "check": lambda: target.check(timeout=wait),
            "uncheck": lambda: target.uncheck(timeout=wait),
            "hover": lambda: target.hover(timeout=wait),
            "upload": lambda: target.set_input_files(value or [], timeout=wait),
            "focus": lambda: target.focus(timeout=wait),
            "type": lambda: target.press_sequentially(value or "", timeout=wait),
            "right_click": lambda: target.click(button="right", timeout=wait),
            "submit": lambda: target.evaluate(SUBMIT_JS, timeout=wait),
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
        key: str | None = None,
        match: OpMatch | None = None,
    ) -> Outcome:
        """A web-first assertion (retries until the timeout); failure carries what was seen.

        `key` names the attribute of an attribute check; `match` says how `value` compares for
        url, text, attribute and dialog checks (None: the check's own way)."""
        value = None if value is None else with_unique(value, self.unique)
        timeout = self.timeout_ms if timeout_ms is None else timeout_ms
        checked = self._check(name, locator, value, negated, timeout, key, match)
        return outcome_without_unique(checked, self.unique)

    def _check(
        self,
        name: CheckName,
        locator: Locator | None,
        value: str | None,
        negated: bool,
        timeout: float,
        key: str | None,
        match: OpMatch | None,
    ) -> Outcome:
        from playwright.sync_api import expect

        try:
            if name == "dialog":
                return self._check_dialog(value or "", match or "equals", negated=negated, timeout_ms=timeout)
            if name == "url":
                if match is None:
                    pattern = re.compile(re.escape(value or "") + r"(?:[?#].*)?$")
                else:
                    pattern = re.compile(url_pattern(value or "", match))
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
            method, args = _matched_check(name, value, key, match)
            getattr(target, ("not_" if negated else "") + method)(*args, timeout=timeout)
        except AssertionError as exc:
            if name == "class" and not negated and locator is not None and self._class_seen(locator, value or ""):
                message = f"the class '{value}' was applied after the last action and removed before this look"
                return Outcome(True, message)
            return Outcome(False, _first_line(exc), actual=_actual_from(str(exc)))
        except Exception as exc:
            from playwright.sync_api import Error as PlaywrightError

            if isinstance(exc, PlaywrightError):
                return Outcome(False, _first_line(exc))
            raise
        return Outcome(True)

    def _class_seen(self, locator: Locator, name: str) -> bool:
        """Whether the element got the class since the user's last input (CLASS_LOG_INIT's record)."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            return bool(self.resolve(locator).evaluate(CLASS_SEEN_JS, name, timeout=1_000))
        except PlaywrightError:
            return False

    def _check_dialog(self, value: str, match: OpMatch, *, negated: bool, timeout_ms: float) -> Outcome:
        """Whether the last dialog's message matches, polled until the timeout (it may come late)."""
        from playwright.sync_api import Error as PlaywrightError

        pattern = re.compile(text_pattern(value, match))
        waited = 0.0
        while True:
            last = self.dialogs[-1] if self.dialogs else None
            if (last is not None and pattern.search(last) is not None) != negated:
                return Outcome(True, actual=last)
            if waited >= timeout_ms:
                seen = "no dialog was shown" if last is None else f"the last dialog said {last!r}"
                return Outcome(False, f"expected a dialog saying {value!r}: {seen}", actual=last)
            try:
                self._page.wait_for_timeout(_POLL_MS)
            except PlaywrightError as exc:
                return Outcome(False, _first_line(exc), actual=last)
            waited += _POLL_MS

    def text_of(self, locator: Locator) -> str:
        return str(self.resolve(locator).first.inner_text(timeout=self.timeout_ms)).replace(self.unique, UNIQUE)

    def screenshot(self, path: Path, *, highlight: Locator | None = None, full_page: bool = False) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._page.add_style_tag(content=STILL_STYLE)
        if highlight is not None:
            self.resolve(highlight).first.evaluate(
                "el => { el.style.outline = '3px solid #e11d48'; el.style.outlineOffset = '2px'; }"
            )
        self._page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
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
        mask_color: str = "#57606a",
    ) -> Capture:
        """A screenshot for the manual taken just before an action: the target outlined with a
        numbered badge (none for number 0), dynamic values not in `keep` masked, cropped around
        the target. Password fields holding a value and the elements `mask` selects are covered."""
        from playwright.sync_api import Error as PlaywrightError

        options = {
            "number": number,
            "keep": keep,
            "color": color,
            "margin": 120,
            "pad": 24,
            "minWidth": 560,
            "minHeight": 320,
            "maxWidth": 900,
            "maxHeight": 560,
            "gap": 4,
            "line": 3,
            "badge": 26,
            "mask": list(mask),
            "hide": list(hide),
            "maskColor": mask_color,
        }
        try:
            if locator is not None:
                target = self.resolve(locator)
                target.wait_for(state="visible", timeout=self.timeout_ms)
                target.scroll_into_view_if_needed(timeout=self.timeout_ms)
                boxes = target.evaluate(CAPTURE_JS, options)
            else:
                focus = "o.focused && document.activeElement !== document.body ? document.activeElement : null"
                script = f"o => ({CAPTURE_JS})({focus}, o)"
                boxes = self._page.evaluate(script, {**options, "focused": focused})
            png = self._page.screenshot(clip=boxes["clip"], animations="disabled", caret="hide", scale="device")
        except PlaywrightError as exc:
            return Capture(False, _first_line(exc))
        finally:
            with suppress(PlaywrightError):
                self._page.evaluate("() => document.getElementById('__specwalk_overlay')?.remove()")
        return Capture(True, png=bytes(png), boxes=dict(boxes))

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
    name: Any = re.compile(prefix_pattern(part.value)) if part.prefix else part.value
    if part.kind == "role":
        kwargs: dict[str, Any] = {"name": name, "exact": part.exact} if part.value else {}
        if part.prefix:
            kwargs.pop("exact", None)
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
        located = getattr(scope, method)(name) if part.prefix else getattr(scope, method)(name, exact=part.exact)
    if part.has_text is not None:
        located = located.filter(has_text=part.has_text)
    if part.visible:
        located = located.filter(visible=True)
    if part.hidden:
        located = located.filter(visible=False)
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
    "class": lambda v: ("to_contain_class", (v or "",)),
    "selected": lambda _v: ("to_have_js_property", ("selected", True)),
    "in_viewport": lambda _v: ("to_be_in_viewport", ()),
}


def _matched_check(name: str, value: str | None, key: str | None, match: OpMatch | None) -> tuple[str, tuple[Any, ...]]:
    """The assertion method and its arguments; a `match` other than the check's own turns the
    expected value into the shared pattern (`models.patterns`)."""
    if name == "attribute":
        if match in (None, "equals"):
            return "to_have_attribute", (key or "", value or "")
        return "to_have_attribute", (key or "", re.compile(text_pattern(value or "", match)))
    if name == "property":  # a DOM property: true / false (video.paused) or a number (video.volume)
        return "to_have_js_property", (key or "", property_value(value))
    if name in ("text", "value") and match not in (None, "equals"):
        if name == "text" and match == "contains":
            return "to_contain_text", (value or "",)
        method = "to_have_text" if name == "text" else "to_have_value"
        return method, (re.compile(text_pattern(value or "", match)),)
    return _CHECKS[name](value)  # type: ignore[no-any-return]


def _actual_from(message: str) -> str | None:
    for line in message.splitlines():
        stripped = line.strip()
        for prefix in ("Actual value:", "Received string:", "Received:", "Actual:"):
            if stripped.startswith(prefix):
                return stripped[len(prefix) :].strip()
    return None
