"""The LLM writes the summary and the follow-up email from the measured facts when configured: the real ChatOpenAI
client against an OpenAI-compatible server on loopback; on any LLM failure the offline texts are used."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from settings import Settings
from tools.calls.analyze import analyze_text
from tools.calls.followups import follow_up_email

DATA = Path(__file__).parent / "data" / "calls"


class FakeOpenAI:
    """Answers POST /v1/chat/completions with scripted texts (or a status code) and records the requests."""

    def __init__(self, replies: list[str | int]) -> None:
        self.replies, self.requests = list(replies), []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                reply = fake.replies.pop(0) if fake.replies else 500
                if isinstance(reply, int):
                    data = json.dumps({"error": {"message": "boom", "type": "server_error"}}).encode()
                    self.send_response(reply)
                else:
                    data = json.dumps(
                        {
                            "id": "chatcmpl-1",
                            "object": "chat.completion",
                            "created": 1,
                            "model": body["model"],
                            "choices": [
                                {
                                    "index": 0,
                                    "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": reply},
                                }
                            ],
                            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
                        }
                    ).encode()
                    self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_openai():
    servers: list[FakeOpenAI] = []

    def start(replies: list[str | int]) -> FakeOpenAI:
        servers.append(FakeOpenAI(replies))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _settings(url: str) -> Settings:
    return Settings(openai_base_url=url, openai_api_key="sk-test", openai_model="test-model")


def test_llm_writes_summary_and_email_from_the_facts(fake_openai) -> None:
    server = fake_openai(["Jamie wants a trusted forecast; Dana sends pricing Friday.", "Hi Jamie, thanks! — Dana"])
    settings = _settings(server.url)
    text = (DATA / "discovery_acme.srt").read_text()
    analysis = analyze_text(text, settings=settings, started_at=datetime(2026, 11, 25, 15, tzinfo=UTC))
    assert (analysis.summary, analysis.summary_source) == (
        "Jamie wants a trusted forecast; Dana sends pricing Friday.",
        "llm",
    )
    email = follow_up_email(analysis, settings=settings)
    assert (email.body, email.source) == ("Hi Jamie, thanks! — Dana", "llm")
    assert [r["path"] for r in server.requests] == ["/v1/chat/completions"] * 2
    assert server.requests[0]["auth"] == "Bearer sk-test" and server.requests[0]["body"]["model"] == "test-model"
    prompt = server.requests[0]["body"]["messages"][-1]["content"]
    # the model gets the measured facts, not the transcript
    assert '"competitors": [\n  "Clari"\n ]' in prompt and f'"score": {analysis.scorecard.score}' in prompt
    assert "Got it. Let me show you" not in prompt
    assert "buyer_pains" in server.requests[1]["body"]["messages"][-1]["content"]


def test_llm_failure_falls_back_to_the_offline_texts(fake_openai) -> None:
    server = fake_openai([500, 500, 500, 500])
    settings = _settings(server.url)
    analysis = analyze_text((DATA / "discovery_acme.txt").read_text(), settings=settings)
    assert analysis.summary_source == "extractive" and analysis.summary.startswith("2.4-minute call with Jamie Chen")
    email = follow_up_email(analysis, settings=settings)
    assert email.source == "template" and email.body.startswith("Hi Jamie,")
    assert len(server.requests) >= 2  # it really asked
