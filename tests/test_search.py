from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.engine import Engine

from counter_app import citizens, dossiers, outbox, search
from counter_app.catalog import default_catalog
from counter_app.clock import VN_TZ
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied
from counter_app.ids import new_id
from counter_app.models import Citizen
from tests.factories import OFFICER, VOLUNTEER

WHEN = datetime(2026, 3, 9, 9, 0, tzinfo=VN_TZ)
CODE = "1.004873"


def _person(engine: Engine, name: str, id_number: str, phone: str | None = None) -> str:
    with session_scope(engine) as s:
        return citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput(name, id_number, phone=phone)).id


def _dossier(engine: Engine, citizen_id: str) -> str:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(CODE, citizen_id=citizen_id, papers_received=papers)
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=WHEN).code


def _find(engine: Engine, query: str) -> list[search.SearchHit]:
    with session_scope(engine) as s:
        return search.search(s, OFFICER, query)


def test_accent_insensitive_with_d(engine: Engine) -> None:
    _person(engine, "Nguyễn Văn Dũng", "079090001234")
    _person(engine, "Đặng Thị Lan", "079190001235")
    assert [h.title for h in _find(engine, "nguyen van dung")] == ["Nguyễn Văn Dũng"]
    assert [h.title for h in _find(engine, "dang")] == ["Đặng Thị Lan"]
    assert [h.title for h in _find(engine, "ĐẶNG")] == ["Đặng Thị Lan"]
    assert [h.title for h in _find(engine, "nguy")] == ["Nguyễn Văn Dũng"]  # as you type


def test_words_before_the_last_count_whole_unless_that_finds_nothing(engine: Engine) -> None:
    _person(engine, "Lê Tân Minh", "079090001234")
    _person(engine, "Lê Tăng Minh", "079090001235")
    _person(engine, "Nguyễn Văn Dũng", "079090001236")
    assert [h.title for h in _find(engine, "le tan minh")] == ["Lê Tân Minh"]  # not Tăng: "tan" was typed whole
    assert [h.title for h in _find(engine, "le tan mi")] == ["Lê Tân Minh"]  # the last word as it is typed
    assert {h.title for h in _find(engine, "le ta minh")} == {"Lê Tân Minh", "Lê Tăng Minh"}  # no whole "ta"
    assert [h.title for h in _find(engine, "ng v dung")] == ["Nguyễn Văn Dũng"]


def test_exact_accent_ranks_first(engine: Engine) -> None:
    _person(engine, "Đặng Văn An", "079090001234")
    _person(engine, "Dang Van An", "079090001235")  # written without marks, newer
    _person(engine, "Đăng Văn An", "079090001236")  # another name, newest
    hits = _find(engine, "Đặng")
    assert hits[0].title == "Đặng Văn An" and hits[0].exact
    assert {h.title for h in hits[1:]} == {"Dang Van An", "Đăng Văn An"} and not any(h.exact for h in hits[1:])


def test_by_id_number_phone_and_masked_subtitle(engine: Engine) -> None:
    _person(engine, "Lê Thị Hoa", "079301004567", "0903123456")
    by_id = _find(engine, "0793010")
    assert [h.title for h in by_id] == ["Lê Thị Hoa"]
    assert "079******567" in by_id[0].subtitle and "079301004567" not in by_id[0].subtitle
    assert [h.title for h in _find(engine, "0903123")] == ["Lê Thị Hoa"]


def test_dossier_by_code_and_by_citizen_name(engine: Engine) -> None:
    cid = _person(engine, "Trương Minh Đức", "079090001234")
    code = _dossier(engine, cid)
    assert [h.kind for h in _find(engine, code)] == ["dossier"]
    assert [h.title for h in _find(engine, code.replace("-", ""))] == [code]
    assert {h.kind for h in _find(engine, "truong minh duc")} == {"citizen", "dossier"}
    assert "Trương Minh Đức" in _find(engine, code)[0].subtitle


def test_updates_deletes_and_pulled_rows_are_indexed(engine: Engine) -> None:
    cid = _person(engine, "Phạm Văn Bình", "079090001234")
    _dossier(engine, cid)
    with session_scope(engine) as s:
        citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Phạm Văn Bính", "079090001234"))
    assert _find(engine, "binh") and not [h for h in _find(engine, "binh") if h.title == "Phạm Văn Bình"]
    assert all("Bính" in h.title or "Bính" in h.subtitle for h in _find(engine, "pham van binh"))
    remote = Citizen(id=new_id(), unit_code="27460", full_name="Võ Thị Sáu")
    with session_scope(engine) as s, outbox.remote_apply(s):
        s.add(remote)
    assert [h.id for h in _find(engine, "vo thi sau")] == [remote.id]
    with session_scope(engine) as s, outbox.remote_apply(s):
        loaded = s.get(Citizen, remote.id)
        s.delete(loaded)
    assert _find(engine, "vo thi sau") == []


