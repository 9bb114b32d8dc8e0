"""What every window needs: the database, the device settings, who is signed in, and news signals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from counter_app.access import Actor
from counter_app.config import Paths
from counter_app.settings import DeviceSettings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


class Bus(QObject):
    data_changed = Signal(str)  # entity name
    sync_status = Signal(object)  # sync.client.engine.SyncStatus


@dataclass
class AppContext:
    engine: Engine
    paths: Paths
    settings: DeviceSettings
    actor: Actor | None = None
    bus: Bus = field(default_factory=Bus)
    sync_engine: Any = None  # sync.client.engine.SyncEngine when this PC syncs
