"""Every locator the example apps' reference suites use is in the UI map, ranked first or beaten.

The reference suites (`examples/*/e2e-reference/*.ts`) are parsed with the TypeScript grammar;
each `getByRole / getByLabel / getByPlaceholder / getByText / getByTestId / getByTitle /
getByAltText` call with a literal first argument must match a candidate of some element (same
strategy and role; the value equal, contained, or matching in any locale; a run-time value
matches any data), and that element's first locator must score no worse than the match.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from specwalk.config import load_config
from specwalk.index import IndexSettings, build_index, treesitter
from specwalk.index.i18n import as_pattern, has_interpolation
from specwalk.index.query import text_strings
from specwalk.models.uimap import LocatorCandidate, UIElement, UIMap

EXAMPLES = Path(__file__).parents[3] / "examples"
_METHODS = {
    "getByRole": "role",
    "getByLabel": "label",
    "getByPlaceholder": "placeholder",
    "getByText": "text",
    "getByTestId": "testid",
    "getByTitle": "title",
    "getByAltText": "alt",
}
_CALLS = """
(call_expression
  function: (member_expression property: (property_identifier) @method)
  arguments: (arguments . (string) @first)) @call
"""


@dataclass(frozen=True)
class SuiteLocator:
    where: str
    strategy: str
    value: str  # the role for getByRole
    name: str | None = None
    exact: bool = False


def _string(node) -> str:
    return "".join(treesitter.text(c) for c in node.named_children if c.type in ("string_fragment", "escape_sequence"))


def suite_locators(example: str) -> list[SuiteLocator]:
    found: set[SuiteLocator] = set()
    for spec in sorted((EXAMPLES / example / "e2e-reference").glob("*.ts")):
        if spec.name == "playwright.config.ts":
            continue
        root = treesitter.parse("typescript", spec.read_bytes())
        for _, captures in treesitter.matches("typescript", _CALLS, root):
            method = treesitter.text(captures["method"][0])
            if method not in _METHODS:
                continue
            first = captures["first"][0]
            options = first.next_named_sibling
            name: str | None = None
            exact = False
            if options is not None and options.type == "object":
                for pair in options.named_children:
                    if pair.type != "pair":
                        continue
                    key = treesitter.text(pair.child_by_field_name("key"))
                    value = pair.child_by_field_name("value")
                    if key == "name" and value.type == "string":
                        name = _string(value)
                    elif key == "name":
                        name = "\x00dynamic"
                    elif key == "exact":
                        exact = treesitter.text(value) == "true"
            where = f"{spec.name}:{first.start_point[0] + 1}"
            if name == "\x00dynamic":
                continue  # a name built at run time cannot be checked statically
            found.add(SuiteLocator(where, _METHODS[method], _string(first), name, exact))
    return sorted(found, key=lambda s: s.where)


def _texts_for(element: UIElement, candidate: LocatorCandidate) -> list[str]:
    source = {
        "role": element.accessible_name,
        "label": element.label,
        "text": element.text,
    }.get(candidate.strategy)
    texts = [candidate.value, *text_strings(source)]
    return [" ".join(t.split()) for t in texts if t]


def _value_matches(wanted: str, texts: list[str], exact: bool) -> bool:
    wanted = " ".join(wanted.split())
    for text in texts:
        text = text.replace("{…}", "{x}")  # an expression in mixed text (`Remove {…}`)
        if text == wanted or (not exact and wanted.lower() in text.lower()):
            return True
        if has_interpolation(text) and as_pattern(text).match(wanted):
            return True
        if not exact and has_interpolation(text) and as_pattern(text).search(wanted) is not None:
            return True
    return False


def matches(element: UIElement, wanted: SuiteLocator) -> LocatorCandidate | None:
    """The element's candidate that finds what the suite's locator finds, if any."""
    for candidate in element.locators:
        if wanted.strategy == "role":
            if element.role != wanted.value or candidate.strategy != "role" or candidate.role != wanted.value:
                continue
            if wanted.name is None:
                return candidate
        elif wanted.strategy == "testid":
            if candidate.strategy == "testid" and candidate.value == wanted.value:
                return candidate
            continue
        elif candidate.strategy != wanted.strategy:
            continue
        target = wanted.name if wanted.strategy == "role" else wanted.value
        assert target is not None
        if candidate.kind == "dynamic":
            return candidate  # the suite's literal is data this element renders
        if _value_matches(target, _texts_for(element, candidate), wanted.exact):
            return candidate
    return None


def unmet(uimap: UIMap, wanted: list[SuiteLocator]) -> list[str]:
    problems: list[str] = []
    for locator in wanted:
        found = [(e, c) for e in uimap.elements if (c := matches(e, locator)) is not None]
        if not found:
            problems.append(f"{locator}: no element has this locator")
            continue
        if not any(e.locators[0].score <= c.score for e, c in found):
            best = min(found, key=lambda pair: pair[0].locators[0].score - pair[1].score)
            problems.append(
                f"{locator}: {best[0].id} ranks {best[0].locators[0].playwright} ({best[0].locators[0].score})"
                f" above it ({best[1].playwright}, {best[1].score})"
            )
    return problems


def _index(example: str, tmp_path: Path) -> UIMap:
    project = tmp_path / example
    # Run output is left out: another test worker may be running this example's reference suite.
    run_output = ("node_modules", ".specwalk", "test-results", "playwright-report", "*.db*", "__pycache__")
    shutil.copytree(EXAMPLES / example, project, ignore=shutil.ignore_patterns(*run_output))
    config = load_config(project / "specwalk.toml", env={})
    settings = IndexSettings(
        root=project,
        source_roots=config.project.source_roots,
        framework=config.project.framework,
        locales=config.project.locales,
        output_dir=tmp_path / "out",
        workers=1,
    )
    return build_index(settings).uimap


@pytest.mark.parametrize("example", ["tasks-react", "shop-vue", "notes-html", "blog-vue"])
def test_reference_suite_locators_are_in_the_map(example: str, tmp_path: Path) -> None:
    wanted = suite_locators(example)
    assert wanted, f"no getBy* calls found in examples/{example}/e2e-reference"
    uimap = _index(example, tmp_path)
    assert unmet(uimap, wanted) == []


def test_tasks_react_routes_and_wrappers(tmp_path: Path) -> None:
    uimap = _index("tasks-react", tmp_path)
    assert [(r.path, r.component, r.redirect) for r in uimap.routes] == [
        ("/", "AppLayout", None),
        ("/", None, "/tasks"),
        ("/*", "NotFoundPage", None),
        ("/login", "LoginPage", None),
        ("/settings", "SettingsPage", None),
        ("/settings", None, "profile"),
        ("/settings/preferences", "PreferencesSettings", None),
        ("/settings/profile", "ProfileSettings", None),
        ("/tasks", "TasksPage", None),
        ("/tasks/:taskId", "TaskDetailPage", None),
    ]
    assert "ConfirmDialog" in uimap.route_components["/tasks"]
    assert "Toast" in uimap.route_components["/login"]  # rendered outside the router
    sign_in = next(e for e in uimap.elements if e.id == "src/pages/LoginPage.tsx:81:9")
    assert (sign_in.tag, sign_in.native_tag, sign_in.role) == ("Button", "button", "button")
    assert sign_in.locators[0].playwright == "getByRole('button', { name: 'Sign in' })"
    assert sign_in.routes == ["/login"]


def test_shop_vue_dialog_takes_the_literal_props_its_caller_passes(tmp_path: Path) -> None:
    uimap = _index("shop-vue", tmp_path)
    usage = "src/views/CartView.vue:69:5"  # <ConfirmDialog title="Empty your cart?" confirm-label="Remove all">
    instances = {e.id.removeprefix(usage): e for e in uimap.elements if e.id.startswith(usage + ">")}
    assert sorted(instances) == [">23:5", ">31:7", ">32:7", ">35:9"]
    dialog, confirm = instances[">23:5"], instances[">35:9"]
    assert (dialog.role, dialog.component, dialog.routes) == ("dialog", "CartView", ["/cart"])
    assert dialog.render.conditional == "confirmingEmpty"
    assert [c.playwright for c in dialog.locators[:1]] == ["getByRole('dialog', { name: 'Empty your cart?' })"]
    assert dialog.locators[0].stable
    assert confirm.locators[0].playwright == "getByRole('button', { name: 'Remove all' })"
    # The dialog's own elements that show props are replaced by the instances; the rest stay.
    own = [e.id for e in uimap.elements if e.component == "ConfirmDialog"]
    assert own == ["src/components/ConfirmDialog.vue:22:3", "src/components/ConfirmDialog.vue:34:9"]


def test_notes_html_scripts_reach_the_page_and_hash_routes_are_unique(tmp_path: Path) -> None:
    uimap = _index("notes-html", tmp_path)
    assert [(r.path, r.source, r.location.file, r.location.line) for r in uimap.routes] == [
        ("/", "html-file", "index.html", 1),
        ("/#/", "hash", "app.js", 84),
        ("/#/notes/:id", "hash", "js/router.js", 20),
        ("/#/notes/new", "hash", "app.js", 67),
    ]
    heading = next(e for e in uimap.elements if e.id == "index.html:42:9")
    assert heading.text is not None
    assert (heading.text.kind, heading.text.expression, heading.text.options) == (
        "dynamic",
        "isNew ? 'New note' : 'Edit note'",
        ["New note", "Edit note"],
    )
    assert [(c.playwright, c.score) for c in heading.locators[:3]] == [
        ("getByRole('heading', { name: 'New note' })", 150.0),
        ("getByRole('heading', { name: 'Edit note' })", 150.0),
        ("getByText('Edit note')", 210.0),
    ]
    new_note = next(
        e for e in uimap.elements if e.attributes.get("id") and e.attributes["id"].value == "new-note-button"
    )
    assert [(h.event, h.handler) for h in new_note.handlers] == [("click", "handleNewNoteClick")]
