"""The devices a hub worker has authenticated, kept so that most requests need no database read for their
token (every request authenticates; a PC makes some 30 requests a minute in a busy hour).

Revocation still takes effect at once: `service.revoke` sends NOTIFY ward_device (the device's id) in its
transaction, and every worker's LISTEN link (sync/hub/live.py) forgets that device as the notification
arrives. So a worker trusts what it keeps only while its LISTEN link is up: while it is down, and when it
comes back (a notification may have been missed meanwhile), it forgets everything and reads tokens from the
database again. A link can also fail without a word (a dead TCP connection to another machine): each entry
is kept at most `WARD_HUB_TOKEN_CACHE_S` seconds (30 by default), the longest a revoked token can ever be
served. SQLite hubs (a ward hub; `counter-hub revoke` runs in another process and tells nobody) keep nothing.

Only accepted tokens are kept, never a refusal, and a read that began before a revocation was heard is not
kept (it may have seen the device before the revocation committed).
"""

from __future__ import annotations

import os
import threading
import time

from sqlalchemy.engine import Engine

from sync.hub.store import Device, per_engine

TTL_ENV = "WARD_HUB_TOKEN_CACHE_S"
DEFAULT_TTL_S = 30.0
MAX_KEPT = 100_000  # about 100 times the city's PCs: a bound, not a size anyone should reach


class TokenCache:
    """Token digest -> device, for one hub database in one worker process."""

    def __init__(self, ttl_s: float = DEFAULT_TTL_S) -> None:
        self.ttl_s = ttl_s
        self._entries: dict[str, tuple[Device, float]] = {}  # digest -> (device, kept until, monotonic)
        self._digests: dict[str, str] = {}  # device id -> digest
        self._generation = 0  # moves on every forgetting: a read that began before it is not kept
        self._live = False
        self._lock = threading.Lock()

    def get(self, digest: str) -> Device | None:
        """The device of a token this worker accepted lately, while revocations reach it; else None."""
        entry = self._entries.get(digest)
        if entry is None or not self._live or entry[1] < time.monotonic():
            return None
        return entry[0]

    @property
    def generation(self) -> int:
        """Read before reading a device from the database; `keep` it with this value."""
        return self._generation

    def keep(self, digest: str, device: Device, generation: int) -> None:
        with self._lock:
            if not self._live or generation != self._generation:
                return
            if len(self._entries) >= MAX_KEPT:
                self._entries.clear()
                self._digests.clear()
            self._entries[digest] = (device, time.monotonic() + self.ttl_s)
            self._digests[device.id] = digest

    def forget(self, device_id: str) -> None:
        """The device was revoked (its NOTIFY, or a revocation in this process)."""
        with self._lock:
            self._generation += 1
            digest = self._digests.pop(device_id, None)
            if digest is not None:
                self._entries.pop(digest, None)

    def listening(self, live: bool) -> None:
        """The worker's LISTEN link came up (True) or went down (False): either way, what was kept is
        forgotten (a revocation may have gone unheard), and it is kept again only while the link is up."""
        with self._lock:
            self._generation += 1
            self._entries.clear()
            self._digests.clear()
            self._live = live


def tokens_for(engine: Engine) -> TokenCache:
    """One cache per hub database, shared by the requests and the LISTEN link of a worker."""
    return per_engine(engine, "tokens", lambda: TokenCache(float(os.environ.get(TTL_ENV, DEFAULT_TTL_S))))
