"""Gherkin text → scenario templates, via Cucumber's own parser (`gherkin-official`).

Every dialect Cucumber knows works (`# language: zh-CN` gives 功能 / 场景 / 假如 / 当 / 那么 /
并且). A block without a Feature line (a lone Scenario in a Markdown section) gets one named
after the section. Parse errors become one `InputError` line per problem, with the file line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gherkin.dialect import Dialect
from gherkin.errors import CompositeParserException, ParserException
from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

from specwalk.errors import InputError

_KEYWORD_TYPES = {"Context": "given", "Action": "when", "Outcome": "then"}
_LANGUAGE = re.compile(r"^\s*#\s*language\s*:\s*(\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class RawStep:
    keyword: str
    keyword_type: str  # given | when | then (And / But resolved)
    text: str
    line: int
    doc_string: str | None = None
    table: tuple[tuple[str, ...], ...] | None = None


@dataclass(frozen=True)
class ExampleRow:
    values: dict[str, str]
    line: int


@dataclass
class RawScenario:
    feature: str
    name: str
    keyword: str
    line: int
    tags: tuple[str, ...]
    background: list[RawStep]
    steps: list[RawStep]
    examples: list[ExampleRow] = field(default_factory=list)
    text: str = ""


def _steps(nodes: list[dict[str, Any]], line_offset: int) -> list[RawStep]:
    steps: list[RawStep] = []
    previous = "given"
    for node in nodes:
        keyword = node["keyword"].strip()
        kind = _KEYWORD_TYPES.get(node.get("keywordType", ""), previous)
        previous = kind
        doc = node.get("docString")
        table = node.get("dataTable")
        rows = tuple(tuple(cell["value"] for cell in row["cells"]) for row in table["rows"]) if table else None
        steps.append(
            RawStep(
                keyword,
                kind,
                node["text"].strip(),
                node["location"]["line"] + line_offset,
                doc["content"] if doc else None,
                rows,
            )
        )
    return steps


def _examples(scenario: dict[str, Any], line_offset: int) -> list[ExampleRow]:
    rows: list[ExampleRow] = []
    for block in scenario.get("examples", []):
        header = block.get("tableHeader")
        if not header:
            continue
        names = [cell["value"] for cell in header["cells"]]
        for row in block.get("tableBody", []):
            values = dict(zip(names, (cell["value"] for cell in row["cells"]), strict=False))
            rows.append(ExampleRow(values, row["location"]["line"] + line_offset))
    return rows


def _header_language(lines: list[str]) -> tuple[int, str] | None:
    """(index, code) of the "# language:" line Gherkin honours: among the comments and blank
    lines before anything else."""
    for index, line in enumerate(lines):
        match = _LANGUAGE.match(line)
        if match:
            return index, match.group(1)
        if line.strip() and not line.lstrip().startswith("#"):
            return None
    return None


def _feature_keywords(language: str) -> list[str]:
    """The Feature keywords of a Gherkin dialect (English for one Cucumber does not know)."""
    try:
        dialect = Dialect.for_name(language)
    except Exception:  # noqa: BLE001 - an unknown name: the parser reports it at the language line
        dialect = None
    if dialect is None:
        return ["Feature", "Business Need", "Ability"]
    return [keyword.strip() for keyword in dialect.feature_keywords if keyword.strip()]


def read_gherkin(text: str, first_line: int, file: str, default_feature: str | None) -> list[RawScenario]:
    """Scenarios of one Gherkin block whose first line is line `first_line` of `file`."""
    offset = first_line - 1
    last = first_line + max(0, len(text.split("\n")) - (2 if text.endswith("\n") else 1))  # the block's last line
    source = text
    lines = text.split("\n")
    language = _header_language(lines)
    feature_keywords = _feature_keywords(language[1] if language else "en")
    if not any(re.search(rf"^\s*{re.escape(word)}\s*[:：]", text, re.MULTILINE) for word in feature_keywords):
        # Put the Feature line, in the block's language, after its "# language:" line (an
        # English "Feature:" in French Gherkin would be an error quoting a line not in the file).
        feature_keyword = feature_keywords[0]
        at = language[0] + 1 if language else 0
        lines.insert(at, f"{feature_keyword}: {default_feature or 'Requirements'}")
        source = "\n".join(lines) + "\n"
        offset -= 1
    try:
        document = Parser().parse(TokenScanner(source))
    except CompositeParserException as error:
        raise InputError(
            *(_error_line(file, item, offset, first_line, last) for item in error.errors), hint=_HINT
        ) from error
    except ParserException as error:
        raise InputError(_error_line(file, error, offset, first_line, last), hint=_HINT) from error
    feature: dict[str, Any] | None = document.get("feature")  # type: ignore[assignment]
    if not feature:
        return []
    name = default_feature or feature["name"]
    scenarios: list[RawScenario] = []
    _collect(feature, name, list(_tag_names(feature)), [], offset, scenarios, text.split("\n"), first_line)
    return scenarios


_HINT = (
    "fix the Gherkin at that line (keywords: Feature, Background, Scenario, Scenario Outline, Examples, "
    "Given/When/Then)"
)


# The parser's token names, as a reader of the file knows them.
_TOKENS = {
    "#EOF": "the end of the block",
    "#Language": "a # language: line",
    "#TagLine": "a tag (@name)",
    "#FeatureLine": "Feature:",
    "#RuleLine": "Rule:",
    "#BackgroundLine": "Background:",
    "#ScenarioLine": "Scenario: / Scenario Outline:",
    "#ExamplesLine": "Examples:",
    "#StepLine": "a step (Given / When / Then / And / But)",
    "#DocStringSeparator": 'a doc string\'s closing """',
    "#TableRow": "a table row (| a | b |)",
    "#Comment": "a # comment",
    "#Empty": "a blank line",
    "#Other": "text",
}
_EXPECTED = re.compile(r"expected: (#\w+(?:, #\w+)*)")


