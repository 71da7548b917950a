"""A scriptable OpenAI-compatible Chat Completions server for tests.

Runs ``http.server.ThreadingHTTPServer`` on 127.0.0.1 with an ephemeral port in a background
thread. Plan responses with :meth:`LLMServer.plan` using the builders below (``ok``, ``status``,
``slow``, ``malformed``, ``truncated``, ``raw``, ``refusal``, ``trickle``, ``dropped``); when the
queue is empty ``LLMServer.default`` (a callable taking the request JSON) answers, and without
one the server replies HTTP 418 so an unplanned call fails fast and visibly.

Server-wide quirks of real servers, checked before any planned reply is used (the request is
still counted): ``rejects`` (``"llama.cpp"`` or ``"vllm"``: ``response_format`` json_schema
refused with that server's HTTP 400 wording; ``"all"`` refuses json_object too),
``stream_only`` (HTTP 400 unless ``"stream": true``) and ``sse_only`` (every reply is a
server-sent-event stream, whatever was asked).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import openai
import pytest

from articles.llm import Model

DEFAULT_USAGE: dict[str, int] = {"prompt_tokens": 12, "completion_tokens": 8}


@dataclass
class Planned:
    """One scripted reply. Build it with the helper functions rather than directly."""

    status: int = 200
    content: str | None = None
    usage: dict[str, int] | None = None
    finish_reason: str = "stop"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    content_type: str = "application/json"
    delay: float = 0.0
    then: Planned | None = None
    refusal: str | None = None
    trickle: float = 0.0
    drop: str = ""  # "body": hang up mid-body; "reply": hang up before replying


Responder = Callable[[dict[str, Any]], Planned]


def ok(
    content: str | dict[str, Any] | list[Any],
    usage: dict[str, int] | None = DEFAULT_USAGE,
    *,
    finish_reason: str = "stop",
) -> Planned:
    """A 200 completion whose message content is ``content`` (dicts/lists are JSON-encoded).

    ``usage=None`` omits the usage block, as some local servers do.
    """
    text = content if isinstance(content, str) else json.dumps(content)
    return Planned(content=text, usage=usage, finish_reason=finish_reason)


def status(
    code: int,
    *,
    retry_after: float | str | None = None,
    message: str | None = None,
    headers: dict[str, str] | None = None,
) -> Planned:
    """An error reply in the OpenAI error envelope, optionally with a ``Retry-After`` header."""
    extra = dict(headers or {})
    if retry_after is not None:
        extra["Retry-After"] = str(retry_after)
    error = {
        "message": message or f"llm_server: planned HTTP {code}",
        "type": "server_error" if code >= 500 else "invalid_request_error",
        "param": None,
        "code": None,
    }
    return Planned(status=code, body=json.dumps({"error": error}).encode(), headers=extra)


def slow(seconds: float, then: Planned | None = None) -> Planned:
    """Wait ``seconds`` before answering with ``then`` (or the default responder)."""
    return Planned(delay=seconds, then=then)


def malformed(text: str = "Sure! Here is the answer you asked for: not JSON at all.") -> Planned:
    """A 200 completion whose content is not JSON."""
    return Planned(content=text, usage=DEFAULT_USAGE)


def truncated(content: dict[str, Any] | None = None, *, finish_reason: str = "stop") -> Planned:
    """A 200 completion whose JSON content is cut in half."""
    text = json.dumps(content or {"headline": "Council approves budget", "body": "x" * 40})
    return Planned(content=text[: len(text) // 2], usage=DEFAULT_USAGE, finish_reason=finish_reason)


def refusal(text: str = "I'm sorry, but I can't help with that.") -> Planned:
    """A 200 completion with OpenAI's ``refusal`` field set and no content."""
    return Planned(content=None, refusal=text, usage=DEFAULT_USAGE)


def trickle(seconds: float, then: Planned | None = None) -> Planned:
    """Send the headers, then one space every 50 ms for ``seconds``, then ``then``'s body."""
    return Planned(trickle=seconds, then=then)


def dropped(content: dict[str, Any] | None = None, *, before_reply: bool = False) -> Planned:
    """Announce a full completion body, send half of it and close the connection; with
    ``before_reply``, close it without sending anything."""
    text = json.dumps(content or {"headline": "H"})
    return Planned(content=text, drop="reply" if before_reply else "body")


