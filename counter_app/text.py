"""Vietnamese text: NFC storage form, tidy names, and accent folding for search.

Folding drops tone and vowel marks and maps đ/Đ to d (Unicode has no decomposition for
đ, so NFD alone leaves it), then lowercases: "Nguyễn Văn Đặng" -> "nguyen van dang".
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _ascii_char(ch: str) -> str:
    if ch.isdecimal():  # any script's decimal digit: full-width, Arabic-Indic, Bengali …
        return str(unicodedata.decimal(ch))
    if unicodedata.decomposition(ch).startswith(("<wide>", "<narrow>")):  # full-width ＋ － ． and space
        return unicodedata.normalize("NFKC", ch)
    return ch  # superscripts and the like stay as they are, and are refused as digits


def ascii_digits(value: str) -> str:
    """Every Unicode decimal digit as its ASCII digit, full-width punctuation as ASCII.

    Identifiers (ID numbers, phones, codes) pass through this on the way in, so one citizen typed
    two ways is still one record and a search in ASCII finds them.
    """
    return "".join(_ascii_char(ch) for ch in value)


def tidy(value: str) -> str:
    """NFC with single spaces and no leading or trailing blanks."""
    return _SPACES.sub(" ", nfc(value)).strip()


def fold(value: str) -> str:
    """Accent- and case-insensitive key for matching Vietnamese text."""
    decomposed = unicodedata.normalize("NFD", value.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def number(value: int) -> str:
    """A whole number the Vietnamese way, thousands grouped with dots: 1.250.000."""
    return f"{value:,}".replace(",", ".")


def money(amount: int) -> str:
    """An amount of money as every screen and form shows it: "50.000 đồng"."""
    return f"{number(amount)} đồng"
