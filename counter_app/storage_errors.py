"""SQLite's storage failures turned into messages a counter officer can act on.

SQLite reports a full disk (or a database at its page limit) as SQLITE_FULL, a file or folder it
may not write as SQLITE_READONLY / SQLITE_CANTOPEN / SQLITE_PERM, a failing disk as SQLITE_IOERR.
The transaction is rolled back by then, so nothing is half written; the same action works again
once space or permission returns.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from counter_app.errors import ReadOnlyStorageError, StorageError, StorageFullError
from counter_app.i18n import QT_TRANSLATE_NOOP

SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 3, 8, 10, 13, 14

MSG_FULL = QT_TRANSLATE_NOOP(
    "core",
    "Ổ đĩa đã đầy nên chưa lưu được; không có gì bị lưu dở. "
    "Hãy giải phóng dung lượng (hoặc gọi bộ phận CNTT) rồi thực hiện lại.",
)
MSG_READONLY = QT_TRANSLATE_NOOP(
    "core",
    "Không có quyền ghi vào tệp hoặc thư mục dữ liệu nên chưa lưu được; không có gì bị lưu dở. "
    "Hãy nhờ bộ phận CNTT cấp lại quyền ghi rồi thực hiện lại.",
)
MSG_IO = QT_TRANSLATE_NOOP(
    "core",
    "Ổ đĩa báo lỗi đọc/ghi nên chưa lưu được; không có gì bị lưu dở. Hãy thử lại; nếu lặp lại, gọi bộ phận CNTT.",
)


def translate(exc: BaseException) -> StorageError | None:
    """The officer's version of a storage failure, or None when `exc` is something else."""
    orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's error
    if not isinstance(orig, sqlite3.Error):
        return None
    code = (getattr(orig, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == SQLITE_FULL:
        return StorageFullError(MSG_FULL)
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM):
        return ReadOnlyStorageError(MSG_READONLY)
    if code == SQLITE_IOERR:
        return StorageFullError(MSG_FULL) if _disk_full(orig) else StorageError(MSG_IO)
    return None


def _disk_full(error: sqlite3.Error) -> bool:
    return "full" in str(error).lower()


def check_writable(path: Path) -> None:
    """The database and its folder must be writable (SQLite writes its journal beside the file)."""
    targets = [path.parent] + ([path] if path.exists() else [])
    if not all(os.access(target, os.W_OK) for target in targets):
        raise ReadOnlyStorageError(MSG_READONLY)
