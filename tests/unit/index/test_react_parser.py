"""React parser + build on a purpose-written fixture: wrappers, i18n, loops, conditions, labels."""

from pathlib import Path

import pytest

from specwalk.index.build import IndexSettings, build_index
from specwalk.index.facts import ParseContext
from specwalk.index.query import UIQuery
from specwalk.index.react import parse_file

FIXTURE = Path(__file__).parents[2] / "fixtures" / "index" / "react" / "wrapper"


@pytest.fixture(scope="module")
def uimap(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    settings = IndexSettings(
        root=FIXTURE, source_roots=("src",), framework="react", locales=("en", "zh"), output_dir=out, workers=1
    )
    return build_index(settings).uimap


def _first(uimap, element_id):
    element = next(e for e in uimap.elements if e.id == element_id)
    return element, element.locators[0]


def test_elements_and_first_locators(uimap):
    summary = [(e.id, e.role, e.locators[0].playwright) for e in uimap.elements]
    assert summary == [
        ("src/Form.tsx:12:5", "form", "locator('form')"),
        ("src/Form.tsx:13:7", "textbox", "getByRole('textbox', { name: 'Name' })"),
        ("src/Form.tsx:14:7", "button", "getByRole('button', { name: 'Save' })"),
        ("src/Form.tsx:16:9", "button", "getByRole('button', { name: 'All' })"),
        ("src/Form.tsx:18:7", "list", "getByRole('list')"),
        ("src/Form.tsx:19:30", "listitem", "getByText(item.name)"),
        ("src/Form.tsx:21:17", "button", "getByRole('button', { name: 'Dismiss' })"),
        ("src/Form.tsx:22:7", "textbox", "getByRole('textbox', { name: 'Search' })"),
        ("src/Form.tsx:24:7", "combobox", "getByRole('combobox')"),
        ("src/Form.tsx:24:15", "option", "getByRole('option', { name: 'A' })"),
        ("src/Form.tsx:13:7>6:17", "alert", "getByText('Name is required')"),
    ]


def test_wrapper_button_takes_usage_props_and_children(uimap):
    button, first = _first(uimap, "src/Form.tsx:14:7")
    assert (button.tag, button.native_tag, button.component) == ("Button", "button", "Form")
    assert button.attributes["type"].value == "submit"
    assert button.attributes["data-testid"].value == "save"
    assert button.text.translations == {"en": "Save", "zh": "保存"}
    assert [(c.strategy, c.value, c.score) for c in button.locators[:2]] == [
        ("role", "Save", 100.0),
        ("text", "Save", 160.0),
    ]
    testid = next(c for c in button.locators if c.strategy == "testid")
    assert (testid.playwright, testid.stable) == ("getByTestId('save')", True)
    assert (first.kind, first.key, first.locale, first.unique) == ("i18n", "form.save", "en", True)
    assert first.reasons == [
        "role and accessible name",
        "i18n key 'form.save': depends on locale (en)",
        "unique on its routes",
    ]


def test_wrapper_field_label_association_through_props(uimap):
    field, _ = _first(uimap, "src/Form.tsx:13:7")
    assert field.label.key == "form.name"
    assert field.label.translations == {"en": "Name", "zh": "名称"}
    assert [c.playwright for c in field.locators[:2]] == [
        "getByRole('textbox', { name: 'Name' })",
        "getByLabel('Name')",
    ]


def test_error_text_resolved_through_state_setter_and_prop(uimap):
    alert, _ = _first(uimap, "src/Form.tsx:13:7>6:17")
    assert alert.text.key == "form.required"
    assert alert.render.conditional == "error"
    assert alert.component == "Form"


def test_template_key_in_loop_gives_variants(uimap):
    button, _ = _first(uimap, "src/Form.tsx:16:9")
    assert sorted(button.text.variants) == ["form.filter.all", "form.filter.done"]
    assert button.render.loop == "FILTERS.map(...)"
    assert [c.value for c in button.locators if c.strategy == "role"] == ["All", "Done"]


def test_dynamic_and_conditional(uimap):
    item, first = _first(uimap, "src/Form.tsx:19:30")
    assert item.text.expression == "item.name"
    assert item.render.loop == "items.map(...)"
    assert (first.score, first.stable) == (196.0, False)
    dismiss, first = _first(uimap, "src/Form.tsx:21:17")
    assert dismiss.render.conditional == "error"
    assert dismiss.label.value == "Dismiss"
    assert first.stable is True


def test_unlinked_label_leaves_select_without_name(uimap):
    select, first = _first(uimap, "src/Form.tsx:24:7")
    assert select.label is None
    assert (first.playwright, first.score) == ("getByRole('combobox')", 510.0)


def test_query_api(uimap):
    query = UIQuery(uimap)
    assert [e.id for e in query.by_text("保存")] == ["src/Form.tsx:14:7"]
    assert [e.id for e in query.by_label("Name")] == ["src/Form.tsx:13:7"]
    assert [e.id for e in query.by_test_id("save")] == ["src/Form.tsx:14:7"]
    assert [e.id for e in query.by_role("button", name="Dismiss")] == ["src/Form.tsx:21:17"]
    assert query.get("src/Form.tsx:14:7").description.startswith('button "Save / 保存" (i18n form.save)')


def test_handlers_and_imports():
    source = (FIXTURE / "src" / "Form.tsx").read_bytes()
    facts = parse_file("src/Form.tsx", source, ParseContext())
    assert facts.imports["Button"].source == "./ui/Button"
    form = next(e for e in facts.elements if e.tag == "form")
    assert [(h.event, h.handler, h.syntax) for h in form.handlers] == [("submit", "setError", "onSubmit")]
    assert facts.problems == []


def test_syntax_error_is_a_problem_not_a_crash():
    facts = parse_file(
        "src/Broken.tsx", b"export default function Broken() { return <div><button>Hi</div> }", ParseContext()
    )
    assert facts.problems[0].file == "src/Broken.tsx"
    assert facts.problems[0].line == 1


def test_state_texts_belong_to_the_innermost_component():
    source = b"""export function Outer() {
  const [title, setTitle] = useState(null);
  function Inner() {
    const [title, setTitle] = useState(null);
    return <p onClick={() => setTitle(t('inner.title'))}>{title}</p>;
  }
  setTitle(t('outer.title'));
  return <section><h2>{title}</h2><Inner /></section>;
}
"""
    facts = parse_file("src/Outer.tsx", source, ParseContext())
    texts = {element.tag: element.text for element in facts.elements if element.tag in ("p", "h2")}
    assert texts["p"] is not None and texts["p"].key == "inner.title"
    assert texts["h2"] is not None and texts["h2"].key == "outer.title"


def test_a_condition_between_texts_is_the_controls_text(tmp_path):
    # `saving ? 'Saving…' : 'Save'` and `saving ? <Spinner/> : 'Publish'` name a button in
    # every state they spell out; a branch that is a variable or inline markup with text leaves
    # the text dynamic (never "no accessible name"); a block child's text stays its own.
    root = FIXTURE.parent / "ternary"
    settings = IndexSettings(root=root, source_roots=("src",), framework="react", output_dir=tmp_path, workers=1)
    elements = build_index(settings).uimap.elements
    buttons = [e for e in elements if e.role == "button"]
    texts = [(b.text.kind, b.text.options, b.text.key) for b in buttons if b.text is not None]
    assert texts == [
        ("dynamic", ["Saving…", "Save"], None),
        ("dynamic", ["Publish"], None),
        ("i18n", [], "toolbar.sync | toolbar.syncing"),
        ("dynamic", [], None),
        ("dynamic", [], None),
    ]
    assert buttons[1].locators[0].playwright == "getByRole('button', { name: 'Publish' })"
    assert buttons[2].text.variants == {
        "toolbar.syncing": {"en": "Syncing…"},
        "toolbar.sync": {"en": "Sync now"},
    }
    section = next(e for e in elements if e.role == "region")
    assert section.text is None