def _readable(message: str) -> str:
    """ "expected: #TagLine, #FeatureLine" -> "expected a tag (@name) or Feature:"."""

    def words(match: re.Match[str]) -> str:
        names = [_TOKENS.get(token.strip(), token.strip()) for token in match.group(1).split(",") if token.strip()]
        return "expected: " + (", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0])

    return _EXPECTED.sub(words, message)


def _error_line(file: str, error: Exception, offset: int, first: int, last: int) -> str:
    location = getattr(error, "location", None) or {}
    line = location.get("line")
    message = _readable(re.sub(r"^\(\d+:\d+\):\s*", "", str(error)))
    if line is None:
        return f"{file}: Gherkin: {message}"
    # "unexpected end of file" is placed on the line after the last: name the last one.
    return f"{file}:{max(first, min(line + offset, last))}: Gherkin: {message}"


def _tag_names(node: dict[str, Any]) -> tuple[str, ...]:
    return tuple(tag["name"] for tag in node.get("tags", []))


def _collect(
    parent: dict[str, Any],
    feature: str,
    tags: list[str],
    background: list[RawStep],
    offset: int,
    out: list[RawScenario],
    lines: list[str],
    first_line: int,
) -> None:
    background = list(background)
    for child in parent.get("children", []):
        if child.get("background"):
            background = background + _steps(child["background"]["steps"], offset)
        elif child.get("rule"):
            rule = child["rule"]
            _collect(rule, feature, tags + list(_tag_names(rule)), background, offset, out, lines, first_line)
        elif child.get("scenario"):
            node = child["scenario"]
            line = node["location"]["line"] + offset
            steps = _steps(node["steps"], offset)
            last = max([line, *(step.line for step in steps)])
            body = "\n".join(
                source.strip() for source in lines[line - first_line : last - first_line + 1] if source.strip()
            )
            out.append(
                RawScenario(
                    feature=feature,
                    name=node["name"].strip(),
                    keyword=node["keyword"].strip(),
                    line=line,
                    tags=tuple(tags) + _tag_names(node),
                    background=background,
                    steps=steps,
                    examples=_examples(node, offset),
                    text=body,
                )
            )
