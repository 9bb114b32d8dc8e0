"""This hub -> its upstream: a backup hub feeding the primary, or a ward hub feeding the city hub.

Up: every operation received here goes to the upstream, in order, with the same protocol as a device. An
operation counts as relayed only once the upstream acknowledged it (applied, duplicate, or rejected with a
reason kept in `relay_note`); the upstream knows operations by (ward, op id), so a repeat, or an operation
that also reached it directly from a PC that had failed over, counts once.

Down (a ward hub, whose token the city hub made with `ward-hub-token`): what the city hub holds for the ward
and this hub lacks (operations PCs pushed there while this hub was down; tables the city publishes) is pulled
and applied here, marked as already relayed so it never goes back up. The city hub is long-polled, so this
arrives within a second. A backup hub's peer token may not pull (403): it only relays up.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random

import httpx
from sqlalchemy.engine import Engine

from sync.hub import service
from sync.hub.live import feed_for
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Operation, PullResponse, PushRequest, PushResponse

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


def _upstream_headers(token: str) -> dict[str, str]:
    return {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}


async def pull_down_once(engine: Engine, client: httpx.AsyncClient, upstream: str, token: str, page: int = 500) -> int:
    """Apply one page of the upstream's changes for this ward; returns how many came."""
    key = f"upstream_cursor:{upstream.rstrip('/')}"
    since = int(await asyncio.to_thread(service.get_state, engine, key) or 0)
    response = await client.get(
        f"{upstream.rstrip('/')}/v1/pull", params={"since": since, "limit": page}, headers=_upstream_headers(token)
    )
    response.raise_for_status()
    answer = PullResponse.model_validate_json(response.content)
    await asyncio.to_thread(service.apply_from_upstream, engine, answer.changes, key, answer.next_cursor)
    for unit in {str(c.payload.get("unit_code")) for c in answer.changes}:
        feed_for(engine).publish(unit)
    return len(answer.changes)


async def pull_down_forever(engine: Engine, upstream: str, token: str, wait_s: float = 25.0) -> None:
    """Keep this ward hub current with the city hub: long-poll it, pull when it has news."""
    delay = 1.0
    async with httpx.AsyncClient(timeout=httpx.Timeout(wait_s + 10, connect=5)) as client:
        while True:
            try:
                while await pull_down_once(engine, client, upstream, token):
                    pass
                key = f"upstream_cursor:{upstream.rstrip('/')}"
                since = int(await asyncio.to_thread(service.get_state, engine, key) or 0)
                await client.get(
                    f"{upstream.rstrip('/')}/v1/wait",
                    params={"since": since, "timeout": wait_s},
                    headers=_upstream_headers(token),
                )
                delay = 1.0
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code == 403:
                    log.info(json.dumps({"pull_down": "not allowed by this token (a backup hub relays up only)"}))
                    return
                delay = min(60.0, delay * 2)
                await asyncio.sleep(delay * random.uniform(0.5, 1.0))
            except (httpx.HTTPError, ValueError) as exc:
                delay = min(60.0, delay * 2)
                log.warning(json.dumps({"pull_down_error": type(exc).__name__, "retry_s": round(delay, 1)}))
                await asyncio.sleep(delay * random.uniform(0.5, 1.0))


async def relay_and_pull(engine: Engine, upstream: str, token: str, idle_s: float = 2.0) -> None:
    """What `counter-hub serve --upstream` runs: relay up and, where the token allows, pull down."""
    await asyncio.gather(relay_forever(engine, upstream, token, idle_s), pull_down_forever(engine, upstream, token))


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
