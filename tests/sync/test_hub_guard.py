"""The hub's door against hostile input: no body is read before the token is checked, bodies are cut
off at their limit as they stream, every bad input is a logged 4xx JSON error, and the OpenAPI
document describes all of it."""

from __future__ import annotations

import json
import logging
import select
import socket
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from sync.hub import service
from sync.hub.guard import MAX_BODY, PUBLIC_MAX_BODY
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import enroll_device
from tests.sync.hubserver import RunningHub
from tests.sync.test_hub_api import client, op

HubFactory = Callable[..., RunningHub]
CHUNK = 64 * 1024


def _chunked_upload(
    hub: RunningHub, path: str, total: int, token: str | None = None
) -> tuple[int, dict[str, Any], int]:
    """Send a chunked body of up to `total` bytes over a raw socket, stopping as soon as the hub
    answers; returns (status, JSON answer, bytes sent before the answer came)."""
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{PROTOCOL_HEADER}: 1\r\n{auth}"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    sent = 0
    with socket.create_connection(("127.0.0.1", hub.port), timeout=10) as sock:
        sock.sendall(head.encode())
        try:
            while sent < total and not select.select([sock], [], [], 0.005)[0]:
                piece = b"[" * CHUNK  # not even valid JSON: only the size matters
                sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                sent += len(piece)
        except OSError:
            pass  # the hub closed its side after answering
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < _length(answer):
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    head_part, body = answer.split(b"\r\n\r\n", 1)
    return int(head_part.split(b" ")[1]), json.loads(body[: _length(answer)]), sent


def _length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 1 << 30


