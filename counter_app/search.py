"""One search box over citizens and dossiers: name, ID number, phone or dossier code.

Names go through an FTS5 index of folded text (`text.fold`: no tone or vowel marks, đ -> d,
lower case), so "nguyen van dung" finds "Nguyễn Văn Dũng" and "dang" finds "Đặng"; the query
is folded the same way and every word is a prefix, so results come as the officer types.
Among matches, exact-accent ones rank first, then the newest records: FTS5 walks rowids newest
first without scoring every match, which keeps a common surname fast on a million dossiers.
Prefix indexes for 1–3 letters make a half-typed word one index lookup; `+unit_code` keeps
SQLite from preferring the unit index (every row of a ward matches it) over the search's own.

Numbers (ID numbers, phones, dossier codes, typed with or without dashes) go through the
ordinary B-tree indexes as prefix ranges instead: a prefix such as "27460-2611" would match
millions of index terms in FTS5 but is one short range scan in a B-tree.

The name index follows the tables by itself: a session hook re-indexes every citizen or
dossier a flush touched, local saves and rows pulled from the hub alike. Each index row also
carries the ready-to-show title and subtitle, so a search is one query, not one per hit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlmodel import Session

from counter_app import audit
from counter_app.access import Actor, Perm, require
from counter_app.dossier_states import DossierState
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.identity import mask_id, mask_phone
from counter_app.models import Citizen, Dossier
from counter_app.text import ascii_digits, fold, nfc

Kind = Literal["citizen", "dossier"]
Run = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
CANDIDATES = 100

SCHEMA = (
    """CREATE TABLE search_doc (rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL UNIQUE,
        unit_code TEXT NOT NULL, title TEXT NOT NULL, subtitle TEXT NOT NULL, exact TEXT NOT NULL)""",
    "CREATE VIRTUAL TABLE search_fts USING fts5(folded, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')",
    "CREATE INDEX ix_citizen_phone ON citizen (phone)",
)
_CITIZEN_SQL = "SELECT c.id, c.unit_code, c.full_name, c.id_number, c.phone FROM citizen c"
_DOSSIER_SQL = (
    "SELECT d.id, d.unit_code, d.code, d.status, c.full_name FROM dossier d JOIN citizen c ON c.id = d.citizen_id"
)


@dataclass(frozen=True)
class SearchHit:
    kind: Kind
    id: str
    title: str
    subtitle: str
    exact: bool


def _citizen_doc(row: Sequence[Any]) -> tuple[str, str, str, str]:
    """(title, subtitle, folded, exact) of a citizen row from _CITIZEN_SQL."""
    _id, _unit, name, id_number, phone = row
    sub = " · ".join(x for x in (mask_id(id_number), mask_phone(phone)) if x) or QT_TRANSLATE_NOOP("core", "Công dân")
    return name, sub, fold(name), nfc(name).casefold()


def _dossier_doc(row: Sequence[Any]) -> tuple[str, str, str, str]:
    _id, _unit, code, status, name = row
    return code, f"{name} · {DossierState(status).label_vi}", fold(name), nfc(name).casefold()


def _put(run: Run, kind: Kind, row: Sequence[Any]) -> None:
    title, subtitle, folded, exact = (_citizen_doc if kind == "citizen" else _dossier_doc)(row)
    _drop(run, row[0])
    run(
        "INSERT INTO search_doc (kind, ref_id, unit_code, title, subtitle, exact) VALUES (?, ?, ?, ?, ?, ?)",
        (kind, row[0], row[1], title, subtitle, exact),
    )
    rowid = run("SELECT rowid FROM search_doc WHERE ref_id = ?", (row[0],))[0][0]
    run("INSERT INTO search_fts (rowid, folded) VALUES (?, ?)", (rowid, folded))


def _drop(run: Run, ref_id: str) -> None:
    found = run("SELECT rowid FROM search_doc WHERE ref_id = ?", (ref_id,))
    if found:
        run("DELETE FROM search_fts WHERE rowid = ?", (found[0][0],))
        run("DELETE FROM search_doc WHERE rowid = ?", (found[0][0],))


def index_citizen(run: Run, citizen_id: str) -> None:
    rows = run(_CITIZEN_SQL + " WHERE c.id = ?", (citizen_id,))
    if not rows:
        _drop(run, citizen_id)
        return
    _put(run, "citizen", rows[0])
    for (dossier_id,) in run("SELECT id FROM dossier WHERE citizen_id = ?", (citizen_id,)):
        index_dossier(run, dossier_id)


def index_dossier(run: Run, dossier_id: str) -> None:
    rows = run(_DOSSIER_SQL + " WHERE d.id = ?", (dossier_id,))
    if rows:
        _put(run, "dossier", rows[0])
    else:
        _drop(run, dossier_id)


def rebuild(run: Run) -> int:
    """Index every citizen and dossier from scratch; returns how many records."""
    run("DELETE FROM search_fts", ())
    run("DELETE FROM search_doc", ())
    count = 0
    for kind, sql in (("citizen", _CITIZEN_SQL), ("dossier", _DOSSIER_SQL)):
        for row in run(sql + " ORDER BY 1", ()):
            _put(run, kind, row)  # type: ignore[arg-type]
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


def search(session: Session, actor: Actor, query: str, limit: int = 30) -> list[SearchHit]:
    """Citizens and dossiers of the actor's ward matching `query`; exact-accent matches first."""
    require(actor, Perm.SEARCH)
    hits = _search(session, actor, query, limit)
    if hits:  # results show citizens' names: who looked is recorded (never what was typed)
        audit.record(session, actor, "search", detail={"results": len(hits)})
    return hits


