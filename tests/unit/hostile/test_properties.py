"""Property-based tests (hypothesis) over every entry point that reads user files.

Inputs are built from fragments real files are made of (headings, bullets, fences, Gherkin
keywords, quotes, tags, braces, odd line ends, NUL, BOMs, deep nesting) mixed with arbitrary text,
so a few hundred examples per property reach the corners. Settings are derandomized and have no
example database: the same examples on every machine, a stable CI. The whole file stays well
under 60 s (`bench/fuzz.py` is the long run).

The properties: nothing but a SpecwalkError ever escapes; every line number named points into
the file as an editor counts lines; what is written parses back.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from specwalk.config import load_config, render_toml
from specwalk.errors import SpecwalkError
from specwalk.fileio import editor_lines
from specwalk.index import i18n, xliff
from specwalk.index.build import parse_source
from specwalk.index.facts import ParseContext
from specwalk.plan import plan_files

BUDGET = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)

LINE_ENDS = ["\n", "\r\n", "\r", "\u2028", "\u0085", "\x0c", "\x0b", "\u2029"]
# No NUL among them: one NUL makes a whole file "binary", and the readers then look no further.
ODD = ["\ufeff", "\ud7ff", "\U0001f600", "\t", " ", "\\", "`", '"', "“", "”", "「", "」", "'", "<", ">", "&"]


def mixed(fragments: list[str], size: int = 40) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(fragments), st.sampled_from(LINE_ENDS), st.sampled_from(ODD), st.text(max_size=8))
    return st.lists(piece, max_size=size).map("".join)


def nested(opening: str, closing: str) -> st.SearchStrategy[str]:
    return st.integers(min_value=1, max_value=3000).map(lambda depth: opening * depth + closing * depth)


MARKDOWN = [
    "# Title\n",
    "## Feature\n",
    "### Sub\n",
    "- ",
    "* ",
    "1. ",
    "  - ",
    "> ",
    "```gherkin\n",
    "```\n",
    "~~~\n",
    "Feature: F\n",
    "Scenario: S\n",
    "Scenario Outline: O\n",
    "Examples:\n",
    "| x | y |\n",
    "# language: fr\n",
    "# language: zh-CN\n",
    "Scénario: s\n",
    'Given I open the "/" page\n',
    'When I click "Add"\n',
    'Then I should see "Saved"\n',
    'Click "Save": "Saved" is shown.\n',
    "<x>",
    '"""\n',
    "As a user, I want to save\n",
    "Steps\n",
    "作为用户我希望保存\n",
    "点击“保存”\n",
]


