"""Replays of a verified scenario in fresh contexts: the sensitivity proof (every passing check
must fail when the action that should cause it is skipped) and saved states (the cookies and
storage a setup leaves, proven to give the same test when a replay or a test starts from them).

Functions of a `ScenarioVerifier` (its session, app, locale, timeouts, [app] reset and the
states it has proven); `execute` runs one resolved operation, for the live run as for replays.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from specwalk.browser.driver import Driver, Outcome
from specwalk.models.report import Operation, Sensitivity, StepResult
from specwalk.verify import before
from specwalk.verify.steps import field_setter

if TYPE_CHECKING:
    from specwalk.verify.engine import ScenarioVerifier

# Operations that change the app's state, and so can cause what a later check sees.
_CAUSAL = frozenset({"act", "press_key", "reload", "go_back", "go_forward", "goto", "clear_storage", "dialog"})
# A check expected to fail in a replay need not wait long: the replayed page has settled.
_SENSITIVITY_TIMEOUT_MS = 750
# The live run proved each action's target appears; in a replay, a target after the skipped step
# still missing after this long is missing because of the skip, and waiting the full action
# timeout for it only slows generation.
_REPLAY_ACT_TIMEOUT_MS = 2_000


def _causal(step: StepResult) -> bool:
    return any(operation.op in _CAUSAL for operation in step.operations)


def _reset(verifier: ScenarioVerifier) -> None:
    if verifier.reset is not None:
        verifier.reset()


@contextmanager
def _page(verifier: ScenarioVerifier, storage_state: Path | None = None) -> Iterator[Driver]:
    """A fresh context on the verifier's app, optionally starting from a saved state."""
    with verifier.session.page(
        verifier.base_url, timeout_ms=verifier.timeout_ms, locale=verifier.locale, storage_state=storage_state
    ) as driver:
        yield driver


def sensitivity(
    verifier: ScenarioVerifier, steps: Sequence[StepResult], first_own: int, *, max_tries: int = 3
) -> list[StepResult]:
    """Each passing check must fail when an action that should cause it is skipped.

    Candidates, nearest first: the actions since the previous check, then the scenario's earlier
    actions (never its preconditions: skipping a sign-in breaks everything and proves nothing).
    Checks that share a candidate are settled by one replay that skips it; replays run the
    actions and only the checks being tested, so an intermediate check cannot fail in their place.
    """
    candidates: dict[int, list[int]] = {}
    previous_check = -1
    for position, step in enumerate(steps):
        if not any(operation.op == "check" for operation in step.operations):
            continue
        block = [p for p in range(max(previous_check + 1, first_own), position) if _causal(steps[p])]
        earlier = [p for p in range(first_own, previous_check + 1) if _causal(steps[p])]
        previous_check = position
        if step.status == "passed":
            candidates[position] = [*reversed(block), *reversed(earlier)][:max_tries]

    verdicts: dict[int, Sensitivity] = {p: "not_checked" for p, tries in candidates.items() if not tries}
    pending = {p: tries for p, tries in candidates.items() if tries}
    # Replays never skip a precondition: one that signs in can run once, and every replay start
    # from the storage it saved (when that is proven to give the same test). Not with a reset:
    # it may remove what the precondition created (the user who signed up).
    start = _replay_start(verifier, steps, first_own) if pending and verifier.reset is None else None
    for round_number in range(max_tries):
        groups: dict[int, list[int]] = {}
        for position, tries in pending.items():
            if round_number < len(tries):
                groups.setdefault(tries[round_number], []).append(position)
        for skipped, positions in sorted(groups.items()):
            for position in _failing_without(verifier, steps, skipped, set(positions), start):
                verdicts[position] = "sensitive"
        pending = {p: tries for p, tries in pending.items() if p not in verdicts}
    for position in pending:
        # "the field should still contain X": what it observes was set by a precondition.
        setter = field_setter(steps, position, first_own)
        if setter is not None and position in _failing_without(verifier, steps, setter, {position}):
            verdicts[position] = "sensitive"
    pending = {p: tries for p, tries in pending.items() if p not in verdicts}
    for position in pending:
        verdicts[position] = "weak"
    return [
        step.model_copy(update={"sensitivity": verdicts[position]}) if position in verdicts else step
        for position, step in enumerate(steps)
    ]


def _replay_start(verifier: ScenarioVerifier, steps: Sequence[StepResult], first_own: int) -> tuple[int, Path] | None:
    """Where replays may begin, and the saved state they begin from; None: from the start.

    The preconditions up to a navigation (their own, or the scenario's first step) that act
    on the app: signing in, filling a cart.
    """
    cut = prefix_cut(steps, first_own)
    if not cut:
        return None
    prefix = [op for step in steps[:cut] for op in step.operations]
    rest = [op for step in steps[cut:] for op in step.operations]
    state = state_after(verifier, prefix, rest)
    return (cut, state) if state is not None else None


