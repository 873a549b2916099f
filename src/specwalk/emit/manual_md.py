"""The manual as Markdown: `index.md` (contents) and one page per chapter, pictures as files.

Pure: a `ManualDocument` in, file texts out (relative paths under the language directory). A
chapter page says what its tasks share once ("Before you begin"), then each task: its title,
its steps with their pictures and results, an outline's table, and "If ..." notes (quoted, each
with the picture of what it shows). Every heading has an explicit anchor, every picture alt text;
the same document always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from specwalk.emit.layout import GENERATED_MARKER
from specwalk.emit.manual_tasks import document_titles, note_paragraphs, person, table_cell
from specwalk.emit.manual_text import (
    Lang,
    Token,
    label,
    plain,
    result_tokens,
    sentence_tokens,
    story_intro,
)
from specwalk.models.manual import ManualDocument, ManualFeature, ManualNote, ManualTable, ManualTask

INDEX_FILE = "index.md"
_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|"})


def _escape(text: str) -> str:
    return " ".join(text.split()).translate(_SPECIAL)


# A task's title and the link to it, by anchor.
Links = Mapping[str, tuple[str, str]]


def inline(tokens: Sequence[Token], links: Links | None = None) -> str:
    out: list[str] = []
    for kind, text in tokens:
        if kind == "t":
            out.append(text)
        elif kind == "p":
            out.append(_escape(text))
        elif kind == "code":
            fence = "``" if "`" in text else "`"
            out.append(f"{fence}{text}{fence}")
        elif kind == "task":
            title, href = (links or {}).get(text, (text, f"#{text}"))
            out.append(f"[{_escape(title)}]({href})")
        elif not text.strip():
            out.append("“”")
        else:
            mark = "**" if kind == "ui" else "*"
            out.append(f"{mark}{_escape(text)}{mark}")
    return "".join(out)


def feature_file(feature: ManualFeature) -> str:
    return f"{feature.slug}.md"


def _header(lang: Lang) -> list[str]:
    return [f"<!-- {GENERATED_MARKER} (`specwalk docs --lang {lang}`); edits are overwritten. -->", ""]


def _colon(lang: Lang) -> str:
    return "：" if lang == "zh" else ": "


def _table(table: ManualTable, lang: Lang, indent: str = "") -> list[str]:
    lines = [
        indent + "| " + " | ".join(_escape(column) for column in table.columns) + " |",
        indent + "|" + " --- |" * len(table.columns),
    ]
    for row in table.rows:
        cells = [
            inline(table_cell(value, column, table.secret, lang))
            for column, value in zip(table.columns, row, strict=True)
        ]
        lines.append(indent + "| " + " | ".join(cells) + " |")
    return lines


def _note(note: ManualNote, lang: Lang, links: Links) -> list[str]:
    paragraphs = note_paragraphs(note, lang)
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [f"> {inline(paragraph, links)}", ">"]
    if note.table is not None:
        lines += [*_table(note.table, lang, "> "), ">"]
    outcome = note.scenario.outcome
    if outcome is not None:
        alt = plain(paragraphs[0])
        lines += [f"> ![{_escape(alt)}]({outcome.image})", ">"]
    return [*lines[:-1], ""]


def _task(task: ManualTask, title: list[Token], lang: Lang, links: Links) -> list[str]:
    scenario = task.procedure
    lines = [f'<a id="{task.anchor}"></a>', "", f"## {_escape(plain(title))}", ""]
    sources = [scenario.source, *(note.scenario.source for note in task.notes)]
    where = label(lang, "requirement") + [
        token for n, source in enumerate(sources) for token in ([("t", ", ")] if n else []) + [("code", str(source))]
    ]
    lines += [f"<sub>{inline(where)}</sub>", ""]
    if scenario.before:
        lines += [f"**{inline(label(lang, 'before'))}**", ""]
        lines += [f"- {inline(sentence_tokens(sentence, lang), links)}" for sentence in scenario.before]
        lines.append("")
    if scenario.seen:
        lines += [f"**{inline(label(lang, 'seen'))}**", ""]
        lines += [f"- {inline(result_tokens(sentence, lang))}" for sentence in scenario.seen]
        lines.append("")
    if scenario.steps:
        lines += [f"**{inline(label(lang, 'steps'))}**", ""]
    for step in scenario.steps:
        sentence = sentence_tokens(step.sentence, lang)
        lines.append(f"{step.number}. {inline(sentence, links)}")
        if step.shot is not None:
            alt = plain([*label(lang, "step_alt", count=str(step.number)), *sentence])
            lines += ["", f"   ![{_escape(alt)}]({step.shot.image})"]
        if step.results:
            lines.append("")
            for result in step.results:
                lines.append(f"   - {inline(label(lang, 'result'))}{_colon(lang)}{inline(result_tokens(result, lang))}")
        lines.append("")
    if task.table is not None:
        lines += [f"**{inline(label(lang, 'table'))}**", "", *_table(task.table, lang), ""]
    for note in task.notes:
        lines += _note(note, lang, links)
    return lines


def render_feature(
    feature: ManualFeature, lang: Lang, titles: Mapping[str, list[Token]], links: Links, translations: Mapping[str, str]
) -> str:
    lines = [*_header(lang), f"# {_escape(person(feature.name, translations))}", ""]
    intro = story_intro(person(feature.user_story, translations) if feature.user_story else None, lang)
    if intro:
        lines += [inline(intro), ""]
    lines += [f"[{inline(label(lang, 'back'))}]({INDEX_FILE})", ""]
    if feature.before:
        lines += [f"**{inline(label(lang, 'before'))}**", ""]
        lines += [f"- {inline(sentence_tokens(sentence, lang), links)}" for sentence in feature.before]
        lines.append("")
    for task in feature.tasks:
        lines += _task(task, titles[task.anchor], lang, links)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_index(document: ManualDocument, lang: Lang, titles: Mapping[str, list[Token]]) -> str:
    from specwalk.emit.manual_text import document_title

    translations = dict(document.translations)
    lines = [*_header(lang), f"# {_escape(document_title(document, lang))}", ""]
    lines += [inline(label(lang, "generated", name=[("p", "specwalk")], value=[("p", document.specwalk_version)])), ""]
    lines += [f"## {inline(label(lang, 'contents'))}", ""]
    for feature in document.features:
        lines.append(f"- [{_escape(person(feature.name, translations))}]({feature_file(feature)})")
        for task in feature.tasks:
            lines.append(f"  - [{_escape(plain(titles[task.anchor]))}]({feature_file(feature)}#{task.anchor})")
    lines.append("")
    # Scenarios left out (not verified) are for the writer, not the reader: they are in the
    # progress output and manual.json, never in the manual itself.
    return "\n".join(lines).rstrip("\n") + "\n"


def render_markdown(document: ManualDocument) -> dict[str, str]:
    """`index.md` and `<feature>.md` texts for the document's language."""
    lang: Lang = "zh" if document.language == "zh" else "en"
    titles = document_titles(document, lang)
    links = {
        task.anchor: (plain(titles[task.anchor]), f"{feature_file(feature)}#{task.anchor}")
        for feature in document.features
        for task in feature.tasks
    }
    translations = dict(document.translations)
    files = {INDEX_FILE: render_index(document, lang, titles)}
    for feature in document.features:
        files[feature_file(feature)] = render_feature(feature, lang, titles, links, translations)
    return files
