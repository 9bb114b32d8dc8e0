"""Logging for the app: a rotating file whose every line is scrubbed of ID numbers and phones.

Services never put personal data in messages, but an exception from a library may quote a
value it choked on; the filter masks 9/12-digit ID numbers and Vietnamese phone numbers in the
message, its arguments and any traceback before anything reaches the file.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

# 12-digit CCCD, 9-digit CMND, and mobile numbers in 0xxxxxxxxx / +84 / 84 forms.
_PATTERNS = (
    re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){9}(?!\d)"),
    re.compile(r"(?<!\d)\d{12}(?!\d)"),
    re.compile(r"(?<!\d)\d{9}(?!\d)"),
)
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(0)[:3] + "***", text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Attach the scrubbed rotating file handler to the root logger; returns the file."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "app.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(RedactingFormatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return path
