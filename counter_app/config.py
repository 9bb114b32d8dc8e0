"""Where the app keeps its files, and the device's non-secret settings.

Paths come from platformdirs so the app behaves on Windows ward PCs and on Linux alike.
`WARD_COUNTER_HOME` overrides the data folder (tests, portable installs).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "WardCounter"
APP_AUTHOR = "WardCounter"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = PROJECT_ROOT / "resources"


def resources_dir() -> Path:
    """The shipped data folder; PyInstaller puts it beside the executable."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) / "resources" if frozen else RESOURCES


@dataclass(frozen=True)
class Paths:
    data: Path

    @property
    def database(self) -> Path:
        return self.data / "counter.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def logs(self) -> Path:
        return self.data / "logs"

    @property
    def secrets(self) -> Path:
        return self.data / "secrets"

    def ensure(self) -> Paths:
        """Create the folders owner-only: they hold the ward's citizens' data (a default umask
        would make them world-readable on Linux). An existing data folder is tightened too."""
        for folder in (self.data, self.backups, self.logs):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if sys.platform != "win32" and self.data.stat().st_mode & 0o077:
            self.data.chmod(0o700)
        return self


def default_paths() -> Paths:
    override = os.environ.get("WARD_COUNTER_HOME")
    if override:
        return Paths(Path(override))
    return Paths(user_data_path(APP_NAME, APP_AUTHOR))


def default_log_dir() -> Path:
    override = os.environ.get("WARD_COUNTER_HOME")
    return Path(override) / "logs" if override else user_log_path(APP_NAME, APP_AUTHOR)
