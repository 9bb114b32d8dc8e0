"""One search box over citizens and dossiers: name, ID number, phone or dossier code.

An FTS5 index (`search_fts`, rowids mapped to records by `search_doc`) holds folded text
(`text.fold`: no tone or vowel marks, đ -> d, lower case) so "nguyen van dung" finds
"Nguyễn Văn Dũng" and "dang" finds "Đặng"; the query is folded the same way and every word
is a prefix, so results come as the officer types. Among matches, exact-accent ones rank first,
then the newest records (FTS5 walks rowids newest first without scoring every match, which keeps
a common surname fast on a million dossiers).

The index follows the tables by itself: a session hook re-indexes every citizen or dossier a
flush touched, local saves and rows pulled from the hub alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import event
from sqlmodel import Session

from counter_app.access import Actor, Perm, require
from counter_app.dossier_states import DossierState
from counter_app.identity import mask_id, mask_phone
from counter_app.models import Citizen, Dossier
from counter_app.text import fold, nfc

Kind = Literal["citizen", "dossier"]
Run = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
CANDIDATES = 200

SCHEMA = (
    "CREATE TABLE search_doc (rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE search_fts USING fts5(folded, exact, tokenize = 'unicode61 remove_diacritics 0')",
)
_CITIZEN_SQL = "SELECT id, full_name, id_number, old_id_number, phone FROM citizen"
_DOSSIER_SQL = (
    "SELECT d.id, d.code, d.procedure_code, c.full_name, c.id_number, c.phone"
    " FROM dossier d JOIN citizen c ON c.id = d.citizen_id"
)


@dataclass(frozen=True)
class SearchHit:
    kind: Kind
    id: str
    title: str
    subtitle: str
    exact: bool


def _texts(*parts: str | None) -> tuple[str, str]:
    present = [p for p in parts if p]
    folded = " ".join(fold(p) for p in present)
    compact = " ".join(re.sub(r"\W", "", p) for p in present if re.search(r"\d", p))  # codes without dashes
    return f"{folded} {compact}".strip(), nfc(" ".join(present)).casefold()


def _put(run: Run, kind: Kind, ref_id: str, parts: Iterable[str | None]) -> None:
    folded, exact = _texts(*parts)
    _drop(run, ref_id)
    run("INSERT INTO search_doc (kind, ref_id) VALUES (?, ?)", (kind, ref_id))
    rowid = run("SELECT rowid FROM search_doc WHERE ref_id = ?", (ref_id,))[0][0]
    run("INSERT INTO search_fts (rowid, folded, exact) VALUES (?, ?, ?)", (rowid, folded, exact))


def _drop(run: Run, ref_id: str) -> None:
    found = run("SELECT rowid FROM search_doc WHERE ref_id = ?", (ref_id,))
    if found:
        run("DELETE FROM search_fts WHERE rowid = ?", (found[0][0],))
        run("DELETE FROM search_doc WHERE rowid = ?", (found[0][0],))


def index_citizen(run: Run, citizen_id: str) -> None:
    rows = run(_CITIZEN_SQL + " WHERE id = ?", (citizen_id,))
    if not rows:
        _drop(run, citizen_id)
        return
    _put(run, "citizen", citizen_id, rows[0][1:])
    for (dossier_id,) in run("SELECT id FROM dossier WHERE citizen_id = ?", (citizen_id,)):
        index_dossier(run, dossier_id)


def index_dossier(run: Run, dossier_id: str) -> None:
    rows = run(_DOSSIER_SQL + " WHERE d.id = ?", (dossier_id,))
    if rows:
        _put(run, "dossier", dossier_id, rows[0][1:])
    else:
        _drop(run, dossier_id)


def rebuild(run: Run) -> int:
    """Index every citizen and dossier from scratch; returns how many records."""
    run("DELETE FROM search_fts", ())
    run("DELETE FROM search_doc", ())
    count = 0
    for kind, sql in (("citizen", _CITIZEN_SQL), ("dossier", _DOSSIER_SQL)):
        for row in run(sql + " ORDER BY 1", ()):
            _put(run, kind, row[0], row[1:])  # type: ignore[arg-type]
            count += 1
    return count


def session_runner(session: Session) -> Run:
    conn = session.connection()

    def run(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        result = conn.exec_driver_sql(sql, tuple(params))
        return [tuple(r) for r in result.fetchall()] if result.returns_rows else []

    return run


def rebuild_index(session: Session) -> int:
    return rebuild(session_runner(session))


@event.listens_for(Session, "after_flush")
def _follow_changes(session: Session, _ctx: Any) -> None:
    touched = [o for o in (*session.new, *session.dirty, *session.deleted) if isinstance(o, Citizen | Dossier)]
    if not touched:
        return
    run = session_runner(session)
    for obj in touched:
        if isinstance(obj, Citizen):
            index_citizen(run, obj.id)
        else:
            index_dossier(run, obj.id)


def _match_expression(query: str) -> str | None:
    words = re.findall(r"\w+", fold(query))
    compact = re.sub(r"\W", "", query)
    if not words:
        return None
    terms = " ".join(f'"{w}"*' for w in words)
    if compact.isdigit() and len(words) > 1:  # a code typed with dashes also matches its compact token
        return f'({terms}) OR "{compact}"*'
    return terms


def search(session: Session, actor: Actor, query: str, limit: int = 30) -> list[SearchHit]:
    """Citizens and dossiers of the actor's ward matching `query`; exact-accent matches first."""
    require(actor, Perm.SEARCH)
    expression = _match_expression(query)
    if expression is None:
        return []
    rows = session_runner(session)(
        "SELECT search_doc.kind, search_doc.ref_id, search_fts.exact FROM search_fts"
        " JOIN search_doc ON search_doc.rowid = search_fts.rowid"
        " WHERE search_fts MATCH ? ORDER BY search_fts.rowid DESC LIMIT ?",
        (expression, CANDIDATES),
    )
    needle = nfc(query.strip()).casefold()
    ranked = sorted(rows, key=lambda r: needle not in r[2])  # stable: keeps newest-first within each group
    hits = [_hit(session, actor, kind, ref_id, needle in exact) for kind, ref_id, exact in ranked]
    return [h for h in hits if h is not None][:limit]


def _hit(session: Session, actor: Actor, kind: Kind, ref_id: str, exact: bool) -> SearchHit | None:
    if kind == "citizen":
        c = session.get(Citizen, ref_id)
        if c is None or c.unit_code != actor.unit_code:
            return None
        sub = " · ".join(x for x in (mask_id(c.id_number), mask_phone(c.phone)) if x)
        return SearchHit("citizen", c.id, c.full_name, sub or "Công dân", exact)
    d = session.get(Dossier, ref_id)
    if d is None or d.unit_code != actor.unit_code:
        return None
    citizen = session.get(Citizen, d.citizen_id)
    name = citizen.full_name if citizen else ""
    return SearchHit("dossier", d.id, d.code, f"{name} · {DossierState(d.status).label_vi}", exact)
