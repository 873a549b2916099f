"""Launching Chromium through Playwright. The only module that imports playwright.

Vendor exceptions are mapped here to specwalk's error tree, so nothing above this module sees
a Playwright type or exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specwalk.browser.discovery import CHROMIUM_FLAGS, BrowserInfo
from specwalk.errors import BrowserLaunchError, NavigationFailed, UsageError

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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
