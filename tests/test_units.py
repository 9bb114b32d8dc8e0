from __future__ import annotations

from collections import Counter

import pytest

from counter_app import units
from counter_app.errors import ValidationError


def test_counts_match_the_official_list() -> None:
    assert len(units.all_units()) == 3321
    hcmc = units.hcmc_units()
    assert len(hcmc) == 168
    assert Counter(u.kind for u in hcmc) == {"Phường": 113, "Xã": 54, "Đặc khu": 1}


def test_lookup_by_code_and_unknown_code() -> None:
    assert units.get_unit("27460").name == "Phường An Lạc"
    assert units.get_unit("26740").province_code == "79"
    with pytest.raises(ValidationError, match="Không có đơn vị"):
        units.get_unit("99999")


def test_accent_insensitive_search_ranks_exact_accent_first() -> None:
    found = units.search_units("an lac", province_code="79")
    assert found[0].code == "27460"
    assert units.search_units("An Lạc")[0].code == "27460"
    assert units.search_units("27460")[0].name == "Phường An Lạc"
    assert all(u.province_code == "79" for u in units.search_units("phuong", province_code="79"))


def test_old_unit_split_between_several_new_units_with_citation() -> None:
    split = Counter(m.old_unit_code for m in units._merges())
    old_code = next(code for code, n in split.items() if n > 1)
    rows = units.new_units_for_old(old_code)
    assert len(rows) > 1 and len({r.new_unit_code for r in rows}) > 1
    assert all(r.citation and r.resolution.endswith("NQ-UBTVQH15") for r in rows)


def test_binh_duong_and_vung_tau_old_units_map_into_hcmc() -> None:
    for old_province in ("74", "77"):
        rows = [m for m in units._merges() if m.old_province_code == old_province]
        assert rows and all(m.new_province_name == "Thành phố Hồ Chí Minh" for m in rows)
        assert all(units.get_unit(m.new_unit_code).province_code == "79" for m in rows)


def test_search_old_units_by_old_address() -> None:
    rows = units.search_old_units("phuong an lac a binh tan")
    assert rows and all("An Lạc A" in r.old_address for r in rows)
    assert rows[0].new_unit_code == "27460"


def test_old_con_dao_district_maps_to_the_special_zone() -> None:
    rows = units.new_units_for_old_district("755")
    assert [(r.new_unit_code, r.new_unit_name) for r in rows] == [("26732", "Đặc khu Côn Đảo")]
    assert units.get_unit("26732").kind == "Đặc khu" and units.get_unit("26732").province_code == "79"
    assert rows[0].resolution == "1685/NQ-UBTVQH15" and "huyện Côn Đảo" in rows[0].citation
    found = units.search_old_units("huyen con dao")
    assert [r.new_unit_code for r in found] == ["26732"]
    # A district that had communes is mapped commune by commune, not as a whole.
    assert units.new_units_for_old_district("747") == []
    assert units.new_units_for_old("") == []
