"""`specwalk mcp` end to end: generate, verify, ground live and the manual, over stdio and over HTTP.

The server is a real subprocess driven by the MCP SDK's own client; it starts the groceries app
(`tests/fixtures/generate/groceries`) and drives real Chromium. The stdio test runs the whole small
fixture (every verdict: passed, app defect, not grounded); the HTTP test calls every tool on a
one-scenario requirements file to keep it quick, then stops the server with SIGTERM.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import anyio
import psutil
import pytest

from specwalk.browser.discovery import BrowserInfo

from ..conftest import EXAMPLES, REPO
from ..mcp_harness import TOOLS, error, http_server, ok, stdio_client

FIXTURE = REPO / "tests" / "fixtures" / "generate" / "groceries"

ONE_SCENARIO = """\
# Groceries, one scenario

## Add items

```gherkin
Feature: Add items

  Scenario: Add eggs
    Given I open the "/" page
    When I fill in "New item" with "Eggs"
    And I click "Add"
    Then I should see "Eggs"
```
"""


@pytest.fixture
def groceries(tmp_path: Path) -> Path:
    copy = tmp_path / "groceries"
    shutil.copytree(FIXTURE, copy)
    shutil.copyfile(REPO / "tests" / "fixtures" / "pages" / "driver.html", copy / "index.html")
    modules = EXAMPLES / "notes-html" / "node_modules"
    if not (modules / "@playwright" / "test").is_dir():
        pytest.fail("examples/notes-html/node_modules is missing: run `make node`")
    (copy / "node_modules").symlink_to(modules)
    (copy / "one.md").write_text(ONE_SCENARIO, encoding="utf-8")
    return copy


def by_name(scenarios: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {scenario["name"]: scenario for scenario in scenarios}


def test_stdio_generate_verify_ground_and_report(groceries: Path, browser: BrowserInfo) -> None:
    progress: list[tuple[float, str]] = []

    async def on_progress(value: float, _total: float | None, message: str | None) -> None:
        progress.append((value, message or ""))

    async def session() -> None:
        config = str(groceries / "specwalk.toml")
        async with stdio_client(REPO, "--config", config, env={"SPECWALK_BROWSER": str(browser.path)}) as client:
            generated = await ok(client, "generate_tests", {"runs": 1}, progress_callback=on_progress)
            status = by_name(generated["scenarios"])
            assert status["Add an item with the button"]["status"] == "passed"
            assert status["Add an urgent item with Enter"]["status"] == "passed"
            assert status["A blank item is refused with a message"]["status"] == "app_defect"
            checkout = next(s for s in generated["scenarios"] if "Checkout" in s["name"])
            assert checkout["status"] == "not_grounded" and checkout["test_file"] is None
            assert sum(generated["counts"].values()) == len(generated["scenarios"])
            assert generated["ok"] is False
            runner = generated["runner"]
            assert (runner["runner"], runner["failed"], runner["expected_failures"]) == ("playwright", 0, 1)
            assert Path(generated["report_json"]) == groceries / ".specwalk" / "report.json"

            # Progress notifications arrived while it ran, in order, naming each phase.
            messages = [message for _value, message in progress]
            assert messages[0] == "index: reading the source"
            assert any(message.startswith("scenario 1/") for message in messages)
            assert messages[-1] == "run 1/1"
            assert [value for value, _message in progress] == sorted({value for value, _message in progress})

            # get_report and the report resource are the file generate wrote.
            on_disk = json.loads((groceries / ".specwalk" / "report.json").read_text(encoding="utf-8"))
            assert await ok(client, "get_report") == on_disk
            resource = await client.read_resource("specwalk://project/report.json")
            assert json.loads(resource.contents[0].text) == on_disk
            defects = await ok(client, "get_report", {"status": ["app_defect"]})
            assert [s["name"] for s in defects["scenarios"]] == ["A blank item is refused with a message"]

            # One emitted test at a time, with the real runner, plus the recorded evidence.
            defect = await ok(client, "verify_test", {"scenario": "A blank item is refused with a message"})
            assert defect["status"] == "expected_failure" and defect["recorded_status"] == "app_defect"
            assert defect["runner"]["expected_failures"] == 1 and defect["runner"]["passed"] == 0
            assert defect["runner"]["command"].endswith(tuple(f":{n}" for n in range(1, 500)))
            failed = next(step for step in defect["steps"] if step["status"] == "failed")
            assert failed["source"] == {"file": "requirements.md", "line": 31}
            assert (groceries / ".specwalk" / failed["evidence"]["screenshot"]).is_file()
            scenario_id = status["Add an item with the button"]["scenario_id"]
            passed = await ok(client, "verify_test", {"scenario": scenario_id, "runs": 2})
            assert passed["status"] == "passed" and passed["runs"] == ["passed", "passed"]
            assert passed["runner"]["passed"] == 1 and passed["runner"]["failed"] == 0
            not_emitted = await error(client, "verify_test", {"scenario": checkout["scenario_id"]})
            assert "has no emitted test: it is not_grounded" in not_emitted

            # A phrase proven against the live page: exactly one element, as Playwright code.
            field = await ok(client, "ground_step", {"phrase": 'the "New item" field', "live": True})
            live = field["live"]
            assert live["found"] is True and live["url"].endswith("/")
            assert "getByRole('textbox'" in live["playwright"] and "New item" in live["playwright"]
            assert live["element_id"] == field["candidates"][0]["element_id"] == "index.html:8:3"
            absent = await ok(client, "ground_step", {"phrase": '"Checkout"', "live": True, "action": "click"})
            assert absent["live"]["found"] is False
            assert absent["live"]["message"] == "no element on the page matches 'Checkout'"
            assert len(absent["live"]["tried"]) == len(absent["live"]["rejected_because"]) > 0

    anyio.run(session)


def test_http_every_tool_and_a_clean_stop(groceries: Path, browser: BrowserInfo, tmp_path: Path) -> None:
    env = {"SPECWALK_BROWSER": str(browser.path)}

    async def session(url: str) -> None:
        from mcp import Client

        async with Client(url) as client:
            assert {tool.name for tool in (await client.list_tools()).tools} == TOOLS
            index = await ok(client, "index_repo", {"project": str(groceries)})
            assert index["elements"] > 0 and [route["path"] for route in index["routes"]] == ["/"]
            query = await ok(client, "query_ui_map", {"project": str(groceries), "role": "button", "name": "Add"})
            assert query["total"] == 1
            plan = await ok(client, "plan_requirements", {"project": str(groceries), "requirements": ["one.md"]})
            assert [r["title"] for r in plan["requirements"]] == ["Add eggs"] and plan["unplanned"] == []
            ground = await ok(client, "ground_step", {"project": str(groceries), "phrase": '"Add"', "live": True})
            assert ground["live"]["found"] is True and ground["live"]["element_id"] == query["elements"][0]["id"]

            # Bad arguments are tool errors; the server keeps answering.
            assert "no such file or directory" in await error(client, "index_repo", {"project": "/nonexistent/app"})
            assert "is not in the UI map" in await error(
                client, "query_ui_map", {"project": str(groceries), "route": "/cart"}
            )
            assert "no words to look up" in await error(
                client, "ground_step", {"project": str(groceries), "phrase": "the field"}
            )
            assert "languages" in await error(client, "build_manual", {"project": str(groceries), "languages": ["fr"]})
            again = await ok(client, "index_repo", {"project": str(groceries)})
            assert again["elements"] == index["elements"]

            generated = await ok(client, "generate_tests", {"project": str(groceries), "requirements": ["one.md"]})
            assert [(s["name"], s["status"]) for s in generated["scenarios"]] == [("Add eggs", "passed")]
            assert generated["ok"] is True and generated["runner"]["passed"] == 1
            verified = await ok(client, "verify_test", {"project": str(groceries), "scenario": "Add eggs"})
            assert verified["status"] == "passed" and verified["recorded_status"] == "passed"
            report = await ok(client, "get_report", {"project": str(groceries)})
            assert report["requirements_files"] == ["one.md"]

            manual = await ok(client, "build_manual", {"project": str(groceries), "requirements": ["one.md"]})
            assert manual["ok"] is True and manual["omitted"] == []
            (english,) = manual["manuals"]
            assert english["language"] == "en" and english["scenarios"] == 1 and english["screenshots"] > 0
            assert all(Path(english[kind]).is_file() for kind in ("markdown", "html", "pdf", "manifest"))

    log = tmp_path / "server.log"
    with http_server(REPO, log, env=env) as (url, process):
        anyio.run(session, url)
        apps = anyio.run(stop_during_generate, url, process, groceries)
    assert process.returncode == 130
    # Two correct ways out, depending on where the signal lands: while the event loop delivers the
    # call's progress, the interrupt unwinds the call itself (its `with` blocks stop the app);
    # anywhere else the call's thread is abandoned and the exit hooks stop the app.
    stopped = log.read_text(encoding="utf-8")
    assert (
        "stopped by SIGTERM; stopped (a running tool call was abandoned)" in stopped
        or "stopped by SIGTERM; stopped cleanly" in stopped
    ), stopped
    # The app the abandoned call had started was stopped on the way out.
    assert apps and not [app for app in apps if app.is_running() and app.status() != psutil.STATUS_ZOMBIE]


async def stop_during_generate(url: str, process: subprocess.Popen[bytes], project: Path) -> list[psutil.Process]:
    """Stop the server with SIGTERM while generate_tests runs; the apps it had started."""
    from mcp import Client

    verifying = anyio.Event()
    apps: list[psutil.Process] = []

    async def on_progress(_value: float, _total: float | None, message: str | None) -> None:
        if message and message.startswith("scenario "):
            verifying.set()

    async def generate(client: Client) -> None:
        with contextlib.suppress(Exception):  # the server goes away mid-call
            await client.call_tool("generate_tests", {"project": str(project)}, progress_callback=on_progress)

    with contextlib.suppress(Exception):  # closing a session whose server is gone
        async with Client(url) as client, anyio.create_task_group() as group:
            group.start_soon(generate, client)
            with anyio.fail_after(120):
                await verifying.wait()
            children = psutil.Process(process.pid).children(recursive=True)
            apps.extend(child for child in children if "http.server" in " ".join(child.cmdline()))
            process.send_signal(signal.SIGTERM)
            await anyio.to_thread.run_sync(process.wait, 30)
            group.cancel_scope.cancel()
    return apps
