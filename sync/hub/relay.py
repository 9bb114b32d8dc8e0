"""Backup hub -> primary hub: hand every operation received here to the primary, in order.

Same protocol as a device, with a peer token made on the primary. An operation counts as
relayed only once the primary acknowledged it (applied, duplicate, or rejected with a reason
kept in `relay_note`); the primary's op_id check makes a repeat harmless, so it ends up with
every operation exactly once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random

import httpx
from sqlalchemy.engine import Engine

from sync.hub import service
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Operation, PushRequest, PushResponse

log = logging.getLogger("ward_hub.relay")


async def relay_once(engine: Engine, client: httpx.AsyncClient, upstream: str, token: str, batch: int = 200) -> int:
    """Relay one batch; returns how many operations the upstream acknowledged."""
    rows = await asyncio.to_thread(service.unrelayed, engine, batch)
    if not rows:
        return 0
    ops = [
        Operation.model_validate(
            {
                "op_id": r.op_id,
                "entity": r.entity,
                "entity_id": r.entity_id,
                "op": r.op,
                "payload": json.loads(r.payload),
                "created_at": r.received_at,
                "origin_device": r.origin_device,
            }
        )
        for r in rows
    ]
    response = await client.post(
        f"{upstream.rstrip('/')}/v1/push",
        content=PushRequest(ops=ops).model_dump_json(),
        headers={
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
        },
    )
    response.raise_for_status()
    results = {r.op_id: r for r in PushResponse.model_validate_json(response.content).results}
    await asyncio.to_thread(service.mark_relayed, engine, results)
    return len(results)


async def relay_forever(
    engine: Engine, upstream: str, token: str, idle_s: float = 2.0, max_backoff_s: float = 60.0
) -> None:
    delay = idle_s
    async with httpx.AsyncClient(timeout=15) as client:
        while True:
            try:
                sent = await relay_once(engine, client, upstream, token)
                delay = idle_s
                if sent:
                    log.info(json.dumps({"relayed": sent}))
                    continue
            except (httpx.HTTPError, ValueError) as exc:
                delay = min(max_backoff_s, delay * 2)
                log.warning(json.dumps({"relay_error": type(exc).__name__, "retry_s": round(delay, 1)}))
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))
