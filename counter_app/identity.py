"""Citizen identity fields: citizen ID (CCCD), a former CMND number, mobile numbers, names.

Every identifier is read in ASCII digits first (`text.ascii_digits`): full-width or other Unicode
digits typed by an IME are the same number. Since 1 January 2025 the old identity card (CMND, 9 or
12 digits) is no longer valid (Identity Law 2023, art. 46): it is kept only as a former number to
cross-check old papers, never as the person's ID.

Rejections raise ValidationError with a Vietnamese message that says what is wrong and never
repeats the value itself (it is personal data and messages may reach logs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.text import ascii_digits, tidy

# The 63 pre-2025 province codes used in personal identification numbers (Decree 70/2024/NĐ-CP, which
# replaced Decree 137/2015), e.g. 079 = HCMC. Numbers keep their old code after the 2025 province merger.
PROVINCE_CODES = frozenset(
    {
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    }
)
# Digit 4: sex and century of birth (Decree 70/2024/NĐ-CP). Even = male, odd = female;
# 0/1 1900s, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 2300s.
_CENTURY = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 2300, 9: 2300}
OLD_ID_LENGTHS = (9, 12)
_SEPARATORS = re.compile(r"[\s.\-]")
# Current Vietnamese mobile prefixes after the 2018 renumbering (Viettel, Vinaphone, Mobifone, Vietnamobile,
# Gmobile, Itelecom, Reddi and MVNOs).
MOBILE_PREFIXES = frozenset(
    {
        "032",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "039",
        "052",
        "055",
        "056",
        "058",
        "059",
        "070",
        "076",
        "077",
        "078",
        "079",
        "081",
        "082",
        "083",
        "084",
        "085",
        "086",
        "087",
        "088",
        "089",
        "090",
        "091",
        "092",
        "093",
        "094",
        "096",
        "097",
        "098",
        "099",
    }
)
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class CitizenIdInfo:
    place_code: str
    sex: str  # "nam" | "nữ"
    century_start: int
    birth_year: int


def identifier(value: str | None) -> str:
    """An identifier as typed, in ASCII digits and without spaces, dots or dashes."""
    return _SEPARATORS.sub("", ascii_digits(value or ""))


def _digits(value: str, field: str, label: str) -> str:
    cleaned = identifier(value)
    if not cleaned:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chưa nhập {what}."), field, what=label)
    if not re.fullmatch(r"[0-9]+", cleaned):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chỉ được nhập chữ số vào {what}."), field, what=label)
    return cleaned


def parse_citizen_id(value: str) -> CitizenIdInfo:
    """Read the structure of a 12-digit CCCD; raises ValidationError when it cannot be one."""
    number = _digits(value, "id_number", QT_TRANSLATE_NOOP("core", "số CCCD"))
    if len(number) == 9:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "core",
                "Số 9 chữ số là CMND cũ, hết giá trị từ 01/01/2025: nhập số định danh cá nhân 12 chữ số;"
                " số CMND cũ chỉ ghi ở ô «Số CMND cũ» để đối chiếu giấy tờ cũ.",
            ),
            "id_number",
        )
    if len(number) != 12:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Số CCCD phải có đúng 12 chữ số (đang có {n})."), "id_number", n=len(number)
        )
    place = int(number[:3])
    if place not in PROVINCE_CODES and place < 100:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Ba chữ số đầu của số CCCD không phải mã tỉnh hoặc mã quốc gia hợp lệ."),
            "id_number",
        )
    if place == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Ba chữ số đầu của số CCCD không được là 000."), "id_number")
    digit = int(number[3])
    century = _CENTURY[digit]
    return CitizenIdInfo(number[:3], "nam" if digit % 2 == 0 else "nữ", century, century + int(number[4:6]))


def validate_citizen_id(
    value: str, birth_date: date | None = None, sex: str | None = None, today: date | None = None
) -> str:
    """The CCCD in ASCII digits without spaces, checked against the birth date and sex when given."""
    info = parse_citizen_id(value)
    if info.birth_year > (today or date.today()).year:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Năm sinh mã hóa trong số CCCD nằm trong tương lai."), "id_number"
        )
    if birth_date is not None and birth_date.year != info.birth_year:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Năm sinh trong số CCCD không khớp với ngày sinh đã nhập."), "id_number"
        )
    if sex is not None and sex.strip().lower() != info.sex:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Giới tính mã hóa trong số CCCD không khớp với giới tính đã nhập."), "id_number"
        )
    return identifier(value)


def validate_old_id(value: str) -> str:
    """A former identity card number (CMND, 9 or 12 digits): recorded only to cross-check old papers."""
    number = _digits(value, "old_id_number", QT_TRANSLATE_NOOP("core", "số CMND cũ"))
    if len(number) not in OLD_ID_LENGTHS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Số CMND cũ phải có 9 hoặc 12 chữ số (đang có {n})."),
            "old_id_number",
            n=len(number),
        )
    return number


def normalize_phone(value: str) -> str:
    """A Vietnamese mobile number as 0xxxxxxxxx, from +84/84/0 forms with spaces, dots or dashes."""
    raw = re.sub(r"[\s.\-()]", "", ascii_digits(value or ""))
    if not raw:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chưa nhập số điện thoại."), "phone")
    if raw.startswith("+"):
        raw = raw[1:]
        if not raw.startswith("84"):
            raise ValidationError(QT_TRANSLATE_NOOP("core", "Chỉ nhận số di động Việt Nam (mã quốc gia +84)."), "phone")
    if not re.fullmatch(r"[0-9]+", raw):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Số điện thoại chỉ được gồm chữ số."), "phone")
    if raw.startswith("84") and len(raw) == 11:
        raw = "0" + raw[2:]
    if len(raw) != 10 or not raw.startswith("0"):
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Số di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84)."), "phone"
        )
    if raw[:3] not in MOBILE_PREFIXES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Đầu số di động không hợp lệ (ví dụ hợp lệ: 090, 091, 032, 086…)."), "phone"
        )
    return raw


def normalize_name(value: str) -> str:
    """A person's name in NFC, single-spaced, each word capitalised (Nguyễn Văn An)."""
    name = tidy(value or "")
    if not name:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chưa nhập họ và tên."), "full_name")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Họ và tên dài quá {n} ký tự."), "full_name", n=MAX_NAME_LENGTH)
    if any(ch.isdigit() for ch in name):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Họ và tên không được chứa chữ số."), "full_name")
    if not _NAME_CHARS.match(name):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Họ và tên chỉ gồm chữ cái và khoảng trắng."), "full_name")
    return " ".join(_capitalised(word) for word in name.split(" "))


def _capitalised(word: str) -> str:
    """First letter up, the rest down; a letter whose capital is two letters (ß → SS) stays as it is, so that
    normalising a normalised name changes nothing (found by the input fuzz)."""
    first = word[:1].upper()
    return (first if len(first) == 1 else word[:1]) + word[1:].lower()


def mask_id(value: str | None) -> str:
    """079******123: enough to tell two people apart on a list, not enough to misuse."""
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


def mask_phone(value: str | None) -> str:
    """091****678."""
    return mask_id(value)
