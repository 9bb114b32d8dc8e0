"""A ward hub on the LAN serves HTTPS with its own certificate; a PC pins its fingerprint when it enrolls."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.errors import ValidationError
from counter_app.secrets import load_secret
from sync.client import pinning
from sync.client.enroll import device_token, enroll
from sync.client.transport import HubUnavailable
from sync.hub import service
from sync.hub.tls import ensure_certificate, fingerprint
from tests.sync.helpers import add_citizens, counter_db, engine_for, hub_op_ids, run
from tests.sync.hubserver import RunningHub


def _tls_hub(tmp_path: Path, name: str, port: int | None = None) -> tuple[RunningHub, str]:
    cert, key = ensure_certificate(tmp_path / name, ["127.0.0.1"])
    hub = RunningHub(f"sqlite:///{tmp_path / f'{name}.sqlite3'}", tls=(cert, key), port=port).start()
    return hub, fingerprint(cert.read_bytes())


def test_enroll_pins_the_certificate_and_syncs_over_https(tmp_path: Path) -> None:
    hub, print_ = _tls_hub(tmp_path, "ward")
    try:
        code = service.new_enrollment_code(hub.engine, "27460", 1)
        typed = print_.replace(":", " ").lower()  # as read out over the phone: spaces, lower case
        answer = run(enroll(hub.url, code, "Quầy 1", fingerprint=typed))
        assert answer.counter_no == 1 and device_token(hub.url)
        assert "BEGIN CERTIFICATE" in (load_secret(pinning.pin_name(hub.url)) or "")
        db = counter_db(tmp_path, "pc")
        add_citizens(db, 3)
        report = run(engine_for(db, {hub.url: device_token(hub.url) or ""}).sync_once())
        assert report.pushed == 3 and len(hub_op_ids(hub.engine)) == 3
    finally:
        hub.close()


def test_a_wrong_fingerprint_is_refused_and_no_token_is_asked_for(tmp_path: Path) -> None:
    hub, _print = _tls_hub(tmp_path, "ward")
    try:
        code = service.new_enrollment_code(hub.engine, "27460", 1)
        with pytest.raises(ValidationError) as refused:
            run(enroll(hub.url, code, "Quầy 1", fingerprint="AB:" * 31 + "AB"))
        assert "không khớp" in str(refused.value)
        assert device_token(hub.url) is None
        assert service.enroll(hub.engine, code, "x")  # the code was never used
    finally:
        hub.close()


def test_a_look_alike_hub_at_the_pinned_address_gets_nothing(tmp_path: Path) -> None:
    hub, print_ = _tls_hub(tmp_path, "ward")
    port = hub.port
    code = service.new_enrollment_code(hub.engine, "27460", 1)
    run(enroll(hub.url, code, "Quầy 1", fingerprint=print_))
    token = device_token(hub.url) or ""
    hub.close()
    impostor, _other = _tls_hub(tmp_path, "impostor", port=port)  # same address, another certificate
    try:
        db = counter_db(tmp_path, "pc")
        add_citizens(db, 2)
        with pytest.raises(HubUnavailable):
            run(engine_for(db, {impostor.url: token}).sync_once())
        assert hub_op_ids(impostor.engine) == []  # the TLS handshake failed: no request, no token sent
    finally:
        impostor.close()


def test_hub_command_serves_https_and_prints_the_fingerprint(tmp_path: Path) -> None:
    home = tmp_path / "hubhome"
    env = {"WARD_HUB_HOME": str(home), "PATH": "/usr/bin:/bin"}
    made = ensure_certificate(home / "tls")
    out = subprocess.run(
        [sys.executable, "-m", "sync.hub.cli", "fingerprint"], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0 and out.stdout.strip() == fingerprint(made[0].read_bytes())
    code = subprocess.run(
        [sys.executable, "-m", "sync.hub.cli", "enroll", "--unit", "27460", "--counter", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "Mã đăng ký" in code.stdout and fingerprint(made[0].read_bytes()) in code.stdout
