"""The deployment file IT staff put beside the app (or in its data folder): where the ward's hubs are, so a new PC
joining the ward needs only its enrollment code typed. JSON, all keys optional:

    {"ward_hub": "https://192.168.1.10:8765", "ward_hub_fingerprint": "AB:CD:…", "city_hub": "https://hub.city…"}

Looked for at $WARD_COUNTER_DEPLOYMENT, then `deployment.json` in the data folder, then beside the program.
A file that cannot be read is reported, never silently half-used.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.settings import check_hub_url

FILE_NAME = "deployment.json"
MSG_BAD = QT_TRANSLATE_NOOP("core", "Tệp triển khai {path} không đọc được: {reason}")


@dataclass(frozen=True)
class Deployment:
    ward_hub: str = ""
    ward_hub_fingerprint: str = ""
    city_hub: str = ""
    source: Path | None = None


def candidates(data_folder: Path) -> list[Path]:
    found = [Path(p) for p in [os.environ.get("WARD_COUNTER_DEPLOYMENT")] if p]
    return [*found, data_folder / FILE_NAME, Path(sys.executable).resolve().parent / FILE_NAME]


def load(data_folder: Path) -> Deployment:
    """The first deployment file found, checked; an empty Deployment when there is none."""
    for path in candidates(data_folder):
        if path.is_file():
            return _read(path)
    return Deployment()


def _read(path: Path) -> Deployment:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(MSG_BAD, "deployment", path=str(path), reason=type(exc).__name__) from None
    if not isinstance(data, dict):
        raise ValidationError(MSG_BAD, "deployment", path=str(path), reason="not an object")
    values = {key: str(data.get(key, "")).strip() for key in ("ward_hub", "ward_hub_fingerprint", "city_hub")}
    for key in ("ward_hub", "city_hub"):
        if values[key]:
            check_hub_url(values[key])  # plain http to another machine is refused here too
    return Deployment(**values, source=path)
