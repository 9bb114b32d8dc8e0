"""Who calls a waiting ticket, decided once, at the hub (NovoSGA's conditional move, lifted to the ward).

A counter about to call sends the tickets it would call, in its fair order, each with the version it saw
(the ticket's `updated_at` while waiting). The hub grants the first one nobody holds at that version and
whose copy here, if any, is still waiting at that version; the counter calls it. One round trip per call,
however many counters press F2 at once: a counter that lost a ticket a moment ago simply gets the next one.
A claim is idempotent by its op id, so a retried request gets the same ticket. A ticket sent back to waiting
(a transfer) has a new version and can be claimed again. A claim whose call never arrived (the counter lost
the network right after) stops blocking the ticket after CLAIM_TTL; the counter that holds it gets it again at
once when it asks again (its answer was lost on the way: the ticket must not wait for the TTL).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from sync.hub.service import _aware, now
from sync.hub.store import ClaimRow, Device, RecordRow, write_session
from sync.protocol import ClaimRequest, ClaimResponse, ClaimTicket

CLAIM_TTL = timedelta(minutes=2)
WAITING = "waiting"


def version_of(moment: object) -> str:
    """A ticket version as one text whatever the writer's format (a PC reads SQLite's naive UTC back)."""
    if not moment:
        return ""
    try:
        parsed = datetime.fromisoformat(str(moment).replace("Z", "+00:00"))
    except ValueError:  # a stored payload that is not a moment (pushed by something other than a PC)
        return str(moment)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def claim(engine: Engine, device: Device, request: ClaimRequest) -> ClaimResponse:
    unit = device.unit_code
    with write_session(engine, [unit]) as s:  # the ward's lock: two counters' claims are decided in turn
        earlier = s.exec(select(ClaimRow).where(ClaimRow.unit_code == unit, ClaimRow.op_id == request.op_id)).first()
        if earlier is not None:
            return ClaimResponse(ticket_id=earlier.ticket_id)  # a retry: the same answer
        taken: list[str] = []
        for wanted in request.tickets:
            if _free(s, unit, wanted, device.id):
                s.add(
                    ClaimRow(
                        unit_code=unit,
                        ticket_id=wanted.ticket_id,
                        version=version_of(wanted.version),
                        op_id=request.op_id,
                        counter_no=request.counter_no,
                        device_id=device.id,
                        claimed_at=now(),
                    )
                )
                return ClaimResponse(ticket_id=wanted.ticket_id, taken=taken)
            taken.append(wanted.ticket_id)
    return ClaimResponse(ticket_id=None, taken=taken)


def _free(s: Session, unit: str, wanted: ClaimTicket, device_id: str) -> bool:
    """Nobody else holds this version of the ticket, and the hub's copy (if any) still waits at that version.
    A stale claim (its call never came), or one this device holds already, is cleared on the way."""
    version = version_of(wanted.version)
    record = s.get(RecordRow, (unit, "ticket", wanted.ticket_id))
    if record is not None:
        ticket = json.loads(record.payload)
        if ticket.get("status") != WAITING or version_of(ticket.get("updated_at")) != version:
            return False
    held = s.get(ClaimRow, (unit, wanted.ticket_id, version))
    if held is None:
        return True
    if held.device_id != device_id and _aware(held.claimed_at) + CLAIM_TTL > now():
        return False
    s.delete(held)
    s.flush()
    return True
