"""The document reader: Markdown requirements → features, scenarios, criteria, notes (with lines).

markdown-it-py gives the block structure and, through token line maps, the line of every block.
What it becomes (docs/step-language.md, "How a document is read"):

- Gherkin: ```gherkin / ```feature / ```cucumber fences, `.feature` files, and unfenced text that
  starts with a Gherkin keyword line → `Gherkin` blocks, read by Cucumber's parser.
- Scenarios written in Markdown: a heading or a bold label "Scenario: …" (Feature / Background /
  Scenario Outline / Examples / Test case, and 功能 / 背景 / 场景 / 测试用例 …) followed by
  Given/When/Then bullets, numbered lines or plain lines → ONE `MdScenario`; test cases with
  "Steps" / "Expected result" blocks, numbered steps ("1. Click "Save" → "Saved" is shown") and
  step tables (Step | Action | Data | Expected result) → one `MdScenario` each. A list (or
  paragraph) whose lines are single Given/When/Then steps is one scenario even without a label,
  named after its heading.
- Everything else: one acceptance criterion per bullet or paragraph (`Item`), user stories,
  list lead-ins and introductions (notes).

Every non-empty line gets a role in `Document.roles` (what it is, and the line the plan reports
it under), so tests can prove that no line is ever dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from specwalk.fileio import editor_lines
from specwalk.plan.gherkin_reader import ExampleRow, RawStep
from specwalk.plan.labels import INLINE_EXPECTED, step_keyword, step_table_columns, structure_label
from specwalk.plan.sentences import split_keywords

_GHERKIN_FENCES = {"gherkin", "feature", "cucumber"}
_GHERKIN_START = re.compile(
    r"^\s*(?:#\s*language\s*:|(?:Feature|Business Need|Ability|Scenario|Scenario Outline|Scenario Template|Example|"
    r"Background|Rule|功能|场景|场景大纲|剧本|剧本大纲|背景|规则)\s*[:：])"
)
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_LANGUAGE_LINE = re.compile(r"^\s*#\s*language\s*:", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_USER_STORY = re.compile(
    r"^(?:\*\*|__)?(?:user story|story|用户故事)\s*[:：]|^as\s.+?\bi (?:want|would like|need)\b|"
    r"^作为.+我(?:希望|想要|想|需要)",
    re.IGNORECASE | re.DOTALL,
)
_STEPS_HEADING = re.compile(
    r"^(?:steps|step definitions|reusable steps|common steps|shared steps|步骤|步骤定义|通用步骤|可复用步骤)$",
    re.IGNORECASE,
)
_KEYWORD_TYPES = {"given": "given", "when": "when", "then": "then"}


@dataclass
class Gherkin:
    text: str
    first_line: int  # 1-based line of text's first line in the file
    heading: str | None


@dataclass
class Item:
    """A list item or a paragraph: a criterion, a note or a step definition body line."""

    text: str
    line: int
    depth: int  # list nesting (0: paragraph or top-level item)
    is_list_item: bool
    end_line: int = 0  # the last line it spans


@dataclass
class MdScenario:
    """A scenario written in Markdown (not Gherkin): its name and its steps, with their lines."""

    name: str
    line: int
    keyword: str  # as written ("Scenario", "场景", "Test case"); "" when only its steps make it one
    steps: list[RawStep] = field(default_factory=list)
    outline: bool = False
    examples: list[ExampleRow] = field(default_factory=list)
    heading_level: int = 7  # the heading that opened it (7: a label or a list: ends with its block)
    mode: str = "none"  # the keyword type of lines without one ("Steps:" → when, "Expected result:" → then)
    source_lines: list[str] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    level: int
    line: int
    user_story: str | None = None
    items: list[Item] = field(default_factory=list)
    gherkin: list[Gherkin] = field(default_factory=list)
    is_steps: bool = False
    scenarios: list[MdScenario] = field(default_factory=list)
    background: list[RawStep] = field(default_factory=list)
    is_background: bool = False  # a "Background" heading: its steps go before every scenario of the feature
    notes: list[Item] = field(default_factory=list)  # descriptions: text under a scenario or a background


@dataclass
class Document:
    preamble: list[Item]
    sections: list[Section]
    # line → (what it is, the line the plan reports it under): every non-empty line has one
    roles: dict[int, tuple[str, int]] = field(default_factory=dict)


_QUOTED = re.compile(r'("[^"]*"|“[^”]*”|「[^」]*」|`[^`]*`)')


def clean_inline(text: str) -> str:
    """Markdown emphasis dropped and whitespace collapsed, except inside quotes: a quoted value is
    exact ("Tests **catch** regressions." keeps its asterisks; "   " is three spaces), but a line
    break inside it is the wrapping of the text."""
    pieces = _QUOTED.split(text)
    return "".join(
        re.sub(r"[ \t]*\n\s*", " ", piece) if number % 2 else re.sub(r"\s+", " ", re.sub(r"\*\*|__", "", piece))
        for number, piece in enumerate(pieces)
    ).strip()


def _gherkin_end(lines: list[str], start: int) -> int:
    """Unfenced Gherkin runs to the next Markdown heading (not a `# language:` line) or a fence."""
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if (_ATX_HEADING.match(line) and not _LANGUAGE_LINE.match(line)) or line.lstrip().startswith("```"):
            return index
    return len(lines)


class _Reader:
    def __init__(self, text: str) -> None:
        self.lines = editor_lines(text)  # as markdown-it counts them: U+2028 or a form feed ends no line
        # markdown-it silently drops blocks nested past maxNesting (20: ten list levels);
        # load_document refuses nesting past MAX_NESTING (32 levels, at most ~64 tokens deep).
        self.tokens = MarkdownIt("commonmark", {"maxNesting": 72}).enable("table").parse(text)
        self.preamble: list[Item] = []
        self.sections: list[Section] = []
        self.current: Section | None = None
        self.scenario: MdScenario | None = None
        self.roles: dict[int, tuple[str, int]] = {}
        self.title: str | None = None  # the level-1 heading
        self.awaiting_examples = False

    # --- bookkeeping -------------------------------------------------------------------------

    def role(self, first: int, last: int, kind: str, anchor: int | None = None) -> None:
        for line in range(first, last + 1):
            if 1 <= line <= len(self.lines) and self.lines[line - 1].strip():
                self.roles.setdefault(line, (kind, anchor if anchor is not None else first))

    def section(self) -> Section:
        """The section new scenarios go to (an untitled one under the title when there is none)."""
        if self.current is None or self.current.is_steps:
            section = Section(self.title or "", 2 if self.title else 1, 1)
            self.sections.append(section)
            self.current = section
        return self.current

    def end_scenario(self) -> None:
        self.scenario = None
        self.awaiting_examples = False

    def start_scenario(self, name: str, line: int, keyword: str, *, level: int, outline: bool = False) -> None:
        self.end_scenario()
        section = self.section()
        section.is_background = False
        self.scenario = MdScenario(name or (section.heading or self.title or "Scenario"), line, keyword)
        self.scenario.heading_level = level
        self.scenario.outline = outline
        section.scenarios.append(self.scenario)

    def add_step(self, text: str, line: int, mode: str | None = None) -> None:
        """One line of the current scenario (or background): its keyword, or the block's mode."""
        found = step_keyword(text)
        if found is not None:
            keyword, kind, rest = found
        else:
            keyword, kind, rest = "", mode or (self.scenario.mode if self.scenario else "given"), text
        target_steps = self.scenario.steps if self.scenario is not None else self.section().background
        previous = next((step.keyword_type for step in reversed(target_steps)), "given")
        resolved = previous if kind == "and" else kind
        # "1. Click "Save" → "Saved" is shown": the action, then its expected result, on one line
        parts = INLINE_EXPECTED.split(rest, maxsplit=1) if resolved != "then" else [rest]
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            target_steps.append(
                RawStep(keyword, "when" if resolved == "none" else resolved, clean_inline(parts[0]), line)
            )
            target_steps.append(RawStep("", "then", clean_inline(parts[1]), line))
        else:
            target_steps.append(RawStep(keyword, resolved, clean_inline(rest), line))
        if self.scenario is not None:
            self.scenario.source_lines.append(self.lines[line - 1].strip())
        self.role(line, line, "step")

    # --- blocks -------------------------------------------------------------------------------

    def heading(self, index: int, token: Token) -> int:
        start = token.map[0] if token.map else 0
        level = int(token.tag[1])
        title = clean_inline(self.tokens[index + 1].content)
        self.role(start + 1, start + 1, "heading")
        if self.scenario is not None and level <= self.scenario.heading_level:
            self.end_scenario()
        label = structure_label(title, heading=True)
        if label is not None:
            kind, rest = label
            if kind in ("scenario", "outline"):
                self.start_scenario(
                    rest, start + 1, title.split(":")[0].split("：")[0], level=level, outline=kind == "outline"
                )
                return index + 3
            if kind in ("given", "when", "then") and self.scenario is not None:
                self.scenario.mode = kind  # "#### Steps" inside a test case
                return index + 3
            if kind == "examples" and self.scenario is not None:
                self.awaiting_examples = True
                return index + 3
            if kind in ("background", "given"):
                self.end_scenario()
                if self.current is None or self.current.is_steps or level <= self.current.level:
                    self.current = Section(self.title or "", level, start + 1)
                    self.sections.append(self.current)
                self.current.is_background = True
                return index + 3
            if kind == "feature":
                title = rest or title
        self.end_scenario()
        if level == 1 and self.title is None:
            self.title = title
        self.current = Section(title, level, start + 1)
        self.current.is_steps = bool(_STEPS_HEADING.match(title))
        self.sections.append(self.current)
        return index + 3

    def paragraph(self, index: int, token: Token, depth: int) -> None:
        start, end = token.map or (0, 0)
        in_item = index > 0 and self.tokens[index - 1].type == "list_item_open"
        raw_lines = [self.lines[number] for number in range(start, end)]
        first = _BULLET.sub("", raw_lines[0], count=1) if in_item else raw_lines[0]
        label = structure_label(first, heading=False) if not in_item else None
        if label is not None:
            kind, rest = label
            self.role(start + 1, start + 1, "heading")
            if kind in ("scenario", "outline"):
                keyword = re.split(r"[:：]", first.strip().strip("*_"), maxsplit=1)[0].strip("*_ ")
                self.start_scenario(clean_inline(rest), start + 1, keyword, level=7, outline=kind == "outline")
                self._lines_as_steps(start + 1, end)
                return
            if kind == "feature":
                self.end_scenario()
                self.current = Section(clean_inline(rest) or self.title or "", 2, start + 1)
                self.sections.append(self.current)
                return
            if kind == "background":
                self.end_scenario()
                self.section().is_background = True
                self._lines_as_steps(start + 1, end, background=True)
                return
            if kind == "examples" and self.scenario is not None:
                self.awaiting_examples = True
                return
            if kind in ("given", "when", "then"):
                if self.scenario is None and kind != "given":
                    self.start_scenario("", start + 1, "", level=7)
                if self.scenario is not None:
                    self.scenario.mode = kind
                    if rest:
                        self.add_step(rest, start + 1, kind)
                    self._lines_as_steps(start + 1, end)
                else:
                    if rest:
                        self.add_step(rest, start + 1, "given")
                    self._lines_as_steps(start + 1, end, background=True)
                return
        keyword_lines = [step_keyword(line, capitalised=True) for line in raw_lines]
        text = clean_inline("\n".join([first.strip(), *(line.strip() for line in raw_lines[1:])]))
        if self.scenario is not None:
            if in_item:
                self.add_step(text, start + 1)
                self.role(start + 1, end, "step", start + 1)
            elif all(keyword_lines) or self.scenario.mode != "none":
                self._lines_as_steps(start, end)
            else:  # text under a scenario that is not a step: its description
                self.section().notes.append(Item(text, start + 1, 0, False, end))
                self.role(start + 1, end, "note")
            return
        section = self.current
        if section is not None and section.is_background:
            if in_item or all(keyword_lines):
                if in_item:
                    self.add_step(text, start + 1, "given")
                    self.role(start + 1, end, "step", start + 1)
                else:
                    self._lines_as_steps(start, end, background=True)
            else:  # "## Background" of a product document: context, not requirements
                section.notes.append(Item(text, start + 1, 0, False, end))
                self.role(start + 1, end, "note")
            return
        leading = keyword_lines[0]
        if not in_item and len(raw_lines) > 1 and all(keyword_lines) and leading and leading[1] in ("given", "when"):
            # plain lines "Given …" / "When …" / "Then …" under a heading: one scenario
            self.start_scenario("", start + 1, "", level=7)
            self._lines_as_steps(start, end)
            self.end_scenario()
            return
        item = Item(text, start + 1, max(depth, 0), in_item, end)
        if section is not None and section.user_story is None and _USER_STORY.match(item.text):
            section.user_story = re.sub(r"^(?:user story|story|用户故事)\s*[:：]\s*", "", item.text, flags=re.I)
            self.role(start + 1, end, "user story")
        elif section is None:
            self.preamble.append(item)
            self.role(start + 1, end, "note")
        else:
            section.items.append(item)
            self.role(start + 1, end, "definition" if section.is_steps else "item")

    def _lines_as_steps(self, start: int, end: int, *, background: bool = False) -> None:
        """Each line of a paragraph is one step (lines that do not start a step continue the last)."""
        saved = self.scenario
        if background:
            self.scenario = None
        pending: tuple[str, int] | None = None
        for number in range(start, end):
            line = self.lines[number].strip()
            if not line:
                continue
            if pending is not None and step_keyword(line, capitalised=True) is None and not _BULLET.match(line):
                pending = (pending[0] + " " + line, pending[1])
                self.role(number + 1, number + 1, "step", pending[1])
                continue
            if pending is not None:
                self.add_step(pending[0], pending[1])
            pending = (_BULLET.sub("", line, count=1), number + 1)
        if pending is not None:
            self.add_step(pending[0], pending[1])
        if background:
            self.scenario = saved

    def table(self, index: int) -> int:
        """A step table (or an outline's Examples); returns the index after it."""
        rows: list[tuple[int, list[str]]] = []
        close = index
        row: list[str] = []
        row_line = 0
        while close < len(self.tokens) and self.tokens[close].type != "table_close":
            token = self.tokens[close]
            if token.type == "tr_open":
                row, row_line = [], (token.map[0] + 1 if token.map else 0)
            elif token.type == "inline":
                row.append(token.content.strip())
            elif token.type == "tr_close":
                rows.append((row_line, row))
            close += 1
        table_token = self.tokens[index]
        first, last = (table_token.map[0] + 1, table_token.map[1]) if table_token.map else (0, 0)
        if not rows:
            return close + 1
        header = rows[0][1]
        if self.awaiting_examples and self.scenario is not None:
            for line, cells in rows[1:]:
                self.scenario.examples.append(ExampleRow(dict(zip(header, cells, strict=False)), line))
                self.role(line, line, "example")
            self.role(first, last, "table")
            self.awaiting_examples = False
            return close + 1
        columns = step_table_columns(header)
        if columns is None:
            self.role(first, last, "table")
            return close + 1
        if self.scenario is None:
            self.start_scenario("", first, "", level=7)
        assert self.scenario is not None
        for line, cells in rows[1:]:

            def cell(kind: str, cells: list[str] = cells) -> str:
                at = columns.get(kind)
                return clean_inline(cells[at]) if at is not None and at < len(cells) else ""

            action, data, expected = cell("action"), cell("data"), cell("expected")
            if action:
                self.scenario.steps.append(RawStep("", _table_mode(self.scenario), _with_data(action, data), line))
            if expected:
                self.scenario.steps.append(RawStep("", "then", expected, line))
            self.scenario.source_lines.append(self.lines[line - 1].strip())
            self.role(line, line, "step")
        self.role(first, last, "table")
        return close + 1

    def list_block(self, index: int) -> bool:
        """A list whose items are single Given/When/Then steps and no scenario is open: one scenario
        named after its heading (each item "Given …, when …, then …" stays a criterion)."""
        if self.scenario is not None:
            return False
        closing = "bullet_list_close" if self.tokens[index].type == "bullet_list_open" else "ordered_list_close"
        level = self.tokens[index].level
        items: list[str] = []
        cursor = index + 1
        while cursor < len(self.tokens):
            token = self.tokens[cursor]
            if token.type == closing and token.level == level:
                break
            if token.type == "inline" and token.level == level + 3:
                items.append(token.content)
            cursor += 1
        if len(items) < 2:
            return False
        found = [step_keyword(item.split("\n")[0]) for item in items]
        if not all(found) or found[0] is None or found[0][1] not in ("given", "when"):
            return False
        if any(len(split_keywords(item.replace("\n", " ")) or []) > 1 for item in items):
            return False  # full criteria, one per bullet
        if not any(item is not None and item[1] == "then" for item in found):
            return False
        if self.current is not None and self.current.is_background:
            return False
        opened = self.tokens[index].map
        self.start_scenario(self._lead_in_name(), opened[0] + 1 if opened else 1, "", level=7)
        return True

    def _lead_in_name(self) -> str:
        """A list's name: the paragraph before it when it is a lead-in ("Successful login:")."""
        section = self.section()
        if section.items and not section.items[-1].is_list_item and section.items[-1].text.endswith((":", "：")):
            lead = section.items.pop()
            self.roles[lead.line] = ("heading", lead.line)
            return lead.text.rstrip(":：").strip()
        return ""

    # --- the walk -----------------------------------------------------------------------------

    def read(self) -> Document:
        depth = -1
        skip_until = -1
        list_scenarios: list[int] = []  # levels of lists that are one scenario each
        index = 0
        tokens = self.tokens
        while index < len(tokens):
            token = tokens[index]
            start = token.map[0] if token.map else -1
            if token.map and start < skip_until and token.nesting >= 0:
                index += 1
                continue
            if token.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
                if depth == 0 and self.list_block(index):
                    list_scenarios.append(token.level)
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                if list_scenarios and token.level == list_scenarios[-1]:
                    list_scenarios.pop()
                    self.end_scenario()
            if token.type == "heading_open" and token.map:
                if _LANGUAGE_LINE.match(self.lines[start]):  # "# language: zh-CN" read as a heading
                    index = self._unfenced(index, start)
                    skip_until = self._skip
                    continue
                index = self.heading(index, token)
                continue
            if token.type == "fence" and token.map:
                info = token.info.strip().split()[0].lower() if token.info.strip() else ""
                end = token.map[1]
                if info in _GHERKIN_FENCES:
                    section = self.current if self.current is not None and not self.current.is_steps else None
                    block = Gherkin(token.content, start + 2, section.heading if section else None)
                    if self.current is not None and self.current.is_steps:
                        self.current.gherkin.append(block)
                    else:
                        self.end_scenario()
                        (section.gherkin if section else _orphan(self)).append(block)
                    self.role(start + 1, start + 1, "fence")
                    self.role(end, end, "fence")
                    self._gherkin_roles(start + 2, end - 1)
                else:
                    self.role(start + 1, end, "code")
                index += 1
                continue
            if token.map and token.type in ("paragraph_open", "code_block") and _GHERKIN_START.match(self.lines[start]):
                index = self._unfenced(index, start)
                skip_until = self._skip
                continue
            if token.type == "table_open":
                index = self.table(index)
                continue
            if token.type == "paragraph_open" and token.map:
                self.paragraph(index, token, depth)
            elif token.type in ("code_block", "html_block", "hr") and token.map:
                self.role(token.map[0] + 1, token.map[1], "code" if token.type != "hr" else "rule")
            index += 1
        return Document(self.preamble, self.sections, self.roles)

    _skip = -1

    def _unfenced(self, index: int, start: int) -> int:
        end = _gherkin_end(self.lines, start)
        self.end_scenario()
        section = self.current if self.current is not None else None
        block = Gherkin("\n".join(self.lines[start:end]) + "\n", start + 1, section.heading if section else None)
        (section.gherkin if section else _orphan(self)).append(block)
        self._gherkin_roles(start + 1, end)
        self._skip = end
        return index + 1

    def _gherkin_roles(self, first: int, last: int) -> None:
        """Lines of a Gherkin block: steps are reported by their own line; tables, doc strings and
        descriptions by the step or keyword line they belong to."""
        anchor = first
        in_doc = False
        for number in range(first, last + 1):
            if number > len(self.lines):
                break
            line = self.lines[number - 1].strip()
            if not line:
                continue
            if line.startswith(('"""', "```")):
                in_doc = not in_doc
                self.role(number, number, "doc string", anchor)
            elif in_doc:
                self.role(number, number, "doc string", anchor)
            elif step_keyword(line) is not None:
                anchor = number
                self.role(number, number, "step")
            elif line.startswith("|"):
                self.role(number, number, "table", anchor)
            else:
                anchor = number
                self.role(number, number, "gherkin")


