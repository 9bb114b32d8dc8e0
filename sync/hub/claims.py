"""Who calls a waiting ticket, decided once, at the hub (NovoSGA's conditional move, lifted to the ward).

A counter about to call a ticket claims it with the version it saw (the ticket's `updated_at` while waiting).
The claim is granted when nobody holds that version and the hub's copy of the ticket, if it has one, is still
waiting at that version; otherwise it is taken, and the counter tries its next ticket. A claim is idempotent
by its op id, so a retried request gets the same answer. A ticket sent back to waiting (a transfer) has a new
version and can be claimed again. A claim whose call never arrived (the counter lost the network right after)
stops blocking the ticket after CLAIM_TTL.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import select

from sync.hub.service import HubError, _aware, now
from sync.hub.store import ClaimRow, Device, RecordRow, write_session
from sync.protocol import ClaimRequest, ClaimResponse

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
    unit, version = device.unit_code, version_of(request.version)
    with write_session(engine) as s:
        held = s.get(ClaimRow, (unit, request.ticket_id, version))
        if held is not None and held.op_id == request.op_id:
            return ClaimResponse(verdict="granted")
        record = s.get(RecordRow, (unit, "ticket", request.ticket_id))
        if record is not None:
            ticket = json.loads(record.payload)
            if ticket.get("status") != WAITING or version_of(ticket.get("updated_at")) != version:
                holder = ticket.get("counter_no")
                return ClaimResponse(verdict="taken", holder_counter=holder if type(holder) is int else None)
        if held is not None and _aware(held.claimed_at) + CLAIM_TTL > now():
            return ClaimResponse(verdict="taken", holder_counter=held.counter_no)
        reused = s.exec(select(ClaimRow).where(ClaimRow.unit_code == unit, ClaimRow.op_id == request.op_id)).first()
        if reused is not None and reused is not held:  # one op id, one claim: never silently another ticket
            raise HubError(409, "op_id_reused", "Mã thao tác này đã dùng cho một lần gọi số khác.")
        if held is not None:
            s.delete(held)
            s.flush()
        s.add(
            ClaimRow(
                unit_code=unit,
                ticket_id=request.ticket_id,
                version=version,
                op_id=request.op_id,
                counter_no=request.counter_no,
                device_id=device.id,
                claimed_at=now(),
            )
        )
    return ClaimResponse(verdict="granted")
