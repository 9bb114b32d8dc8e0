"""The device's settings, kept in the local database (never secrets: see `secrets`).

One JSON document under the key "device", read and written whole, so adding a field needs
no migration: unknown keys are ignored and missing ones take their defaults.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from sqlmodel import Session

KEY = "device"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def check_hub_url(url: str) -> str:
    """A hub address the device token may travel to: HTTPS, or plain HTTP only to this very PC
    (a hub under test, or behind a local TLS proxy). Returns the address without a trailing /."""
    try:
        parts = urlsplit(url.strip())
        host, _port = parts.hostname, parts.port  # both raise ValueError on a malformed address
    except ValueError:
        host = None
    if host is None or parts.scheme not in ("http", "https"):
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Địa chỉ máy chủ không hợp lệ: hãy nhập dạng https://tên-máy-chủ."), "hub"
        )
    if parts.scheme == "http" and host not in LOCAL_HOSTS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "core",
                "Máy chủ phải dùng https:// — với http:// mã thiết bị và dữ liệu công dân đi trên mạng "
                "không được mã hóa. Chỉ máy chủ chạy ngay trên máy này (localhost) mới được dùng http://.",
            ),
            "hub",
        )
    return url.strip().rstrip("/")


@dataclass
class DeviceSettings:
    unit_code: str = ""
    counter_no: int = 1
    counter_name: str = ""
    service_groups: list[str] = field(default_factory=list)
    primary_hub: str = ""
    backup_hub: str = ""
    idle_signout_minutes: int = 10
    language: str = "vi"
    kiosk_mode: bool = False
    board_mode: bool = False  # a PC that drives the TV board: it opens the board, no sign-in (no personal data)
    slip_printer: str = ""  # receipt printer for ticket slips; "" = none (the slip is kept as PDF)
    form_printer: str = ""  # A4 printer for the one-stop forms; "" = the system's default
    board_screen: str = ""  # screen name for the TV board; "" = the last screen
    voice_calls: bool = True  # the board says each call aloud after the chime
    voice_volume: int = 80  # percent
    # Fees and retention periods are the ward's, not one PC's: see `fees` and `retention` (schema step 8
    # moved the values once kept here into their synced tables).

    @property
    def configured(self) -> bool:
        return bool(self.unit_code)

    @property
    def hubs(self) -> list[str]:
        return [url for url in (self.primary_hub, self.backup_hub) if url]


def _parse(value: str | None) -> DeviceSettings:
    if value is None:
        return DeviceSettings()
    data: dict[str, Any] = json.loads(value)
    known = {f.name for f in fields(DeviceSettings)}
    return DeviceSettings(**{k: v for k, v in data.items() if k in known})


def load(session: Session) -> DeviceSettings:
    from counter_app.models import Setting

    row = session.get(Setting, KEY)
    return _parse(None if row is None else row.value)


def read(database: Path) -> DeviceSettings:
    """The same settings read with `sqlite3` alone, from a migrated database: what the sign-in window needs
    at start, before SQLAlchemy has loaded (ui.app)."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (KEY,)).fetchone()
    return _parse(None if row is None else row[0])


def save(session: Session, settings: DeviceSettings) -> None:
    from counter_app.models import Setting

    for url in settings.hubs:
        check_hub_url(url)
    value = json.dumps(asdict(settings), ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, KEY)
    if row is None:
        session.add(Setting(key=KEY, value=value))
    else:
        row.value = value
        session.add(row)