def _search(session: Session, actor: Actor, query: str, limit: int) -> list[SearchHit]:
    run = session_runner(session)
    query = ascii_digits(query)
    official = _by_official_code(run, actor.unit_code, query, limit)
    digits = re.sub(r"[\s.\-+]", "", query)
    if digits.isdigit():
        return (official + _by_number(run, actor.unit_code, query, digits, limit))[:limit]
    if official:
        return official
    words = re.findall(r"\w+", fold(query))
    if not words:
        return []
    rows = run(
        "SELECT d.kind, d.ref_id, d.title, d.subtitle, d.exact FROM search_fts"
        " JOIN search_doc d ON d.rowid = search_fts.rowid"
        " WHERE search_fts MATCH ? AND +d.unit_code = ? ORDER BY search_fts.rowid DESC LIMIT ?",
        (" ".join(f'"{w}"*' for w in words), actor.unit_code, CANDIDATES),
    )
    needle = nfc(query.strip()).casefold()
    hits = [SearchHit(kind, ref, title, sub, needle in exact) for kind, ref, title, sub, exact in rows]
    return sorted(hits, key=lambda h: not h.exact)[:limit]  # stable: newest first within each group


def _by_official_code(run: Run, unit: str, query: str, limit: int) -> list[SearchHit]:
    """The official dossier code (from the city's / national system) by prefix, any case."""
    code = re.sub(r"\s", "", query).upper()
    if len(code) < 4 or not any(ch.isdigit() for ch in code) or not re.fullmatch(r"[A-Z0-9.\-/]+", code):
        return []
    rows = run(
        _DOSSIER_SQL + " WHERE d.official_code >= ? AND d.official_code < ? AND +d.unit_code = ? LIMIT ?",
        (*_prefix_range(code), unit, limit),
    )
    return [SearchHit("dossier", row[0], *_dossier_doc(row)[:2], True) for row in rows]


def _prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix + "\uffff"


def _by_number(run: Run, unit: str, query: str, digits: str, limit: int) -> list[SearchHit]:
    """Dossier codes, ID numbers and phones by prefix, through their B-tree indexes."""
    hits: list[SearchHit] = []
    code = _as_code(query, digits)
    for row in run(
        _DOSSIER_SQL + " WHERE d.code >= ? AND d.code < ? AND +d.unit_code = ? ORDER BY d.code DESC LIMIT ?",
        (*_prefix_range(code), unit, limit),
    ):
        title, sub, _f, _e = _dossier_doc(row)
        hits.append(SearchHit("dossier", row[0], title, sub, True))
    phone = "0" + digits[2:] if digits.startswith("84") and len(digits) > 3 else digits
    for column, value in (("id_number", digits), ("phone", phone)):
        sql = _CITIZEN_SQL + f" WHERE c.{column} >= ? AND c.{column} < ? AND +c.unit_code = ? LIMIT ?"
        for row in run(sql, (*_prefix_range(value), unit, limit)):
            title, sub, _f, _e = _citizen_doc(row)
            hits.append(SearchHit("citizen", row[0], title, sub, True))
    return hits[:limit]


def _as_code(query: str, digits: str) -> str:
    """A dossier-code prefix in stored form (27460-261124-1001), typed with or without dashes."""
    if "-" in query:
        return re.sub(r"\s", "", query)
    parts = [digits[:5], digits[5:11], digits[11:]]
    return "-".join(p for p in parts if p) + ("-" if len(digits) in (5, 11) else "")


def index_new(conn: Connection, refs: Sequence[tuple[str, str]]) -> None:
    """Index many citizens and dossiers just written (a new PC taking its ward's history in bulk) with a few
    statements instead of several per record: the same index rows `index_citizen` / `index_dossier` would write,
    in the order given (later rowids rank first among equal matches). `refs`: (entity, id) pairs."""
    wanted = [(kind, ref) for kind, ref in refs if kind in ("citizen", "dossier")]
    if not wanted:
        return
    ids = json.dumps([ref for _kind, ref in wanted])
    among = " IN (SELECT value FROM json_each(?))"
    old = "SELECT rowid FROM search_doc WHERE ref_id" + among
    conn.exec_driver_sql(f"DELETE FROM search_fts WHERE rowid IN ({old})", (ids,))
    conn.exec_driver_sql("DELETE FROM search_doc WHERE ref_id" + among, (ids,))
    rows = {r[0]: ("citizen", r) for r in conn.exec_driver_sql(_CITIZEN_SQL + " WHERE c.id" + among, (ids,))}
    rows.update({r[0]: ("dossier", r) for r in conn.exec_driver_sql(_DOSSIER_SQL + " WHERE d.id" + among, (ids,))})
    docs, folded = [], {}
    for _kind, ref in dict.fromkeys(wanted):  # once each, in order
        if ref not in rows:
            continue
        kind, row = rows[ref]
        title, subtitle, folded[ref], exact = (_citizen_doc if kind == "citizen" else _dossier_doc)(row)
        docs.append((kind, ref, row[1], title, subtitle, exact))
    conn.exec_driver_sql(
        "INSERT INTO search_doc (kind, ref_id, unit_code, title, subtitle, exact) VALUES (?, ?, ?, ?, ?, ?)", docs
    )
    written = conn.exec_driver_sql("SELECT rowid, ref_id FROM search_doc WHERE ref_id" + among, (ids,))
    conn.exec_driver_sql(
        "INSERT INTO search_fts (rowid, folded) VALUES (?, ?)", [(rowid, folded[ref]) for rowid, ref in written]
    )
