"""The manual as one self-contained HTML file: pictures inlined, contents, anchors, print styles.

Pure: a `ManualDocument` and its pictures (PNG bytes by path) in, one HTML text out. No scripts,
no external resources; every value is escaped. Chromium prints this same file to PDF, so the print
stylesheet decides the PDF's look: a page per feature, no step split across pages.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from html import escape

from specwalk.emit.manual_tasks import document_titles, note_paragraphs, person, table_cell
from specwalk.emit.manual_text import (
    Lang,
    Token,
    document_title,
    label,
    plain,
    result_tokens,
    sentence_tokens,
    story_intro,
)
from specwalk.models.manual import ManualDocument, ManualNote, ManualStep, ManualTable, ManualTask

HTML_FILE = "manual.html"

_CSS = """
:root{--accent:#e11d48;--ink:#1f2328;--muted:#656d76;--line:#d0d7de}
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC",
"Microsoft YaHei",sans-serif;color:var(--ink);max-width:60rem;margin:2rem auto;padding:0 1.25rem}
h1{font-size:2rem;margin:.2rem 0 1rem}h2{font-size:1.6rem;border-bottom:1px solid var(--line);
padding-bottom:.3rem;margin-top:3rem}h3{font-size:1.25rem;margin-top:2.2rem}
a{color:#0969da}nav.toc ol{padding-left:1.4rem}nav.toc li{margin:.15rem 0}
.meta{color:var(--muted);font-size:.85rem}.intro{font-size:1.05rem}
b.ui{font-weight:650}i.val{font-style:italic}code{font:.9em ui-monospace,SFMono-Regular,Menlo,monospace;
background:#f6f8fa;border-radius:4px;padding:.05rem .3rem}
ol.steps{padding-left:0;list-style:none;counter-reset:none}
ol.steps>li{margin:1.2rem 0 1.8rem;break-inside:avoid;page-break-inside:avoid}
.step-text{display:flex;gap:.6rem;align-items:baseline}
.num{flex:none;display:inline-block;min-width:1.6rem;height:1.6rem;line-height:1.6rem;border-radius:50%;
background:var(--accent);color:#fff;text-align:center;font-weight:700;font-size:.9rem}
figure{margin:.6rem 0 0 2.2rem}figure img{max-width:100%;height:auto;border:1px solid var(--line);
border-radius:6px;display:block}
ul.results{margin:.5rem 0 0 2.2rem;padding-left:1.1rem;color:#1a4d2e}
.box{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin:.8rem 0}
.box h4{margin:.2rem 0;font-size:.95rem}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem}
aside.note{border-left:4px solid #bf8700;background:#fff8c5;border-radius:0 6px 6px 0;padding:.5rem 1rem;
margin:1rem 0;break-inside:avoid;page-break-inside:avoid}aside.note p{margin:.3rem 0}
aside.note figure{margin:.6rem 0 .2rem}
table.rows{border-collapse:collapse;margin:.6rem 0}table.rows th,table.rows td{border:1px solid var(--line);
padding:.25rem .7rem;text-align:left}table.rows th{background:#f6f8fa}
.changed{display:inline-block;margin-left:.5rem;padding:0 .45rem;border-radius:999px;background:#ddf4ff;
color:#0550ae;font-size:.75rem;font-weight:650;vertical-align:middle}
li.step.changed-step figure img{border-color:#0969da;box-shadow:0 0 0 2px #b6e3ff}
@page{size:A4;margin:16mm 14mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:11pt}
a{color:inherit;text-decoration:none}
section.feature{break-before:page;page-break-before:always}
h2,h3{break-after:avoid;page-break-after:avoid}
figure img{max-height:115mm;width:auto;max-width:100%}
.back{display:none}
nav.toc{break-after:page}
}
""".strip()


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def inline(tokens: Sequence[Token], titles: Mapping[str, str] | None = None) -> str:
    out: list[str] = []
    for kind, text in tokens:
        if kind in ("t", "p"):
            out.append(_e(text))
        elif kind == "code":
            out.append(f"<code>{_e(text)}</code>")
        elif kind == "task":
            out.append(f'<a href="#{_e(text)}">{_e((titles or {}).get(text, text))}</a>')
        elif kind == "ui":
            out.append(f'<b class="ui">{_e(text) or "“”"}</b>')
        else:
            out.append(f'<i class="val">{_e(text) or "“”"}</i>')
    return "".join(out)


def _img(image: str, width: float, height: float, alt: str, images: Mapping[str, bytes], extra: str = "") -> str:
    if image not in images:
        return ""
    data = base64.b64encode(images[image]).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" width="{round(width)}" height="{round(height)}" '
        f'alt="{_e(alt)}"{extra} data-image="{_e(image)}"></figure>'
    )


def _picture(step: ManualStep, lang: Lang, images: Mapping[str, bytes]) -> str:
    shot = step.shot
    if shot is None:
        return ""
    alt = plain([*label(lang, "step_alt", count=str(step.number)), *sentence_tokens(step.sentence, lang)])
    return _img(shot.image, shot.clip.width, shot.clip.height, alt, images, f' data-step="{step.number}"')


def _table(table: ManualTable, lang: Lang) -> str:
    head = "".join(f"<th>{_e(column)}</th>" for column in table.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{inline(table_cell(value, column, table.secret, lang))}</td>"
            for column, value in zip(table.columns, row, strict=True)
        )
        + "</tr>"
        for row in table.rows
    )
    return f'<table class="rows"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _note(note: ManualNote, lang: Lang, images: Mapping[str, bytes], titles: Mapping[str, str]) -> str:
    paragraphs = note_paragraphs(note, lang)
    parts = [f"<p>{inline(paragraph, titles)}</p>" for paragraph in paragraphs]
    if note.table is not None:
        parts.append(_table(note.table, lang))
    outcome = note.scenario.outcome
    if outcome is not None:
        parts.append(_img(outcome.image, outcome.clip.width, outcome.clip.height, plain(paragraphs[0]), images))
    return f'<aside class="note">{"".join(parts)}</aside>'


def _task(task: ManualTask, title: str, lang: Lang, images: Mapping[str, bytes], titles: Mapping[str, str]) -> str:
    scenario = task.procedure
    sources = [scenario.source, *(note.scenario.source for note in task.notes)]
    where = label(lang, "requirement") + [
        token for n, source in enumerate(sources) for token in ([("t", ", ")] if n else []) + [("code", str(source))]
    ]
    parts = [
        f'<article class="task" id="{_e(task.anchor)}">',
        f"<h3>{_e(title)}</h3>",
        f'<p class="meta">{inline(where)}</p>',
    ]
    if scenario.before:
        items = "".join(f"<li>{inline(sentence_tokens(s, lang), titles)}</li>" for s in scenario.before)
        parts.append(f'<div class="box"><h4>{inline(label(lang, "before"))}</h4><ul>{items}</ul></div>')
    if scenario.seen:
        items = "".join(f"<li>{inline(result_tokens(s, lang))}</li>" for s in scenario.seen)
        parts.append(f'<div class="box"><h4>{inline(label(lang, "seen"))}</h4><ul>{items}</ul></div>')
    if scenario.steps:
        parts.append(f"<h4>{inline(label(lang, 'steps'))}</h4>")
        steps = []
        for step in scenario.steps:
            results = ""
            if step.results:
                colon = "：" if lang == "zh" else ": "
                items = "".join(
                    f"<li>{inline(label(lang, 'result'))}{colon}{inline(result_tokens(r, lang))}</li>"
                    for r in step.results
                )
                results = f'<ul class="results">{items}</ul>'
            changed = ""
            if step.changed:
                hint = _e(plain(label(lang, "changed_title")))
                changed = f'<span class="changed" title="{hint}">{inline(label(lang, "changed"))}</span>'
            steps.append(
                f'<li class="step{" changed-step" if step.changed else ""}" data-step="{step.number}">'
                f'<div class="step-text"><span class="num">{step.number}</span>'
                f"<span>{inline(sentence_tokens(step.sentence, lang), titles)}{changed}</span></div>"
                f"{_picture(step, lang, images)}{results}</li>"
            )
        parts.append(f'<ol class="steps">{"".join(steps)}</ol>')
    if task.table is not None:
        parts.append(f"<h4>{inline(label(lang, 'table'))}</h4>{_table(task.table, lang)}")
    parts += [_note(note, lang, images, titles) for note in task.notes]
    parts.append("</article>")
    return "".join(parts)


def render_html(document: ManualDocument, images: Mapping[str, bytes]) -> str:
    lang: Lang = "zh" if document.language == "zh" else "en"
    title = document_title(document, lang)
    titles = {anchor: plain(tokens) for anchor, tokens in document_titles(document, lang).items()}
    translations = dict(document.translations)
    toc: list[str] = []
    body: list[str] = []
    for feature in document.features:
        anchor = f"feature-{feature.slug}"
        name = person(feature.name, translations)
        items = "".join(f'<li><a href="#{_e(t.anchor)}">{_e(titles[t.anchor])}</a></li>' for t in feature.tasks)
        toc.append(f'<li><a href="#{_e(anchor)}">{_e(name)}</a><ol>{items}</ol></li>')
        intro = story_intro(person(feature.user_story, translations) if feature.user_story else None, lang)
        before = ""
        if feature.before:
            entries = "".join(f"<li>{inline(sentence_tokens(s, lang), titles)}</li>" for s in feature.before)
            before = f'<div class="box"><h4>{inline(label(lang, "before"))}</h4><ul>{entries}</ul></div>'
        body.append(
            f'<section class="feature" id="{_e(anchor)}"><h2>{_e(name)}</h2>'
            + (f'<p class="intro">{inline(intro)}</p>' if intro else "")
            + before
            + "".join(_task(task, titles[task.anchor], lang, images, titles) for task in feature.tasks)
            + f'<p class="back"><a href="#contents">{inline(label(lang, "back"))}</a></p></section>'
        )
    html_lang = "zh-CN" if lang == "zh" else "en"
    generated = label(lang, "generated", name=[("p", "specwalk")], value=[("p", document.specwalk_version)])
    return (
        "\n".join(
            [
                "<!doctype html>",
                f'<html lang="{html_lang}"><head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f'<meta name="generator" content="specwalk {_e(document.specwalk_version)}">',
                f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
                f"<header><h1>{_e(title)}</h1></header>",
                f'<nav class="toc" id="contents"><h2>{inline(label(lang, "contents"))}</h2>'
                f"<ol>{''.join(toc)}</ol></nav>",
                "<main>",
                *body,
                "</main>",
                f"<footer>{inline(generated)}</footer>",
                "</body></html>",
            ]
        )
        + "\n"
    )
