"""`specwalk plan` on requirements files a user can have on disk: every cause of issue 16."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from specwalk.errors import ExitCode

from .conftest import Run

PLANNABLE = '## Tasks\n\n- Click "Add": "Added" is shown.\n'


def write(project: Path, name: str, data: str | bytes) -> Path:
    path = project / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("", "the file is empty"),
        ("  \n\t\n\n", "the file holds only blank lines"),
        ("# Title\n\n## Feature\n\n### More\n", "the file holds only headings"),
        ("This app keeps a list of tasks.\n\nIt is fast.\n", "read as an introduction"),
        ("# Title\n\nThe introduction, under the title.\n\n## Feature\n\nCriteria:\n", "list lead-ins"),
    ],
)
def test_a_document_that_plans_nothing_is_an_input_error(project: Path, run: Run, content: str, why: str) -> None:
    write(project, "r.md", content)
    code, output = run("plan", "r.md")
    assert code == ExitCode.BAD_INPUT
    assert "r.md: no requirements: " in output and why in output
    assert not (project / ".specwalk" / "plan.json").exists()


def test_one_empty_file_among_good_ones_is_named(project: Path, run: Run) -> None:
    write(project, "good.md", PLANNABLE)
    write(project, "empty.md", "")
    code, output = run("plan", "good.md", "empty.md")
    assert code == ExitCode.BAD_INPUT
    assert "empty.md: no requirements: the file is empty" in output
    assert "good.md: no requirements" not in output


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("App.tsx", "source code (.tsx)"),
        ("index.html", "web page source (.html)"),
        ("package.json", "a data or settings file (.json)"),
        ("spec.docx", "a word-processor document (.docx)"),
    ],
)
def test_a_file_that_is_not_requirements_is_refused_by_its_kind(project: Path, run: Run, name: str, what: str) -> None:
    write(project, name, 'export const App = () => <button onClick={add}>Add</button>;\n- Click "Add"\n')
    code, output = run("plan", name)
    assert code == ExitCode.USAGE
    assert f"{name}: is {what}, not a requirements document" in output


def test_dev_null_is_not_a_requirements_file(project: Path, run: Run) -> None:
    code, output = run("plan", os.devnull)
    assert code == ExitCode.USAGE
    assert "/dev/null: is not a regular file" in output


def test_a_symlink_loop_is_named(project: Path, run: Run) -> None:
    (project / "a.md").symlink_to(project / "b.md")
    (project / "b.md").symlink_to(project / "a.md")
    code, output = run("plan", "a.md")
    assert code == ExitCode.USAGE
    assert "a.md: is a symbolic link that loops" in output


def test_a_broken_link_is_named(project: Path, run: Run) -> None:
    (project / "r.md").symlink_to(project / "gone.md")
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE
    assert "r.md: is a broken link" in output


def test_binary_content_is_named_with_its_line(project: Path, run: Run) -> None:
    write(project, "r.md", b"## Tasks\n\n- a\x00b\n")
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE
    assert "r.md:3: binary content (a NUL byte)" in output


def test_utf16_with_its_bom_is_read(project: Path, run: Run) -> None:
    write(project, "r.md", b"\xff\xfe" + PLANNABLE.replace("\n", "\r\n").encode("utf-16-le"))
    code, _ = run("plan", "r.md")
    assert code == ExitCode.OK
    saved = json.loads((project / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    assert saved["requirements"][0]["source"]["line"] == 3


def test_a_huge_file_is_refused_before_reading(project: Path, run: Run) -> None:
    with (project / "r.md").open("wb") as stream:
        stream.truncate(6_000_000)  # sparse: costs no disk
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE
    assert "r.md: is 6.0 MB, too large for a requirements document" in output


def test_an_unclosed_fence_is_one_error_at_its_opening_line(project: Path, run: Run) -> None:
    body = "\n".join(f'    When I click "B{n}"' for n in range(12))
    write(project, "r.md", f'## Tasks\n\n- Click "Add"\n\n```gherkin\nScenario: x\n{body}\n\n## Later\n\n- more\n')
    code, output = run("plan", "r.md")
    assert code == ExitCode.BAD_INPUT
    errors = [line for line in output.splitlines() if line.startswith("error:") or line.startswith("  r.md")]
    assert errors == ["error: r.md:5: this ``` fence is never closed, so everything after it is read as its content"]


def test_a_closed_fence_with_a_longer_closing_line_is_fine(project: Path, run: Run) -> None:
    write(project, "r.md", '## Tasks\n\n~~~~ gherkin\nScenario: x\n  When I click "A"\n~~~~~\n')
    code, _ = run("plan", "r.md")
    assert code == ExitCode.OK


@pytest.mark.parametrize(
    "deep",
    [
        "- " * 10_000 + "x\n",
        "> " * 10_000 + "x\n",
        "".join("  " * level + "- item\n" for level in range(200)),
    ],
    ids=["markers", "quotes", "indented"],
)
def test_nesting_past_the_limit_is_a_clear_error(project: Path, run: Run, deep: str) -> None:
    write(project, "r.md", PLANNABLE + deep)
    code, output = run("plan", "r.md")
    assert code == ExitCode.BAD_INPUT
    assert "r.md:4: nested more than 32 levels deep" in output or "nested more than 32 levels deep" in output


def test_line_numbers_are_the_editors(project: Path, run: Run) -> None:
    # U+2028, U+0085 and form feed are not line ends; \r alone is (old Mac files).
    write(project, "r.md", '## Tasks\n\n- Click "A\u2028B"\n- x\u0085y\x0cz frobnicate\r- Click "C": "D" is shown.\n')
    code, _ = run("plan", "--json", "r.md")
    saved = json.loads((project / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    lines = {requirement["source"]["line"] for requirement in saved["requirements"]}
    assert lines == {3, 4, 5}
    assert [entry["source"]["line"] for entry in saved["unplanned"]] == [4]
    assert code == ExitCode.FAILURES


def test_the_same_file_twice_is_planned_once(project: Path, run: Run) -> None:
    write(project, "r.md", PLANNABLE)
    (project / "docs").mkdir()
    code, output = run("plan", "r.md", "./r.md", str(project / "r.md"), "docs/../r.md")
    assert code == ExitCode.OK
    assert "plan: 1 requirements" in output


def test_a_hundred_thousand_duplicates_in_the_config_finish(project: Path, run: Run) -> None:
    write(project, "r.md", PLANNABLE)
    write(project, "specwalk.toml", "[project]\nrequirements = [" + ", ".join(['"r.md"'] * 100_000) + "]\n")
    code, output = run("plan")
    assert code == ExitCode.OK
    assert "plan: 1 requirements" in output


def test_valid_french_gherkin_plans_and_quotes_only_its_own_text(project: Path, run: Run) -> None:
    gherkin = '# language: fr\nScénario: ajouter\n  Quand je clique sur "Ajouter"\n  Alors je vois "Ajouté"\n'
    write(project, "r.md", f"## Panier\n\n```gherkin\n{gherkin}```\n")
    code, output = run("plan", "r.md")
    assert code == ExitCode.FAILURES  # French sentences are free prose for the rules planner
    assert "Feature" not in output and "Gherkin:" not in output
    assert 'r.md:6: je clique sur "Ajouter"' in output
    with_feature = gherkin.replace("Scénario", "Fonctionnalité: P\nScénario")
    write(project, "f.md", f"## Panier\n\n```gherkin\n{with_feature}```\n")
    assert run("plan", "f.md")[0] == ExitCode.FAILURES


def test_french_gherkin_errors_quote_the_file(project: Path, run: Run) -> None:
    write(project, "r.md", "## Panier\n\n```gherkin\n# language: fr\nScénario: a\n  Quand x\n  Oups ceci\n```\n")
    code, output = run("plan", "r.md")
    assert code == ExitCode.BAD_INPUT
    assert "r.md:7:" in output and "Oups ceci" in output
    assert "Feature:" not in output


def test_gherkin_errors_name_a_line_of_the_block_in_plain_words(project: Path, run: Run) -> None:
    write(project, "r.md", '## Tasks\n\n```gherkin\nScenario: y\n  Given a\n  """\n  foo\n```\n\nMore text.\n')
    code, output = run("plan", "r.md")
    assert code == ExitCode.BAD_INPUT
    assert 'r.md:7: Gherkin: unexpected end of file, expected: a doc string\'s closing """ or text' in output
    assert "#" not in output.split("hint:")[0]  # no #DocStringSeparator jargon
    write(project, "t.feature", "@")
    code, output = run("plan", "t.feature")
    assert code == ExitCode.BAD_INPUT
    assert "t.feature:1: Gherkin:" in output


def test_a_language_line_after_a_comment_is_honoured(project: Path, run: Run) -> None:
    write(project, "r.feature", '# Cart\n# language: fr\nScénario: ajouter\n  Quand je clique sur "Ajouter"\n')
    code, output = run("plan", "r.feature")
    assert code == ExitCode.FAILURES
    assert 'r.feature:4: je clique sur "Ajouter"' in output


def test_a_line_too_long_for_a_criterion_is_refused_with_its_line(project: Path, run: Run) -> None:
    write(project, "r.md", PLANNABLE + '- Click "' + "x" * 20_001 + '"\n')
    code, output = run("plan", "r.md")
    assert code == ExitCode.BAD_INPUT
    assert "r.md:4: a line of 20,011 characters" in output
    fenced = PLANNABLE + "\n```json\n" + "x" * 30_000 + "\n```\n"  # long data in a fence is fine
    write(project, "r.md", fenced)
    assert run("plan", "r.md")[0] == ExitCode.OK


@pytest.mark.parametrize(
    "nested",
    [
        "".join("  " * level + f'- Click "B{level}"\n' for level in range(30)),
        "".join("    " * level + f'- Click "B{level}"\n' for level in range(16)),
        "".join("> " * level + f'- Click "B{level}"\n' for level in range(1, 30)),
    ],
    ids=["two-spaces", "four-spaces", "quoted"],
)
def test_deep_but_allowed_nesting_drops_no_criterion(project: Path, run: Run, nested: str) -> None:
    # markdown-it drops blocks past its default nesting (ten list levels) without a word.
    write(project, "r.md", "## Tasks\n\n" + nested)
    code, _ = run("plan", "r.md")
    assert code in (ExitCode.OK, ExitCode.FAILURES)  # planned or listed, never dropped
    saved = json.loads((project / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
    assert len(saved["requirements"]) == nested.count("\n")


def test_a_file_name_that_is_not_utf8_is_refused(project: Path, run: Run) -> None:
    name = os.fsdecode(b"caf\xe9.md")
    write(project, name, PLANNABLE)
    code, output = run("plan", name)
    assert code == ExitCode.USAGE
    assert "caf\\xe9.md: the file name is not UTF-8" in output


def test_a_message_at_line_100_is_not_an_emoji(project: Path, run: Run) -> None:
    # rich turns ":100:" into an emoji unless told not to.
    write(project, "r.md", PLANNABLE + "\n" * 96 + "- a\x00b\n")
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE
    assert "r.md:100: binary content" in output


def test_a_step_definition_naming_a_number_twice_plans(project: Path, run: Run) -> None:
    steps = '## Steps\n\n- I add {count} then {count} more\n  - I fill in "Quantity" with "{count}"\n'
    write(project, "r.md", '## Cart\n\n- I add 2 then 2 more\n- Click "{1}" and then I add {1}\n\n' + steps)
    code, output = run("plan", "r.md")
    assert code in (ExitCode.OK, ExitCode.FAILURES)
    assert 'fill "Quantity" with "2"' in output


@pytest.mark.parametrize("text", ["Scenario: add a task\n", "## Tasks\n\n### Scenario: add a task\n"])
def test_a_scenario_with_no_steps_needs_attention(project: Path, run: Run, text: str) -> None:
    # Found by bench/fuzz.py: shuffled prose that began with "Scenario:" was planned with a ✓.
    write(project, "r.md", text)
    code, output = run("plan", "r.md")
    assert code == ExitCode.FAILURES
    assert "a scenario with no steps checks nothing" in output
