"""Valid code the tree-sitter grammars cannot parse is no syntax problem; real errors still are.

Each pattern comes from a real app (outline, appwrite console, ngx-admin, hoppscotch): the file
must index without a problem and with the elements around the pattern read right.
"""

from __future__ import annotations

from specwalk.index import angular, grammar_gaps, html, react, routes_js, svelte, treesitter, vue

from ._summary import by_line, context, text

# --- TypeScript: tagged templates with type arguments (styled-components) ----------------------

STYLED_TSX = b"""import styled from "styled-components";

export function Avatar({ size }: { size: number }) {
  return <Relative $size={size}><button onClick={go}>Open</button></Relative>;
}

const Relative = styled.div<{ $variant: Variant; $size: number }>`
  width: ${(props) => props.$size}px;
`;
const Named = styled("div")<{ $on: boolean }>`
  color: red;
`;
const Wrapped = styled(Link)<{ $active: boolean }>`
  color: blue;
`;
const Attrs = styled(Flex).attrs({ gap: 4 })(Base)<{
  $x: boolean;
}>`
  margin: 0;
`;

export const Footer = () => <a href="/help">Help</a>;
"""


def test_styled_components_with_type_arguments_are_no_problem() -> None:
    facts = react.parse_file("app/Avatar.tsx", STYLED_TSX, context())
    assert facts.problems == []
    found = by_line(facts)
    assert {at: (item["tag"], item["text"], item["handlers"]) for at, item in found.items()} == {
        # `Relative` is a styled div without text: layout, dropped like a <div> (react-7).
        "4:33": ("button", ("literal", "Open"), [("click", "go", "onClick")]),
        "22:29": ("a", ("literal", "Help"), []),
    }


def test_styled_components_in_a_plain_ts_file_are_no_problem() -> None:
    source = b"""import styled from "styled-components";

export default styled.h2<{ $big?: boolean }>`
  margin: 0;
`;
"""
    assert react.parse_file("app/Heading.ts", source, context()).problems == []


def test_the_type_arguments_tree_is_kept_as_the_grammar_built_it() -> None:
    root, error = grammar_gaps.parse_script("tsx", b"const A = styled.div<{ $a: number }>`x`;\n")
    assert error is None
    assert root.has_error  # only the tolerated MISSING `!`: nothing was masked or re-parsed
    assert treesitter.text(root) == "const A = styled.div<{ $a: number }>`x`;\n"


# --- TypeScript: import types with a suffix, generic call signatures ---------------------------

TYPES_TS = b"""import { createRouter } from 'vue-router';

let clients: import('@appwrite.io/console').Client[] = [];

export function register(list: import('@appwrite.io/console').Client[]): void {
  clients = list;
}

type InvokeAction = {
  (action: string, args?: undefined): void
  <A extends ActionWithArgs>(action: A, args: ArgsMap[A]): void
}

export const router = createRouter({
  routes: [
    { path: '/', component: () => import('./views/Home.vue') },
    { path: '/users/:id', component: () => import('./views/User.vue') },
  ],
});
"""


def test_import_types_and_generic_call_signatures_are_no_problem() -> None:
    facts = routes_js.parse_file("src/router.ts", TYPES_TS, context())
    assert facts.problems == []
    # The route table after them is read from the masked tree; the lazy imports are intact.
    assert [(route.path, route.component, route.location.line) for route in facts.routes] == [
        ("/", "Home", 16),
        ("/users/:id", "User", 17),
    ]


def test_masking_keeps_every_byte_position() -> None:
    root, error = grammar_gaps.parse_script("typescript", TYPES_TS)
    assert error is None
    assert not root.has_error
    masked = bytes(root.text)
    assert len(masked) == len(TYPES_TS)
    assert masked.count(b"\n") == TYPES_TS.count(b"\n")
    blank = b"_" * len(b"import('@appwrite.io/console')")
    assert masked.splitlines()[2] == b"let clients: " + blank + b".Client[] = [];"
    assert masked.splitlines()[10] == b" ;<A extends ActionWithArgs>(action: A, args: ArgsMap[A]): void"
    assert b"import('./views/Home.vue')" in masked  # an import() in an expression is left alone


# --- Markup: a bare `&` or `>` in text ---------------------------------------------------------


def test_svelte_ampersand_in_text_is_no_problem_and_text_is_whole() -> None:
    source = b"""<script>
  let cancelling = false;
</script>

{#if failed}
  <button disabled={cancelling} on:click={retry}>
    <span class="text">Cancel & retry</span>
  </button>
{:else}
  <p>Accept & Enable {price} now</p>
{/if}
<p>+ T-shirt & mug</p>
"""
    facts = svelte.parse_file("src/routes/BAA.svelte", source, context())
    assert facts.problems == []
    found = by_line(facts)
    assert {at: (item["tag"], item["text"], item["if"]) for at, item in found.items()} == {
        "6:3": ("button", ("literal", "Cancel & retry"), "failed"),
        "7:5": ("span", ("literal", "Cancel & retry"), "failed"),
        "10:3": ("p", ("mixed", "Accept & Enable {…} now"), "!(failed)"),
        "12:1": ("p", ("literal", "+ T-shirt & mug"), None),
    }


