"""The manual as one self-contained HTML file: pictures inlined, contents, anchors, print styles.

Pure: a `ManualDocument` and its pictures (PNG bytes by path) in, one HTML text out. No scripts,
no external resources; every value is escaped. Chromium prints this same file to PDF, so the print
stylesheet decides the PDF's look: a page per feature, no step split across pages.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from html import escape

from specwalk.emit.manual_md import scenario_anchor
from specwalk.emit.manual_text import (
    Lang,
    Token,
    document_title,
    label,
    plain,
    result_tokens,
    scenario_title,
    sentence_tokens,
    story_intro,
)
from specwalk.models.manual import ManualDocument, ManualFeature, ManualScenario, ManualStep

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


def inline(tokens: Sequence[Token]) -> str:
    out: list[str] = []
    for kind, text in tokens:
        if kind in ("t", "p"):
            out.append(_e(text))
        elif kind == "code":
            out.append(f"<code>{_e(text)}</code>")
        elif kind == "ui":
            out.append(f'<b class="ui">{_e(text) or "“”"}</b>')
        else:
            out.append(f'<i class="val">{_e(text) or "“”"}</i>')
    return "".join(out)


def _picture(step: ManualStep, lang: Lang, images: Mapping[str, bytes]) -> str:
    shot = step.shot
    if shot is None or shot.image not in images:
        return ""
    data = base64.b64encode(images[shot.image]).decode("ascii")
    alt = plain([*label(lang, "step_alt", count=str(step.number)), *sentence_tokens(step.sentence, lang)])
    width, height = round(shot.clip.width), round(shot.clip.height)
    return (
        f'<figure><img src="data:image/png;base64,{data}" width="{width}" height="{height}" '
        f'alt="{_e(alt)}" data-step="{step.number}" data-image="{_e(shot.image)}"></figure>'
    )


def _scenario(
    feature: ManualFeature, number: int, scenario: ManualScenario, lang: Lang, images: Mapping[str, bytes]
) -> str:
    title = scenario_title(scenario, lang, feature)
    source = [*label(lang, "requirement"), ("code", str(scenario.source))]
    if plain(title) != scenario.name:
        source += [("t", " · "), ("p", scenario.name)]
    parts = [
        f'<article class="scenario" id="{_e(scenario_anchor(feature, number))}">',
        f"<h3>{_e(plain(title))}</h3>",
        f'<p class="meta">{inline(source)}</p>',
    ]
    if scenario.before:
        items = "".join(f"<li>{inline(sentence_tokens(s, lang))}</li>" for s in scenario.before)
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
                colon = ":" if lang == "zh" else ": "
                items = "".join(
                    f"<li>{inline(label(lang, 'result'))}{colon}{inline(result_tokens(r, lang))}</li>"
                    for r in step.results
                )
                results = f'<ul class="results">{items}</ul>'
            steps.append(
                f'<li class="step" data-step="{step.number}"><div class="step-text">'
                f'<span class="num">{step.number}</span>'
                f"<span>{inline(sentence_tokens(step.sentence, lang))}</span></div>"
                f"{_picture(step, lang, images)}{results}</li>"
            )
        parts.append(f'<ol class="steps">{"".join(steps)}</ol>')
    parts.append("</article>")
    return "".join(parts)


def render_html(document: ManualDocument, images: Mapping[str, bytes]) -> str:
    lang: Lang = "zh" if document.language == "zh" else "en"
    title = document_title(document, lang)
    toc: list[str] = []
    body: list[str] = []
    for feature in document.features:
        anchor = f"feature-{feature.slug}"
        items = "".join(
            f'<li><a href="#{_e(scenario_anchor(feature, n))}">{_e(plain(scenario_title(s, lang, feature)))}</a></li>'
            for n, s in enumerate(feature.scenarios, start=1)
        )
        toc.append(f'<li><a href="#{_e(anchor)}">{_e(feature.name)}</a><ol>{items}</ol></li>')
        intro = story_intro(feature.user_story, lang)
        body.append(
            f'<section class="feature" id="{_e(anchor)}"><h2>{_e(feature.name)}</h2>'
            + (f'<p class="intro">{inline(intro)}</p>' if intro else "")
            + "".join(_scenario(feature, n, s, lang, images) for n, s in enumerate(feature.scenarios, start=1))
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
