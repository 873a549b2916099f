"""Is the manual on disk still current? A regenerated manual compared with it, chapter by chapter.

`specwalk docs --check` regenerates the manual into a scratch folder and compares it with the one
on disk: every step's sentence and picture, every note and its picture, the tasks and their
titles, and the chapters' text. Pictures are compared by their pixels: one has changed when more
than a threshold of its pixels differ visibly (any colour channel by more than 32 of 255), so
noise cannot count and a changed label always does; text is compared word for word. The result
lists what changed per chapter, task and step; `--update` writes the new manual and marks the steps
whose picture changed ("Changed" in the HTML).

The only module that imports Pillow (in the `browser` extra, with Playwright).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pydantic import ValidationError

from specwalk.emit.manual_md import feature_file, inline
from specwalk.emit.manual_tasks import document_titles, note_paragraphs
from specwalk.emit.manual_text import Lang, plain, sentence_tokens
from specwalk.errors import UsageError
from specwalk.manual.tasks import shows_error
from specwalk.models.manual import ManualDocument, ManualScenario, ManualStep, ManualTask

MANIFEST = "manual.json"
VISIBLE = 32  # a channel difference a reader can see; antialiasing noise stays below it
DEFAULT_THRESHOLD = 0.1  # percent of a picture's pixels


@dataclass(frozen=True)
class Change:
    """One thing that differs: where (chapter, task, step) and what."""

    chapter: str
    task: str = ""
    step: int | None = None
    what: str = ""
    picture: bool = False  # a step's picture changed (the HTML marks the step)
    scenario_id: str = ""

    def __str__(self) -> str:
        where = " › ".join(part for part in (self.chapter, self.task) if part)
        if self.step is not None:
            where += f" › step {self.step}"
        return f"{where}: {self.what}" if where else self.what


def picture_difference(old: bytes, new: bytes) -> float:
    """The share (0..1) of pixels that differ visibly; 1 when the sizes differ or one is unreadable."""
    if old == new:
        return 0.0
    try:
        from PIL import Image, ImageChops, UnidentifiedImageError
    except ImportError as exc:
        raise UsageError(
            "comparing pictures needs the Python package 'pillow'", hint="pip install 'specwalk[browser]'"
        ) from exc
    try:
        first = Image.open(BytesIO(old)).convert("RGBA")
        second = Image.open(BytesIO(new)).convert("RGBA")
    except (UnidentifiedImageError, OSError):
        return 1.0
    if first.size != second.size:
        return 1.0
    channels = ImageChops.difference(first, second).split()
    strongest = channels[0]
    for channel in channels[1:]:
        strongest = ImageChops.lighter(strongest, channel)
    histogram = strongest.histogram()
    return sum(histogram[VISIBLE + 1 :]) / (first.width * first.height)


def load_manifest(directory: Path) -> ManualDocument | None:
    """The manual on disk (its manifest), or None when there is none this version can read."""
    try:
        return ManualDocument.model_validate_json((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, ValidationError):
        return None


@dataclass(frozen=True)
class _Step:
    chapter: str
    task: str
    number: int
    text: str
    image: str | None


def _steps(document: ManualDocument, lang: Lang) -> dict[tuple[str, int], _Step]:
    titles = {anchor: plain(tokens) for anchor, tokens in document_titles(document, lang).items()}
    found: dict[tuple[str, int], _Step] = {}
    for feature in document.features:
        for task in feature.tasks:
            steps: list[tuple[str, ManualStep]] = [(task.procedure.scenario_id, s) for s in task.procedure.steps]
            for scenario_id, step in steps:
                found[(scenario_id, step.number)] = _Step(
                    feature.name,
                    titles[task.anchor],
                    step.number,
                    plain(sentence_tokens(step.sentence, lang), titles),
                    step.shot.image if step.shot else None,
                )
    return found


def _notes(document: ManualDocument, lang: Lang) -> dict[str, tuple[str, str, str, str | None]]:
    """Note scenario id -> (chapter, task title, its text, its picture)."""
    titles = {anchor: plain(tokens) for anchor, tokens in document_titles(document, lang).items()}
    found = {}
    for feature in document.features:
        for task in feature.tasks:
            for note in task.notes:
                text = " ".join(plain(paragraph, titles) for paragraph in note_paragraphs(note, lang))
                outcome = note.scenario.outcome
                found[note.scenario.scenario_id] = (
                    feature.name,
                    titles[task.anchor],
                    text,
                    outcome.image if outcome else None,
                )
    return found


def _picture(directory: Path, old: str | None, new: str | None, files: Mapping[str, str | bytes]) -> float:
    if old is None and new is None:
        return 0.0
    if old is None or new is None:
        return 1.0
    try:
        before = (directory / old).read_bytes()
    except OSError:
        return 1.0
    after = files.get(new, b"")
    return picture_difference(before, after if isinstance(after, bytes) else after.encode("utf-8"))


def compare_manual(
    directory: Path,
    document: ManualDocument,
    files: Mapping[str, str | bytes],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Change]:
    """What differs between the manual in `directory` and the regenerated one (`document`, rendered
    to `files`); `threshold`: percent of a picture's pixels that must differ for it to count."""
    lang: Lang = "zh" if document.language == "zh" else "en"
    old = load_manifest(directory)
    if old is None:
        return [Change(chapter="", what=f"no manual on disk in {directory} (or one from another specwalk version)")]
    changes: list[Change] = []
    limit = threshold / 100
    before, after = _steps(old, lang), _steps(document, lang)
    old_tasks = {t.procedure.scenario_id: (f.name, t) for f in old.features for t in f.tasks}
    new_tasks = {t.procedure.scenario_id: (f.name, t) for f in document.features for t in f.tasks}
    old_titles = {anchor: plain(tokens) for anchor, tokens in document_titles(old, lang).items()}
    new_titles = {anchor: plain(tokens) for anchor, tokens in document_titles(document, lang).items()}
    for scenario_id, (chapter, task) in new_tasks.items():
        title = new_titles[task.anchor]
        if scenario_id not in old_tasks:
            changes.append(Change(chapter, title, what="new task"))
            continue
        was = old_titles[old_tasks[scenario_id][1].anchor]
        if was != title:
            changes.append(Change(chapter, title, what=f"title was “{was}”"))
    for scenario_id, (chapter, task) in old_tasks.items():
        if scenario_id not in new_tasks:
            changes.append(Change(chapter, old_titles[task.anchor], what="task removed"))
    for key, step in after.items():
        if key[0] not in old_tasks:
            continue
        previous = before.get(key)
        if previous is None:
            changes.append(Change(step.chapter, step.task, step.number, f"new step: {step.text}", scenario_id=key[0]))
            continue
        if previous.text != step.text:
            what = f"text: “{previous.text}” → “{step.text}”"
            changes.append(Change(step.chapter, step.task, step.number, what, scenario_id=key[0]))
        share = _picture(directory, previous.image, step.image, files)
        if share > limit:
            what = f"picture changed ({share * 100:.1f}% of its pixels): {step.text}"
            changes.append(Change(step.chapter, step.task, step.number, what, picture=True, scenario_id=key[0]))
    for key, step in before.items():
        if key not in after and key[0] in new_tasks:
            changes.append(Change(step.chapter, step.task, step.number, f"step removed: {step.text}"))
    old_notes, new_notes = _notes(old, lang), _notes(document, lang)
    for scenario_id, (chapter, title, text, image) in new_notes.items():
        if scenario_id not in old_notes:
            changes.append(Change(chapter, title, what=f"new note: {text}"))
            continue
        _chapter, _title, old_text, old_image = old_notes[scenario_id]
        if old_text != text:
            changes.append(Change(chapter, title, what=f"note: “{old_text}” → “{text}”"))
        share = _picture(directory, old_image, image, files)
        if share > limit:
            what = f"note picture changed ({share * 100:.1f}% of its pixels): {text}"
            changes.append(Change(chapter, title, what=what))
    for scenario_id, (chapter, title, text, _image) in old_notes.items():
        if scenario_id not in new_notes:
            changes.append(Change(chapter, title, what=f"note removed: {text}"))
    changes += _text_changes(directory, document, files, {change.chapter for change in changes})
    return changes


