"""The name index behind the search box (see `counter_app.search`), at the level of plain SQL.

Its schema, and how one citizen or dossier becomes an index row, apart from the search itself: the schema
migration (`counter_app.migrations`) builds the index with `sqlite3` alone, before SQLAlchemy is loaded.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from counter_app.dossier_states import DossierState
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.identity import mask_id, mask_phone
from counter_app.text import fold, nfc

Kind = Literal["citizen", "dossier"]
Run = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

SCHEMA = (
    """CREATE TABLE search_doc (rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL UNIQUE,
        unit_code TEXT NOT NULL, title TEXT NOT NULL, subtitle TEXT NOT NULL, exact TEXT NOT NULL)""",
    "CREATE VIRTUAL TABLE search_fts USING fts5(folded, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')",
    "CREATE INDEX ix_citizen_phone ON citizen (phone)",
)
# Every word the name index has ever held (never fewer: a word whose records went stays, and matches nothing).
# A half-typed word of four letters or more is looked up here and searched as the few whole words it can be,
# instead of making FTS5 merge the lists of every word it starts (see `counter_app.search`).
WORDS_SCHEMA = ("CREATE TABLE search_word (word TEXT PRIMARY KEY) WITHOUT ROWID",)
_CITIZEN_SQL = "SELECT c.id, c.unit_code, c.full_name, c.id_number, c.phone FROM citizen c"
_DOSSIER_SQL = (
    "SELECT d.id, d.unit_code, d.code, d.status, c.full_name FROM dossier d JOIN citizen c ON c.id = d.citizen_id"
)


def _citizen_doc(row: Sequence[Any]) -> tuple[str, str, str, str]:
    """(title, subtitle, folded, exact) of a citizen row from _CITIZEN_SQL."""
    _id, _unit, name, id_number, phone = row
    sub = " · ".join(x for x in (mask_id(id_number), mask_phone(phone)) if x) or QT_TRANSLATE_NOOP("core", "Công dân")
    return name, sub, fold(name), nfc(name).casefold()


def _dossier_doc(row: Sequence[Any]) -> tuple[str, str, str, str]:
    _id, _unit, code, status, name = row
    return code, f"{name} · {DossierState(status).label_vi}", fold(name), nfc(name).casefold()


def _token_char(ch: str) -> bool:
    """What FTS5's unicode61 tokenizer keeps in a word: letters, numbers and private-use characters
    (its default categories "L* N* Co"); everything else separates words."""
    category = unicodedata.category(ch)
    return category[0] in "LN" or category == "Co"


def words(folded: str) -> list[str]:
    """The words FTS5 makes of `folded` (already lower case: `text.fold`)."""
    found, word = [], []
    for ch in folded + " ":
        if _token_char(ch):
            word.append(ch)
        elif word:
            found.append("".join(word))
            word = []
    return found


def add_words(run: Run, folded: Iterable[str]) -> None:
    every = sorted({w for text in folded for w in words(text)})
    if every:
        run("INSERT OR IGNORE INTO search_word (word) SELECT value FROM json_each(?)", (json.dumps(every),))


def fill_words(conn: Any) -> None:
    """The word list of an index built before it existed: FTS5's own list of terms (an sqlite3 connection)."""
    conn.execute("CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, search_fts, 'row')")
    conn.execute("INSERT OR IGNORE INTO search_word (word) SELECT term FROM temp.search_terms")
    conn.execute("DROP TABLE temp.search_terms")


def _put(run: Run, kind: Kind, row: Sequence[Any], with_words: bool = True) -> None:
    title, subtitle, folded, exact = (_citizen_doc if kind == "citizen" else _dossier_doc)(row)
    if with_words:
        add_words(run, [folded])
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


def rebuild(run: Run, with_words: bool = True) -> int:
    """Index every citizen and dossier from scratch; returns how many records. `with_words=False`: an index
    from before the word list (schema step 2; step 10 then fills it)."""
    run("DELETE FROM search_fts", ())
    run("DELETE FROM search_doc", ())
    count = 0
    for kind, sql in (("citizen", _CITIZEN_SQL), ("dossier", _DOSSIER_SQL)):
        for row in run(sql + " ORDER BY 1", ()):
            _put(run, kind, row, with_words)  # type: ignore[arg-type]
            count += 1
    return count
