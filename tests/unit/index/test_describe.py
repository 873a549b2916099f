"""The one-line description of an element: short even for a control shared by a large app."""

from specwalk.index.query import describe
from specwalk.models.uimap import RenderCondition, SourceSpan, TextValue, UIElement


def _button(routes: list[str], condition: str | None = None) -> UIElement:
    return UIElement(
        id="src/Copy.tsx:3:5",
        location=SourceSpan(file="src/Copy.tsx", line=3, column=5),
        component="CopyButton",
        tag="button",
        native_tag="button",
        role="button",
        accessible_name=TextValue(kind="literal", value="Copy"),
        render=RenderCondition(conditional=condition),
        routes=routes,
    )


def test_a_few_routes_are_all_listed() -> None:
    assert describe(_button(["/a", "/b"])) == 'button "Copy" in CopyButton on /a, /b'


def test_hundreds_of_routes_are_counted_not_listed() -> None:
    routes = [f"/page/{n}" for n in range(120)]
    line = describe(_button(routes))
    assert line.endswith("on " + ", ".join(routes[:8]) + " and 112 more routes")
    assert "/page/8," not in line


def test_a_long_condition_is_cut_with_an_ellipsis() -> None:
    condition = " && ".join(f"flag{n}" for n in range(40))
    line = describe(_button(["/"], condition))
    shown = line.split("when ", 1)[1].split(" in CopyButton")[0]
    assert len(shown) == 120 and shown.endswith("…") and condition.startswith(shown[:-1])