def state_after(verifier: ScenarioVerifier, prefix: Sequence[Operation], rest: Sequence[Operation]) -> Path | None:
    """The cookies and storage `prefix` leaves, if starting `rest` from them passes as it did live.

    Proven once per distinct prefix (the first scenario that needs it) and remembered: an app
    that keeps the state elsewhere (in memory, in sessionStorage) gets None, and its replays
    and tests keep running the prefix themselves.
    """
    key = "\n".join(operation.model_dump_json() for operation in prefix)
    if key in verifier.states:
        return verifier.states[key]
    if verifier.state_dir is None:
        verifier.state_dir = tempfile.TemporaryDirectory(prefix="specwalk-states-")
    path = Path(verifier.state_dir.name) / f"state-{len(verifier.states)}.json"
    proven: Path | None = None
    _reset(verifier)
    with _page(verifier) as driver:
        if all(execute(driver, operation).ok for operation in prefix):
            driver.save_storage_state(path)
            proven = path
    if proven is not None:
        with _page(verifier, path) as driver:
            if not all(execute(driver, operation).ok for operation in rest):
                proven = None
    verifier.states[key] = proven
    return proven


def _failing_without(
    verifier: ScenarioVerifier,
    steps: Sequence[StepResult],
    skipped: int,
    watched: set[int],
    start: tuple[int, Path] | None = None,
) -> set[int]:
    """Replay `steps` without step `skipped`; which watched check steps fail (or cannot be reached)."""
    failing: set[int] = set()
    last = max(watched)
    begin, state = start if start is not None and start[0] <= skipped else (0, None)
    _reset(verifier)
    with _page(verifier, state) as driver:
        for position, step in enumerate(steps[: last + 1]):
            if position < begin:
                continue  # done once; this context starts from the storage it saved
            if position == skipped:
                for operation in step.operations:
                    if operation.op == "remember":  # the page before the actions is read all the same
                        execute(driver, operation)
                if any(operation.op == "reload" for operation in step.operations) and not any(
                    operation.op == "clear_storage" for operation in step.operations
                ):
                    # A check after a reload is about persistence: reload with the stored state gone.
                    driver.clear_storage()
                    driver.reload()
                continue
            if position in watched:
                driver.wait_for_settle()
                checks = [operation for operation in step.operations if operation.op == "check"]
                if not all(execute(driver, check, check_timeout_ms=_SENSITIVITY_TIMEOUT_MS).ok for check in checks):
                    failing.add(position)
                continue
            # Before the skipped step the replay is the live run again: its targets may arrive
            # as late as they did live (after a data load), so they get the full timeout.
            act_timeout = _REPLAY_ACT_TIMEOUT_MS if position > skipped else None
            for operation in step.operations:
                if operation.op != "check" and not execute(driver, operation, act_timeout_ms=act_timeout).ok:
                    # The scenario cannot go on without the skipped step: what follows depends on it.
                    return failing | {p for p in watched if p > position}
    return failing


def replay(verifier: ScenarioVerifier, operations: Sequence[Operation]) -> bool:
    """Run resolved operations once in a fresh context: True when every one succeeds."""
    _reset(verifier)
    with _page(verifier) as driver:
        return all(execute(driver, operation).ok for operation in operations)


def prefix_cut(steps: Sequence[StepResult], end: int) -> int:
    """How many leading steps (at most up to `end`) can be replaced by the state they leave; 0: none.

    They must end right before a navigation (so what follows opens its own page), act on the app
    (a sign-in, a filled cart), and all have passed.
    """
    first = 1 if steps and steps[0].index == -1 else 0
    for cut in range(min(end, len(steps) - 1), first, -1):
        if steps[cut].operations and steps[cut].operations[0].op == "goto":
            shared = steps[:cut]
            passed = all(step.status == "passed" and step.operations for step in shared)
            acts = any(op.op == "act" for step in shared for op in step.operations)
            return cut if passed and acts else 0
    return 0


def execute(
    driver: Driver,
    operation: Operation,
    *,
    check_timeout_ms: float | None = None,
    act_timeout_ms: float | None = None,
) -> Outcome:
    if operation.op == "remember":
        return before.remember(driver, operation)
    if operation.op == "check" and operation.name == "count" and operation.key:
        expected = before.expected_count(driver, operation)
        if expected is None:
            return Outcome(False, f"no count was kept as '{operation.key}' before the actions")
        operation = operation.model_copy(update={"value": str(expected), "key": None})
    if operation.op == "goto":
        return driver.goto(operation.value or "/")
    if operation.op == "reload":
        return driver.reload()
    if operation.op == "go_back":
        return driver.go_back()
    if operation.op == "go_forward":
        return driver.go_forward()
    if operation.op == "press_key":
        return driver.act("press", None, operation.value)
    if operation.op == "clear_storage":
        return driver.clear_storage()
    if operation.op == "dialog":
        return driver.answer_next_dialog(operation.name != "dismiss", operation.value)
    if operation.op == "act":
        return driver.act(
            operation.name, operation.locator, operation.value, timeout_ms=act_timeout_ms, to=operation.to
        )
    return driver.check(
        operation.name,
        operation.locator,
        operation.value,
        negated=operation.negated,
        timeout_ms=check_timeout_ms,
        key=operation.key,
        match=operation.match,
    )
