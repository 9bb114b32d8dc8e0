"""The process the kill test kills: real counter work on a real database, syncing to a real hub.

It prints one JSON line per operation of each committed transaction (`{"op": [...]}`) only after
the commit returned: those are the writes it reported saved. A line is far below PIPE_BUF, so
a kill never leaves half a line. Started by `reliability.kill`; not for people.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import sys
from pathlib import Path

from counter_app.db import open_database
from reliability.workload import Counter, Ledger
from sync.client.engine import SyncEngine
from sync.client.transport import HubRefused, HubUnavailable


def _say(line: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def main() -> int:
    path, hub_url, token, seed = Path(sys.argv[1]), sys.argv[2], os.environ["WARD_KILL_TOKEN"], int(sys.argv[3])
    ledger = Ledger()
    engine = open_database(path)  # a kill may land here too: during the integrity check or a migration
    counter = Counter(engine, random.Random(seed))
    sync = SyncEngine(engine, [hub_url], lambda _url: token, "27460", timeout_s=5.0, batch_size=25)
    _say({"ready": True})
    rng = random.Random(seed + 1)
    while True:
        if rng.random() < 0.15:
            with contextlib.suppress(HubUnavailable, HubRefused):
                asyncio.run(sync.sync_once())
        else:
            counter.step()
        for op in ledger.take():
            _say({"op": [op.op_id, op.entity, op.entity_id]})


if __name__ == "__main__":
    sys.exit(main())
