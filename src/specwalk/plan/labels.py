"""The words that give a requirements document its structure, per language (data, one row each).

Headings and bold labels name features, scenarios, backgrounds, test-case blocks ("Steps",
"Expected result") and Examples; step keywords start the lines of a scenario; step tables (as
test-management tools export them) have their columns named. The document reader
(`document.py`) looks every label up here; tests walk every row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# A heading or label → what it opens. The name follows the label ("Scenario: Sign in").
STRUCTURE_LABELS: Mapping[str, str] = {
    "feature": "feature",
    "ability": "feature",
    "business need": "feature",
    "epic": "feature",
    "功能": "feature",
    "特性": "feature",
    "scenario": "scenario",
    "example": "scenario",
    "test case": "scenario",
    "testcase": "scenario",
    "test scenario": "scenario",
    "场景": "scenario",
    "剧本": "scenario",
    "测试用例": "scenario",
    "用例": "scenario",
    "scenario outline": "outline",
    "scenario template": "outline",
    "场景大纲": "outline",
    "剧本大纲": "outline",
    "background": "background",
    "背景": "background",
    # blocks inside a scenario (a test case): what the lines under them are
    "preconditions": "given",
    "precondition": "given",
    "pre-conditions": "given",
    "prerequisites": "given",
    "given": "given",
    "前置条件": "given",
    "前提条件": "given",
    "预置条件": "given",
    "steps": "when",
    "test steps": "when",
    "steps to reproduce": "when",
    "actions": "when",
    "procedure": "when",
    "步骤": "when",
    "操作步骤": "when",
    "测试步骤": "when",
    "expected result": "then",
    "expected results": "then",
    "expected outcome": "then",
    "expected outcomes": "then",
    "expected behavior": "then",
    "expected behaviour": "then",
    "expected": "then",
    "预期结果": "then",
    "期望结果": "then",
    "预期": "then",
    "examples": "examples",
    "scenarios": "examples",
    "例子": "examples",
    "示例": "examples",
}
_LABEL_WORDS = "|".join(re.escape(word) for word in sorted(STRUCTURE_LABELS, key=len, reverse=True))
# "Scenario: Sign in", "Test case 3 - Sign in", "TC-12: Sign in", "场景：登录", "**Scenario:** Sign in"
LABEL = re.compile(
    rf"^(?:\*\*|__)?(?P<label>{_LABEL_WORDS}|tc[-_ ]?\d+[\w.-]*)(?:\s*#?\d+[\w.]*)?(?:\*\*|__)?\s*"
    rf"(?P<sep>[:：]|[-–—]\s|\.\s)?(?:\*\*|__)?\s*(?P<rest>.*?)(?:\*\*|__)?\s*$",
    re.IGNORECASE,
)
# Labels that must be followed by ":" (or be a whole heading) to count: "Given I am …" is a step,
# "Steps to install" a heading, "Example: …" a scenario but "Example data" is not.
_NEEDS_COLON = {"given", "example", "actions", "expected", "scenarios", "procedure", "steps", "示例"}


def structure_label(text: str, *, heading: bool) -> tuple[str, str] | None:
    """(what the label opens, the text after it), for a heading or the start of a paragraph."""
    match = LABEL.match(text.strip())
    if match is None:
        return None
    label = match.group("label").lower()
    rest = match.group("rest").strip()
    kind = STRUCTURE_LABELS.get(label, "scenario" if label.startswith("tc") else "")
    if not kind:
        return None
    separated = match.group("sep") is not None
    if not separated and rest:
        # "Scenario Sign in" is no label; "Steps" alone as a heading is one
        return None
    if not separated and not heading and kind not in ("examples",):
        return None
    if label in _NEEDS_COLON and not separated and not (heading and not rest):
        return None
    return kind, rest


# --- step keywords ------------------------------------------------------------------------------

STEP_KEYWORDS: Mapping[str, str] = {
    "given": "given",
    "when": "when",
    "then": "then",
    "and": "and",
    "but": "and",
    "*": "and",
    "假如": "given",
    "假设": "given",
    "假定": "given",
    "当": "when",
    "那么": "then",
    "并且": "and",
    "而且": "and",
    "同时": "and",
    "但是": "and",
}
_EN_KEYWORD = re.compile(
    r"^(?:\*\*|__)?(?P<k>given|when|then|and|but)(?:\*\*|__)?(?:\s*[:,])?\s+(?P<rest>\S.*)$", re.IGNORECASE
)
# "当" starts many words ("当前" current, "当时" then): only a keyword when no such word follows.
_ZH_KEYWORD = re.compile(
    r"^(?:\*\*|__)?(?P<k>假如|假设|假定|当(?![前时然中天地初年日场])|那么|并且|而且|同时|但是)(?:\*\*|__)?\s*[，,:：]?\s*"
    r"(?P<rest>\S.*)$"
)


def step_keyword(line: str, *, capitalised: bool = False) -> tuple[str, str, str] | None:
    """(the keyword as written, its type given/when/then/and, the rest) when a line starts with one.

    `capitalised`: only "Given", "When", … count (a wrapped criterion's next line may start with
    a lower-case "then").
    """
    text = line.strip()
    match = _EN_KEYWORD.match(text) or _ZH_KEYWORD.match(text)
    if match is None:
        return None
    keyword = match.group("k")
    if capitalised and keyword.isascii() and not keyword[0].isupper():
        return None
    return keyword.strip("*_"), STEP_KEYWORDS[keyword.lower()], match.group("rest").strip()


# --- step tables (TestRail, Xray, Zephyr, Azure Test Plans exports) ------------------------------

# A column header → what the column holds.
STEP_TABLE_COLUMNS: Mapping[str, str] = {
    "#": "number",
    "no": "number",
    "no.": "number",
    "nr": "number",
    "step #": "number",
    "step no": "number",
    "序号": "number",
    "编号": "number",
    "step": "step",
    "steps": "step",
    "步骤": "step",
    "action": "action",
    "actions": "action",
    "step action": "action",
    "test step": "action",
    "test steps": "action",
    "description": "action",
    "step description": "action",
    "操作": "action",
    "操作步骤": "action",
    "步骤描述": "action",
    "data": "data",
    "test data": "data",
    "input": "data",
    "input data": "data",
    "数据": "data",
    "测试数据": "data",
    "输入": "data",
    "expected result": "expected",
    "expected results": "expected",
    "expected": "expected",
    "expected outcome": "expected",
    "expected behavior": "expected",
    "expected behaviour": "expected",
    "result": "expected",
    "预期结果": "expected",
    "期望结果": "expected",
    "预期": "expected",
}


def step_table_columns(header: list[str]) -> dict[str, int] | None:
    """Which column holds the action, the data and the expected result; None: not a step table.

    "Step | Action": the step column numbers the rows and the action column says what to do;
    a lone "Step" column is the action.
    """
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        kind = STEP_TABLE_COLUMNS.get(re.sub(r"\s+", " ", cell.strip().strip("*_").lower()).rstrip(":："))
        if kind is not None and kind not in found:
            found[kind] = index
    if "action" not in found and "step" in found:
        found["action"] = found.pop("step")
    found.pop("step", None)
    if "action" not in found:
        return None
    return found


# A numbered step that carries its expected result: "Click "Save" → "Saved" is shown".
INLINE_EXPECTED = re.compile(
    r"\s*(?:→|->|=>|⇒|—>|\bexpected(?: result)?\s*[:：]|\bexpect\s*[:：]|预期(?:结果)?\s*[:：]|"
    r"期望(?:结果)?\s*[:：])\s*",
    re.IGNORECASE,
)
