"""Administrative units after 1 July 2025, and the old -> new mapping (see resources/ADMIN_UNITS_PROVENANCE.md).

The mapping is strong evidence, not law: callers show its `citation` and let an officer confirm.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from counter_app.config import resources_dir
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.text import ascii_digits, fold

HCMC = "79"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # "Phường" | "Xã" | "Đặc khu"
    province_code: str
    province_name: str

    @property
    def label(self) -> str:
        return f"{self.name}, {self.province_name}"


@dataclass(frozen=True)
class MergeRow:
    old_province_code: str
    old_district_code: str
    old_unit_code: str
    old_address: str
    new_unit_code: str
    new_unit_name: str
    new_province_name: str
    confidence: str
    resolution: str
    citation: str


def _rows(name: str) -> list[dict[str, str]]:
    path: Path = resources_dir() / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _kind(name: str) -> str:
    return next((k for k in ("Đặc khu", "Phường", "Xã") if name.startswith(k)), "")


@cache
def all_units() -> tuple[Unit, ...]:
    return tuple(
        Unit(r["unit_code"], r["unit_name"], _kind(r["unit_name"]), r["province_code"], r["province_name"])
        for r in _rows("admin_units_2025.csv")
    )


@cache
def _by_code() -> dict[str, Unit]:
    return {u.code: u for u in all_units()}


@cache
def _merges() -> tuple[MergeRow, ...]:
    return tuple(MergeRow(**r) for r in _rows("ward_merges_2025.csv"))


def get_unit(code: str) -> Unit:
    unit = _by_code().get(ascii_digits(code).strip())
    if unit is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không có đơn vị hành chính với mã này."), "unit_code")
    return unit


def hcmc_units() -> list[Unit]:
    return [u for u in all_units() if u.province_code == HCMC]


def _rank(query: str, text: str) -> int | None:
    """0 exact-accent match, 1 folded prefix of the name (without its kind), 2 folded word prefix, 3 contains."""
    folded_q, folded = fold(query), fold(text)
    if not folded_q:
        return None
    if query.strip().casefold() in text.casefold():
        return 0
    bare = folded.split(" ", 1)[-1]
    if bare.startswith(folded_q) or folded.startswith(folded_q):
        return 1
    if f" {folded_q}" in f" {folded}":
        return 2
    return 3 if folded_q in folded else None


def search_units(query: str, province_code: str | None = None, limit: int = 50) -> list[Unit]:
    """Accent-insensitive lookup by name or code; exact-accent and prefix matches first."""
    query = query.strip()
    hits: list[tuple[int, str, Unit]] = []
    for unit in all_units():
        if province_code and unit.province_code != province_code:
            continue
        rank = 0 if unit.code == query else _rank(query, unit.name)
        if rank is not None:
            hits.append((rank, fold(unit.name), unit))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [u for _, _, u in hits[:limit]]


def new_units_for_old(old_unit_code: str) -> list[MergeRow]:
    """Where an old (pre-merger) unit went; several rows when it was split."""
    code = ascii_digits(old_unit_code).strip()
    return [m for m in _merges() if code and m.old_unit_code == code]


def new_units_for_old_district(old_district_code: str) -> list[MergeRow]:
    """Where an old district without commune-level units went (the island district of Côn Đảo).

    Such a district has no old commune code, so an old address there is mapped by its district.
    """
    code = ascii_digits(old_district_code).strip()
    return [m for m in _merges() if m.old_district_code == code and not m.old_unit_code]


def search_old_units(query: str, limit: int = 50) -> list[MergeRow]:
    """Find old units by their old address text ("phuong 7 quan 8"), accent-insensitively."""
    words = fold(query).split()
    if not words:
        return []
    *whole, last = words

    def matches(address: str) -> bool:
        # Whole words, but the last one may be half typed.
        tokens = fold(address).replace(",", " ").split()
        return all(w in tokens for w in whole) and any(t.startswith(last) for t in tokens)

    return [m for m in _merges() if matches(m.old_address)][:limit]
