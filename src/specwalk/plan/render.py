"""The plan as an indented, readable tree (plain text lines; the CLI decides how to print)."""

from __future__ import annotations

from specwalk.models.scenario import ActionStep, ExpectationStep, Plan, Step

_ACTION_VERBS = {
    "double_click": "double-click",
    "go_back": "go back",
    "go_forward": "go forward",
}


def _quote(text: str | None) -> str:
    return f'"{text}"' if text is not None else ""


def _where(step: Step) -> str:
    parts = []
    if step.role:
        parts.append(step.role)
    if step.nth is not None:
        parts.append({0: "first", -1: "last"}.get(step.nth, f"#{step.nth + 1}"))
    if step.target is not None:
        parts.append(("~" if step.described else "") + _quote(step.target))
    if step.target_ref is not None:
        parts.append(f"[{step.target_ref.by}={step.target_ref.value}]")
    if step.scope is not None or step.scope_role is not None:
        scope = " ".join(part for part in (step.scope_role, _quote(step.scope)) if part)
        parts.append(f"in {scope}")
    return " ".join(parts)


def describe(step: Step) -> str:
    """One short line per step, e.g. `fill textbox "New task" with "Buy milk"`."""
    if isinstance(step, ActionStep):
        verb = _ACTION_VERBS.get(step.action, step.action)
        pieces = [verb, _where(step)]
        if step.action == "fill" or step.action == "type":
            pieces.append(f"with {_quote(step.value)}" if step.target else _quote(step.value))
        elif step.action == "select":
            pieces.append(f"option {_quote(step.value)}")
        elif step.action == "press":
            pieces.append(step.key or "")
        elif step.action in ("open", "upload", "wait") and step.value is not None:
            pieces.append(step.value + (" s" if step.action == "wait" and step.target is None else ""))
        if step.count:
            pieces.append(f"×{step.count}")
        if step.destination is not None or step.destination_ref is not None:
            onto = _quote(step.destination) if step.destination is not None else ""
            if step.destination_ref is not None:
                onto += f"[{step.destination_ref.by}={step.destination_ref.value}]"
            pieces.append(f"onto {onto}")
        return " ".join(piece for piece in pieces if piece)
    if isinstance(step, ExpectationStep):
        pieces = ["expect", "not" if step.negated else "", step.expectation.replace("_", " "), _where(step)]
        if step.values:
            pieces.append(", ".join(_quote(value) for value in step.values))
        elif step.value is not None:
            pieces.append(_quote(step.value))
        if step.count is not None:
            pieces.append(str(step.count))
        if step.position:
            pieces.append(f"({step.position})")
        if step.match:
            pieces.append(f"({step.match.replace('_', ' ')})")
        if step.key:
            pieces.append(f"[{step.key}]")
        return " ".join(piece for piece in pieces if piece)
    values = ", ".join(_quote(value) for value in step.values)
    return f"state: {step.state}" + (f" [{values}]" if values else "")


def _learned(step: Step) -> str:
    return f"  (as in: {step.learned_from})" if step.learned_from else ""


def render_tree(plan: Plan) -> list[str]:
    lines: list[str] = []
    unplanned_by_requirement: dict[str | None, list[str]] = {}
    for entry in plan.unplanned:
        unplanned_by_requirement.setdefault(entry.requirement_id, []).append(f"line {entry.source.line}")
    feature: tuple[str, str] | None = None
    for requirement in plan.requirements:
        if feature != (requirement.source.file, requirement.feature):
            if feature is None or feature[0] != requirement.source.file:
                lines.append(requirement.source.file)
            feature = (requirement.source.file, requirement.feature)
            lines.append(f"  {requirement.feature or '(untitled)'}")
        mark = "✓" if requirement.scenarios and all(s.complete for s in requirement.scenarios) else "✗"
        lines.append(f"    {mark} {requirement.title}  [{requirement.id}, line {requirement.source.line}]")
        if not requirement.scenarios:
            lines.append("        needs attention: " + ", ".join(unplanned_by_requirement.get(requirement.id, [])))
        for scenario in requirement.scenarios:
            indent = "        "
            if len(requirement.scenarios) > 1 or scenario.name != requirement.title:
                lines.append(f"      - {scenario.name}" + ("" if scenario.complete else "  (incomplete)"))
            elif not scenario.complete:
                lines.append("      (incomplete)")
            for step in scenario.preconditions:
                lines.append(f"{indent}given {describe(step)}{_learned(step)}")
            for step in scenario.steps:
                lines.append(f"{indent}{describe(step)}{_learned(step)}")
    return lines
