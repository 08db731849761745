"""A scripted OpenAI-compatible chat endpoint on 127.0.0.1: the stand-in for a hosted language model.

Each request to ``/v1/chat/completions`` is recorded (body and headers) and answered by the next
scripted :class:`Reply`, as a JSON completion or, with ``"stream": true``, as server-sent events.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted response. ``content`` may be a function of the request body (to cite by file)."""

    content: str | Callable[[dict[str, Any]], str] = ""
    status: int = 200
    delay: float = 0.0  # seconds before anything is sent (for timeouts)
    malformed: bool = False  # the stream breaks off with invalid JSON after its first chunk
    echo_auth: bool = False  # an error body that repeats the Authorization header, as careless servers do


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._script: deque[Reply] = deque()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def script(self, *replies: Reply) -> None:
        self._script.extend(replies)

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        self.requests.append(body)
        self.headers.append(headers)
        return self._script.popleft() if self._script else Reply(status=500, content="keine Antwort vorgesehen")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                reply = fake._next(body, dict(self.headers))
                time.sleep(reply.delay)
                content = reply.content(body) if callable(reply.content) else reply.content
                if self.path != "/v1/chat/completions":
                    self._json(404, {"error": {"message": f"unbekannter Pfad {self.path}"}})
                elif reply.status != 200:
                    message = content or "Serverfehler"
                    if reply.echo_auth:
                        message += f" (Authorization: {self.headers.get('Authorization')})"
                    self._json(reply.status, {"error": {"message": message, "type": "server_error"}})
                elif body.get("stream"):
                    self._stream(body.get("model", ""), content, reply.malformed)
                else:
                    self._json(200, {
                        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": body.get("model", ""),
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                     "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    })

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, model: str, content: str, malformed: bool) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                pieces = re.findall(r"\S+\s*|\s+", content) or [""]
                for i, piece in enumerate(pieces):
                    if malformed and i == 1:
                        self._event('{"id": "chatcmpl-fake", "choices": [{"delta": {"content": "kaputt')
                        return
                    self._event(json.dumps(_chunk(model, {"role": "assistant", "content": piece} if i == 0
                                                  else {"content": piece}, None)))
                self._event(json.dumps(_chunk(model, {}, "stop")))
                self._event("[DONE]")

            def _event(self, data: str) -> None:
                self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.flush()

        return Handler


def _chunk(model: str, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
