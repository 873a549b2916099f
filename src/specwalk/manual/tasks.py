"""Which scenarios of a feature are one user task: read from the plan, before anything runs.

A manual is written as tasks, not as test runs. Scenarios that start with the same action on the
same element ("Username", "Delete task" next to "Book the team offsite"), or that end with the
same specific control on the same page ("Active" on /tasks), are one task; so is a scenario that
only opens a page another task ends on, when it shows an error ("/tasks/999" beside "Edit").
In a task the first scenario that is not an error or an edge case is the procedure; the others
become "If ..." notes under it. An outline (a requirement with Examples rows) is one unit: one
procedure, or one note, plus a table of its rows.

Grouping needs only the plan, so it is known before verifying: the camera then takes a picture
of the outcome (the message) for the scenarios that will be notes, and for no other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from specwalk.ground.routes import match_route
from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, Requirement, Scenario, Step
from specwalk.models.uimap import Route

# A scenario whose name or expected texts say one of these shows an error or an edge case, not
# the task's happy path. One entry per phrase; each has a test (tests/unit/manual/test_tasks.py).
ERROR_PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        r"\binvalid\b",
        r"\breject",
        r"\berrors?\b",
        r"\bfail",
        r"\bwrong\b",
        r"\bincorrect\b",
        r"\bcannot\b",
        r"\bcan't\b",
        r"\bnot allowed\b",
        r"\bdenied\b",
        r"\bmissing\b",
        r"\bempty\b",
        r"\bblank\b",
        r"\brequired\b",
        r"\bcancel",
        r"\bnot found\b",
        r"\btoo (?:long|short|many|few)\b",
        r"\bduplicate",
        r"\balready\b",
        r"\bexpired\b",
        r"\bforbidden\b",
        r"\bunauthori[sz]ed\b",
        r"\bmust\b",
        r"\bdoes not exist\b",
        r"\bno such\b",
        r"\brefuse",
    ),
    "zh": (
        "无效",
        "错误",
        "失败",
        "拒绝",
        "不能",
        "无法",
        "取消",
        "为空",
        "必填",
        "不存在",
        "未找到",
        "已存在",
        "过期",
        "请输入",
        "不正确",
    ),
}
# Controls that finish any form ("Save"): ending with one says nothing about which task it was.
GENERIC_COMMITS: dict[str, tuple[str, ...]] = {
    "en": ("save", "submit", "ok", "apply", "update", "confirm", "done", "continue", "next", "send", "yes"),
    "zh": ("保存", "提交", "确定", "应用", "更新", "确认", "完成", "继续", "下一步", "发送", "是"),
}
_ERROR = re.compile("|".join(f"(?:{phrase})" for phrases in ERROR_PHRASES.values() for phrase in phrases), re.I)
_GENERIC = frozenset(word for words in GENERIC_COMMITS.values() for word in words)
# Actions that move around rather than act on the app.
_MOVING = frozenset({"open", "wait", "reload", "go_back", "go_forward"})
_COMMITS = frozenset({"click", "double_click", "press", "select", "check", "uncheck"})


def shows_error(text: str) -> bool:
    return bool(_ERROR.search(text))


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


@dataclass(frozen=True)
class Unit:
    """A scenario, or an outline's rows: what becomes one procedure or one note."""

    requirement: Requirement
    scenarios: tuple[Scenario, ...]
    error: bool
    first: tuple[str, str] | None  # the first action's element and scope
    commit: tuple[str, str, str] | None  # the page, element and scope of the last specific control
    view: str | None  # the page of a unit that only opens one
    ends: frozenset[str] = field(default_factory=frozenset)  # pages its URL checks expect

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(scenario.id for scenario in self.scenarios)

    @property
    def outline(self) -> bool:
        return any(scenario.example is not None for scenario in self.scenarios)


