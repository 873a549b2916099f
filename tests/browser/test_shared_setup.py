"""Shared setups: a Background that signs in runs once only when its state survives being saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from specwalk.browser.playwright_driver import BrowserSession
from specwalk.ground.resolve import Resolver
from specwalk.ground.retrieve import LexicalRetriever
from specwalk.models.locator import role
from specwalk.models.report import ScenarioResult
from specwalk.models.uimap import UIMap
from specwalk.verify.engine import ScenarioVerifier
from specwalk.verify.setup import setup_length, share_setups

from ..unit.emit.groceries import SETUP, check, goto, scenario, step
from .conftest import serve_directory

EMIT = Path(__file__).resolve().parents[1] / "fixtures" / "emit"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    yield from serve_directory(EMIT)


def _verifier(session: BrowserSession, site: str) -> ScenarioVerifier:
    empty = UIMap(specwalk_version="0", root=".", framework="html", locales=["en"], files_indexed=0)
    return ScenarioVerifier(session, empty, Resolver(LexicalRetriever([]), locale="en"), base_url=site, locale="en")


def _signed_in_tests(page: str) -> list[ScenarioResult]:
    """Two scenarios of one feature whose Background signs in on `page`, then opens it."""
    setup = [goto(page), *SETUP[1:]]
    made = []
    for number, name in enumerate(("Shows the name", "Still there after a reload")):
        line = 90 + 10 * number
        steps = [
            step(0, 87, 'Given I am signed in as "Ada"', *setup),
            step(1, 88, "And I am on the account page", goto(page)),
            step(2, line + 1, 'Then I see "Signed in as Ada"', check("text", role("status"), "Signed in as Ada")),
        ]
        made.append(scenario(f"s{number}", name, line, "passed", steps, feature="Account"))
    return made


def test_the_background_up_to_the_page_it_opens_is_the_setup() -> None:
    first = _signed_in_tests("account.html")[0]
    assert setup_length(first) == 1  # the sign-in; the test itself starts by opening its page


def test_state_kept_in_local_storage_is_shared(session: BrowserSession, site: str) -> None:
    sharing = share_setups(_signed_in_tests("account.html"), _verifier(session, site))
    assert sharing.refused == []
    assert [(s.id, s.texts) for s in sharing.setups] == [("account", ['Given I am signed in as "Ada"'])]
    assert [s.setup for s in sharing.scenarios] == ["account", "account"]
    assert [[step.in_setup for step in s.steps] for s in sharing.scenarios] == [[True, False, False]] * 2


def test_state_kept_only_in_the_tab_stays_in_every_test(session: BrowserSession, site: str) -> None:
    # sessionStorage is not part of a saved storage state: replaying from it fails, so nothing is shared.
    tests = _signed_in_tests("account.html?store=session")
    sharing = share_setups(tests, _verifier(session, site))
    assert sharing.setups == []
    assert len(sharing.refused) == 1 and "not kept in cookies or storage" in sharing.refused[0]
    assert sharing.scenarios == tests
