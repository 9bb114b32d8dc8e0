from __future__ import annotations

from datetime import date

import pytest

from counter_app import identity
from counter_app.errors import ValidationError

VALID = "079303001234"  # HCMC, female born 2003


def test_parse_reads_place_sex_century_year() -> None:
    info = identity.parse_citizen_id("079 303 001 234")
    assert (info.place_code, info.sex, info.century_start, info.birth_year) == ("079", "nữ", 2000, 2003)
    assert identity.parse_citizen_id("001090123456").sex == "nam"
    assert identity.parse_citizen_id("001090123456").birth_year == 1990


def test_validate_checks_birth_date_and_sex() -> None:
    assert identity.validate_citizen_id(VALID, birth_date=date(2003, 5, 1), sex="nữ") == VALID
    with pytest.raises(ValidationError, match="không khớp với ngày sinh"):
        identity.validate_citizen_id(VALID, birth_date=date(2004, 5, 1))
    with pytest.raises(ValidationError, match="Giới tính"):
        identity.validate_citizen_id(VALID, sex="nam")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Chưa nhập số CCCD"),
        ("07920300123", "đúng 12 chữ số"),
        ("07920300123A", "Chỉ được nhập chữ số"),
        ("003203001234", "mã tỉnh"),
        ("000203001234", "mã tỉnh"),
        ("079399001234", "tương lai"),
    ],
)
def test_rejections_say_what_is_wrong_without_the_value(value: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        identity.validate_citizen_id(value, today=date(2026, 11, 24))
    assert err.value.field == "id_number"
    assert value == "" or value not in str(err.value)


def test_old_id_is_a_former_number_of_9_or_12_digits() -> None:
    assert identity.validate_old_id("025 123 456") == "025123456"
    assert identity.validate_old_id("０２５１２３４５６７８９") == "025123456789"  # 12-digit CMND, full-width
    with pytest.raises(ValidationError, match="9 hoặc 12 chữ số"):
        identity.validate_old_id("12345678")


def test_a_cmnd_is_never_taken_as_the_persons_id() -> None:
    with pytest.raises(ValidationError, match="CMND cũ, hết giá trị từ 01/01/2025") as err:
        identity.validate_citizen_id("025123456")
    assert err.value.field == "id_number"


def test_digits_8_and_9_are_the_2300s_and_refused_as_future_births() -> None:
    info = identity.parse_citizen_id("079803001234")
    assert (info.sex, info.century_start, info.birth_year) == ("nam", 2300, 2303)
    assert identity.parse_citizen_id("079999001234").birth_year == 2399
    with pytest.raises(ValidationError, match="tương lai"):
        identity.validate_citizen_id("079803001234", today=date(2026, 11, 24))
    # The 2100s likewise: 4/5 are refused today, accepted once the year has come.
    with pytest.raises(ValidationError, match="tương lai"):
        identity.validate_citizen_id("079401001234", today=date(2026, 11, 24))
    assert identity.validate_citizen_id("079401001234", today=date(2101, 1, 1)) == "079401001234"
    # Born this year is not the future.
    assert identity.validate_citizen_id("079226001234", today=date(2026, 1, 2)) == "079226001234"


@pytest.mark.parametrize(
    "typed",
    [
        "０７９３０３００１２３４",  # full-width (Vietnamese IMEs on Windows)
        "٠٧٩٣٠٣٠٠١٢٣٤",  # Arabic-Indic
        "০৭৯৩০৩০০১২৩৪",  # Bengali
        "079 303 001 234",
    ],
)
def test_unicode_digits_become_ascii_on_the_way_in(typed: str) -> None:
    assert identity.validate_citizen_id(typed) == VALID
    assert identity.identifier(typed) == VALID


def test_phone_in_full_width_digits() -> None:
    assert identity.normalize_phone("＋８４ ９１２ ３４５ ６７８") == "0912345678"
    assert identity.normalize_phone("０９１２．３４５．６７８") == "0912345678"


def test_superscripts_are_not_digits() -> None:
    with pytest.raises(ValidationError, match="Chỉ được nhập chữ số"):
        identity.validate_citizen_id("07930300123²")


@pytest.mark.parametrize("raw", ["0912345678", "+84 912 345 678", "84912345678", "091.234.5678", "091-234-5678"])
def test_phone_forms_normalise(raw: str) -> None:
    assert identity.normalize_phone(raw) == "0912345678"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Chưa nhập"),
        ("+1 202 555 0100", r"\+84"),
        ("0212345678", "Đầu số"),
        ("09123", "10 chữ số"),
        ("09x", "chữ số"),
    ],
)
def test_phone_rejections(raw: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        identity.normalize_phone(raw)
    assert err.value.field == "phone"


def test_names_are_tidied_and_checked() -> None:
    assert identity.normalize_name("  nguyễn   VĂN  đức ") == "Nguyễn Văn Đức"
    for bad, message in [("", "Chưa nhập"), ("Nguyen 2", "chữ số"), ("A@B", "chữ cái"), ("a" * 101, "dài quá")]:
        with pytest.raises(ValidationError, match=message):
            identity.normalize_name(bad)


def test_masks() -> None:
    assert identity.mask_id("079203001234") == "079******234"
    assert identity.mask_phone("0912345678") == "091****678"
    assert identity.mask_id(None) == ""


def test_normalising_a_name_twice_changes_nothing() -> None:
    from counter_app.identity import normalize_name

    for raw in ("ß", "nguyễn văn đạt", "ǆuro ŉam"):
        once = normalize_name(raw)
        assert normalize_name(once) == once
    assert normalize_name("nguyễn văn đạt") == "Nguyễn Văn Đạt"