@dataclass(frozen=True)
class Group:
    """One task: its units in the requirements' order."""

    feature: str
    units: tuple[Unit, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(identifier for unit in self.units for identifier in unit.ids)


def _texts(scenario: Scenario) -> list[str]:
    texts = [scenario.name]
    for step in scenario.steps:
        if isinstance(step, ExpectationStep) and not step.negated:
            texts += [value for value in (step.value, *step.values) if value]
            if step.expectation == "element_visible" and step.target:
                texts.append(step.target)  # the heading "Task not found"
    return texts


def _page(path: str | None, routes: Sequence[Route]) -> str | None:
    if not path or not path.startswith(("/", "#")):
        return None
    return match_route(f"http://app{path if path.startswith('/') else '/' + path}", routes) or path


def unit_of(requirement: Requirement, scenarios: tuple[Scenario, ...], routes: Sequence[Route]) -> Unit:
    scenario = scenarios[0]
    own: list[Step] = list(scenario.steps)
    page: str | None = None
    for step in scenario.preconditions:
        page = _after(step, page, routes)
    first: tuple[str, str] | None = None
    commit: tuple[str, str, str] | None = None
    opened: str | None = None
    ends: set[str] = set()
    acts = False
    for step in own:
        if isinstance(step, ActionStep) and step.action not in _MOVING:
            acts = True
            # A key pressed without a field ("press Enter") names no element: no key of a task.
            element = _norm(step.target or (step.value if step.action == "select" else None))
            if first is None and element:
                first = (element, _norm(step.scope))
            if step.action in _COMMITS and element and element not in _GENERIC:
                commit = (page or "", element, _norm(step.scope))
        if isinstance(step, ActionStep) and step.action == "open":
            opened = _page(step.value, routes)
        if isinstance(step, ExpectationStep) and step.expectation == "url" and not step.negated:
            end = _page(step.value, routes)
            if end:
                ends.add(end)
        page = _after(step, page, routes)
    error = any(shows_error(text) for row in scenarios for text in _texts(row))
    view = None if acts else (opened or page)
    return Unit(requirement, scenarios, error, first, commit, view, frozenset(ends))


def _after(step: Step, page: str | None, routes: Sequence[Route]) -> str | None:
    """The page known after `step`: one it opens or checks, else the one before."""
    if isinstance(step, ActionStep) and step.action == "open" and step.value:
        return _page(step.value, routes) or page
    if isinstance(step, ExpectationStep) and step.expectation == "url" and step.value and not step.negated:
        return _page(step.value, routes) or page
    return page


def units(plan: Plan, routes: Sequence[Route]) -> list[Unit]:
    found: list[Unit] = []
    for requirement in plan.requirements:
        rows = requirement.scenarios
        if len(rows) > 1 and all(row.example is not None for row in rows):
            found.append(unit_of(requirement, rows, routes))
        else:
            found += [unit_of(requirement, (row,), routes) for row in rows]
    return found


def group_plan(plan: Plan, routes: Sequence[Route]) -> list[Group]:
    """The plan's tasks, feature by feature in the requirements' order."""
    groups: list[Group] = []
    by_feature: dict[str, list[Unit]] = {}
    for unit in units(plan, routes):
        by_feature.setdefault(unit.requirement.feature, []).append(unit)
    for feature, members in by_feature.items():
        groups += [Group(feature, tuple(members[i] for i in chosen)) for chosen in _tasks(members)]
    return groups


def _tasks(members: Sequence[Unit]) -> list[list[int]]:
    """Positions of `members` per task, tasks in the order of their first member."""
    owner = list(range(len(members)))

    def root(position: int) -> int:
        while owner[position] != position:
            owner[position] = owner[owner[position]]
            position = owner[position]
        return position

    def join(one: int, other: int) -> None:
        first, second = sorted((root(one), root(other)))
        owner[second] = first

    seen_first: dict[tuple[str, str], int] = {}
    seen_commit: dict[tuple[str, str, str], int] = {}
    for position, unit in enumerate(members):
        if unit.first is not None:
            if unit.first in seen_first:
                join(position, seen_first[unit.first])
            seen_first.setdefault(unit.first, position)
        if unit.commit is not None:
            if unit.commit in seen_commit:
                join(position, seen_commit[unit.commit])
            seen_commit.setdefault(unit.commit, position)
    # An error shown on a page another task ends on ("Task not found" on /tasks/:id) is a note of it.
    for position, unit in enumerate(members):
        if unit.view is None or not unit.error:
            continue
        other = next((p for p, o in enumerate(members) if o.view is None and unit.view in o.ends), None)
        if other is not None:
            join(position, other)
    tasks: dict[int, list[int]] = {}
    for position in range(len(members)):
        tasks.setdefault(root(position), []).append(position)
    return sorted(tasks.values(), key=lambda positions: positions[0])


def outcomes_wanted(groups: Sequence[Group]) -> set[str]:
    """Scenarios whose outcome (a message) is pictured: those that will most likely be notes.

    Every unit of a task but the one expected to be its procedure (the first that is no error);
    of an outline, its first row.
    """
    wanted: set[str] = set()
    for group in groups:
        if len(group.units) < 2:
            continue
        procedure = next((unit for unit in group.units if not unit.error), group.units[0])
        for unit in group.units:
            if unit is not procedure:
                wanted.add(unit.scenarios[0].id)
    return wanted
