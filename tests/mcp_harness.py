"""Start `specwalk mcp` as a real subprocess and talk to it with the MCP SDK's own client."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.types import CallToolResult, TextContent

from .conftest import EXAMPLES

TOOLS = {
    "index_repo",
    "query_ui_map",
    "plan_requirements",
    "ground_step",
    "generate_tests",
    "verify_test",
    "build_manual",
    "get_report",
}


def server_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPECWALK_")}
    return {**env, **(extra or {})}


def stdio_client(cwd: Path, *args: str, env: Mapping[str, str] | None = None) -> Client:
    """A client that starts `python -m specwalk mcp ARGS` in `cwd` and speaks stdio to it."""
    command = [sys.executable, "-m", "specwalk", "mcp", *args]
    return Client(StdioServerParameters(command=command[0], args=command[1:], cwd=str(cwd), env=server_env(env)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def http_server(
    cwd: Path, log: Path, *args: str, env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`specwalk mcp --http PORT ARGS` in `cwd`, stderr to `log`; yields its URL once it accepts connections."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/mcp"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "specwalk", "mcp", "--http", str(port), *args],
            cwd=cwd,
            env=server_env(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert process.poll() is None, f"the server exited: {log.read_text(errors='replace')}"
                assert time.monotonic() < deadline, "the server did not accept connections within 30 s"
                time.sleep(0.1)
        assert f"serving {url}" in log.read_text(errors="replace")
        yield url, process
    except BaseException:
        print(f"server log ({log}):\n{log.read_text(errors='replace')}")
        raise
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def text(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


async def ok(client: Client, tool: str, arguments: dict[str, Any] | None = None, **options: Any) -> dict[str, Any]:
    """Call a tool that must succeed; its structured result."""
    result = await client.call_tool(tool, arguments or {}, **options)
    assert not result.is_error, f"{tool} failed: {text(result)}"
    assert result.structured_content is not None, f"{tool} returned no structured content"
    return result.structured_content


async def error(client: Client, tool: str, arguments: dict[str, Any]) -> str:
    """Call a tool that must fail as a tool error (not a protocol error); its message."""
    result = await client.call_tool(tool, arguments)
    assert result.is_error, f"{tool} with {arguments} did not fail: {result.structured_content}"
    return text(result)


def copy_example(name: str, target: Path) -> Path:
    """A copy of an example app without its generated files (the tests write into it)."""
    ignore = shutil.ignore_patterns("node_modules", ".specwalk", "e2e-generated", "manual")
    shutil.copytree(EXAMPLES / name, target, ignore=ignore)
    return target