def test_rebuild_gives_the_same_results(engine: Engine) -> None:
    _dossier(engine, _person(engine, "Hồ Thị Thu", "079190001234"))
    before = _find(engine, "ho thi")
    with session_scope(engine) as s:
        assert search.rebuild_index(s) == 2
    assert _find(engine, "ho thi") == before and len(before) == 2


def test_volunteer_cannot_search_and_blank_query_finds_nothing(engine: Engine) -> None:
    _person(engine, "Nguyễn Văn Dũng", "079090001234")
    with session_scope(engine) as s:
        with pytest.raises(PermissionDenied):
            search.search(s, VOLUNTEER, "nguyen")
        assert search.search(s, OFFICER, "  --  ") == []


def test_full_width_query_finds_ascii_numbers(engine: Engine) -> None:
    _person(engine, "Lê Thị Hoa", "079301004567", "0903123456")
    assert [h.title for h in _find(engine, "０７９３０１０")] == ["Lê Thị Hoa"]
    assert [h.title for h in _find(engine, "０９０３ １２３")] == ["Lê Thị Hoa"]


NAMES = [
    "Nguyễn Văn Hoàn",
    "Lê Thị Hoàng Anh",
    "Trần Hoàng Minh",
    "Phạm Thanh Trang",
    "Võ Trang Đài",
    "Hồ Trangnhã Thu",  # a rarer word that "trang" starts, on the same records' lists
    "Søren Abcdø Lund",  # a word FTS5 keeps whole with a letter beyond ASCII in it
    *(f"Đỗ Ngọc{chr(ord('a') + i)} Bảo" for i in range(search.SPELLED_OUT + 1)),  # more words than are spelled out
]


def _plain_prefixes(engine: Engine, query: str, monkeypatch: pytest.MonkeyPatch) -> list[search.SearchHit]:
    with monkeypatch.context() as m:
        m.setattr(search, "_prefix", lambda _run, word: f'"{word}"*')
        return _find(engine, query)


def test_half_typed_words_spelled_out_find_what_the_prefix_finds(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i, name in enumerate(NAMES):
        _dossier(engine, _person(engine, name, f"0790900{i:05d}"))
    queries = [
        "hoan",
        "hoang",
        "trang",
        "thanh tran",
        "le thi hoan",
        "ngoc",
        "ngocb",
        "abcd",
        "sore",
        "hoanx",
        "ng v hoa",
    ]
    for query in queries:
        assert _find(engine, query) == _plain_prefixes(engine, query, monkeypatch), query
    assert {h.title for h in _find(engine, "hoan") if h.kind == "citizen"} == {
        "Nguyễn Văn Hoàn",
        "Lê Thị Hoàng Anh",
        "Trần Hoàng Minh",
    }
    assert {h.title for h in _find(engine, "trang") if h.kind == "citizen"} == {
        "Phạm Thanh Trang",
        "Võ Trang Đài",
        "Hồ Trangnhã Thu",
    }
    assert _find(engine, "hoanx") == []


def test_the_word_list_follows_every_way_into_the_index(engine: Engine) -> None:
    def word_list() -> set[str]:
        with session_scope(engine) as s:
            return {w for (w,) in s.connection().exec_driver_sql("SELECT word FROM search_word")}

    def index_terms() -> set[str]:
        with session_scope(engine) as s:
            conn = s.connection()
            conn.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.t USING fts5vocab(main, search_fts, 'row')")
            return {t for (t,) in conn.exec_driver_sql("SELECT term FROM temp.t")}

    _dossier(engine, _person(engine, "Nguyễn Văn Dũng", "079090001234"))  # a local save
    remote = Citizen(id=new_id(), unit_code="27460", full_name="Võ Thị Sáu")
    with session_scope(engine) as s, outbox.remote_apply(s):  # a pulled row
        s.add(remote)
    bulk = Citizen(id=new_id(), unit_code="27460", full_name="Huỳnh Tấn Phát")
    with session_scope(engine) as s:  # a history pull, in bulk
        conn = s.connection()
        conn.exec_driver_sql(
            "INSERT INTO citizen (id, unit_code, created_at, updated_at, full_name) VALUES (?, ?, '2026-01-01',"
            " '2026-01-01', ?)",
            (bulk.id, bulk.unit_code, bulk.full_name),
        )
        search.index_new(conn, [("citizen", bulk.id)])
    assert word_list() == index_terms() >= {"nguyen", "dung", "vo", "sau", "huynh", "tan", "phat"}
    assert [h.title for h in _find(engine, "huynh tan phat")] == ["Huỳnh Tấn Phát"]
    with session_scope(engine) as s:
        search.rebuild_index(s)
    assert word_list() >= index_terms()
