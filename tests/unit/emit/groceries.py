"""A run report built by hand for tests/fixtures/pages/driver.html (groceries) and
tests/fixtures/emit/account.html, covering every status the emitters treat differently."""

from __future__ import annotations

from specwalk.models.locator import Locator, LocatorPart, role, single
from specwalk.models.report import (
    Candidate,
    Evidence,
    Operation,
    RequirementRow,
    RunReport,
    ScenarioResult,
    ScenarioStatus,
    SharedSetup,
    StepResult,
)
from specwalk.models.scenario import SourceRef, Unplanned
from specwalk.models.uimap import SourceSpan

REQS = "requirements.md"
NEW_ITEM = single("label", "New item")
ADD = role("button", "Add")
STATUS = role("status")
COUNT = single("css", "#count")
ITEMS = Locator(parts=(LocatorPart(kind="role", role="listitem", value=""),))
DELETE_BREAD = Locator(
    parts=(
        LocatorPart(kind="role", role="listitem", value="", has_text="Bread"),
        LocatorPart(kind="role", role="button", value="Delete"),
    )
)


def ref(line: int) -> SourceRef:
    return SourceRef(file=REQS, line=line)


def goto(path: str) -> Operation:
    return Operation(op="goto", value=path)


def act(name: str, locator: Locator | None, value: str | None = None) -> Operation:
    return Operation(op="act", name=name, locator=locator, value=value)


def check(name: str, locator: Locator | None = None, value: str | None = None, *, negated: bool = False) -> Operation:
    return Operation(op="check", name=name, locator=locator, value=value, negated=negated)


def step(index: int, line: int, text: str, *ops: Operation, **extra: object) -> StepResult:
    fields: dict[str, object] = {"status": "passed", **extra}
    return StepResult(index=index, text=text, source=ref(line), operations=list(ops), **fields)  # type: ignore[arg-type]


def scenario(
    sid: str,
    name: str,
    line: int,
    status: ScenarioStatus,
    steps: list[StepResult],
    *,
    feature: str = "Groceries",
    message: str = "",
    setup: str | None = None,
) -> ScenarioResult:
    slug = "account" if feature == "Account" else "groceries"
    return ScenarioResult(
        scenario_id=f"{slug}/{sid}",
        requirement_id=f"{slug}/{sid}",
        name=name,
        feature=feature,
        source=ref(line),
        status=status,
        steps=steps,
        message=message,
        setup=setup,
    )


