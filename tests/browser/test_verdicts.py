"""Verdicts in real Chromium against a real server: a slow first page load is waited for, not an
app defect; a document answered with a 5xx is the environment's failure, with its evidence."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from specwalk.browser.playwright_driver import BrowserSession
from specwalk.verify.suite import verify_plan

from ..unit.fakes import click, open_page, plan, scenario, sees, ui_element, ui_map, verifier

PAGE = b"""<!doctype html><title>Editor</title><h1>Editor</h1>
<button type="button" onclick="document.getElementById('m').textContent = 'Saved'">Save</button>
<p role="status" id="m"></p>"""
DOWN = b"<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>"
FIRST_LOAD_S = 6.0  # over the 5 s action timeout, as a dev server compiling on its first request


class Server(http.server.BaseHTTPRequestHandler):
    served: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        first = not self.served
        self.served.append(self.path)
        if self.path == "/slow" and first:
            time.sleep(FIRST_LOAD_S)
        status, body = (502, DOWN) if self.path == "/down" else (200, PAGE)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_slow_first_page_load_is_waited_for_and_the_scenario_passes(session: BrowserSession, site: str) -> None:
    saves = scenario("Save on a slow start", open_page("/slow"), click("Save", 2), sees("Saved", 3))
    checker = verifier(session, ui_map(ui_element("index.html:2:1", "button", "Save")), base_url=site)
    started = time.monotonic()
    result = verify_plan(plan(saves), checker).scenarios[0]
    assert result.status == "passed", result.message
    assert time.monotonic() - started >= FIRST_LOAD_S


def test_a_bad_gateway_document_is_the_environments_failure(session: BrowserSession, site: str, tmp_path: Path) -> None:
    saves = scenario("Save behind a broken proxy", open_page("/down"), click("Save", 2), sees("Saved", 3))
    save = ui_map(ui_element("index.html:2:1", "button", "Save"))
    checker = verifier(session, save, timeout_ms=1_000, base_url=site, artifacts=tmp_path)
    result = verify_plan(plan(saves), checker).scenarios[0]
    assert result.status == "environment"
    assert f"the app did not answer: the app answered 502 Bad Gateway for {site}down" in result.message
    failed = next(step for step in result.steps if step.status == "not_grounded")  # no Save on the error page
    assert failed.evidence.message.startswith("the app did not answer:")
    assert failed.evidence.screenshot == "environment/save-behind-a-broken-proxy.png"
    assert (tmp_path / failed.evidence.screenshot).stat().st_size > 1000