def test_a_body_without_a_token_is_refused_before_it_is_read(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    hub = hub_factory(sqlite_hub_url)
    status, answer, sent = _chunked_upload(hub, "/v1/push", 300 * 1024 * 1024)
    assert status == 401 and answer["error"] == "unauthenticated"
    assert sent < MAX_BODY  # the hub answered long before the 300 MB were sent
    status, answer, _ = _chunked_upload(hub, "/v1/push", 300 * 1024 * 1024, token="not-a-token")
    assert status == 401


def test_a_chunked_body_is_cut_off_at_the_limit(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    hub = hub_factory(sqlite_hub_url)
    token = enroll_device(hub)
    status, answer, sent = _chunked_upload(hub, "/v1/push", 50 * 1024 * 1024, token)
    assert status == 413 and answer["error"] == "too_large" and "8 MB" in answer["message"]
    assert sent < 2 * MAX_BODY
    # a real push of more than 8 MB, sent chunked, is refused and nothing of it is applied
    ops = [op(full_name="Nguyễn Văn A", note="x" * 20_000) for _ in range(500)]
    body = json.dumps({"ops": ops}).encode()
    assert len(body) > MAX_BODY

    def stream() -> Any:
        for i in range(0, len(body), CHUNK):
            yield body[i : i + CHUNK]

    with client(hub, token) as c:
        try:
            refused = c.post("/v1/push", content=stream(), headers={"Content-Type": "application/json"})
            assert refused.status_code == 413
        except httpx.TransportError:
            pass  # the hub answered and closed while the client was still writing
        assert c.get("/v1/counts").json()["counts"] == {}


def test_public_endpoints_take_only_small_bodies(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    hub = hub_factory(sqlite_hub_url)
    status, answer, sent = _chunked_upload(hub, "/v1/enroll", 50 * 1024 * 1024)
    assert status == 413 and answer["error"] == "too_large" and sent < 1024 * 1024
    with client(hub) as c:
        big = c.post("/v1/enroll", json={"code": "ABCD", "device_name": "x" * PUBLIC_MAX_BODY})
        assert big.status_code == 413
        code = service.new_enrollment_code(hub.engine, "27460", 2)
        assert c.post("/v1/enroll", json={"code": code, "device_name": "Quầy 2"}).status_code == 200


def _dossier(status: object) -> dict[str, Any]:
    return op("dossier", status=status, code="27460-261124-1001")


BAD_PUSHES: dict[str, Callable[[], dict[str, Any]]] = {
    "status beyond 64 bits": lambda: _dossier(2**70),
    "status as text": lambda: _dossier("2"),
    "status out of the portal's states": lambda: _dossier(2**40),
    "integer beyond 64 bits anywhere": lambda: op(full_name="A", counter=-(2**64)),
    "integer created_at": lambda: {**op(full_name="A"), "created_at": 1_700_000_000},
    "NUL in an op id": lambda: {**op(full_name="A"), "op_id": "a\x00b"},
    "NUL in a payload text": lambda: op(full_name="A\x00B"),
    "deep nesting": lambda: op(extra=json.loads("[" * 50 + "]" * 50)),
}


@pytest.mark.parametrize("case", list(BAD_PUSHES))
def test_bad_pushes_get_a_logged_4xx(
    hub_factory: HubFactory, hub_db_url: str, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    hub = hub_factory(hub_db_url)
    caplog.set_level(logging.INFO, logger="ward_hub")
    with client(hub, enroll_device(hub)) as c:
        answer = c.post("/v1/push", json={"ops": [BAD_PUSHES[case]()]})
        assert answer.status_code == 422 and answer.json()["error"] == "invalid_request", answer.text
        assert c.get("/v1/counts").json()["counts"] == {}
    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ward_hub"]
    assert {"path": "/v1/push", "status": 422, "error": "invalid_request"}.items() <= logged[0].items()


@pytest.mark.parametrize("since", [2**63, 2**64, 10**30, -(2**64), "abc"])
def test_pull_cursor_beyond_64_bits_is_a_4xx(hub_factory: HubFactory, hub_db_url: str, since: object) -> None:
    hub = hub_factory(hub_db_url)
    with client(hub, enroll_device(hub)) as c:
        answer = c.get("/v1/pull", params={"since": since})
        assert answer.status_code == 422 and answer.json()["error"] == "invalid_request"
        assert c.get("/v1/pull", params={"since": 2**63 - 1}).json()["changes"] == []


def test_refusals_reach_the_request_log(
    hub_factory: HubFactory, sqlite_hub_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    hub = hub_factory(sqlite_hub_url)
    caplog.set_level(logging.INFO, logger="ward_hub")
    with client(hub) as anon:
        anon.get("/v1/counts")
        anon.post("/v1/enroll", content=b"x" * (PUBLIC_MAX_BODY + 1), headers={"Content-Type": "application/json"})
    with httpx.Client(base_url=hub.url) as raw:
        raw.get("/v1/counts")
    deadline = time.monotonic() + 5  # the line is written just after the answer has gone out
    while len(caplog.records) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    logged = [(e["status"], e["error"]) for e in (json.loads(r.getMessage()) for r in caplog.records)]
    assert logged == [(401, "unauthenticated"), (413, "too_large"), (400, "protocol_version")]


def test_openapi_describes_security_header_and_errors(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    hub = hub_factory(sqlite_hub_url)
    with httpx.Client(base_url=hub.url, timeout=10) as raw:
        doc = raw.get("/openapi.json").json()
    assert doc["components"]["securitySchemes"]["HTTPBearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": doc["components"]["securitySchemes"]["HTTPBearer"]["description"],
    }
    for path, method in [("/v1/push", "post"), ("/v1/pull", "get"), ("/v1/counts", "get")]:
        spec = doc["paths"][path][method]
        assert spec["security"] == [{"HTTPBearer": []}]
        header = next(p for p in spec["parameters"] if p["in"] == "header")
        assert header["name"] == PROTOCOL_HEADER and header["required"] and header["schema"]["enum"] == ["1", "2"]
        assert {"401", "403", "413", "422", "426"} <= set(spec["responses"])
        assert spec["responses"]["401"]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorResponse")
    assert "security" not in doc["paths"]["/v1/enroll"]["post"]
    created = doc["components"]["schemas"]["Operation"]["properties"]["created_at"]
    assert created == {"type": "string", "format": "date-time", "title": "Created At"}
    since = next(p for p in doc["paths"]["/v1/pull"]["get"]["parameters"] if p["name"] == "since")
    assert since["schema"]["maximum"] == 2**63 - 1


def test_a_batch_sent_again_after_a_lost_answer_is_duplicate(hub_factory: HubFactory, hub_db_url: str) -> None:
    """Found by the network harness: a batch with a dossier's 2 then 4, applied but its answer lost, came
    back "2: rejected (4 → 2)" on the retry, so the PC kept an applied op in its outbox for ever."""
    hub = hub_factory(hub_db_url)
    received = op("dossier", status=2, code="27460-261124-1001")
    started = op("dossier", id=received["entity_id"], status=4, code="27460-261124-1001")
    with client(hub, enroll_device(hub)) as c:
        assert [r["status"] for r in push_ok(c, received, started)] == ["applied", "applied"]
        assert [r["status"] for r in push_ok(c, received, started)] == ["duplicate", "duplicate"]
        assert [r["status"] for r in push_ok(c, {**received, "op_id": "new-op"})] == ["rejected"]  # a real 4 → 2


def push_ok(c: httpx.Client, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    answer = c.post("/v1/push", json={"ops": list(ops)})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["results"])


def test_unknown_query_parameters_are_refused(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    hub = hub_factory(sqlite_hub_url)
    with client(hub, enroll_device(hub)) as c:
        assert c.get("/v1/pull", params={"since": 0, "limit": 5}).status_code == 200
        wrong = c.get("/v1/pull", params={"since": 0, "sinse": 5})
        assert wrong.status_code == 422 and "sinse" in wrong.json()["message"]
