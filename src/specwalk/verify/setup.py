"""Shared setups: a Background that builds state runs once, and its tests start from what it saved.

"Background: Given I am signed in as "admin" / And I am on the "/tasks" page" signs in before
every scenario of the feature. In the emitted suite the sign-in runs once in a Playwright setup
project that saves the cookies and storage; each test starts from that state and opens its page.
That is only the same test when the app keeps the state in cookies or storage, so it is proven
here: the setup runs, its state is saved, and one of the tests is replayed from the saved state.
When that fails the steps stay in every test, as verified.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from specwalk.models.report import Operation, ScenarioResult, SharedSetup, StepResult
from specwalk.verify.engine import ScenarioVerifier
from specwalk.verify.replays import prefix_cut

_SHARES = frozenset({"passed", "weak", "flaky", "app_defect"})
_PROVES = frozenset({"passed", "weak"})


@dataclass(frozen=True)
class SetupSharing:
    scenarios: list[ScenarioResult]
    setups: list[SharedSetup]
    refused: list[str]  # one line per candidate setup that did not replay from its saved state


def setup_length(scenario: ScenarioResult) -> int:
    """How many leading steps could run once as a shared setup (0: none).

    The Background's steps up to a navigation (its own, or the scenario's first step), so every
    test still begins by opening its page (`prefix_cut`).
    """
    steps = scenario.steps
    end = 1 if steps and steps[0].index == -1 else 0
    while end < len(steps) and _in_background(steps[end], scenario):
        end += 1
    return prefix_cut(steps, end)


def _in_background(step: StepResult, scenario: ScenarioResult) -> bool:
    # Background lines come before the scenario's own line in the same file; a reusable step's
    # lines count where it is used, not where it is defined.
    origin = step.expanded_from or step.source
    return step.index >= 0 and origin.file == scenario.source.file and origin.line < scenario.source.line


def _operations(steps: Sequence[StepResult]) -> list[Operation]:
    return [op for step in steps for op in step.operations]


def _slug(feature: str, used: set[str]) -> str:
    base = re.sub(r"[^\w]+", "-", feature.lower(), flags=re.UNICODE).strip("-_") or "setup"
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    used.add(slug)
    return slug


def share_setups(scenarios: Sequence[ScenarioResult], verifier: ScenarioVerifier) -> SetupSharing:
    """Group tests by an identical shareable setup; keep the groups that replay from saved state."""
    groups: dict[str, list[tuple[int, int]]] = {}  # key -> [(scenario position, setup length)]
    for position, scenario in enumerate(scenarios):
        if scenario.status not in _SHARES:
            continue
        length = setup_length(scenario)
        if length:
            key = (
                scenario.feature + "\n" + "\n".join(op.model_dump_json() for op in _operations(scenario.steps[:length]))
            )
            groups.setdefault(key, []).append((position, length))
    result = list(scenarios)
    setups: list[SharedSetup] = []
    refused: list[str] = []
    used: set[str] = set()
    for members in groups.values():
        if len(members) < 2:
            continue  # nothing to share
        first_position, length = members[0]
        first = scenarios[first_position]
        provers = [(scenarios[p], n) for p, n in members if scenarios[p].status in _PROVES]
        if not provers:
            continue
        # The shortest test is the cheapest proof; any one shows whether the state survives saving.
        proof = min(provers, key=lambda pair: (len(_operations(pair[0].steps)), pair[0].scenario_id))
        shared_steps = first.steps[:length]
        proof_rest = _operations(proof[0].steps[proof[1] :])
        if verifier.state_after(_operations(shared_steps), proof_rest) is None:
            refused.append(
                f"{first.feature}: the tests do not pass from the state the setup saves (it is not kept in cookies"
                " or storage), so its steps stay in every test"
            )
            continue
        setup_id = _slug(first.feature, used)
        real = [step for step in shared_steps if step.index >= 0]
        setups.append(
            SharedSetup(
                id=setup_id,
                feature=first.feature,
                source=real[0].expanded_from or real[0].source,
                texts=[step.text for step in real],
                operations=_operations(shared_steps),
            )
        )
        for position, shared_length in members:
            scenario = result[position]
            steps = [
                step.model_copy(update={"in_setup": True}) if number < shared_length else step
                for number, step in enumerate(scenario.steps)
            ]
            result[position] = scenario.model_copy(update={"setup": setup_id, "steps": steps})
    return SetupSharing(result, setups, refused)
