"""Password hashes (Argon2id), and checking one ahead of the sign-in transaction.

At start the sign-in window shows before SQLAlchemy and the models have loaded (ui.warm_start). Argon2 takes
a few hundred milliseconds and runs without Python's lock, so a sign-in pressed at once checks the password
here, reading the account's hash with plain `sqlite3`, while the rest of the app still loads; the sign-in
transaction (`staff.attempt_sign_in`) then uses that answer when the account still has the same hash, and
decides everything else (unknown, disabled or locked accounts, failure counts, the audit entry) as always.
This module imports neither SQLAlchemy nor the models.
"""

from __future__ import annotations

import hmac
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters


def verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class PasswordCheck:
    """The answer of Argon2 for one password against one stored hash."""

    password_hash: str
    password: str = field(repr=False)
    ok: bool

    def answers(self, password_hash: str, password: str) -> bool:
        """True when this check was made for exactly this hash and this password."""
        same_password = hmac.compare_digest(self.password.encode(), password.encode())
        return same_password and hmac.compare_digest(self.password_hash.encode(), password_hash.encode())


def check_ahead(database: Path, username: str, password: str) -> PasswordCheck | None:
    """Check `password` against the stored hash of an active, unlocked account; None when there is nothing to
    check ahead (no such account, disabled or locked: the transaction refuses those without Argon2)."""
    try:
        with closing(sqlite3.connect(database, timeout=10)) as conn:  # reads only
            row = conn.execute(
                "SELECT password_hash FROM staff WHERE username = ? AND active AND locked_until IS NULL",
                (username.strip().lower(),),
            ).fetchone()
    except sqlite3.Error:  # the transaction reads it again and says what is wrong
        return None
    if row is None:
        return None
    return PasswordCheck(row[0], password, verify(row[0], password))
