"""Which leading steps of a verified scenario can run once as a shared setup (pure logic)."""

from __future__ import annotations

from specwalk.models.locator import role, single
from specwalk.models.scenario import SourceRef
from specwalk.verify.setup import setup_length

from ..emit.groceries import act, check, goto, scenario, step

SIGN_IN = (
    goto("/login"),
    act("fill", single("label", "Username"), "admin"),
    act("click", role("button", "Sign in")),
)


def _expanded(index: int, defined_at: int, used_at: int, text: str, *ops: object) -> object:
    return step(index, defined_at, text, *ops, expanded_from=SourceRef(file="requirements.md", line=used_at))


def test_a_reusable_sign_in_used_by_the_background_is_the_setup() -> None:
    # Background at lines 66-67 uses "I am signed in" (defined at 230-233); the scenario is at 70.
    steps = [
        _expanded(0, 231, 66, 'I open the "/login" page', SIGN_IN[0]),
        _expanded(1, 232, 66, 'I fill in "Username" with "admin"', SIGN_IN[1]),
        _expanded(2, 233, 66, 'I click "Sign in"', SIGN_IN[2]),
        step(3, 67, 'And I am on the "/tasks" page', goto("/tasks")),
        step(4, 71, 'Then I should see "Write the release notes"', check("visible", single("text", "x"))),
    ]
    assert setup_length(scenario("s", "S", 70, "passed", steps)) == 3


def test_the_scenarios_own_first_navigation_ends_a_background_without_one() -> None:
    steps = [
        step(0, 66, "Given I am signed in", *SIGN_IN),
        step(1, 71, 'When I open the "/settings" page', goto("/settings")),
    ]
    assert setup_length(scenario("s", "S", 70, "passed", steps)) == 1


def test_no_setup_without_a_later_navigation_or_without_an_action() -> None:
    no_navigation = [step(0, 66, "Given I am signed in", *SIGN_IN), step(1, 71, 'When I click "New"', SIGN_IN[2])]
    assert setup_length(scenario("s", "S", 70, "passed", no_navigation)) == 0
    only_opens = [step(0, 66, 'Given I am on "/a"', goto("/a")), step(1, 71, 'When I open "/b"', goto("/b"))]
    assert setup_length(scenario("s", "S", 70, "passed", only_opens)) == 0
    criterion = [step(0, 70, "Given I am signed in", *SIGN_IN), step(1, 70, 'when I open "/b"', goto("/b"))]
    assert setup_length(scenario("s", "S", 70, "passed", criterion)) == 0  # not a Background: its own line


def test_a_failed_background_step_is_never_shared() -> None:
    steps = [step(0, 66, "Given I am signed in", *SIGN_IN, status="failed"), step(1, 67, "And open", goto("/t"))]
    assert setup_length(scenario("s", "S", 70, "app_defect", steps)) == 0
