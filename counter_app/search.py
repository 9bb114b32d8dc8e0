"""One search box over citizens and dossiers: name, ID number, phone or dossier code.

Names go through an FTS5 index of folded text (`text.fold`: no tone or vowel marks, đ -> d,
lower case), so "nguyen van dung" finds "Nguyễn Văn Dũng" and "dang" finds "Đặng"; the query
is folded the same way and the last word is a prefix, so results come as the officer types.
Words before it (followed by a space) count whole: "tan minh" finds Tân, not Tăng or Tành; only
when that finds nothing are they prefixes too, so "ng v dung" still finds Nguyễn Văn Dũng.
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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlmodel import Session

from counter_app import audit
from counter_app.access import Actor, Perm, require
from counter_app.models import Citizen, Dossier
from counter_app.search_index import _CITIZEN_SQL, _DOSSIER_SQL, Kind, Run, _citizen_doc, _dossier_doc, add_words
from counter_app.search_index import index_citizen as index_citizen  # the index's own, as callers know them
from counter_app.search_index import index_dossier as index_dossier
from counter_app.search_index import rebuild as rebuild
from counter_app.text import ascii_digits, fold, nfc

CANDIDATES = 100
PREFIX_INDEXED = 3  # search_fts has prefix indexes up to this length: such a half-typed word is one lookup
SPELLED_OUT = 8  # a longer half-typed word that can be at most this many whole words is searched as them


@dataclass(frozen=True)
class SearchHit:
    kind: Kind
    id: str
    title: str
    subtitle: str
    exact: bool


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
    rows = _by_name(run, actor.unit_code, words, whole_words=True) if len(words) > 1 else []
    if not rows:  # "ng v dung": words typed short are prefixes too
        rows = _by_name(run, actor.unit_code, words, whole_words=False)
    needle = nfc(query.strip()).casefold()
    hits = [SearchHit(kind, ref, title, sub, needle in exact) for kind, ref, title, sub, exact in rows]
    return sorted(hits, key=lambda h: not h.exact)[:limit]  # stable: newest first within each group


def _by_name(run: Run, unit: str, words: list[str], whole_words: bool) -> list[tuple[Any, ...]]:
    """The newest index rows whose name has every word: the last one as a prefix (it may be half typed),
    the others whole when `whole_words`. A prefix makes FTS5 merge the lists of every word starting with it,
    which for a common name on a million records takes tens of milliseconds; a whole word is one list."""
    terms = [f'"{w}"' if whole_words else _prefix(run, w) for w in words[:-1]] + [_prefix(run, words[-1])]
    if None in terms:  # a word no record has: nothing can match
        return []
    return run(
        "SELECT d.kind, d.ref_id, d.title, d.subtitle, d.exact FROM search_fts"
        " JOIN search_doc d ON d.rowid = search_fts.rowid"
        " WHERE search_fts MATCH ? AND +d.unit_code = ? ORDER BY search_fts.rowid DESC LIMIT ?",
        (" AND ".join(t for t in terms if t is not None), unit, CANDIDATES),
    )


def _prefix(run: Run, word: str) -> str | None:
    """The FTS5 query for `word` as a prefix, or None when no word of the index starts with it.

    FTS5 answers a prefix longer than its prefix indexes by merging, in memory, the whole list of every word
    that starts with it (270,000 entries for "nguyen" on a million records) before the newest hundred are
    taken. The index's word list (`search_word`) says which whole words those are; when they are few, they
    are searched as whole words, each a list FTS5 walks newest first and stops: the same records, found
    without the merge. Only plain letters and digits are spelled out (what the tokenizer splits is left to it)."""
    prefix = f'"{word}"*'
    if len(word) <= PREFIX_INDEXED or not (word.isascii() and word.isalnum()):
        return prefix
    after = word[:-1] + chr(ord(word[-1]) + 1)  # the first string past every word starting with `word`
    found = [
        w
        for (w,) in run(
            "SELECT word FROM search_word WHERE word >= ? AND word < ? LIMIT ?", (word, after, SPELLED_OUT + 1)
        )
    ]
    if len(found) > SPELLED_OUT or not all(w.isascii() and w.isalnum() for w in found):
        return prefix
    return "(" + " OR ".join(f'"{w}"' for w in found) + ")" if found else None


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


def _write(conn: Connection, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    conn.exec_driver_sql(sql, tuple(params))
    return []


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
    add_words(partial(_write, conn), folded.values())
    written = conn.exec_driver_sql("SELECT rowid, ref_id FROM search_doc WHERE ref_id" + among, (ids,))
    conn.exec_driver_sql(
        "INSERT INTO search_fts (rowid, folded) VALUES (?, ?)", [(rowid, folded[ref]) for rowid, ref in written]
    )
