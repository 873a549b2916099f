"""Captured scenarios turned into chapters of tasks: procedures, "If ..." notes, tables, shared setup.

Language-neutral: it decides what a task is made of; the emitters word it. A task's procedure is
its first captured scenario that is no error (else its first); a scenario with the same steps adds
its results to the procedure; any other becomes a note that says how it differs (other values in
the same steps, another last step, more steps after or before, another page) and what the user
then sees. Preconditions every task of a chapter shares are said once, at the chapter's top, and
preconditions that are another task's whole procedure ("Sign in") refer to that task.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from specwalk.manual.tasks import Group, Unit
from specwalk.models.manual import (
    ManualFeature,
    ManualNote,
    ManualScenario,
    ManualStep,
    ManualTable,
    ManualTask,
    NoteWay,
    Sentence,
)

_INPUTS = frozenset({"fill", "clear", "type"})
Key = tuple[str, str, str, str, str]


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def _kind(sentence: Sentence) -> str:
    return "input" if sentence.kind in _INPUTS else sentence.kind


def shape(sentence: Sentence) -> tuple[str, str, str]:
    """What a step does, without what it types: the kind of action, on which element, where."""
    return (_kind(sentence), _norm(sentence.name), _norm(sentence.scope))


def key(sentence: Sentence) -> Key:
    """What a step does, with what it types (a hidden value counts as one value). Opening a page
    is the same step whatever its heading turned out to be."""
    if sentence.kind == "open":
        return ("open", "", "", sentence.value or "", "")
    return (*shape(sentence), sentence.value or "", sentence.secret or "")


def _actions(scenario: ManualScenario) -> list[ManualStep]:
    return [step for step in scenario.steps if step.sentence.kind != "wait"]


def _same_steps(one: ManualScenario, other: ManualScenario) -> bool:
    return [key(s.sentence) for s in _actions(one)] == [key(s.sentence) for s in _actions(other)] and [
        key(s) for s in one.before
    ] == [key(s) for s in other.before]


def _union(first: Sequence[Sentence], second: Sequence[Sentence]) -> tuple[Sentence, ...]:
    return (*first, *(sentence for sentence in second if sentence not in first))


def _merge(procedure: ManualScenario, other: ManualScenario) -> ManualScenario:
    """The procedure with the results `other` (the same steps, other checks) adds."""
    theirs = _actions(other)
    steps = []
    position = 0
    for step in procedure.steps:
        if step.sentence.kind != "wait" and position < len(theirs):
            step = step.model_copy(update={"results": _union(step.results, theirs[position].results)})
            position += 1
        steps.append(step)
    return procedure.model_copy(update={"steps": tuple(steps), "seen": _union(procedure.seen, other.seen)})


def note_for(procedure: ManualScenario, other: ManualScenario) -> ManualNote:
    """`other` told by how it differs from `procedure`, and what the user then sees."""
    mine, theirs = _actions(procedure), _actions(other)
    way: NoteWay
    start = 0  # where what differs begins, in `theirs`
    if not theirs or all(step.sentence.kind == "open" for step in theirs):
        way, condition = "open", [step.sentence for step in theirs]
    elif [shape(s.sentence) for s in mine] == [shape(s.sentence) for s in theirs]:
        changed = [p for p, (a, b) in enumerate(zip(mine, theirs, strict=True)) if key(a.sentence) != key(b.sentence)]
        hidden = [p for p, step in enumerate(theirs) if step.sentence.secret]
        if changed:
            way, start = "values", changed[0]
            condition = [theirs[p].sentence for p in changed]
        elif hidden and [key(s) for s in procedure.before] == [key(s) for s in other.before]:
            # The very same steps: what differs is a value the manual hides ("a different password").
            way, start, condition = "values", hidden[0], [theirs[p].sentence for p in hidden]
        else:
            # The same steps from another start: what it does first that the procedure does not.
            own = {key(sentence) for sentence in procedure.before}
            way, condition = "first", [sentence for sentence in other.before if key(sentence) not in own]
    else:
        common = 0
        while common < min(len(mine), len(theirs)) and shape(mine[common].sentence) == shape(theirs[common].sentence):
            common += 1
        # Steps before the difference that type other values belong to the condition too.
        retyped = [theirs[p].sentence for p in range(common) if key(theirs[p].sentence) != key(mine[p].sentence)]
        if common == len(mine):
            way, start, condition = "then", common, [*retyped, *(s.sentence for s in theirs[common:])]
        elif common:
            way, start, condition = "instead", common, [*retyped, *(s.sentence for s in theirs[common:])]
        elif [shape(s.sentence) for s in theirs[len(theirs) - len(mine) :]] == [shape(s.sentence) for s in mine]:
            way, condition = "first", [s.sentence for s in theirs[: len(theirs) - len(mine)]]
        else:
            way, condition = "other", [s.sentence for s in theirs]
    positions = [p for p, step in enumerate(theirs) if step.sentence in condition]
    if positions:
        start = min(start, positions[0])
    results: list[tuple[Sentence | None, tuple[Sentence, ...]]] = []
    if way == "open" and other.seen:
        results.append((None, other.seen))
    for position, step in enumerate(theirs):
        if position < start or not step.results:
            continue
        # The first results, and those of the condition's own steps, follow the condition itself.
        after = None if not results or step.sentence in condition else step.sentence
        results.append((after, step.results))
    return ManualNote(scenario=other, way=way, condition=tuple(condition), results=tuple(results))


def _varying(rows: Sequence[ManualScenario]) -> set[str]:
    values: dict[str, set[str]] = {}
    for row in rows:
        for column, value in row.example:
            values.setdefault(column, set()).add(value)
    return {column for column, seen in values.items() if len(seen) > 1}


def table_of(rows: Sequence[ManualScenario]) -> ManualTable:
    """An outline's rows as a table; columns typed into hidden fields keep no value."""
    columns = tuple(column for column, _value in rows[0].example)
    secret = tuple(
        column
        for column in columns
        if any(
            sentence.column == column and sentence.secret
            for row in rows
            for sentence in (*row.before, *(step.sentence for step in row.steps))
        )
    )
    table_rows = tuple(
        tuple("" if column in secret else dict(row.example).get(column, "") for column in columns) for row in rows
    )
    return ManualTable(
        columns=columns, rows=table_rows, secret=secret, scenario_ids=tuple(row.scenario_id for row in rows)
    )