def test_angular_template_ampersand_and_comparison_in_text() -> None:
    source = b"""<nb-card>
  <nb-card-header>Checkboxes & Radios</nb-card-header>
  <p>{{ count > 1 ? 'items' : 'item' }}</p>
  <button (click)="save()">Save &amp; close</button>
</nb-card>
"""
    facts = angular.parse_file("src/app/form-inputs.component.html", source, context())
    assert facts.problems == []
    found = by_line(facts)
    assert found["2:3"]["text"] == ("literal", "Checkboxes & Radios")
    assert found["3:3"]["text"] == ("dynamic", "count > 1 ? 'items' : 'item'")
    assert found["4:3"]["name"] == ("literal", "Save & close")


def test_vue_multiline_interpolation_with_comparison_and_template_literal() -> None:
    source = b"""<template>
  <div>
    <button tabindex="0" @click="handleClick()">
      {{
        members.length > 0
          ? `+${members.length - limit}`
          : ""
      }}
    </button>
    <p>Terms & conditions</p>
  </div>
</template>
"""
    facts = vue.parse_file("src/components/MemberStack.vue", source, context())
    assert facts.problems == []
    found = by_line(facts)
    expression = 'members.length > 0\n          ? `+${members.length - limit}`\n          : ""'
    assert text(next(item for item in facts.elements if item.tag == "button").text) == ("dynamic", expression)
    assert found["10:5"]["text"] == ("literal", "Terms & conditions")


def test_html_page_ampersand_and_greater_than() -> None:
    source = b"<!doctype html>\n<html><body>\n<h1>Tom & Jerry</h1>\n<p>1 > 0 &amp; 2 > 1</p>\n</body></html>\n"
    facts = html.parse_file("index.html", source, context())
    assert facts.problems == []
    found = by_line(facts)
    assert found["3:1"]["text"] == ("literal", "Tom & Jerry")
    assert found["4:1"]["text"] == ("literal", "1 > 0 & 2 > 1")


# --- Genuine errors are still reported, with their line ----------------------------------------


def test_ejs_in_an_html_page_is_still_a_problem() -> None:
    source = b"""<html>
<body>
  <div id=root></div>
  <% if (typeof PROD != 'undefined' && PROD) { %>
  <script src=a.js></script>
  <% } %>
</body>
</html>
"""
    problems = html.parse_file("index.html", source, context()).problems
    assert [(problem.file, problem.line) for problem in problems] == [("index.html", 4)]


def test_unclosed_jsx_tag_and_missing_brace_are_still_problems() -> None:
    unclosed = b"export function A() {\n  return (\n    <div>\n      <span>Hi\n    </div>\n  );\n}\n"
    missing = b"export function B() {\n  if (x) {\n    return <p>x</p>;\n}\n"
    # tree-sitter's ERROR starts at the parenthesis that holds the broken JSX
    assert [(p.file, p.line) for p in react.parse_file("src/A.tsx", unclosed, context()).problems] == [("src/A.tsx", 2)]
    assert len(react.parse_file("src/B.tsx", missing, context()).problems) == 1
    assert len(react.parse_file("src/C.ts", b"export function c() {\n  return 1;\n", context()).problems) == 1


def test_a_real_error_next_to_a_masked_gap_is_reported_at_its_line() -> None:
    source = b"let clients: import('m').Client[] = [];\n\nexport function f( {\n  return 1;\n}\n"
    problems = routes_js.parse_file("src/a.ts", source, context()).problems
    assert [problem.line for problem in problems] == [3]


def test_markup_errors_that_are_not_text_are_still_problems() -> None:
    unclosed_block = b"<div>\n{#if a}\n<p>x</p>\n</div>\n"
    assert [p.line for p in svelte.parse_file("src/A.svelte", unclosed_block, context()).problems] == [1]
    assert [p.line for p in svelte.parse_file("src/B.svelte", b"<p>\n  {a\n</p>\n", context()).problems] == [2]
    broken = b"<template>\n  <div>\n    <% if (a) { %>\n  </div>\n</template>\n"
    assert [p.line for p in vue.parse_file("src/C.vue", broken, context()).problems] == [3]
    # The tolerated `&` on line 1 is passed over: the first real error is reported.
    tagged = b"<p>Fish & chips</p>\n<div class=a\n  <span>x</span>\n</div>\n"
    assert [p.line for p in angular.parse_file("src/app/d.component.html", tagged, context()).problems] == [3]
