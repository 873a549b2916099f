"""Markdown requirements → blocks (features, user stories, criteria, Gherkin, step definitions).

markdown-it-py gives the structure and, through token line maps, the line of every block; the
text of a criterion is taken from the source lines themselves so `code spans` keep their
backticks (they quote routes). Gherkin is read from ```gherkin / ```feature / ```cucumber
fences, from `.feature` files, and from unfenced text that starts with a Gherkin keyword line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from specwalk.fileio import editor_lines

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


@dataclass
class Section:
    heading: str
    level: int
    line: int
    user_story: str | None = None
    items: list[Item] = field(default_factory=list)
    gherkin: list[Gherkin] = field(default_factory=list)
    is_steps: bool = False


@dataclass
class Document:
    preamble: list[Item]
    sections: list[Section]


_QUOTED = re.compile(r'("[^"]*"|“[^”]*”|「[^」]*」)')


def _clean_inline(text: str) -> str:
    """Markdown emphasis dropped and whitespace collapsed, except inside quotes: a quoted value is
    exact ("   " is three spaces), but a line break inside it is the wrapping of the text."""
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    pieces = _QUOTED.split(text)
    return "".join(
        re.sub(r"[ \t]*\n\s*", " ", piece) if number % 2 else re.sub(r"\s+", " ", piece)
        for number, piece in enumerate(pieces)
    ).strip()


def _source_text(lines: list[str], start: int, end: int) -> str:
    chunk = lines[start:end]
    if chunk:
        chunk[0] = _BULLET.sub("", chunk[0], count=1)
    return _clean_inline("\n".join(line.strip() for line in chunk))


def _gherkin_end(lines: list[str], start: int) -> int:
    """Unfenced Gherkin runs to the next Markdown heading (not a `# language:` line) or a fence."""
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if (_ATX_HEADING.match(line) and not _LANGUAGE_LINE.match(line)) or line.lstrip().startswith("```"):
            return index
    return len(lines)


def read_markdown(text: str) -> Document:
    lines = editor_lines(text)  # as markdown-it counts them: U+2028 or a form feed ends no line
    tokens = MarkdownIt("commonmark").parse(text)
    preamble: list[Item] = []
    sections: list[Section] = []
    current: Section | None = None
    skip_until = -1
    depth = -1
    index = 0
    while index < len(tokens):
        token = tokens[index]
        start = token.map[0] if token.map else -1
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        if token.map and start < skip_until and token.nesting >= 0:
            index += 1
            continue
        if token.type == "heading_open" and token.map:
            inline = tokens[index + 1].content
            if _LANGUAGE_LINE.match(lines[start]) or _GHERKIN_START.match(lines[start].lstrip("# ")):
                pass  # a "# language:" comment parsed as a heading: handled as Gherkin below
            else:
                current = Section(_clean_inline(inline), int(token.tag[1]), start + 1)
                current.is_steps = bool(_STEPS_HEADING.match(current.heading))
                sections.append(current)
                index += 3
                continue
        if token.type == "fence" and token.map:
            info = token.info.strip().split()[0].lower() if token.info.strip() else ""
            if info in _GHERKIN_FENCES:
                block = Gherkin(token.content, start + 2, current.heading if current else None)
                (current.gherkin if current else _orphan(sections)).append(block)
            index += 1
            continue
        if (
            token.map
            and token.type in ("paragraph_open", "heading_open", "code_block")
            and _GHERKIN_START.match(lines[start])
        ):
            end = _gherkin_end(lines, start)
            block = Gherkin("\n".join(lines[start:end]) + "\n", start + 1, current.heading if current else None)
            (current.gherkin if current else _orphan(sections)).append(block)
            skip_until = end
            index += 1
            continue
        if token.type == "paragraph_open" and token.map:
            end = token.map[1]
            in_item = index > 0 and tokens[index - 1].type == "list_item_open"
            item = Item(_source_text(lines, start, end), start + 1, max(depth, 0), in_item)
            if current is not None and current.user_story is None and _USER_STORY.match(item.text):
                current.user_story = re.sub(r"^(?:user story|story|用户故事)\s*[:：]\s*", "", item.text, flags=re.I)
            elif current is None:
                preamble.append(item)
            else:
                current.items.append(item)
        index += 1
    return Document(preamble, sections)


def _orphan(sections: list[Section]) -> list[Gherkin]:
    """Gherkin before any heading: give it an untitled section of its own."""
    section = Section("", 1, 1)
    sections.append(section)
    return section.gherkin


def slugify(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "untitled"
