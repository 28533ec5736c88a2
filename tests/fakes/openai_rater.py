"""A loopback OpenAI-compatible `/v1/chat/completions` server whose answer is a function of the prompt.

For the lead-notes rating: the real `ChatOpenAI` talks HTTP to it, so everything on our side (LangChain, the prompt,
parsing, caching) is real. `answer(prompt) -> str | None`; None answers HTTP 500 (an LLM outage).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAIRater:
    """The fake server; use as a context manager. `prompts` records the user prompts received."""

    def __init__(self, answer: Callable[[str], str | None]) -> None:
        self.answer = answer
        self.prompts: list[str] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                if not self.path.endswith("/chat/completions"):
                    self._send(404, {"error": {"message": f"no route {self.path}"}})
                    return
                prompt = "\n".join(str(m.get("content")) for m in body.get("messages", []) if m.get("role") == "user")
                with fake._lock:
                    fake.prompts.append(prompt)
                content = fake.answer(prompt)
                if content is None:
                    self._send(500, {"error": {"message": "model overloaded", "type": "server_error"}})
                    return
                self._send(
                    200,
                    {
                        "id": f"chatcmpl-{len(fake.prompts)}",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": body.get("model", "fake"),
                        "choices": [
                            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                        ],
                        "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11},
                    },
                )

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The `/v1` base URL for `ChatOpenAI(base_url=...)` / OPENAI_BASE_URL."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAIRater:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
