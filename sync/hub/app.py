"""The hub's HTTP API (FastAPI). Every error is a JSON ErrorResponse; no payload reaches a log.

The OpenAPI document is the contract: bearer security, the protocol header, every error answer.
Checks that must come before the body is read (version, token, size) live in `guard`.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal, get_args

from anyio import to_thread
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic_core import to_json
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from counter_app.errors import ValidationError as CoreValidationError
from sync.hub import claims, seen, service, spread
from sync.hub.fastpush import decode_push
from sync.hub.fastread import DEFAULT_WAIT_S, MAX_WAIT_S, NOT_ALLOWED, ReadLane, Wait, allowed, watch
from sync.hub.guard import INTERNAL_MESSAGE, MAX_BODY, RequestGuard
from sync.hub.live import Feed, feed_for, listen_postgres
from sync.hub.service import HubError
from sync.hub.store import Device
from sync.protocol import (
    MAX_CURSOR,
    MAX_PAGE,
    MAX_PUSH,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ClaimRequest,
    ClaimResponse,
    CountsResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorResponse,
    HealthResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    SnapshotEntity,
    SnapshotRecord,
    SnapshotResponse,
    WaitResponse,
)

__all__ = ["MAX_BODY", "Relay", "create_app", "render_status"]
log = logging.getLogger("ward_hub")


def _answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    texts = {
        400: "Yêu cầu hỏng (không đọc được, hoặc thiếu X-Ward-Protocol)",
        401: "Thiếu mã thiết bị, hoặc mã sai/đã thu hồi",
        403: "Mã đúng nhưng không được làm việc này",
        413: "Thân yêu cầu vượt giới hạn",
        422: "Dữ liệu không hợp lệ",
        426: "Sai phiên bản giao thức (X-Ward-Protocol)",
    }
    return {code: {"model": ErrorResponse, "description": texts[code]} for code in codes}


def _json_answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    """For a route whose own answer is not JSON (the HTML status page): its errors still are."""
    ref = {"$ref": "#/components/schemas/ErrorResponse"}
    return {
        code: {"description": answer["description"], "content": {"application/json": {"schema": ref}}}
        for code, answer in _answers(*codes).items()
    }


def _error(status: int, error: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=error, message=message).model_dump()
    return JSONResponse(body, status_code=status, headers=headers)


Relay = Callable[[], Coroutine[Any, Any, None]]


def create_app(engine: Engine, relay: Relay | None = None) -> FastAPI:
    """The hub; `relay`, when given, runs for the app's lifetime (a backup hub feeding the primary)."""

    feed = feed_for(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        feed.attach(asyncio.get_running_loop())
        tasks = [asyncio.create_task(relay())] if relay else []
        tasks.append(asyncio.create_task(_write_seen(engine)))
        if engine.dialect.name == "postgresql":
            tasks.append(asyncio.create_task(listen_postgres(engine, feed)))
            # as many threads at work as the pool has connections: every request's thread needs one, and a
            # request beyond them waits on the loop (cheap) instead of in a thread parked on the pool, where 40
            # threads (anyio's default) fought over the GIL and the pool's queue for 10 connections
            to_thread.current_default_thread_limiter().total_tokens = max(1, engine.pool.size())  # type: ignore[attr-defined]
        yield
        for task in tasks:
            task.cancel()
        await _write_seen_once(engine)

    app = FastAPI(title="Ward Counter hub", version=str(PROTOCOL_VERSION), lifespan=lifespan)
    app.state.engine = engine
    app.state.feed = feed
    _install_middleware(app, engine)
    _install_errors(app)
    _install_routes(app)
    return app


async def _write_seen(engine: Engine) -> None:
    """Every few seconds, the "last seen" the requests noted (sync/hub/seen.py)."""
    while True:
        await asyncio.sleep(seen.FLUSH_S)
        await _write_seen_once(engine)


async def _write_seen_once(engine: Engine) -> None:
    try:
        await to_thread.run_sync(seen.flush, engine)
    except Exception as exc:  # noqa: BLE001 - the database away: kept for the next round
        log.warning("last seen not written (%s); kept for the next round", type(exc).__name__)


def _install_middleware(app: FastAPI, engine: Engine) -> None:
    def authenticate(token: str | None) -> Device:
        return service.authenticate(engine, token)

    def cached(token: str | None) -> Device | None:
        return service.cached_device(engine, token)

    reads = ReadLane(engine, feed_for(engine), authenticate)
    app.add_middleware(RequestGuard, authenticate=authenticate, reads=reads, cached=cached)


def _install_errors(app: FastAPI) -> None:
    def error(
        request: Request, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> JSONResponse:
        request.state.error = code  # for the request log (guard)
        return _error(status, code, message, headers)

    @app.exception_handler(HubError)
    async def hub_error(request: Request, exc: HubError) -> JSONResponse:
        return error(request, exc.status, exc.error, exc.message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"Yêu cầu không hợp lệ ở «{where}»: {first.get('msg', '')}."
        return error(request, 422, "invalid_request", message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {413: "too_large", 400: "invalid_request"}.get(exc.status_code, "http_error")
        return error(request, exc.status_code, code, str(exc.detail), exc.headers)  # e.g. Allow on a 405

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        """A bug, not bad input: JSON like every answer; the log names the exception type only
        (its message could quote a payload)."""
        log.error("internal error %s on %s", type(exc).__name__, request.url.path)
        request.state.error = "internal_error"
        return _error(500, "internal_error", INTERNAL_MESSAGE)

    @app.exception_handler(CoreValidationError)
    async def core_error(request: Request, exc: CoreValidationError) -> JSONResponse:
        return error(request, 422, "invalid_request", str(exc))


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


_bearer = HTTPBearer(auto_error=False, description="Mã thiết bị từ /v1/enroll, hoặc mã peer của hub dự phòng.")


def _device(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Device:
    """The device the guard authenticated before the body was read (authenticated here otherwise)."""
    device: Device | None = getattr(request.state, "device", None)
    if device is None:
        device = service.authenticate(_engine(request), credentials.credentials if credentials else None)
        request.state.device = device
    return device


def _protocol(
    version: Annotated[
        Literal["1", "2"],
        Header(
            alias=PROTOCOL_HEADER,
            description="Phiên bản giao thức (2; 1 vẫn được phục vụ): thiếu → 400, phiên bản khác → 426.",
        ),
    ],
) -> None:
    """Documents the header; the guard has already answered 426 to any other value."""


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _known_query_only(request: Request) -> None:
    """An unknown query parameter is a mistake the client should hear about (422), not silently ignored."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    allowed = _query_names(dependant) if dependant is not None else set()
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise HubError(422, "invalid_request", f"Tham số không được hỗ trợ: {', '.join(unknown)[:100]}.")


DeviceDep = Annotated[Device, Depends(_device)]
VERSIONED = [Depends(_protocol), Depends(_known_query_only)]
AUTH_CODES = (400, 401, 403, 413, 422, 426)
AUTHED = _answers(*AUTH_CODES)


def _install_routes(app: FastAPI) -> None:
    @app.get("/v1/health", response_model=HealthResponse)
    def health(request: Request) -> HealthResponse:
        return HealthResponse(return_spread_s=spread.return_spread(_engine(request)))

    @app.post(
        "/v1/enroll", response_model=EnrollResponse, dependencies=VERSIONED, responses=_answers(400, 403, 413, 422, 426)
    )
    def enroll(body: EnrollRequest, request: Request) -> EnrollResponse:
        device, token = service.enroll(_engine(request), body.code, body.device_name)
        return EnrollResponse(
            device_id=device.id, token=token, unit_code=device.unit_code, counter_no=device.counter_no
        )

    def push(body: PushRequest, request: Request, device: DeviceDep) -> Response:
        """The full lane (see PushRoute): a body the fast lane was not sure of, validated by pydantic."""
        return _pushed(request, device, body.ops)

    app.router.add_api_route(
        "/v1/push", push, methods=["POST"], response_model=PushResponse, dependencies=VERSIONED,
        responses=_answers(*AUTH_CODES), route_class_override=PushRoute,
    )  # fmt: skip

    @app.get("/v1/wait", response_model=WaitResponse, dependencies=VERSIONED, responses=AUTHED)
    async def wait(
        request: Request,
        device: DeviceDep,
        since: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
        timeout: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = DEFAULT_WAIT_S,
        page: Annotated[int | None, Query(ge=1, le=MAX_PAGE)] = None,
    ) -> Response:
        """Long poll: answers as soon as the ward has a change past `since`, or after `timeout` seconds. With
        `page`, an answer that says `changed` carries what a pull of that many changes from `since` would."""
        _devices_only(device)
        deadline = time.monotonic() + timeout
        body = await watch(_engine(request), _feed(request), device, Wait(since, timeout, page), deadline)
        return Response(body, media_type="application/json")

    @app.post("/v1/queue/claim", response_model=ClaimResponse, dependencies=VERSIONED, responses=AUTHED)
    def claim(body: ClaimRequest, request: Request, device: DeviceDep) -> ClaimResponse:
        if device.kind != "device":
            raise HubError(403, "forbidden", "Chỉ máy quầy mới gọi số.")
        return claims.claim(_engine(request), device, body)

    @app.get("/v1/snapshot", response_model=SnapshotResponse, dependencies=VERSIONED, responses=AUTHED)
    def snapshot(
        request: Request,
        device: DeviceDep,
        entities: Annotated[list[SnapshotEntity], Query(min_length=1, max_length=len(get_args(SnapshotEntity)))],
    ) -> SnapshotResponse:
        """The ward's current accounts, service groups…: what a PC joining the ward needs before the history."""
        _devices_only(device)
        records, cursor = service.snapshot(_engine(request), device.unit_code, list(entities))
        return SnapshotResponse(records=[SnapshotRecord.model_validate(r) for r in records], cursor=cursor)

    @app.get("/v1/pull", response_model=PullResponse, dependencies=VERSIONED, responses=AUTHED)
    def pull(
        request: Request,
        device: DeviceDep,
        since: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500,
        count: bool = False,
    ) -> Response:
        """With `count`, the answer also says how many changes there are from `since` on (`remaining`)."""
        _devices_only(device)
        # written straight from the stored JSON (service.pull_json); the schema above documents it
        body = service.pull_json(_engine(request), device.unit_code, since, limit, count)
        return Response(body, media_type="application/json")

    @app.get("/v1/counts", response_model=CountsResponse, dependencies=VERSIONED, responses=AUTHED)
    def counts(request: Request, device: DeviceDep) -> CountsResponse:
        _devices_only(device)
        return CountsResponse(unit_code=device.unit_code, counts=service.counts(_engine(request), device.unit_code))

    @app.get("/status", response_class=HTMLResponse, responses=_json_answers(401, 403, 413))
    def status_page(request: Request, device: DeviceDep) -> str:
        if device.kind != "peer":
            raise HubError(403, "forbidden", "Chỉ mã quản trị (peer token) mới xem được trang trạng thái.")
        return render_status(_engine(request))


class PushRoute(APIRoute):
    """/v1/push with a fast lane in front of FastAPI's own handling (sync/hub/fastpush.py): a body the hand
    check accepts is pushed at once and answered with JSON written directly; any other body (or a query
    string, which the full lane refuses) goes to the route as declared, which validates it with pydantic."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        full = super().get_route_handler()

        async def handler(request: Request) -> Response:
            device: Device | None = getattr(request.state, "device", None)
            if device is None or request.query_params:
                return await full(request)
            body = await request.body()  # kept by the request: the full lane reads it again if needed
            answer = await run_in_threadpool(_fast_push, request, device, body)
            return answer if answer is not None else await full(request)

        return handler


def _fast_push(request: Request, device: Device, body: bytes) -> Response | None:
    ops = decode_push(body)
    return None if ops is None else _pushed(request, device, ops)


def _pushed(request: Request, device: Device, ops: Sequence[service.PushedOp]) -> Response:
    """Push `ops`, wake the wards' long polls, answer the PushResponse JSON (written directly: the
    results are the service's own, nothing to validate)."""
    outcomes = service.push_outcomes(_engine(request), device, ops)
    for unit in {str(op.payload.get("unit_code")) for op in ops}:
        _feed(request).publish(unit)
    # PushResponse's JSON, key for key (tests/sync/test_push_lanes.py reads it back as a PushResponse)
    results = [{"op_id": op_id, "status": status, "reason": reason} for op_id, status, reason in outcomes]
    return Response(to_json({"results": results, "max_batch": MAX_PUSH}), media_type="application/json")


def _feed(request: Request) -> Feed:
    feed: Feed = request.app.state.feed
    return feed


def _devices_only(device: Device) -> None:
    """Pulls are for a ward's own PCs and its ward hub; a backup hub's peer token only pushes."""
    if not allowed(device):
        raise HubError(403, "forbidden", NOT_ALLOWED)


def render_status(engine: Engine) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(d.id)}</td><td>{html.escape(d.kind)}</td><td>{html.escape(d.unit_code)}</td>"
        f"<td>{d.counter_no}</td><td>{html.escape(d.name)}</td><td>{d.last_seen_at or ''}</td>"
        f"<td>{'thu hồi' if d.revoked_at else ''}</td></tr>"
        for d in service.list_devices(engine)
    )
    wards = "".join(
        f"<tr><td>{w.unit_code}</td><td>{w.records}</td><td>{w.changes}</td><td>{w.unrelayed}</td></tr>"
        for w in service.status(engine)
    )
    return (
        "<!doctype html><meta charset=utf-8><title>Ward Counter hub</title><h1>Thiết bị</h1><table border=1>"
        "<tr><th>Mã</th><th>Loại</th><th>Đơn vị</th><th>Quầy</th><th>Tên</th><th>Lần cuối</th><th></th></tr>"
        f"{rows}</table><h1>Đơn vị</h1><table border=1><tr><th>Đơn vị</th><th>Bản ghi</th><th>Thay đổi</th>"
        f"<th>Chưa chuyển lên máy chủ chính</th></tr>{wards}</table>"
    )