def raw(body: bytes, status: int = 200, content_type: str = "application/json") -> Planned:
    """Send ``body`` verbatim with ``status``; for broken proxies and odd servers."""
    return Planned(status=status, body=body, content_type=content_type)


class LLMServer:
    """The server handle: plan replies, then inspect ``requests`` (parsed JSON bodies)."""

    def __init__(self, model_name: str = "test-model") -> None:
        self.model_name = model_name
        self.default: Responder | None = None
        self.requests: list[dict[str, Any]] = []
        self.request_headers: list[dict[str, str]] = []
        self._queue: deque[Planned] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._ids = 0
        self.rejects: str | None = None
        self.stream_only = False
        self.sse_only = False

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    @property
    def last_request(self) -> dict[str, Any]:
        with self._lock:
            return self.requests[-1]

    @property
    def pending(self) -> int:
        """How many planned replies have not been served yet."""
        with self._lock:
            return len(self._queue)

    def plan(self, *responses: Planned) -> LLMServer:
        with self._lock:
            self._queue.extend(responses)
        return self

    def start(self) -> LLMServer:
        handler = type("Handler", (_Handler,), {"llm": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="llm-test-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _record(self, body: dict[str, Any], headers: dict[str, str]) -> Planned:
        with self._lock:
            self.requests.append(body)
            self.request_headers.append(headers)
            self._ids += 1
            if self._queue:
                return self._queue.popleft()
        return self._from_default(body)

    def _from_default(self, body: dict[str, Any]) -> Planned:
        if self.default is not None:
            return self.default(body)
        return status(418, message="llm_server: no planned response and no default responder")

    def _completion(self, planned: Planned, request: dict[str, Any]) -> bytes:
        payload: dict[str, Any] = {
            "id": f"chatcmpl-test-{self._ids}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.get("model") or self.model_name,
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": planned.content,
                        "refusal": planned.refusal,
                    },
                    "finish_reason": planned.finish_reason,
                    "logprobs": None,
                }
            ],
        }
        if planned.usage is not None:
            usage = dict(planned.usage)
            usage.setdefault(
                "total_tokens", usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)
            )
            payload["usage"] = usage
        return json.dumps(payload).encode()

    def _events(self, planned: Planned, request: dict[str, Any]) -> bytes:
        """The same completion as server-sent events, content in small deltas."""
        base = {
            "id": f"chatcmpl-test-{self._ids}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": request.get("model") or self.model_name,
        }
        text = planned.content or ""
        deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
        deltas += [{"content": text[i : i + 16]} for i in range(0, len(text), 16)]
        if planned.refusal:
            deltas.append({"refusal": planned.refusal})
        events = [
            {**base, "choices": [{"index": 0, "delta": d, "finish_reason": None}]} for d in deltas
        ]
        events.append(
            {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": planned.finish_reason}]}
        )
        if planned.usage is not None and (request.get("stream_options") or {}).get("include_usage"):
            usage = dict(planned.usage)
            usage.setdefault("total_tokens", sum(planned.usage.values()))
            events.append({**base, "choices": [], "usage": usage})
        lines = [f"data: {json.dumps(e)}\n\n" for e in events] + ["data: [DONE]\n\n"]
        return "".join(lines).encode()

    def _quirk(self, body: dict[str, Any]) -> Planned | None:
        """A server-wide refusal of the request, or None."""
        kind = (body.get("response_format") or {}).get("type")
        if (kind == "json_schema" and self.rejects == "llama.cpp") or (
            self.rejects == "all" and kind in ("json_schema", "json_object")
        ):
            return status(
                400,
                message='response_format type must be one of "text" or "json_object", but got: '
                + str(kind),
            )
        if kind == "json_schema" and self.rejects == "vllm":
            message = (
                "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
                "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
                "'ctx': {'expected': \"'text' or 'json_object'\"}}]"
            )
            error = {"object": "error", "message": message, "type": "BadRequestError",
                     "param": None, "code": 400}  # fmt: skip
            return Planned(status=400, body=json.dumps(error).encode())
        if self.stream_only and not body.get("stream"):
            return status(400, message='This server only streams: set "stream": true.')
        return None


class _Handler(BaseHTTPRequestHandler):
    llm: LLMServer
    server_version = "llm-test-server/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            models = {
                "object": "list",
                "data": [
                    {"id": self.llm.model_name, "object": "model", "created": 0, "owned_by": "test"}
                ],
            }
            self._send(200, json.dumps(models).encode())
        else:
            self._send(404, b'{"error": {"message": "not found"}}')

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length)
        if self.path.split("?")[0].rstrip("/") != "/v1/chat/completions":
            self._send(404, b'{"error": {"message": "not found"}}')
            return
        try:
            body = json.loads(data or b"{}")
        except ValueError:
            body = {"_unparseable": data.decode("utf-8", "replace")}
        headers = {name.lower(): value for name, value in self.headers.items()}
        quirk = self.llm._quirk(body)
        if quirk is not None:
            with self.llm._lock:
                self.llm.requests.append(body)
                self.llm.request_headers.append(headers)
            self._send(quirk.status, quirk.body or b"", quirk.content_type)
            return
        planned: Planned | None = self.llm._record(body, headers)
        while planned is not None and planned.delay:
            if self.llm._stopping.wait(planned.delay):
                return
            planned = planned.then or self.llm._from_default(body)
        assert planned is not None
        if planned.trickle:
            self._trickle(planned, body)
        elif planned.body is not None:
            self._send(planned.status, planned.body, planned.content_type, planned.headers)
        elif planned.drop:
            self._drop(self.llm._completion(planned, body), before_reply=planned.drop == "reply")
        elif body.get("stream") or self.llm.sse_only:
            self._send(planned.status, self.llm._events(planned, body), "text/event-stream",
                       planned.headers)  # fmt: skip
        else:
            self._send(planned.status, self.llm._completion(planned, body), headers=planned.headers)

    def _trickle(self, planned: Planned, body: dict[str, Any]) -> None:
        then = planned.then or self.llm._from_default(body)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            until = time.monotonic() + planned.trickle
            while time.monotonic() < until:
                self.wfile.write(b" ")
                self.wfile.flush()
                if self.llm._stopping.wait(0.05):
                    return
            self.wfile.write(self.llm._completion(then, body))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drop(self, payload: bytes, *, before_reply: bool = False) -> None:
        try:
            if before_reply:
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _send(
        self,
        code: int,
        body: bytes,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def server_model(
    server: LLMServer | str,
    *,
    name: str = "test-model",
    timeout: float = 1.0,
    max_attempts: int = 3,
    **options: Any,
) -> Model:
    """An engine :class:`Model` on a client pointed at ``server`` (or a base URL), with no
    Django settings involved; ``options`` are the other :class:`Model` fields."""
    base_url = server if isinstance(server, str) else server.base_url
    client = openai.OpenAI(base_url=base_url, api_key="test-key", timeout=timeout, max_retries=0)
    return Model(client=client, name=name, max_attempts=max_attempts, timeout=timeout, **options)


class Sleeps(list[float]):
    """An injected ``sleep`` that records delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def llm_server() -> Iterator[LLMServer]:
    """A fresh scriptable OpenAI-compatible server for one test."""
    server = LLMServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def llm_settings(settings: Any, llm_server: LLMServer) -> Any:
    """Point the LLM settings at ``llm_server``; returns pytest-django's ``settings``."""
    settings.OPENAI_BASE_URL = llm_server.base_url
    settings.OPENAI_API_KEY = "test-key"
    settings.NEWSROOM_LLM_MODEL = "test-model"
    settings.NEWSROOM_LLM_TIMEOUT = 10.0
    settings.NEWSROOM_LLM_MAX_RETRIES = 3
    return settings


# A valid one-paragraph draft, for tests that need the model to answer a draft request.
ONE_PARAGRAPH_DRAFT = {
    "headline": "Lakemont approves bridge repair",
    "sections": [{"heading": "", "paragraphs": [
        {"text": "The Lakemont town council voted 7-2 on Tuesday to approve a $4.2 million "
                 "repair of the Old Mill Bridge.", "citations": [0]}], "bullets": []}],
}  # fmt: skip
