"""report.json (the one serializer) and report.html (the readable traceability matrix)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from specwalk.emit.report_html import render_report_html
from specwalk.emit.report_json import load_report, render_report_json
from specwalk.errors import InputError
from specwalk.models.report import RunnerResult

from .groceries import goto, groceries_report, scenario, step


def test_json_is_sorted_indented_and_byte_identical() -> None:
    report = groceries_report()
    text = render_report_json(report)
    assert text == render_report_json(report.model_copy(update={"scenarios": list(reversed(report.scenarios))}))
    assert text.endswith("}\n") and not text.endswith("\n\n")
    data = json.loads(text)
    assert [s["scenario_id"] for s in data["scenarios"]] == [
        "account/signed-in",
        "groceries/add-an-item",
        "groceries/archive-the-list",
        "groceries/delete-an-item",
        "groceries/keys-and-history",
        "groceries/print-the-list",
        "groceries/share-the-list",
        "groceries/urgent-item-from-the-market",
    ]
    assert [r["requirement_id"] for r in data["requirements"]] == [s["scenario_id"] for s in data["scenarios"]]
    assert text.splitlines()[1] == '  "schema_version": 1,'
    assert "“Added …”" in text  # UTF-8 kept, not \\u-escaped
    assert load_report(text).model_dump(mode="json") == data
    assert render_report_json(load_report(text)) == text


def test_loading_a_bad_report_names_the_field() -> None:
    data = json.loads(render_report_json(groceries_report()))
    data["scenarios"][0]["status"] = "great"
    with pytest.raises(InputError) as raised:
        load_report(json.dumps(data), ".specwalk/report.json")
    assert raised.value.lines[0].startswith(".specwalk/report.json: scenarios.0.status: Input should be ")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_html_matrix_and_evidence() -> None:
    report = groceries_report().model_copy(
        update={
            "runner": RunnerResult(
                runner="playwright",
                command="npx playwright test -c e2e/playwright.config.ts",
                passed=6,
                failed=0,
                flaky=0,
                expected_failures=1,
                exit_code=0,
            )
        }
    )
    html = render_report_html(report)
    parsed = _parse(html)
    text = " ".join(" ".join(parsed.text).split())
    assert "script" not in parsed.tags and "link" not in parsed.tags  # self-contained, no scripts
    rows = re.findall(r"<tr>.*?</tr>", html.split("<h2>Traceability</h2>")[1].split("</table>")[0])
    assert len(rows) == 1 + 8  # header + one row per scenario
    assert "app defect" in text and "not grounded" in text and "not planned" in text and "weak" in text
    assert 'App defect: requirements.md:62: Then "Archive" is enabled — expected enabled, seen disabled' in text
    # evidence of the "Add" step: element, source file:line, locator as code, alternative and why, candidates
    assert "element driver.html#add at driver.html:8" in text
    assert "await page.getByRole('button', { name: 'Add' }).click();" in text
    assert "page.getByText('Add') matches 2 elements (also “Added …” status)" in text
    assert 'driver.html#archive (240) button "Archive" — weaker' in text
    assert "npx playwright test -c e2e/playwright.config.ts" in text
    assert "The list can be printed nicely." in text
    python = render_report_html(report, "python")
    assert 'page.get_by_role("button", name="Add").click()' in " ".join(_parse(python).text)


def test_html_escapes_everything() -> None:
    evil = "<script>alert('x')</script> & \"quotes\""
    report = groceries_report()
    report = report.model_copy(
        update={
            "project": evil,
            "scenarios": [scenario("evil", evil, 3, "passed", [step(0, 4, evil, goto(evil))])],
            "errors": [evil],
        }
    )
    html = render_report_html(report)
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;") >= 4
    assert render_report_html(report) == html
