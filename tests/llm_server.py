"""A local OpenAI-compatible HTTP server with scripted replies: the only fake in the LLM tests.

It speaks the wire format the real SDK expects (`POST /v1/chat/completions`, `GET /v1/models`,
OpenAI-style error bodies), so specwalk's client, retries, cache and validation run unpatched.
A script is a function from the request to a `Reply`; helpers below key replies on the prompt.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    content: str | None = None  # the assistant message, for a 200
    status: int = 200
    error: str = ""  # the error message, for any other status
    code: str | None = None
    delay: float = 0.0  # seconds before answering (a timeout test waits longer than the client)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    number: int  # 1-based, over the server's life
    path: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def messages(self) -> list[dict[str, str]]:
        return list(self.body.get("messages", []))

    @property
    def system(self) -> str:
        return next((m["content"] for m in self.messages if m["role"] == "system"), "")

    @property
    def first_user(self) -> str:
        return next((m["content"] for m in self.messages if m["role"] == "user"), "")

    @property
    def reasks(self) -> int:
        """How many times specwalk already re-asked in this conversation."""
        return sum(1 for m in self.messages if m["role"] == "assistant")

    def task(self) -> str:
        """plan / choose / repair, from the first line of specwalk's system prompt."""
        title = self.system.splitlines()[0] if self.system else ""
        for task in ("repair", "choose", "plan"):
            if task in title:
                return task
        return ""


Script = Callable[[Request], Reply]


class ScriptedLLM:
    def __init__(self, script: Script, *, models: tuple[str, ...] = ("scripted",), api_key: str | None = None) -> None:
        self.script = script
        self.models = models
        self.api_key = api_key
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def chat_requests(self) -> list[Request]:
        return [request for request in self.requests if request.path.endswith("/chat/completions")]

    def start(self) -> ScriptedLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers that are sleeping out a timeout
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nobody is listening

            def _authorized(self) -> bool:
                if server.api_key is None:
                    return True
                if self.headers.get("Authorization") == f"Bearer {server.api_key}":
                    return True
                self._send(
                    401,
                    {
                        "error": {
                            "message": "Incorrect API key provided",
                            "type": "invalid_request_error",
                            "code": "invalid_api_key",
                        }
                    },
                )
                return False

            def _record(self, body: dict[str, Any]) -> Request:
                with server._lock:
                    request = Request(len(server.requests) + 1, self.path, body, dict(self.headers.items()))
                    server.requests.append(request)
                return request

            def do_GET(self) -> None:
                self._record({})
                if not self._authorized():
                    return
                if self.path.rstrip("/") == "/v1/models":
                    data = [
                        {"id": name, "object": "model", "created": 0, "owned_by": "tests"} for name in server.models
                    ]
                    self._send(200, {"object": "list", "data": data})
                else:
                    self._send(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                request = self._record(body)
                if not self._authorized():
                    return
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                    return
                model = body.get("model", "")
                if model not in server.models:
                    self._send(
                        404,
                        {
                            "error": {
                                "message": f"The model `{model}` does not exist",
                                "type": "invalid_request_error",
                                "code": "model_not_found",
                            }
                        },
                    )
                    return
                reply = server.script(request)
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                if reply.status != 200:
                    error = {
                        "message": reply.error or f"scripted {reply.status}",
                        "type": "server_error",
                        "code": reply.code,
                    }
                    self._send(reply.status, {"error": error}, reply.headers)
                    return
                content = reply.content or ""
                prompt = sum(len(m.get("content", "")) for m in request.messages)
                self._send(
                    200,
                    {
                        "id": f"chatcmpl-{request.number}",
                        "object": "chat.completion",
                        "created": 0,
                        "model": model,
                        "choices": [
                            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                        ],
                        # Roughly 4 characters a token; the tests only need stable, plausible numbers.
                        "usage": {
                            "prompt_tokens": prompt // 4,
                            "completion_tokens": len(content) // 4,
                            "total_tokens": prompt // 4 + len(content) // 4,
                        },
                    },
                    reply.headers,
                )

        return Handler


@contextmanager
def scripted_llm(script: Script, **options: Any) -> Iterator[ScriptedLLM]:
    server = ScriptedLLM(script, **options).start()
    try:
        yield server
    finally:
        server.stop()


def replies(*queue: Reply) -> Script:
    """Answer each request with the next reply in order (the last one repeats)."""
    pending = list(queue)

    def script(_request: Request) -> Reply:
        return pending.pop(0) if len(pending) > 1 else pending[0]

    return script