SENTENCE = [
    'Click "Add"',
    'I fill in "Title" with "Milk"',
    '"Saved" is shown',
    "the list shows 3 items",
    'Open the "/tasks" page',
    "then",
    "and",
    "when",
    ", ",
    ": ",
    "“curly”",
    "「角」",
    "`/route`",
    "the first",
    "its",
    "点击“保存”",
    "应看到“成功”",
]
GHERKIN_STEP = ['Given I open the "/" page', 'When I click "<x>"', 'Then I should see "Saved"', "And it is done"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Documents of the shape the planner reads (a feature, its criteria, a closed Gherkin block),
    with arbitrary pieces inside the criteria: these reach the sentence reader, not only refusals."""
    criteria = draw(st.lists(mixed(SENTENCE + ODD + LINE_ENDS, 8), min_size=1, max_size=6))
    parts = ["## Feature\n\n", *(f"- {line}\n" for line in criteria)]
    if draw(st.booleans()):
        steps = draw(st.lists(st.sampled_from(GHERKIN_STEP), min_size=1, max_size=5))
        outline = draw(st.booleans())
        parts.append("\n```gherkin\n" + ("Scenario Outline: o\n" if outline else "Scenario: s\n"))
        parts.extend(f"  {step}\n" for step in steps)
        if outline and draw(st.booleans()):
            parts.append("  Examples:\n    | x |\n    | A |\n")
        parts.append("```\n")
    return "".join(parts)


def failure_lines(error: SpecwalkError) -> list[int]:
    return [
        int(match.group(1))
        for line in error.lines
        for match in re.finditer(r"\.(?:md|feature|MARKDOWN|txt):(\d+):", line)
    ]


def check_plan(text: str, name: str) -> None:
    """Plan `text` saved as `name`: a plan with every line inside the file, or a SpecwalkError
    whose lines name lines inside the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        count = max(1, len(editor_lines(text)))
        try:
            plan = plan_files([path], base=Path(folder))
        except SpecwalkError as error:
            event(f"refused: {type(error).__name__}")  # --hypothesis-show-statistics shows the mix
            assert all(1 <= line <= count for line in failure_lines(error)), (error.lines, count)
            return
        event("planned")
        lines = [requirement.source.line for requirement in plan.requirements]
        lines += [entry.source.line for entry in plan.unplanned]
        assert plan.requirements
        assert all(1 <= line <= count for line in lines), (lines, count)


@BUDGET
@given(st.one_of(documents(), mixed(MARKDOWN), nested("- ", "x"), nested("> ", ""), nested("```\n", "")))
def test_the_document_reader_fails_only_cleanly_and_names_real_lines(text: str) -> None:
    check_plan(text, "r.md")


@BUDGET
@given(st.one_of(documents(), mixed(MARKDOWN)), st.sampled_from(["r.feature", "R.MARKDOWN", "r.txt"]))
def test_gherkin_and_other_names_fail_only_cleanly(text: str, name: str) -> None:
    check_plan(text, name)


TOML = [
    "[project]\n",
    "[app]\n",
    "[output]\n",
    "[llm]\n",
    "[[app.services]]\n",
    "[docs]\n",
    "[zzz]\n",
    "port = ",
    "start_timeout = ",
    "framework = ",
    "source_roots = ",
    "requirements = ",
    "dir = ",
    "command = ",
    "workers = ",
    "nan",
    "inf",
    "-0",
    "1e400",
    "65536",
    "5173",
    "true",
    '"react"',
    '"a\\u0000b"',
    "'lit'",
    '"""multi\nline"""',
    "[",
    "]",
    "{",
    "}",
    "[1, 2]",
    '["src"]',
    "{ a = 1 }",
    "# comment\n",
    "a.b.c = 1\n",
    '"quoted key" = 1\n',
    "=",
    ",",
]


@BUDGET
@given(st.one_of(mixed(TOML, 60), nested("[", "]").map(lambda deep: f"[project]\nx = {deep}\n")))
def test_the_config_loader_fails_only_with_config_errors_on_real_lines(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "specwalk.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        count = max(1, len(editor_lines(text)))
        try:
            load_config(cwd=Path(folder), env={})
        except SpecwalkError as error:
            numbers = [int(match.group(1)) for line in error.lines for match in re.finditer(r"\.toml:(\d+):", line)]
            assert all(1 <= number <= count for number in numbers), (error.lines, count)


@BUDGET
@given(
    st.integers(min_value=1, max_value=65535),
    st.floats(min_value=0.001, max_value=3600),
    st.lists(st.text(min_size=1, max_size=12).filter(lambda s: "\x00" not in s), min_size=1, max_size=4),
    st.text(max_size=30),
)
def test_a_rendered_config_loads_back_equal(port: int, timeout: float, roots: list[str], title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        base = load_config(cwd=root, env={}, required=False)
        config = base.model_copy(
            update={
                "app": base.app.model_copy(update={"port": port, "start_timeout": timeout}),
                "project": base.project.model_copy(update={"source_roots": tuple(dict.fromkeys(roots))}),
                "docs": base.docs.model_copy(update={"title": title}),
            }
        )
        (root / "specwalk.toml").write_text(render_toml(config), encoding="utf-8")
        assert load_config(cwd=root, env={}).model_dump() == config.model_dump()


SOURCE = [
    "<template>",
    "</template>",
    "<script>",
    "</script>",
    '<script setup lang="ts">',
    "<style>",
    "<div>",
    "</div>",
    '<button @click="add" data-testid="add">',
    "</button>",
    '<input v-model="x" placeholder="Name">',
    "<label for=a>",
    "{#if open}",
    "{/if}",
    "{#each items as item}",
    "{/each}",
    "{{ count > 0 }}",
    '*ngFor="let a of b"',
    '(click)="go()"',
    "i18n",
    "export default function App() { return (",
    ");}",
    "<Button onClick={() => save()}>",
    "</Button>",
    "{t('a.b')}",
    "const routes = [{ path: '/a', component: A }];",
    "import x from './x';",
    "`${",
    "}`",
    "/*",
    "*/",
    "<!--",
    "-->",
    "<!doctype html>",
    "&amp;",
    "&",
]
KINDS = {
    "App.tsx": ("react",),
    "App.vue": ("vue",),
    "App.svelte": ("svelte",),
    "app.component.html": ("angular",),
    "index.html": ("html",),
    "app.js": ("html",),
    "routes.ts": ("script",),
    "pages/index.tsx": ("react", "routes_fs"),
}


def _line_count(source: bytes) -> int:
    return max(1, len(editor_lines(source.decode("utf-8", "replace"))))


@BUDGET
@given(
    st.sampled_from(sorted(KINDS)),
    st.one_of(
        mixed(SOURCE, 60).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.binary(max_size=300),
        nested("<div>", "</div>").map(str.encode),
        nested("(", ")").map(lambda deep: f"const a = {deep};".encode()),
    ),
)
def test_every_parser_reads_anything_without_crashing_and_names_real_lines(name: str, source: bytes) -> None:
    facts = parse_source(name, source, KINDS[name], ParseContext())
    count = _line_count(source)
    for fact in facts:
        for problem in fact.problems:
            assert "please report" not in problem.message, problem.message
            assert problem.line is None or 1 <= problem.line <= count, (problem, count)
        for element in fact.elements:
            assert 1 <= element.location.line <= count, (element.location, count)
        json.dumps(fact.model_dump(mode="json"))  # what is cached and written serializes


JSON = ['{"', '": ', '"text"', ", ", "}", "[", "]", "{", "1", "null", "true", '"a.b"', '"\\u0000"', '"\\ud800"', ":"]


@BUDGET
@given(
    st.sampled_from(["locales/en.json", "src/i18n/zh.json", "public/locales/en/translation.json", "messages.json"]),
    st.one_of(
        mixed(JSON, 50),
        nested("[", "]"),
        nested('{"a":', "}").map(lambda deep: deep.replace("}", '"x"}', 1)),
        st.recursive(
            st.one_of(st.text(max_size=10), st.integers(), st.none()),
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
            max_leaves=30,
        ).map(json.dumps),
    ),
)
def test_translation_files_load_or_are_reported(relative: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        table, problems = i18n.load_locales(Path(folder), [relative], locales=["en", "zh"])
        assert all(problem.file == relative for problem in problems)
        for messages in table.messages.values():
            assert all(isinstance(key, str) and isinstance(value, str) for key, value in messages.items())


XLIFF = [
    '<?xml version="1.0"?>',
    '<xliff version="1.2">',
    '<xliff version="2.0" srcLang="en" trgLang="fr">',
    "</xliff>",
    '<file source-language="en" target-language="fr">',
    "</file>",
    "<body>",
    "</body>",
    '<trans-unit id="a">',
    "</trans-unit>",
    '<unit id="a"><segment>',
    "</segment></unit>",
    "<source>Save</source>",
    "<target>Enregistrer</target>",
    '<x id="INTERPOLATION"/>',
    '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    "&a;",
    "<![CDATA[",
    "]]>",
]


@BUDGET
@given(st.one_of(mixed(XLIFF, 40), nested("<g>", "</g>").map(lambda deep: f'<xliff version="1.2">{deep}</xliff>')))
def test_xliff_reads_or_says_why(text: str) -> None:
    try:
        catalog = xliff.read("messages.fr.xlf", text.encode("utf-8", "surrogatepass"))
    except (xliff.NotTranslations, xliff.BadTranslations):
        return
    assert all(isinstance(value, str) for value in catalog.messages.values())


@pytest.mark.parametrize("text", ["a\u2028b\nc", "a\r\nb\rc\n", "", "\n", "a\x0cb\x0bc\u0085d"])
def test_editor_lines_split_only_at_real_line_ends(text: str) -> None:
    expected = re.split(r"\r\n|\r|\n", text)
    if expected[-1] == "":
        expected.pop()
    assert editor_lines(text) == expected