def _table_mode(scenario: MdScenario) -> str:
    return scenario.mode if scenario.mode != "none" else "when"


_FILL_VERBS = re.compile(
    r"^(?P<verb>enter|type|input|fill in|fill|write|key in|provide|输入|填写)\b\s*(?P<rest>.*)$", re.I
)
_SELECT_VERBS = re.compile(r"^(?P<verb>select|choose|pick|选择)\b\s*(?P<rest>.*)$", re.IGNORECASE)


def _with_data(action: str, data: str) -> str:
    """A step table row's action with its Data cell: "Enter the username" + "admin" →
    'Enter "admin" into the username'."""
    data = data.strip()
    if not data or data in action:
        return action
    quoted = f'"{data}"' if '"' not in data else f"“{data}”"
    fill = _FILL_VERBS.match(action)
    if fill and fill.group("rest"):
        return f"{fill.group('verb')} {quoted} into {fill.group('rest')}"
    choose = _SELECT_VERBS.match(action)
    if choose and choose.group("rest"):
        return f"{choose.group('verb')} {quoted} from {choose.group('rest')}"
    return f"{action} {quoted}"


def _orphan(reader: _Reader) -> list[Gherkin]:
    """Gherkin before any heading: give it an untitled section of its own."""
    section = Section("", 1, 1)
    reader.sections.append(section)
    return section.gherkin


def read_markdown(text: str) -> Document:
    return _Reader(text).read()


def slugify(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "untitled"
