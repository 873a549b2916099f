"""What a step refers back to: the element an earlier step of the same scenario named.

People do not repeat a test id in every line. "And the "active" class should be removed after
150 milliseconds" is about the piano key the line before gave the class to; "When the user
selects "Centimeters" from the first dropdown" is the dropdown a Given named with its test id.
The antecedent must be unambiguous: exactly one earlier element fits, else the step is grounded
on its own words as usual (and may then be not grounded, never pointed at a guess).
"""

from __future__ import annotations

from collections.abc import Sequence

from specwalk.ground.targets import content_words
from specwalk.models.scenario import ActionStep, ExpectationStep, Step, TargetRef

# Checks of a property of one element: without a target, they are about the element an earlier
# check of the same property (same class, state or attribute) was about.
_PROPERTY_CHECKS = frozenset({"has_class", "state", "attribute"})


def _phrase(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def named_before(steps: Sequence[Step], step: ActionStep | ExpectationStep) -> tuple[TargetRef, str] | None:
    """The one exact reference an earlier step gave a phrase meaning the same element, and that phrase.

    "the cart display" after "drops it into the cart container with data-testid 'drop-area'":
    the earlier phrase holds every word that says which element it is. A phrase of role words
    only ("the first dropdown" -> "dropdown") must be the earlier phrase itself, for the same role.
    """
    words = content_words(step.target or "")
    position = next((i for i, earlier in enumerate(steps) if earlier is step), len(steps))
    found: dict[str, tuple[TargetRef, str]] = {}
    for earlier in steps[:position]:
        if not isinstance(earlier, (ActionStep, ExpectationStep)):
            continue
        named = [(earlier.target, earlier.target_ref, earlier.role)]
        if isinstance(earlier, ActionStep):
            named.append((earlier.destination, earlier.destination_ref, None))
        for phrase, ref, role in named:
            if not phrase or ref is None:
                continue
            if words:
                fits = words <= content_words(phrase)
            else:
                fits = bool(step.target) and _phrase(phrase) == _phrase(step.target) and role == step.role
            if fits:
                found[ref.model_dump_json()] = (ref, phrase)
    return next(iter(found.values())) if len(found) == 1 else None


def _same_property(check: ExpectationStep, earlier: Step) -> bool:
    if not isinstance(earlier, ExpectationStep) or earlier.expectation != check.expectation:
        return False
    if check.expectation == "attribute":
        return (earlier.key or "").lower() == (check.key or "").lower()
    return _phrase(earlier.value).lstrip(".") == _phrase(check.value).lstrip(".")


def _names_element(step: Step) -> bool:
    return isinstance(step, (ActionStep, ExpectationStep)) and (step.target_ref is not None or bool(step.target))


def with_antecedents(steps: Sequence[Step]) -> list[Step]:
    """The steps, a class / state / attribute check that names no element given the target of the
    nearest earlier check of the same property ("should briefly have the "active" class", then
    "the "active" class should be removed"): the same element, seen again later."""
    resolved = list(steps)
    for position, step in enumerate(resolved):
        if (
            not isinstance(step, ExpectationStep)
            or step.expectation not in _PROPERTY_CHECKS
            or _names_element(step)
            or step.role
        ):
            continue
        earlier = next(
            (
                before
                for before in reversed(resolved[:position])
                if _same_property(step, before) and _names_element(before)
            ),
            None,
        )
        if isinstance(earlier, ExpectationStep):
            resolved[position] = step.model_copy(
                update={
                    "target": earlier.target,
                    "target_ref": earlier.target_ref,
                    "described": earlier.described,
                    "nth": earlier.nth,
                    "role": earlier.role,
                    "scope": earlier.scope,
                    "scope_role": earlier.scope_role,
                }
            )
    return resolved