def _text_changes(
    directory: Path, document: ManualDocument, files: Mapping[str, str | bytes], reported: set[str]
) -> list[Change]:
    """Any other difference in a chapter's text (an introduction, a result, a table), by its first
    changed line, for chapters nothing above reported."""
    changes = []
    for feature in document.features:
        if feature.name in reported:
            continue
        name = feature_file(feature)
        new = files.get(name, "")
        try:
            old = (directory / name).read_text(encoding="utf-8")
        except OSError:
            changes.append(Change(feature.name, what="new chapter"))
            continue
        if not isinstance(new, str) or old == new:
            continue
        diff = [
            line
            for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        first = diff[0][1:].strip() if diff else ""
        changes.append(Change(feature.name, what=f"text changed ({len(diff)} line(s)), e.g. “{first[:100]}”"))
    return changes


def mark_changed(document: ManualDocument, changes: list[Change]) -> ManualDocument:
    """The document with a "changed" mark on every step whose picture changed."""
    marked = {(change.scenario_id, change.step) for change in changes if change.picture}
    if not marked:
        return document
    features = []
    for feature in document.features:
        tasks = []
        for task in feature.tasks:
            scenario = task.procedure
            steps = tuple(
                step.model_copy(update={"changed": True}) if (scenario.scenario_id, step.number) in marked else step
                for step in scenario.steps
            )
            tasks.append(task.model_copy(update={"procedure": scenario.model_copy(update={"steps": steps})}))
        features.append(feature.model_copy(update={"tasks": tuple(tasks)}))
    return document.model_copy(update={"features": tuple(features)})


# What makes a heading read like a test log rather than a task: a Gherkin keyword, an outline's
# row number, or more than one step ("Type … and click …").
_KEYWORD = re.compile(
    r"(?:^|[\s“\"(])(?:Given|When|Then|And|But|Scenario|Feature|Examples)\b|^(?:假如|假设|当|那么|并且|而且|但是|场景|功能)"
)
_ROW = re.compile(r"[(（](?:example|示例)\s*\d+[)）]", re.IGNORECASE)
_STEP_VERBS = re.compile(
    r"\b(?:click|type|tick|untick|choose|press|open|clear|reload|select|fill)\b|点击|输入|勾选|选择|打开|清空|刷新",
    re.IGNORECASE,
)


def heading_problems(markdown: str) -> list[str]:
    """Headings of a manual page that read like test steps, each with why."""
    problems = []
    for line in markdown.splitlines():
        if not line.startswith("#"):
            continue
        heading = line.lstrip("#").strip()
        if _KEYWORD.search(heading):
            problems.append(f"{heading!r}: a Gherkin keyword")
        if _ROW.search(heading):
            problems.append(f"{heading!r}: an outline row's number")
        if len(_STEP_VERBS.findall(re.sub(r"“[^”]*”", "", heading))) > 1:
            problems.append(f"{heading!r}: a list of steps")
    return problems


def structure_problems(directory: Path) -> list[str]:
    """What in the manual written to `directory` (its manifest and Markdown pages) reads like a
    test log rather than tasks: a heading with a step list or a Gherkin keyword, a task section
    with more than one heading, a note that is not in its task's section, an outline whose rows
    are not one table in their task, an error scenario told as a task of its own although a task
    of its chapter starts the same way (it belongs under that task, as a note)."""
    document = load_manifest(directory)
    if document is None:
        return [f"{directory}: no manual.json this version can read"]
    lang: Lang = "zh" if document.language == "zh" else "en"
    problems = [
        f"{page.name}: {problem}"
        for page in sorted(directory.glob("*.md"))
        for problem in heading_problems(page.read_text(encoding="utf-8"))
    ]
    titles = document_titles(document, lang)
    links = {
        task.anchor: (plain(titles[task.anchor]), f"{feature_file(feature)}#{task.anchor}")
        for feature in document.features
        for task in feature.tasks
    }
    tabled = {row: task.anchor for f in document.features for task in f.tasks for row in _table_rows(task)}
    for feature in document.features:
        try:
            page = (directory / feature_file(feature)).read_text(encoding="utf-8")
        except OSError:
            problems.append(f"{feature_file(feature)}: missing")
            continue
        firsts = {_first_action(task.procedure): task.anchor for task in feature.tasks if not _is_error(task.procedure)}
        for task in feature.tasks:
            where = f"{feature_file(feature)}#{task.anchor}"
            section = _section(page, task.anchor)
            headings = [line for line in section.splitlines() if line.startswith("#")]
            if len(headings) != 1:
                problems.append(f"{where}: {len(headings)} headings in one task")
            for note in task.notes:
                if "> " + inline(note_paragraphs(note, lang)[0], links) not in section:
                    problems.append(f"{where}: the note on {note.scenario.name!r} is not under its task")
            tables = [table for table in (task.table, *(note.table for note in task.notes)) if table is not None]
            rows = [line for line in section.splitlines() if re.match(r"(?:> )?\| ", line)]
            if len(rows) != sum(len(table.rows) + 2 for table in tables):  # a header and a rule each, then rows
                problems.append(f"{where}: {len(rows)} table lines for {len(tables)} outline table(s)")
            if tabled.get(task.procedure.scenario_id, task.anchor) != task.anchor:
                problems.append(f"{where}: an outline row is a task of its own")
            first = _first_action(task.procedure)
            if _is_error(task.procedure) and first is not None and firsts.get(first, task.anchor) != task.anchor:
                problems.append(f"{where}: an error scenario is a task, not a note under {firsts[first]}")
    return problems


def _table_rows(task: ManualTask) -> list[str]:
    tables = [table for table in (task.table, *(note.table for note in task.notes)) if table is not None]
    return [row for table in tables for row in table.scenario_ids]


def _section(page: str, anchor: str) -> str:
    start = page.find(f'<a id="{anchor}"></a>')
    if start < 0:
        return ""
    end = page.find('<a id="', start + 1)
    return page[start : end if end > 0 else len(page)]


def _first_action(scenario: ManualScenario) -> tuple[str, str | None, str | None] | None:
    step = next((step for step in scenario.steps if step.sentence.kind not in ("open", "wait")), None)
    return None if step is None else (step.sentence.kind, step.sentence.name, step.sentence.scope)


def _is_error(scenario: ManualScenario) -> bool:
    return shows_error(scenario.name) or any(shows_error(step.text) for step in scenario.steps)
