"""Exact references -> locators and UI-map elements; state words -> the check that shows them;
what an app's source writes (classes, test ids set by scripts); dialog answers before their action."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.emit.locators import to_python, to_typescript
from specwalk.ground.refs import ref_elements, ref_locator
from specwalk.ground.states import OPPOSITES, STATE_WORDS, choose_state_check
from specwalk.ground.targets import content_words, role_noun
from specwalk.index.source_scan import class_names, class_names_in_binding, dialog_call, written_values
from specwalk.models.locator import Locator, LocatorPart
from specwalk.models.report import Evidence, Operation, StepResult
from specwalk.models.scenario import ActionStep, ExpectationStep, SourceRef, TargetRef
from specwalk.models.uimap import AttributeValue, SourceSpan, UIElement
from specwalk.verify.steps import answer_first, field_setter, unmet_assumption


def _ref(by: str, value: str) -> TargetRef:
    return TargetRef(by=by, value=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("by", "value", "typescript", "python"),
    [
        ("testid", "add-note", "page.getByTestId('add-note')", 'page.get_by_test_id("add-note")'),
        ("id", "total", "page.locator('#total')", 'page.locator("#total")'),
        ("id", "#total", "page.locator('#total')", 'page.locator("#total")'),
        ("id", "row:1", "page.locator('[id=\"row:1\"]')", 'page.locator("[id=\\"row:1\\"]")'),
        ("class", "todo completed", "page.locator('.todo.completed')", 'page.locator(".todo.completed")'),
        ("class", "w-1/2", "page.locator('[class~=\"w-1/2\"]')", 'page.locator("[class~=\\"w-1/2\\"]")'),
        ("name", "email", "page.locator('[name=\"email\"]')", 'page.locator("[name=\\"email\\"]")'),
        ("css", "ul > li.done", "page.locator('ul > li.done')", 'page.locator("ul > li.done")'),
        ("text", "Buy milk", "page.getByText('Buy milk', { exact: true })", 'page.get_by_text("Buy milk", exact=True)'),
    ],
)
def test_a_reference_is_an_exact_locator(by: str, value: str, typescript: str, python: str) -> None:
    locator = ref_locator(_ref(by, value))
    assert to_typescript(locator) == typescript
    assert to_python(locator) == python


def test_ordinals_render_first_nth_and_last() -> None:
    ref = _ref("testid", "seat")
    assert to_typescript(ref_locator(ref, nth=0)) == "page.getByTestId('seat').first()"
    assert to_typescript(ref_locator(ref, nth=2)) == "page.getByTestId('seat').nth(2)"
    assert to_typescript(ref_locator(ref, nth=-1)) == "page.getByTestId('seat').last()"
    assert to_python(ref_locator(ref, nth=-1)) == 'page.get_by_test_id("seat").last'


def _element(line: int, **attributes: str) -> UIElement:
    return UIElement(
        id=f"index.html:{line}:1",
        location=SourceSpan(file="index.html", line=line, column=1),
        component=None,
        tag="li",
        native_tag="li",
        role="listitem",
        attributes={
            name: AttributeValue(name=name, literal="${" not in value and "?" not in value, value=value)
            if "${" not in value and "?" not in value
            else AttributeValue(name=name, literal=False, expression=value)
            for name, value in attributes.items()
        },
    )


ELEMENTS = [
    _element(1, **{"data-testid": "add-note", "id": "add"}),
    _element(2, **{"data-testid": "`note-${note.id}`", "class": "done ? 'note done' : 'note'"}),
    _element(3, **{"name": "email", "class": "field wide"}),
]


@pytest.mark.parametrize(
    ("by", "value", "lines"),
    [
        ("testid", "add-note", [1]),
        ("testid", "note-42", [2]),  # a template's computed part matches any value
        ("testid", "note", []),
        ("id", "#add", [1]),
        ("name", "email", [3]),
        ("class", "done", [2]),  # a class the binding can give
        ("class", "field wide", [3]),
        ("class", "narrow", []),
    ],
)
def test_a_reference_finds_the_ui_map_element_that_writes_it(by: str, value: str, lines: list[int]) -> None:
    assert [e.location.line for e in ref_elements(_ref(by, value), ELEMENTS)] == lines


@pytest.mark.parametrize("word", sorted(STATE_WORDS))
def test_every_state_word_is_shown_by_its_own_class_first(word: str) -> None:
    classes, attributes = STATE_WORDS[word]
    chosen = choose_state_check(
        word,
        tag="div",
        input_type="",
        own_classes=frozenset(),
        live_classes=frozenset(),
        live_attributes={},
        map_attributes=frozenset(),
        source_classes={classes[0]: "style.css:3"},
        negated=False,
    )
    assert chosen is not None and (chosen.name, chosen.value) == ("class", classes[0])
    assert "style.css:3" in chosen.why
    if attributes:  # an element carrying the aria attribute is read through it before a global class
        by_aria = choose_state_check(
            word,
            tag="div",
            input_type="",
            own_classes=frozenset(),
            live_classes=frozenset(),
            live_attributes={attributes[0]: "false"},
            map_attributes=frozenset(),
            source_classes={classes[0]: "style.css:3"},
            negated=False,
        )
        assert by_aria is not None and (by_aria.name, by_aria.key) == ("attribute", attributes[0])


def _choose(word: str, **facts: object) -> tuple[str, str | None, str | None] | None:
    base: dict[str, object] = {
        "tag": "div",
        "input_type": "",
        "own_classes": frozenset(),
        "live_classes": frozenset(),
        "live_attributes": {},
        "map_attributes": frozenset(),
        "source_classes": {},
        "negated": False,
    }
    chosen = choose_state_check(word, **{**base, **facts})  # type: ignore[arg-type]
    return (chosen.name, chosen.value, chosen.key) if chosen else None


def test_native_states_come_first_and_unknown_states_are_not_guessed() -> None:
    assert _choose("completed", tag="input", input_type="checkbox") == ("checked", None, None)
    assert _choose("selected", tag="option") == ("selected", None, None)
    assert _choose("disabled", tag="button") == ("disabled", None, None)
    # The element's own binding names the class: it wins over a class used elsewhere.
    assert _choose("completed", own_classes=frozenset({"done"}), source_classes={"completed": "a.css:1"}) == (
        "class",
        "done",
        None,
    )
    # A positive state already shown picks among the known classes; a negated one takes the first.
    known = {"selected": "a.css:1", "active": "a.css:2"}
    assert _choose("selected", live_classes=frozenset({"active"}), source_classes=known) == ("class", "active", None)
    assert _choose("selected", live_classes=frozenset({"active"}), source_classes=known, negated=True) == (
        "class",
        "selected",
        None,
    )
    # A word nobody wrote as a class, on an element with no aria state: no check, not a guess.
    assert _choose("available", source_classes=known) is None
    assert _choose("occupied", source_classes={"occupied": "index.html:29"}) == ("class", "occupied", None)


@pytest.mark.parametrize("word", sorted(OPPOSITES))
def test_a_state_that_is_the_absence_of_another_is_that_one_inverted(word: str) -> None:
    opposite = OPPOSITES[word][0]
    shown = STATE_WORDS.get(opposite, ((opposite,), ()))[0][0]
    chosen = choose_state_check(
        word,
        tag="div",
        input_type="",
        own_classes=frozenset(),
        live_classes=frozenset(),
        live_attributes={},
        map_attributes=frozenset(),
        source_classes={shown: "style.css:9"},
        negated=False,
    )
    assert chosen is not None and (chosen.name, chosen.value, chosen.inverted) == ("class", shown, True)
    assert f"'{word}' is not '{opposite}'" in chosen.why
    # the word's own class, when the app writes one, is the word itself
    own = _choose(word, source_classes={shown: "style.css:9", word: "style.css:2"}) if " " not in word else None
    assert own in (None, ("class", word, None))


def test_available_is_not_occupied_where_the_app_marks_seats_occupied() -> None:
    seats = {"occupied": "index.html:29", "selected": "index.html:25"}
    assert _choose("available", source_classes=seats) == ("class", "occupied", None)
    chosen = choose_state_check(
        "available",
        tag="div",
        input_type="",
        own_classes=frozenset({"seat"}),
        live_classes=frozenset({"seat"}),
        live_attributes={},
        map_attributes=frozenset(),
        source_classes=seats,
        negated=True,  # "should not be available": it is occupied
    )
    assert chosen is not None and chosen.inverted
    # an enabled button is a native state, inverted: not disabled
    enabled = choose_state_check(
        "enabled",
        tag="button",
        input_type="",
        own_classes=frozenset(),
        live_classes=frozenset(),
        live_attributes={},
        map_attributes=frozenset(),
        source_classes={},
        negated=False,
    )
    assert enabled is not None and (enabled.name, enabled.inverted) == ("disabled", True)


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("the textarea", ("textbox", "textarea")),
        ("comment box", ("textbox", "")),
        ("the bill amount field", ("textbox", "")),
        ("the Loan Term slider", ("slider", "")),
        ("the voice dropdown", ("combobox", "select")),
        ("备注多行文本框", ("textbox", "textarea")),
        ("the delete button", ("button", "")),
        ("the summary", None),
    ],
)
def test_a_described_targets_noun_gives_its_role(phrase: str, role: tuple[str, str] | None) -> None:
    assert role_noun(phrase) == role


def test_the_source_scan_finds_classes_and_test_ids_scripts_write(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<ul class="todos" data-testid="todo-list"></ul>\n<style>.todos li.completed { color: grey }</style>\n',
        encoding="utf-8",
    )
    (tmp_path / "app.js").write_text(
        "const t = 'nav.tasks'; // an i18n key, not a selector\n"
        "li.classList.toggle('done');\n"
        "li.setAttribute('data-testid', `todo-${id}`);\n"
        "span.dataset.testid = 'count-' + n;\n"
        "document.querySelectorAll('.todo-item.is-open');\n",
        encoding="utf-8",
    )
    (tmp_path / "e2e-generated").mkdir()  # a suite specwalk wrote is not the app
    (tmp_path / "e2e-generated" / "t.spec.ts").write_text("// Generated by specwalk\n.ghost {}", encoding="utf-8")
    names = class_names(tmp_path)
    assert {"todos", "completed", "done", "todo-item", "is-open"} <= set(names)
    assert "tasks" not in names and "ghost" not in names
    assert names["done"] == "app.js:2"
    written = {pattern.pattern: where for pattern, where in written_values(tmp_path, "data-testid")}
    assert written == {"^todo\\-list$": "index.html:1", "^todo\\-.+$": "app.js:3", "^count\\-.+$": "app.js:4"}
    assert class_names_in_binding("done ? 'todo completed' : 'todo'") == {"todo", "completed"}
    assert class_names_in_binding("{ completed: done, 'is-active': on }") == {"completed", "is-active"}
    assert class_names_in_binding("card wide") == {"card", "wide"}


@pytest.mark.parametrize(
    ("script", "where"),
    [
        ("if (!name) {\n  alert('Please enter a name');\n}\n", "app.js:2"),
        ("const ok = window.confirm(`Delete?`);\n", "app.js:1"),
        ("let n = prompt ('New name');\n", "app.js:1"),
        ("toast.alert('x'); showAlert('y'); this.confirmed = true;\n", None),  # methods and other names
        (".alert { color: red }\n", None),
    ],
)
def test_where_the_source_opens_a_browser_dialog(tmp_path: Path, script: str, where: str | None) -> None:
    (tmp_path / "app.js").write_text(script, encoding="utf-8")
    assert dialog_call(tmp_path) == where


def _act(action: str, line: int) -> ActionStep:
    return ActionStep(text=action, source=SourceRef(file="r.md", line=line), action=action)  # type: ignore[arg-type]


def test_a_dialog_answer_is_registered_before_the_action_that_opens_the_dialog() -> None:
    steps = [_act("click", 1), _act("dismiss_dialog", 2), _act("fill", 3), _act("accept_dialog", 4), _act("click", 5)]
    assert [s.source.line for s in answer_first(steps, 0)] == [2, 1, 4, 3, 5]
    # never across the preconditions' boundary, never before a navigation
    assert [s.source.line for s in answer_first([_act("click", 1), _act("accept_dialog", 2)], 1)] == [1, 2]
    assert [s.source.line for s in answer_first([_act("open", 1), _act("accept_dialog", 2)], 0)] == [1, 2]


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("the cart display", {"cart"}),
        ("the drop area", {"drop"}),
        ("the Loan Term slider", {"loan", "term"}),
        ("the video's playback speed", {"video", "playback", "speed"}),
        ("the todo item", {"todo"}),
        ("the textarea", set()),
    ],
)
def test_a_descriptions_content_words_leave_out_kinds_and_generic_nouns(phrase: str, words: set[str]) -> None:
    assert content_words(phrase) == words


def test_a_failing_given_about_the_opening_page_is_an_assumption_not_a_defect() -> None:
    given = ExpectationStep(
        text="And the checkbox is already checked",
        source=SourceRef(file="r.md", line=4),
        keyword_type="given",
        expectation="checked",
    )
    failed = StepResult(index=1, text=given.text, source=given.source, status="failed", evidence=Evidence(message="no"))
    opened = StepResult(index=0, text="open", source=given.source, status="passed", operations=[Operation(op="goto")])
    clicked = opened.model_copy(update={"operations": [Operation(op="act", name="click")]})
    assumed = unmet_assumption(given, failed, [opened])
    assert (
        assumed.status == "not_grounded" and "assumes 'And the checkbox is already checked'" in assumed.evidence.message
    )
    # Once the scenario acted on the page, the failure is the app's, as for any check.
    assert unmet_assumption(given, failed, [opened, clicked]).status == "failed"
    then = given.model_copy(update={"keyword_type": "then"})
    assert unmet_assumption(then, failed, [opened]).status == "failed"


def test_a_still_check_is_proven_by_the_precondition_that_set_its_field() -> None:
    task = Locator(parts=(LocatorPart(kind="testid", value="task"),))
    ref = SourceRef(file="r.md", line=1)

    def result(index: int, *operations: Operation) -> StepResult:
        return StepResult(index=index, text="", source=ref, status="passed", operations=list(operations))

    steps = [
        result(-1, Operation(op="goto", value="/")),
        result(0, Operation(op="act", name="fill", locator=task, value="Our Task")),
        result(1, Operation(op="act", name="click", locator=Locator(parts=(LocatorPart(kind="testid", value="add"),)))),
        result(2, Operation(op="check", name="value", locator=task, value="Our Task")),
    ]
    assert field_setter(steps, 3, first_own=2) == 1
    other = steps[3].model_copy(
        update={"operations": [Operation(op="check", name="value", locator=steps[2].operations[0].locator, value="x")]}
    )
    assert field_setter([*steps[:3], other], 3, first_own=2) is None
