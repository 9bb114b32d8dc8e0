from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from counter_app import assisted, queue
from counter_app.db import session_scope
from counter_app.errors import ValidationError
from tests.factories import ADMIN, OTHER_WARD, VOLUNTEER


def test_volunteer_records_outcomes_and_hands_over_with_a_ticket(engine: Engine) -> None:
    with session_scope(engine) as s:
        queue.ensure_group(s, ADMIN, "A", "Hộ tịch", "A")
        online = assisted.record_assisted_filing(s, VOLUNTEER, "1.001193", "filed_online", portal_code="G22.99-250701")
        handed = assisted.record_assisted_filing(s, VOLUNTEER, "2.000884", "handed_to_counter", ticket_group="A")
        assisted.record_assisted_filing(s, VOLUNTEER, "1.004873", "needs_papers", missing_papers="Bản án ly hôn")
    assert online.ticket is None and handed.ticket is not None and handed.ticket.label == "A001"
    assert handed.filing.ticket_id == handed.ticket.id
    with session_scope(engine) as s:
        today = assisted.todays_filings(s, VOLUNTEER)
        assert [f.outcome for f in today] == ["needs_papers", "handed_to_counter", "filed_online"]
        assert queue.waiting_list(s, VOLUNTEER)[0].id == handed.ticket.id
        assert assisted.todays_filings(s, OTHER_WARD) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"outcome": "filed_online"}, "mã hồ sơ"),
        ({"outcome": "needs_papers"}, "giấy tờ"),
        ({"outcome": "handed_to_counter"}, "nhóm dịch vụ"),
        ({"outcome": "lost"}, "không hợp lệ"),
    ],
)
def test_each_outcome_needs_its_details(engine: Engine, kwargs: dict[str, str], message: str) -> None:
    with session_scope(engine) as s, pytest.raises(ValidationError, match=message):
        assisted.record_assisted_filing(s, VOLUNTEER, "1.001193", **kwargs)
