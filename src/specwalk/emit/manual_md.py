"""The manual as Markdown: `index.md` (contents) and one page per feature, pictures as files.

Pure: a `ManualDocument` in, file texts out (relative paths under the language directory). Every
heading has an explicit anchor, every picture alt text saying the step; the same document always
gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from specwalk.emit.layout import GENERATED_MARKER
from specwalk.emit.manual_text import (
    Lang,
    Token,
    label,
    plain,
    result_tokens,
    scenario_title,
    sentence_tokens,
    story_intro,
)
from specwalk.models.manual import ManualDocument, ManualFeature, ManualScenario

INDEX_FILE = "index.md"
_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|"})


def _escape(text: str) -> str:
    return " ".join(text.split()).translate(_SPECIAL)


def inline(tokens: Sequence[Token]) -> str:
    out: list[str] = []
    for kind, text in tokens:
        if kind == "t":
            out.append(text)
        elif kind == "p":
            out.append(_escape(text))
        elif kind == "code":
            fence = "``" if "`" in text else "`"
            out.append(f"{fence}{text}{fence}")
        elif not text.strip():
            out.append("“”")
        else:
            mark = "**" if kind == "ui" else "*"
            out.append(f"{mark}{_escape(text)}{mark}")
    return "".join(out)


def feature_file(feature: ManualFeature) -> str:
    return f"{feature.slug}.md"


def scenario_anchor(feature: ManualFeature, number: int) -> str:
    return f"{feature.slug}-{number}"


def _header(lang: Lang) -> list[str]:
    return [f"<!-- {GENERATED_MARKER} (`specwalk docs --lang {lang}`); edits are overwritten. -->", ""]


def _scenario(feature: ManualFeature, number: int, scenario: ManualScenario, lang: Lang) -> list[str]:
    title = scenario_title(scenario, lang, feature)
    lines = [f'<a id="{scenario_anchor(feature, number)}"></a>', "", f"## {_escape(plain(title))}", ""]
    source = [*label(lang, "requirement"), ("code", str(scenario.source))]
    if plain(title) != scenario.name:
        source += [("t", " · "), ("p", scenario.name)]
    lines += [f"<sub>{inline(source)}</sub>", ""]
    if scenario.before:
        lines += [f"**{inline(label(lang, 'before'))}**", ""]
        lines += [f"- {inline(sentence_tokens(sentence, lang))}" for sentence in scenario.before]
        lines.append("")
    if scenario.seen:
        lines += [f"**{inline(label(lang, 'seen'))}**", ""]
        lines += [f"- {inline(result_tokens(sentence, lang))}" for sentence in scenario.seen]
        lines.append("")
    if scenario.steps:
        lines += [f"**{inline(label(lang, 'steps'))}**", ""]
    for step in scenario.steps:
        sentence = sentence_tokens(step.sentence, lang)
        lines.append(f"{step.number}. {inline(sentence)}")
        if step.shot is not None:
            alt = plain([*label(lang, "step_alt", count=str(step.number)), *sentence])
            lines += ["", f"   ![{_escape(alt)}]({step.shot.image})"]
        if step.results:
            lines.append("")
            for result in step.results:
                lines.append(f"   - {inline(label(lang, 'result'))}{_colon(lang)}{inline(result_tokens(result, lang))}")
        lines.append("")
    return lines


def _colon(lang: Lang) -> str:
    return ":" if lang == "zh" else ": "


def render_feature(feature: ManualFeature, lang: Lang) -> str:
    lines = [*_header(lang), f"# {_escape(feature.name)}", ""]
    intro = story_intro(feature.user_story, lang)
    if intro:
        lines += [inline(intro), ""]
    lines += [f"[{inline(label(lang, 'back'))}]({INDEX_FILE})", ""]
    for number, scenario in enumerate(feature.scenarios, start=1):
        lines += _scenario(feature, number, scenario, lang)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_index(document: ManualDocument, lang: Lang) -> str:
    from specwalk.emit.manual_text import document_title

    lines = [*_header(lang), f"# {_escape(document_title(document, lang))}", ""]
    lines += [inline(label(lang, "generated", name=[("p", "specwalk")], value=[("p", document.specwalk_version)])), ""]
    lines += [f"## {inline(label(lang, 'contents'))}", ""]
    for feature in document.features:
        lines.append(f"- [{_escape(feature.name)}]({feature_file(feature)})")
        for number, scenario in enumerate(feature.scenarios, start=1):
            title = _escape(plain(scenario_title(scenario, lang, feature)))
            lines.append(f"  - [{title}]({feature_file(feature)}#{scenario_anchor(feature, number)})")
    lines.append("")
    # Scenarios left out (not verified) are for the writer, not the reader: they are in the
    # progress output and manual.json, never in the manual itself.
    return "\n".join(lines).rstrip("\n") + "\n"


def render_markdown(document: ManualDocument) -> dict[str, str]:
    """`index.md` and `<feature>.md` texts for the document's language."""
    lang: Lang = "zh" if document.language == "zh" else "en"
    files = {INDEX_FILE: render_index(document, lang)}
    for feature in document.features:
        files[feature_file(feature)] = render_feature(feature, lang)
    return files
