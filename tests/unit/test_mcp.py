"""`specwalk mcp` over stdio, driven by the MCP SDK's own client: the tools that need no browser.

The server is a real subprocess; the project is a copy of the notes-html example. Each tool's
answer is checked against what the CLI (the same pipeline) writes or prints for the same input,
and bad arguments must come back as tool errors while the server keeps answering.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import anyio
import pytest
from mcp import Client

from specwalk.cli import main
from specwalk.errors import ExitCode

from ..mcp_harness import TOOLS, copy_example, error, free_port, http_server, ok, stdio_client, text


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return copy_example("notes-html", tmp_path / "notes")


def cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specwalk", *args], cwd=project, capture_output=True, text=True, timeout=120
    )


def test_stdio_tools_answer_like_the_cli(notes: Path) -> None:
    async def session() -> None:
        async with stdio_client(notes) as client:
            assert client.server_info is not None and client.server_info.name == "specwalk"
            listed = {tool.name: tool for tool in (await client.list_tools()).tools}
            assert set(listed) == TOOLS
            for tool in listed.values():
                # Output schemas come from our pydantic models, so every tool publishes one.
                assert tool.output_schema is not None and tool.output_schema.get("properties"), tool.name
                assert tool.description, tool.name
            assert listed["ground_step"].input_schema["required"] == ["phrase"]
            assert {"scenarios", "unplanned", "runner"} <= set(listed["get_report"].output_schema["properties"])
            assert set(listed["ground_step"].input_schema["properties"]["action"]["anyOf"][0]["enum"]) >= {
                "click",
                "fill",
            }

            index = await ok(client, "index_repo")
            uimap = json.loads((notes / ".specwalk" / "uimap.json").read_text(encoding="utf-8"))
            assert index["uimap"] == str(notes / ".specwalk" / "uimap.json")
            assert index["elements"] == len(uimap["elements"]) > 0
            assert {route["path"] for route in index["routes"]} == {route["path"] for route in uimap["routes"]}
            assert "/#/notes/new" in {route["path"] for route in index["routes"]}
            assert index["framework"] == "html"

            saves = await ok(client, "query_ui_map", {"role": "button", "name": "Save"})
            assert saves["total"] >= 1
            assert all(element["role"] == "button" for element in saves["elements"])
            assert any("Save" in locator["playwright"] for locator in saves["elements"][0]["locators"])
            counted = await ok(client, "query_ui_map", {"test_id": "note-count"})
            assert [element["attributes"]["data-testid"]["value"] for element in counted["elements"]] == ["note-count"]
            under = await ok(client, "query_ui_map", {"route": "/#/notes/new", "label": "Title"})
            assert under["total"] >= 1 and all("/#/notes/new" in e["routes"] for e in under["elements"])
            limited = await ok(client, "query_ui_map", {"limit": 3})
            assert len(limited["elements"]) == 3 and limited["total"] == index["elements"]
            nothing = await ok(client, "query_ui_map", {"text": "No such words on any screen"})
            assert nothing == {"total": 0, "elements": [], "routes": limited["routes"]}

            plan = await ok(client, "plan_requirements")
            from_cli = cli(notes, "plan", "--json")
            assert from_cli.returncode in (0, 1), from_cli.stderr
            assert plan == json.loads(from_cli.stdout)
            assert plan == json.loads((notes / ".specwalk" / "plan.json").read_text(encoding="utf-8"))
            assert plan["requirements"], "the example's requirements were planned"

            grounded = await ok(client, "ground_step", {"phrase": 'the "Save" button'})
            best = grounded["candidates"][0]
            assert grounded["phrase"] == "Save" and grounded["role"] == "button"
            assert best["role"] == "button" and best["exact_name"] is True
            assert best["source"]["file"] == "index.html" and best["source"]["line"] > 0
            assert best["element_id"] in {element["id"] for element in saves["elements"]}
            assert grounded["live"] is None
            field = await ok(client, "ground_step", {"phrase": 'the "Title" field', "route": "/#/notes/new"})
            assert field["role"] == "textbox" and field["candidates"][0]["role"] == "textbox"
            unknown = await ok(client, "ground_step", {"phrase": "Launch the rocket"})
            assert unknown["candidates"] == [] and "no element in the UI map matches" in unknown["message"]

            resources = {str(item.uri) for item in (await client.list_resources()).resources}
            assert resources == {
                "specwalk://project/uimap.json",
                "specwalk://project/plan.json",
                "specwalk://project/report.json",
            }
            read = await client.read_resource("specwalk://project/plan.json")
            assert json.loads(read.contents[0].text) == plan
            read = await client.read_resource("specwalk://project/uimap.json")
            assert len(json.loads(read.contents[0].text)["elements"]) == index["elements"]

            prompt = await client.get_prompt("specwalk_workflow", {"requirements": "requirements.md"})
            guide = prompt.messages[0].content.text
            assert all(name in guide for name in TOOLS)
            assert '["requirements.md"]' in guide

            await bad_arguments(client, notes)

            # Still serving after every mistake above.
            again = await ok(client, "index_repo", {"project": str(notes)})
            assert again["elements"] == index["elements"]

    anyio.run(session)


async def bad_arguments(client: Client, notes: Path) -> None:
    missing = await error(client, "index_repo", {"project": str(notes / "nope")})
    assert missing.startswith(f"error: {notes / 'nope'}: no such file or directory")
    assert "hint:" in missing

    route = await error(client, "query_ui_map", {"route": "/notes/new"})
    assert route.startswith("error: route '/notes/new' is not in the UI map")
    assert "did you mean /#/notes/new" in route and "known routes:" in route
    assert "route '/nope'" in await error(client, "ground_step", {"phrase": "Save", "route": "/nope"})

    phrase = await error(client, "ground_step", {"phrase": "the button"})
    assert phrase.startswith("error: phrase 'the button' has no words to look up in the UI map")
    assert "no words" in await error(client, "ground_step", {"phrase": "   "})

    # The same one-line message, word for word, as the CLI prints for the same mistake.
    from_tool = await error(client, "plan_requirements", {"requirements": ["missing.md"]})
    from_cli = cli(notes, "plan", "missing.md")
    assert from_cli.returncode == ExitCode.USAGE
    assert from_tool == from_cli.stderr.strip()
    assert from_tool.startswith("error: missing.md: no such requirements file")

    no_report = await error(client, "get_report", {})
    assert no_report.startswith(f"error: {notes / '.specwalk' / 'report.json'}: no report yet")
    assert "no report yet" in await error(client, "verify_test", {"scenario": "anything"})
    assert "name needs a role" in await error(client, "query_ui_map", {"name": "Save"})

    # Arguments that do not fit the schema, and an unknown tool, are tool errors too.
    assert "no_cache" in await error(client, "index_repo", {"no_cache": "maybe"})
    assert "limit" in await error(client, "query_ui_map", {"limit": 0})
    assert "action" in await error(client, "ground_step", {"phrase": "Save", "action": "explode"})
    unknown_tool = await client.call_tool("launch_rocket", {})
    assert unknown_tool.is_error and "launch_rocket" in text(unknown_tool)

    with pytest.raises(Exception, match="does not exist yet"):
        await client.read_resource("specwalk://project/report.json")


def test_mcp_refuses_a_missing_config_and_a_busy_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mcp", "--config", str(tmp_path / "specwalk.toml")]) == ExitCode.USAGE
    assert f"config file not found: {tmp_path / 'specwalk.toml'}" in capsys.readouterr().err

    import socket

    port = free_port()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", port))
        busy.listen()
        assert main(["mcp", "--http", str(port)]) == ExitCode.USAGE
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_http_server_answers_and_stops_cleanly(notes: Path, tmp_path: Path) -> None:
    async def session(url: str) -> None:
        async with Client(url) as client:
            assert {tool.name for tool in (await client.list_tools()).tools} == TOOLS
            index = await ok(client, "index_repo")
            assert index["root"] == str(notes)
            assert "no such file or directory" in await error(client, "index_repo", {"project": "nope"})
            assert (await ok(client, "query_ui_map", {"limit": 1}))["total"] == index["elements"]

    log = tmp_path / "server.log"
    with http_server(notes, log) as (url, process):
        anyio.run(session, url)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == ExitCode.INTERRUPTED
    assert "specwalk: stopped by SIGTERM; stopped cleanly" in log.read_text(encoding="utf-8")