def groceries_scenarios() -> list[ScenarioResult]:
    add_evidence = Evidence(
        element_id="driver.html#add",
        source=SourceSpan(file="driver.html", line=8, column=3),
        candidates=[
            Candidate(element_id="driver.html#add", score=100, description='button "Add"', reason="role + name"),
            Candidate(element_id="driver.html#archive", score=240, description='button "Archive"', reason="weaker"),
        ],
        alternatives=[single("text", "Add")],
        rejected_because=["matches 2 elements (also “Added …” status)"],
    )
    return [
        scenario(
            "add-an-item",
            "Add an item",
            10,
            "passed",
            [
                step(0, 11, "Given I open the groceries page", goto("driver.html")),
                step(1, 12, 'When I fill "New item" with "Eggs"', act("fill", NEW_ITEM, "Eggs")),
                step(2, 13, 'And I click "Add"', act("click", ADD), evidence=add_evidence),
                step(
                    3, 14, 'Then I see "Added Eggs"', check("contains", STATUS, "Added Eggs"), sensitivity="sensitive"
                ),
                step(4, 15, 'And the count says "3 items"', check("text", COUNT, "3 items"), sensitivity="sensitive"),
                step(6, 16, "And 3 items are listed", check("count", ITEMS, "3"), check("empty", NEW_ITEM)),
            ],
        ),
        scenario(
            "urgent-item-from-the-market",
            "Urgent item from the market",
            20,
            "passed",
            [
                step(0, 21, "Given I open the groceries page", goto("driver.html")),
                step(
                    1,
                    22,
                    'When I check "Urgent"',
                    act("check", role("checkbox", "Urgent")),
                ),
                step(2, 23, 'Then "Urgent" is checked', check("checked", role("checkbox", "Urgent"))),
                step(3, 24, 'When I select "Market" in "Shop"', act("select", single("label", "Shop"), "Market")),
                step(4, 25, 'Then "Shop" shows "Market"', check("value", single("label", "Shop"), "Market")),
                step(
                    5,
                    26,
                    'When I fill "What to buy?" with "Tea"',
                    act("fill", single("placeholder", "What to buy?"), "Tea"),
                ),
                step(6, 27, "And I press Enter", act("press", single("placeholder", "What to buy?"), "Enter")),
                step(7, 28, 'Then I see "Added Tea (urgent)"', check("text", STATUS, "Added Tea (urgent)")),
            ],
        ),
        scenario(
            "delete-an-item",
            "Delete an item",
            30,
            "weak",
            [
                step(0, 31, "Given I open the groceries page", goto("driver.html")),
                step(
                    1,
                    32,
                    'Then I see the "Groceries" heading',
                    check("visible", role("heading", "Groceries")),
                    sensitivity="weak",
                    evidence=Evidence(message="the heading is there before any action"),
                ),
                step(2, 33, 'When I click "Delete" next to "Bread"', act("click", DELETE_BREAD)),
                step(3, 34, 'Then I do not see "Bread"', check("visible", single("text", "Bread"), negated=True)),
                step(4, 35, "And 1 item is listed", check("count", ITEMS, "1")),
            ],
            message="requirements.md:32: still passes without the action before it",
        ),
        scenario(
            "keys-and-history",
            "Keys, focus and history",
            40,
            "passed",
            [
                step(
                    0,
                    41,
                    "Given I open the groceries page",
                    goto("driver.html"),
                    check("title", None, "Driver fixture"),
                ),
                step(1, 42, 'When I click "New item"', act("click", NEW_ITEM), check("focused", NEW_ITEM)),
                step(2, 43, 'And I type "a"', Operation(op="press_key", value="a"), check("value", NEW_ITEM, "a")),
                step(3, 44, 'And I clear "New item"', act("clear", NEW_ITEM), check("empty", NEW_ITEM)),
                step(4, 45, 'And I hover and double-click "Add"', act("hover", ADD), act("dblclick", ADD)),
                step(
                    5,
                    46,
                    'And I uncheck "Urgent"',
                    act("check", role("checkbox", "Urgent")),
                    act("uncheck", role("checkbox", "Urgent")),
                    check("checked", role("checkbox", "Urgent"), negated=True),
                ),
                step(
                    6,
                    47,
                    "When I open the page again with a version",
                    goto("driver.html?v=2"),
                    check("url", None, "driver.html?v=2"),
                ),
                step(7, 48, "And I go back", Operation(op="go_back"), check("url", None, "driver.html")),
                step(
                    8,
                    49,
                    "And I go forward",
                    Operation(op="go_forward"),
                    check("url", None, "driver.html?v=2"),
                    check("url", None, "account.html", negated=True),
                ),
                step(
                    9,
                    50,
                    "And I reload",
                    Operation(op="reload"),
                    check("hidden", role("button", "Nope")),
                    check("disabled", role("button", "Archive")),
                    check("enabled", ADD),
                    check("title", None, "Elsewhere", negated=True),
                ),
            ],
        ),
        scenario(
            "archive-the-list",
            "Archive the list",
            60,
            "app_defect",
            [
                step(0, 61, "Given I open the groceries page", goto("driver.html")),
                step(
                    1,
                    62,
                    'Then "Archive" is enabled',
                    check("enabled", role("button", "Archive")),
                    status="failed",
                    evidence=Evidence(expected="enabled", actual="disabled", message="Locator expected to be enabled"),
                ),
                step(2, 63, 'When I click "Archive"', status="not_run"),
            ],
            message="the expectation failed while every target resolved",
        ),
        scenario(
            "share-the-list",
            "Share the list",
            70,
            "not_grounded",
            [
                step(0, 71, "Given I open the groceries page", goto("driver.html")),
                step(
                    1,
                    72,
                    'When I click "Share"',
                    status="not_grounded",
                    evidence=Evidence(message='no element is named "Share"'),
                ),
            ],
        ),
        scenario(
            "print-the-list",
            "Print the list",
            80,
            "not_planned",
            [],
            message="some of its lines could not be planned (see unplanned)",
        ),
    ]


SETUP = [
    goto("account.html"),
    act("fill", single("label", "Name"), "Ada"),
    act("click", role("button", "Sign in")),
    check("text", role("status"), "Signed in as Ada"),
]
SIGNED_IN = SharedSetup(
    id="account",
    feature="Account",
    source=ref(87),
    texts=['Given I am signed in as "Ada"'],
    operations=SETUP,
)


def account_scenarios(*, shared: bool = True) -> list[ScenarioResult]:
    """A Background signs in (localStorage); with `shared` the setup project does it once."""
    signed_in = step(0, 87, 'Given I am signed in as "Ada"', *SETUP, in_setup=shared)
    return [
        scenario(
            "signed-in",
            "The account shows who is signed in",
            90,
            "passed",
            [
                signed_in,
                step(1, 91, "Given I open the account page", goto("account.html")),
                step(2, 92, 'Then I see "Signed in as Ada"', check("text", role("status"), "Signed in as Ada")),
            ],
            feature="Account",
            setup="account" if shared else None,
        ),
    ]


def groceries_report(*, shared_setup: bool = True) -> RunReport:
    scenarios = groceries_scenarios() + account_scenarios(shared=shared_setup)
    rows = [
        RequirementRow(
            requirement_id=s.requirement_id,
            title=s.name,
            feature=s.feature,
            source=s.source,
            scenario_ids=[s.scenario_id],
            status=s.status,
        )
        for s in scenarios
    ]
    return RunReport(
        specwalk_version="0.1.0",
        project="groceries",
        requirements_files=[REQS],
        locale="en",
        requirements=list(reversed(rows)),
        scenarios=list(reversed(scenarios)),
        unplanned=[
            Unplanned(
                source=ref(81),
                text="The list can be printed nicely.",
                reason="free prose",
                needs_llm=True,
                requirement_id="groceries/print-the-list",
                scenario_id="groceries/print-the-list",
            ),
        ],
        setups=[SIGNED_IN] if shared_setup else [],
    )
