from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlmodel import Session, select

from counter_app.ids import new_id
from sync.hub import cli, seen, service
from sync.hub.store import ChangeRow, EnrollmentCode
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import enroll_device
from tests.sync.hubserver import RunningHub

HubFactory = Callable[..., RunningHub]
V1 = {PROTOCOL_HEADER: "1"}


def client(hub: RunningHub, token: str | None = None) -> httpx.Client:
    headers = dict(V1)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(base_url=hub.url, headers=headers, timeout=10)


def op(entity: str = "citizen", unit: str = "27460", op_kind: str = "upsert", **payload: Any) -> dict[str, Any]:
    entity_id = payload.pop("id", new_id())
    body = {"id": entity_id, "unit_code": unit, **payload}
    return {
        "op_id": new_id(),
        "entity": entity,
        "entity_id": entity_id,
        "op": op_kind,
        "payload": body,
        "created_at": datetime.now(UTC).isoformat(),
    }


def push(c: httpx.Client, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    response = c.post("/v1/push", json={"ops": list(ops)})
    assert response.status_code == 200, response.text
    return list(response.json()["results"])


def test_health_openapi_and_protocol_version(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    hub = hub_factory(sqlite_hub_url)
    token = enroll_device(hub)
    with httpx.Client(base_url=hub.url, timeout=10) as raw:
        assert raw.get("/v1/health").json() == {"status": "ok", "protocol": 2, "return_spread_s": 0.03}  # one PC
        assert "/v1/push" in raw.get("/openapi.json").json()["paths"]
        wrong = raw.get("/v1/counts", headers={PROTOCOL_HEADER: "9", "Authorization": f"Bearer {token}"})
        assert wrong.status_code == 426 and wrong.json()["error"] == "protocol_version"
        missing = raw.get("/v1/counts", headers={"Authorization": f"Bearer {token}"})
        assert missing.status_code == 400 and missing.json()["error"] == "protocol_version"
        # PCs one version behind keep working while a city rolls the new version out
        behind = raw.get("/v1/counts", headers={PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"})
        assert behind.status_code == 200


def test_enrollment_is_one_time_and_expires(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    code = service.new_enrollment_code(hub.engine, "27460", 3)
    with client(hub) as c:
        first = c.post("/v1/enroll", json={"code": code.lower(), "device_name": "Quầy 3"})
        assert first.status_code == 200 and first.json()["unit_code"] == "27460" and first.json()["counter_no"] == 3
        assert len(first.json()["token"]) >= 43  # 32 random bytes
        again = c.post("/v1/enroll", json={"code": code})
        assert again.status_code == 403 and "Mã đăng ký" in again.json()["message"]
        late = service.new_enrollment_code(hub.engine, "27460", 4)
        with Session(hub.engine) as s:
            row = s.get(EnrollmentCode, service.digest(late))
            assert row is not None
            row.expires_at = datetime.now(UTC) - timedelta(minutes=1)
            s.add(row)
            s.commit()
        assert c.post("/v1/enroll", json={"code": late}).status_code == 403


def test_authentication_and_revocation(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    token = enroll_device(hub)
    with client(hub) as anon:
        assert anon.get("/v1/counts").status_code == 401
    with client(hub, "not-a-token") as bad:
        assert bad.get("/v1/counts").json()["error"] == "unauthenticated"
    with client(hub, token) as good:
        assert good.get("/v1/counts").status_code == 200
        deadline = time.monotonic() + 3 * seen.FLUSH_S  # written by the worker within a round (sync/hub/seen.py)
        while service.list_devices(hub.engine)[0].last_seen_at is None and time.monotonic() < deadline:
            time.sleep(0.1)
        (device,) = service.list_devices(hub.engine)
        assert device.last_seen_at is not None
        assert service.revoke(hub.engine, device.id)
        assert good.get("/v1/counts").status_code == 401


def test_push_is_idempotent_and_checked(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    with client(hub, enroll_device(hub)) as c:
        citizen = op(full_name="Nguyễn Văn A")
        dossier = op("dossier", status=2, code="27460-261124-1001")
        results = push(c, citizen, citizen, dossier)
        assert [r["status"] for r in results] == ["applied", "duplicate", "applied"]
        assert push(c, citizen)[0]["status"] == "duplicate"
        later = op("dossier", id=dossier["entity_id"], status=4, code="27460-261124-1001")
        back = op("dossier", id=dossier["entity_id"], status=2, code="27460-261124-1001")
        other = op(unit="26740", full_name="Khác")
        unknown = op("spaceship")
        got = {r["op_id"]: r for r in push(c, later, back, other, unknown)}
        assert got[later["op_id"]]["status"] == "applied"
        assert got[back["op_id"]]["status"] == "rejected" and "4 → 2" in got[back["op_id"]]["reason"]
        assert "đơn vị khác" in got[other["op_id"]]["reason"] and got[unknown["op_id"]]["status"] == "rejected"
        assert c.get("/v1/counts").json()["counts"] == {"citizen": 1, "dossier": 1}
    with Session(hub.engine) as s:
        assert len(s.exec(select(ChangeRow)).all()) == 3


def test_pull_pages_with_a_cursor_and_wards_are_isolated(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    a1, a2, b = enroll_device(hub, "27460", 1), enroll_device(hub, "27460", 2), enroll_device(hub, "26740", 1)
    with client(hub, a1) as c1, client(hub, a2) as c2, client(hub, b) as cb:
        mine = [op(full_name=f"Người {i}") for i in range(5)]
        push(c1, *mine)
        push(cb, op(unit="26740", full_name="Ở phường khác"))
        seen, cursor, pages = [], 0, 0
        while True:
            page = c2.get("/v1/pull", params={"since": cursor, "limit": 2}).json()
            seen += [ch["op_id"] for ch in page["changes"]]
            cursor, pages = page["next_cursor"], pages + 1
            if not page["has_more"]:
                break
        assert seen == [m["op_id"] for m in mine] and pages == 3
        assert c2.get("/v1/pull", params={"since": cursor}).json()["changes"] == []
        other = cb.get("/v1/pull").json()["changes"]
        assert [ch["payload"]["full_name"] for ch in other] == ["Ở phường khác"]
        assert cb.get("/v1/counts").json() == {"unit_code": "26740", "counts": {"citizen": 1}}


def test_delete_scrubs_personal_data_from_the_log(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    with client(hub, enroll_device(hub)) as c:
        person = op(full_name="Trần Thị Bí Mật", id_number="079301004567")
        push(c, person, op(id=person["entity_id"], full_name="Trần Thị Bí Mật", phone="0903123456"))
        push(c, op(id=person["entity_id"], op_kind="delete"))
        changes = c.get("/v1/pull").json()["changes"]
        text = json.dumps(changes, ensure_ascii=False)
        assert "Bí Mật" not in text and "079301004567" not in text and "0903123456" not in text
        assert [ch["op"] for ch in changes] == ["upsert", "upsert", "delete"]
        assert c.get("/v1/counts").json()["counts"] == {}


def test_bad_requests_get_clear_json_errors(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    hub = hub_factory(sqlite_hub_url)
    with client(hub, enroll_device(hub)) as c:
        broken = c.post("/v1/push", content=b"{not json", headers={"Content-Type": "application/json"})
        assert broken.status_code == 422 and broken.json()["error"] == "invalid_request"
        missing = c.post("/v1/push", json={"ops": [{"op_id": "x"}]})
        assert missing.status_code == 422 and "ops" in missing.json()["message"]
        huge = c.post("/v1/push", content=b"x" * (9 * 1024 * 1024), headers={"Content-Type": "application/json"})
        assert huge.status_code == 413 and huge.json()["error"] == "too_large"
        assert c.get("/v1/pull", params={"since": -1}).status_code == 422
        assert c.get("/nowhere").json()["error"] == "http_error"


def test_logs_hold_no_personal_data(
    hub_factory: HubFactory, sqlite_hub_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    hub = hub_factory(sqlite_hub_url)
    caplog.set_level(logging.INFO, logger="ward_hub")
    with client(hub, enroll_device(hub)) as c:
        push(c, op(full_name="Lê Văn Riêng Tư", id_number="079090001234", phone="0912345678"))
        c.get("/v1/pull")
        c.post("/v1/push", json={"ops": [{"op_id": "x", "payload": {"full_name": "Lê Văn Riêng Tư"}}]})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert '"path": "/v1/push"' in logged
    for secret in ("Riêng Tư", "079090001234", "0912345678"):
        assert secret not in logged


def test_cli_enroll_devices_revoke_status(sqlite_hub_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--database-url", sqlite_hub_url]
    assert cli.main([*base, "enroll", "--unit", "27460", "--counter", "2"]) == 0
    code = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    assert cli.main([*base, "enroll", "--unit", "99999", "--counter", "2"]) == 2
    assert "Không có đơn vị" in capsys.readouterr().err
    engine = RunningHub(sqlite_hub_url).engine
    device, _token = service.enroll(engine, code, "Quầy 2")
    assert cli.main([*base, "devices"]) == 0
    assert device.id in capsys.readouterr().out
    assert cli.main([*base, "revoke", device.id]) == 0 and cli.main([*base, "revoke", "nope"]) == 1
    capsys.readouterr()
    assert cli.main([*base, "status"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["devices"][0]["revoked"] is True
    assert cli.main([*base, "peer-token"]) == 0 and len(capsys.readouterr().out.strip()) >= 43
    engine.dispose()


def test_status_page_needs_a_peer_token(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    hub = hub_factory(sqlite_hub_url)
    with client(hub, enroll_device(hub)) as c:
        push(c, op(full_name="Ai Đó"))
        assert c.get("/status").status_code == 403
    with client(hub, service.new_peer_token(hub.engine, "dự phòng")) as peer:
        page = peer.get("/status")
        assert page.status_code == 200 and "27460" in page.text and "Ai Đó" not in page.text
