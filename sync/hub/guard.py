"""The hub's door, as plain ASGI middleware: protocol version, token and body size are checked
before any body is read, the body is cut off at its limit as it streams (Content-Length or
chunked alike), and every request ends up in the request log with its status and error code.

Plain ASGI rather than Starlette's BaseHTTPMiddleware: we need to wrap `receive` itself, and to
answer before the application has touched the body.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from anyio import to_thread
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.hub.fastread import NOT_ALLOWED, Pull, ReadLane, Wait, read_request
from sync.hub.service import HubError
from sync.hub.store import Device
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SUPPORTED_VERSIONS, ErrorResponse

MAX_BODY = 8 * 1024 * 1024  # a push of MAX_PUSH operations: the PC keeps a body under 4 MiB (PUSH_BODY_BUDGET)
PUBLIC_MAX_BODY = 16 * 1024  # enrollment and the public pages carry a few short fields at most
PUBLIC_PATHS = frozenset({"/v1/health", "/v1/enroll", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})
UNVERSIONED = frozenset({"/v1/health"})
INTERNAL_MESSAGE = "Lỗi máy chủ; đã ghi lại. Hãy thử lại sau."
log = logging.getLogger("ward_hub")

Authenticate = Callable[[str | None], Device]
Cached = Callable[[str | None], Device | None]  # the device when known without the database (else None)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


def too_large_message(limit: int) -> str:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return f"Yêu cầu quá lớn (tối đa {size})."


def bearer_token(headers: Headers) -> str | None:
    value = headers.get("authorization", "")
    return value[7:].strip() or None if value[:7].lower() == "bearer " else None


class RequestGuard:
    def __init__(
        self, app: ASGIApp, authenticate: Authenticate, reads: ReadLane | None = None, cached: Cached | None = None
    ) -> None:
        self.app, self.authenticate, self.reads = app, authenticate, reads
        self.cached = cached or (lambda _token: None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state: dict[str, Any] = scope.setdefault("state", {})
        sent: dict[str, int] = {}

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent["status"] = message["status"]
            await send(message)

        try:
            await self._guarded(scope, receive, send_logged, state, sent)
        finally:
            self._log(scope, state, sent.get("status", 500), started)

    async def _guarded(
        self, scope: Scope, receive: Receive, send: Send, state: dict[str, Any], sent: dict[str, int]
    ) -> None:
        path: str = scope["path"]
        headers = Headers(scope=scope)
        public = path in PUBLIC_PATHS
        limit = PUBLIC_MAX_BODY if public else MAX_BODY
        version = headers.get(PROTOCOL_HEADER)
        if path.startswith("/v1/") and path not in UNVERSIONED and version not in {str(v) for v in SUPPORTED_VERSIONS}:
            if version is None:  # a malformed request rather than another client generation
                message = f"Thiếu tiêu đề {PROTOCOL_HEADER}; máy chủ dùng phiên bản giao thức {PROTOCOL_VERSION}."
                await _answer(send, state, 400, "protocol_version", message)
            else:
                message = (
                    f"Phiên bản giao thức không được hỗ trợ; máy chủ dùng phiên bản {PROTOCOL_VERSION} "
                    f"(và {PROTOCOL_VERSION - 1})."
                )
                await _answer(send, state, 426, "protocol_version", message)
            return
        bodiless = headers.get("content-length", "0") == "0" and "transfer-encoding" not in headers
        if not public and self.reads is not None and bodiless:
            asked = read_request(path, scope["method"], scope["query_string"])
            if asked is not None:  # the read lane (sync/hub/fastread.py) authenticates and answers
                await self._read(self.reads, asked, headers, send, state, path)
                return
        if not public:
            token = bearer_token(headers)
            try:  # a token this worker accepted lately needs no trip to a thread (sync/hub/tokens.py)
                state["device"] = self.cached(token) or await to_thread.run_sync(self.authenticate, token)
            except HubError as exc:
                await _answer(send, state, exc.status, exc.error, exc.message)
                return
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > limit):
            status, error = (413, "too_large") if length.isdigit() else (400, "invalid_request")
            await _answer(
                send, state, status, error, too_large_message(limit) if status == 413 else "Content-Length sai."
            )
            return
        try:
            await self.app(scope, _limited(receive, limit), send)
        except BodyTooLarge as exc:
            if "status" in sent:  # the answer had begun: nothing sensible to add
                raise
            await _answer(send, state, 413, "too_large", str(exc.detail))

    @staticmethod
    async def _read(
        reads: ReadLane, asked: Pull | Wait, headers: Headers, send: Send, state: dict[str, Any], path: str
    ) -> None:
        """A lane answer, or the same error answers the route gives (app._install_errors)."""
        try:
            body = await reads.answer(asked, bearer_token(headers), state)
        except HubError as exc:
            await _answer(send, state, exc.status, exc.error, exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - a bug or the database away: JSON, as the app's handler does
            log.error("internal error %s on %s", type(exc).__name__, path)
            await _answer(send, state, 500, "internal_error", INTERNAL_MESSAGE)
            return
        if body is None:
            await _answer(send, state, 403, "forbidden", NOT_ALLOWED)
            return
        headers_out = [(b"content-length", str(len(body)).encode()), (b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers_out})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _log(scope: Scope, state: dict[str, Any], status: int, started: float) -> None:
        device = state.get("device")
        fields = {
            "request_id": uuid.uuid4().hex[:12],
            "method": scope.get("method"),
            "path": scope.get("path"),
            "status": status,
            "error": state.get("error"),
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "device": device.id if device is not None else None,
        }
        log.info(json.dumps(fields))


def _limited(receive: Receive, limit: int) -> Receive:
    """`receive` that counts the body as it arrives and stops the request past `limit` bytes."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
        return message

    return wrapped


async def _answer(send: Send, state: dict[str, Any], status: int, error: str, message: str) -> None:
    state["error"] = error
    body = ErrorResponse(error=error, message=message).model_dump_json().encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