def _columns_that_vary(procedure: ManualScenario, varying: set[str]) -> ManualScenario:
    """A sentence keeps its column only when the rows differ there; else it says the value."""

    def keep(sentence: Sentence) -> Sentence:
        return sentence if sentence.column in varying else sentence.model_copy(update={"column": None})

    steps = tuple(
        step.model_copy(update={"sentence": keep(step.sentence), "results": tuple(keep(r) for r in step.results)})
        for step in procedure.steps
    )
    return procedure.model_copy(update={"steps": steps, "seen": tuple(keep(s) for s in procedure.seen)})


def task_of(group: Group, captured: Mapping[str, ManualScenario], anchor: str) -> ManualTask | None:
    """The task of `group` from its scenarios that were captured; None when none was."""
    present: list[tuple[Unit, list[ManualScenario]]] = []
    for unit in group.units:
        rows = [captured[identifier] for identifier in unit.ids if identifier in captured]
        if rows:
            present.append((unit, rows))
    if not present:
        return None
    main = next((position for position, (unit, _rows) in enumerate(present) if not unit.error), 0)
    unit, rows = present[main]
    table = table_of(rows) if unit.outline else None
    procedure = _columns_that_vary(rows[0], _varying(rows)) if table else rows[0]
    merged: list[str] = []
    notes: list[ManualNote] = []
    for position, (other_unit, other_rows) in enumerate(present):
        if position == main:
            continue
        other = other_rows[0]
        # An error case whose steps read the same because a hidden value (a password) differs is
        # a note, not merged: the procedure would show both outcomes.
        hides = other_unit.error != unit.error and any(step.sentence.secret for step in other.steps)
        if not other_unit.outline and not hides and _same_steps(procedure, other):
            procedure = _merge(procedure, other)
            merged.append(other.scenario_id)
            continue
        if other_unit.outline:
            notes.append(ManualNote(scenario=other, way="values", table=table_of(other_rows)))
        else:
            notes.append(note_for(procedure, other))
    return ManualTask(anchor=anchor, procedure=procedure, merged=tuple(merged), table=table, notes=tuple(notes))


def _with_before(task: ManualTask, before: tuple[Sentence, ...]) -> ManualTask:
    return task.model_copy(update={"procedure": task.procedure.model_copy(update={"before": before})})


def refer_to_tasks(tasks: Sequence[ManualTask]) -> list[ManualTask]:
    """Preconditions that are another task's whole procedure ("Sign in") become a reference to it."""
    sequences: list[tuple[str, list[Key]]] = []
    for task in tasks:
        whole = [*task.procedure.before, *(step.sentence for step in _actions(task.procedure))]
        # A task that only opens a page is no goal worth a link; "Open /tasks" says it better.
        if len(whole) >= 2 and any(step.sentence.kind != "open" for step in _actions(task.procedure)):
            sequences.append((task.anchor, [key(sentence) for sentence in whole]))
    sequences.sort(key=lambda item: -len(item[1]))
    changed = []
    for task in tasks:
        before = list(task.procedure.before)
        for anchor, sequence in sequences:
            if anchor != task.anchor and [key(s) for s in before[: len(sequence)]] == sequence:
                reference = Sentence(phrase="action", kind="task", task=anchor)
                before = [reference, *before[len(sequence) :]]
                break
        changed.append(_with_before(task, tuple(before)))
    return changed


def shared_before(tasks: Sequence[ManualTask]) -> tuple[tuple[Sentence, ...], list[ManualTask]]:
    """The preconditions all `tasks` start with, said once; the tasks keep the rest."""
    if not tasks:
        return (), []
    befores = [task.procedure.before for task in tasks]
    common = 0
    while all(len(before) > common for before in befores) and len({key(b[common]) for b in befores}) == 1:
        common += 1
    rest = [_with_before(task, task.procedure.before[common:]) for task in tasks]
    return befores[0][:common], rest


def chapters(
    groups: Sequence[Group],
    captured: Mapping[str, ManualScenario],
    *,
    slugs: Mapping[str, str],
    stories: Mapping[str, str | None],
) -> tuple[ManualFeature, ...]:
    """The manual's chapters, in the requirements' order, each with its tasks."""
    by_feature: dict[str, list[ManualTask]] = {feature: [] for feature in slugs}
    for group in groups:
        tasks = by_feature.setdefault(group.feature, [])
        task = task_of(group, captured, f"{slugs[group.feature]}-{len(tasks) + 1}")
        if task is not None:
            tasks.append(task)
    everything = refer_to_tasks([task for tasks in by_feature.values() for task in tasks])
    referred = {task.anchor: task for task in everything}
    features = []
    for feature, tasks in by_feature.items():
        if not tasks:
            continue
        before, rest = shared_before([referred[task.anchor] for task in tasks])
        features.append(
            ManualFeature(
                slug=slugs[feature], name=feature, user_story=stories.get(feature), before=before, tasks=tuple(rest)
            )
        )
    return tuple(features)
