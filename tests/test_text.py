from __future__ import annotations

import unicodedata

from counter_app.text import fold, nfc, tidy


def test_fold_drops_marks_and_maps_d() -> None:
    assert fold("Nguyễn Văn Dũng") == "nguyen van dung"
    assert fold("ĐẶNG thị Hoà") == "dang thi hoa"
    assert fold("  Phường   An Lạc ") == "phuong an lac"


def test_fold_is_the_same_for_nfc_and_nfd_input() -> None:
    word = "Trường Thịnh"
    assert fold(unicodedata.normalize("NFD", word)) == fold(word) == "truong thinh"


def test_tidy_makes_nfc_with_single_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", " Lê   Thị\tHồng ")
    assert tidy(decomposed) == "Lê Thị Hồng" and tidy(decomposed) == nfc("Lê Thị Hồng")


def test_ascii_digits_maps_every_script_and_full_width_punctuation() -> None:
    from counter_app.text import ascii_digits

    assert ascii_digits("０７９－３０３") == "079-303"
    assert ascii_digits("٠٧٩ ۰۷۹ ০৭৯") == "079 079 079"
    assert ascii_digits("＋８４") == "+84"
    assert ascii_digits("x²") == "x²"  # not a decimal digit: left for the validator to refuse


def test_money_and_numbers_read_the_vietnamese_way() -> None:
    from counter_app.text import money, number

    assert money(50_000) == "50.000 đồng" and money(2_000) == "2.000 đồng" and money(0) == "0 đồng"
    assert number(1_250_000) == "1.250.000" and number(999) == "999"
