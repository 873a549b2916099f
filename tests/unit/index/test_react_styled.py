"""styled-components / emotion definitions, and wrappers of kit components or other wrappers."""

from pathlib import Path

import pytest

from specwalk.index.build import IndexSettings, build_index
from specwalk.index.facts import ParseContext
from specwalk.index.react import parse_file

FIXTURE = Path(__file__).parents[2] / "fixtures" / "index" / "react" / "styled"


@pytest.fixture(scope="module")
def uimap(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    settings = IndexSettings(root=FIXTURE, source_roots=("src",), framework="react", output_dir=out, workers=1)
    return build_index(settings).uimap


def _at(uimap, line):
    return next(e for e in uimap.elements if e.id == f"src/Page.tsx:{line}:7")


def test_styled_components_render_their_native_tag(uimap):
    summary = {e.id: (e.tag, e.native_tag, e.role, e.locators[0].playwright) for e in uimap.elements}
    assert summary["src/Page.tsx:11:7"] == ("Heading", "h1", "heading", "getByRole('heading', { name: 'Settings' })")
    assert summary["src/Page.tsx:12:7"][1:3] == ("h2", "heading")  # `as="h2"` on the usage
    assert summary["src/Page.tsx:13:7"][:3] == ("Title", "h3", "heading")  # defined in the same file
    assert summary["src/Page.tsx:14:7"][3] == "getByRole('button', { name: 'Save' })"  # styled(styled.button)
    assert summary["src/Page.tsx:17:7"][2] == "tab"  # `.attrs({ role: "tab" })`
    assert summary["src/Page.tsx:18:7"][2:] == ("link", "getByRole('link', { name: 'Home' })")  # styled(Link)
    # A styled div without text is layout, like a <div>.
    assert not any(e.tag == "Wrapper" for e in uimap.elements)
    assert any(e.tag == "Label" and e.native_tag == "span" for e in uimap.elements)


def test_wrappers_of_wrappers_and_of_kits(uimap):
    components = {c.name: c.wraps for c in uimap.components}
    assert components["ActionButton"] == "button"  # two branches, the same <button> with the rest props
    assert components["Button"] == "ActionButton"  # through a styled(ActionButton) of its file
    assert components["NudeButton"] == "ActionButton"
    assert components["MenuEntry"] == "MenuItem"
    assert _at(uimap, 15).locators[0].playwright == "getByRole('button', { name: 'Cancel' })"
    assert _at(uimap, 16).locators[0].playwright == "getByRole('button', { name: 'Close' })"
    assert (_at(uimap, 19).role, _at(uimap, 19).locators[0].playwright) == (
        "menuitem",
        "getByRole('menuitem', { name: 'Rename' })",
    )


def test_local_styled_definitions_are_no_components_but_exported_ones_are():
    path = FIXTURE / "src" / "Page.tsx"
    facts = parse_file("src/Page.tsx", path.read_bytes(), ParseContext())
    assert [c.name for c in facts.components] == ["Page"]  # every file has its own `Title`
    heading = FIXTURE / "src" / "components" / "Heading.ts"
    facts = parse_file("src/components/Heading.ts", heading.read_bytes(), ParseContext())
    assert [(c.name, c.wraps) for c in facts.components] == [("Heading", "h1")]


def test_attrs_takes_only_whole_literals():
    source = b"""import styled from "styled-components";
const A = styled(B).attrs((p) => ({ type: "type" in p ? p.type : "button" }))`x`;
const C = styled.div.attrs({ role: "tab" })`x`;
export const Page = () => <><A>a</A><C>c</C></>;
"""
    facts = parse_file("src/P.tsx", source, ParseContext())
    found = {e.tag: e for e in facts.elements}
    assert "type" not in found["B"].attributes
    assert found["C"].role == "tab"
