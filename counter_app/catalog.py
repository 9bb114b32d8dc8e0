"""The procedure catalog: what a counter can receive, its papers, deadline, fee and online guide.

Shipped in resources/catalog/*.json (compiled from public sources, to be checked). IT staff
replace it with the official catalog in the same format through `install_catalog`, which
validates first; an installed catalog in the data folder wins over the shipped one.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticError

from counter_app.clock import to_local
from counter_app.config import default_paths, resources_dir
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.text import fold

PaperForm = Literal["original", "copy", "certified_copy", "original_or_certified_copy", "present_original"]
FORM_LABELS_VI: dict[str, str] = {
    "original": QT_TRANSLATE_NOOP("core", "Bản chính"),
    "copy": QT_TRANSLATE_NOOP("core", "Bản sao"),
    "certified_copy": QT_TRANSLATE_NOOP("core", "Bản sao có chứng thực"),
    "original_or_certified_copy": QT_TRANSLATE_NOOP("core", "Bản chính hoặc bản sao có chứng thực"),
    "present_original": QT_TRANSLATE_NOOP("core", "Xuất trình bản chính"),
}
ONLINE_LABELS_VI = {
    "full": QT_TRANSLATE_NOOP("core", "Trực tuyến toàn trình"),
    "partial": QT_TRANSLATE_NOOP("core", "Trực tuyến một phần"),
    "none": QT_TRANSLATE_NOOP("core", "Chỉ nộp trực tiếp"),
}


class _PaperIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    form: PaperForm
    count: int = Field(ge=1)
    required: bool = True


FeeAuthority = Literal["none", "central", "city_council"]
FEE_AUTHORITY_LABELS = {
    "none": QT_TRANSLATE_NOOP("core", "Không thu"),
    "central": QT_TRANSLATE_NOOP("core", "Mức thu do trung ương quy định"),
    "city_council": QT_TRANSLATE_NOOP("core", "Mức thu do HĐND Thành phố quy định"),
}
CODE_PATTERN = r"^[12]\.\d{6}$"  # the National Public Service Portal's procedure code, e.g. 1.004873


class _GuideIn(BaseModel):
    """What a volunteer needs to guide online filing of this procedure."""

    model_config = ConfigDict(extra="forbid")
    data_store: list[str] = []  # papers to pick from the portal's personal data store, not upload again
    vneid: str | None = None  # how to file in the VNeID app, where the procedure is offered there
    online_fee: str | None = None  # where the online fee differs from the counter's
    payment: str | None = None  # the payment step, wherever there is a fee
    volunteer_may: list[str] = Field(min_length=1)
    volunteer_must_not: list[str] = Field(min_length=1)


class _ProcedureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=1)
    field: str = Field(min_length=1)
    level: str
    processing_days: int = Field(ge=0)
    processing_note: str | None = None
    fee_vnd: int | None = Field(default=None, ge=0)
    fee_note: str = ""
    fee_authority: FeeAuthority
    fee_source: str = Field(min_length=1)
    verification_days: int | None = Field(default=None, ge=1)  # the longer time when verification is needed
    in_person: list[str] = []  # steps that need the citizen in person
    guide: _GuideIn
    papers: list[_PaperIn]
    online: Literal["full", "partial", "none"]
    online_prerequisites: list[str] = []
    online_steps: list[str] = []
    result: str
    legal_basis: str
    # Only where this procedure's retention differs from its field's (resources/retention.json).
    retention_years: int | None = Field(default=None, ge=1)
    # "Received after 15:00 counts from the next working day" belongs to particular procedures
    # (authentication under Decree 23/2015 art. 7, same-day civil status), not to all: null = none.
    cutoff: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")


class _CatalogFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    catalog_version: str
    note: str = ""
    procedures: list[_ProcedureIn]


@dataclass(frozen=True)
class Paper:
    name: str
    form: str
    count: int
    required: bool

    @property
    def form_label_vi(self) -> str:
        return FORM_LABELS_VI[self.form]


@dataclass(frozen=True)
class Guide:
    data_store: tuple[str, ...]
    vneid: str | None
    online_fee: str | None
    payment: str | None
    volunteer_may: tuple[str, ...]
    volunteer_must_not: tuple[str, ...]


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    field: str
    level: str
    processing_days: int
    fee_vnd: int | None
    fee_note: str
    papers: tuple[Paper, ...]
    online: str
    online_prerequisites: tuple[str, ...]
    online_steps: tuple[str, ...]
    result: str
    legal_basis: str
    retention_years: int | None
    processing_note: str | None = None
    cutoff: time | None = None
    fee_authority: str = "none"
    fee_source: str = ""
    verification_days: int | None = None
    in_person: tuple[str, ...] = ()
    guide: Guide | None = None

    @property
    def same_day(self) -> bool:
        return self.processing_days == 0

    @property
    def online_label_vi(self) -> str:
        return ONLINE_LABELS_VI[self.online]


# Codes this app shipped by mistake, and the procedure each dossier received under it really was (issue 11;
# sources in docs/catalog-sources.md). 1.013130 (residence confirmation, a police procedure) has no successor.
CORRECTED_CODES = {
    "1.012756": "1.013978",
    "1.012773": "1.013992",
    "1.012800": "1.012783",
    "1.005461": "1.004746",
    "1.012782": "1.013949",
    "1.012790": "1.012784",
    # catalog 2026.11-3: codes checked against the portal's and published decisions' lists
    "2.000644": "2.000575",  # re-issue of a household business certificate
    "2.000908": "2.000927",  # correcting an error in an authenticated transaction (2.000908: copy from the register)
    "2.001016": "2.001019",  # authenticating a will
    "2.001050": "2.000913",  # authenticating an amendment or cancellation of a transaction
    "2.001009": "2.001406",  # an agreement dividing an estate (2.001009: declaring an estate, no longer listed)
    "1.003005": "2.001263",  # domestic adoption (1.003005: adoption in a border area by a foreigner)
    "1.001695": "2.000986",  # the linked birth, residence and health-insurance registration for a child under 6
    "1.009994": "1.013225",  # building permits: the replacing procedures
    "1.009995": "1.013226",
    "1.009996": "1.013227",
    "1.009997": "1.013228",
    "1.010815": "1.010833",  # certifying a relative of a person with merit to the revolution
    "1.003554": "1.012812",  # mediating a land dispute
    "1.000775": "1.003622",  # notifying a commune-level festival
    "1.012761": "1.013831",  # registering a transfer, inheritance or gift of land-use rights
}
# Codes the shipped catalog used for another procedure than the portal does, and still lists under the portal's
# meaning: a dossier received before the corrected catalog shipped was received for the procedure given here (a
# code the catalog has, or the old name when the portal's code for it is not known).
CATALOG_CORRECTED_ON = date(2026, 11, 25)
REASSIGNED_CODES: dict[str, tuple[str | None, str]] = {
    "1.001266": ("1.001570", "Thông báo tạm ngừng, tiếp tục kinh doanh trước thời hạn của hộ kinh doanh"),
    "2.000575": ("1.001266", "Chấm dứt hoạt động hộ kinh doanh"),
    "2.001406": (None, "Chứng thực văn bản khai nhận di sản"),
}


def former_codes(code: str) -> list[str]:
    """The codes a ward may have recorded a value under (a fee, a retention period) before the catalog corrected
    them to `code`: the value follows the procedure."""
    return [old for old, new in CORRECTED_CODES.items() if new == code]


RETIRED_NAME = QT_TRANSLATE_NOOP("core", "Thủ tục {code} (không còn trong danh mục)")


def _stand_in(code: str, name: str | None = None) -> Procedure:
    return Procedure(
        code=code,
        name=RETIRED_NAME.format(code=code) if name is None else f"{name} ({code})",
        field="Khác",
        level="",
        processing_days=0,
        fee_vnd=None,
        fee_note="",
        papers=(),
        online="none",
        online_prerequisites=(),
        online_steps=(),
        result="",
        legal_basis="",
        retention_years=None,
    )


class Catalog:
    def __init__(self, procedures: list[Procedure], version: str) -> None:
        self.procedures = tuple(sorted(procedures, key=lambda p: (p.field, p.name)))
        self.version = version
        self._by_code = {p.code: p for p in procedures}

    def get(self, code: str) -> Procedure:
        """A procedure a new dossier may be received for."""
        try:
            return self._by_code[code]
        except KeyError:
            raise ValidationError(
                QT_TRANSLATE_NOOP("core", "Thủ tục không có trong danh mục."), "procedure_code"
            ) from None

    def for_record(self, code: str, received_at: datetime | None = None) -> Procedure:
        """The procedure of a dossier already on file, whatever catalog it was received under: a code the shipped
        catalog corrected leads to the procedure under its corrected code (one the portal uses for another
        procedure, to what it meant when the dossier was received); a code no catalog has any more (dropped, or
        replaced by an imported catalog) still opens, lists, prints and moves under a stand-in that names it."""
        if code in REASSIGNED_CODES and received_at is not None and to_local(received_at).date() < CATALOG_CORRECTED_ON:
            then, name = REASSIGNED_CODES[code]
            return (self._by_code.get(then) if then else None) or _stand_in(code, name)
        known = self._by_code.get(code) or self._by_code.get(CORRECTED_CODES.get(code, ""))
        return known or _stand_in(code)

    def fields(self) -> list[str]:
        return sorted({p.field for p in self.procedures})

    def by_field(self, field: str) -> list[Procedure]:
        return [p for p in self.procedures if p.field == field]

    def search(self, query: str, limit: int = 50) -> list[Procedure]:
        """Accent-insensitive by code or name; exact-accent, then prefix, then word matches."""
        q = query.strip()
        if not q:
            return list(self.procedures[:limit])
        fq = fold(q)
        ranked: list[tuple[int, Procedure]] = []
        for proc in self.procedures:
            name = fold(proc.name)
            if proc.code.startswith(q) or q.casefold() in proc.name.casefold():
                ranked.append((0, proc))
            elif name.startswith(fq):
                ranked.append((1, proc))
            elif all(word in name for word in fq.split()):
                ranked.append((2, proc))
        ranked.sort(key=lambda r: (r[0], len(r[1].name)))
        return [p for _, p in ranked[:limit]]


def _field_path(error: dict[str, object], data: object) -> str:
    """Name the failing field in words an IT person can find in the file."""
    parts: list[str] = []
    node = data
    for loc in error["loc"]:  # type: ignore[attr-defined]
        if isinstance(loc, int) and isinstance(node, list) and loc < len(node):
            node = node[loc]
            code = node.get("code") if isinstance(node, dict) else None
            parts.append(f"[{loc}]" + (f" (mã {code})" if code else ""))
        else:
            parts.append(f".{loc}" if parts else str(loc))
            node = node.get(loc) if isinstance(node, dict) else None
    return "".join(parts)


def _read_file(path: Path) -> _CatalogFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Tệp danh mục {file}: không đọc được JSON ({problem})."),
            "catalog",
            file=path.name,
            problem=exc,
        ) from None
    try:
        return _CatalogFile.model_validate(data)
    except PydanticError as exc:
        first = exc.errors()[0]
        where = _field_path(dict(first), data)
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Tệp danh mục {file}, trường {where}: {problem}."),
            "catalog",
            file=path.name,
            where=where,
            problem=first["msg"],
        ) from None


def _convert(p: _ProcedureIn) -> Procedure:
    return Procedure(
        code=p.code,
        name=p.name,
        field=p.field,
        level=p.level,
        processing_days=p.processing_days,
        fee_vnd=p.fee_vnd,
        fee_note=p.fee_note,
        papers=tuple(Paper(x.name, x.form, x.count, x.required) for x in p.papers),
        online=p.online,
        online_prerequisites=tuple(p.online_prerequisites),
        online_steps=tuple(p.online_steps),
        result=p.result,
        legal_basis=p.legal_basis,
        retention_years=p.retention_years,
        processing_note=p.processing_note,
        cutoff=time.fromisoformat(p.cutoff) if p.cutoff else None,
        fee_authority=p.fee_authority,
        fee_source=p.fee_source,
        verification_days=p.verification_days,
        in_person=tuple(p.in_person),
        guide=Guide(
            tuple(p.guide.data_store),
            p.guide.vneid,
            p.guide.online_fee,
            p.guide.payment,
            tuple(p.guide.volunteer_may),
            tuple(p.guide.volunteer_must_not),
        ),
    )


def load_catalog(path: Path | None = None) -> Catalog:
    """Load a catalog folder (every *.json in it) or one file, validating every entry."""
    source = path or resources_dir() / "catalog"
    files = sorted(source.glob("*.json")) if source.is_dir() else [source]
    if not files:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Thư mục danh mục {folder} không có tệp .json nào."),
            "catalog",
            folder=source.name,
        )
    procedures: dict[str, Procedure] = {}
    versions: set[str] = set()
    for file in files:
        parsed = _read_file(file)
        versions.add(parsed.catalog_version)
        for entry in parsed.procedures:
            if entry.online != "none" and not entry.online_steps:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("core", "Tệp danh mục {file}, thủ tục {code}: thiếu online_steps."),
                    "catalog",
                    file=file.name,
                    code=entry.code,
                )
            if (entry.fee_vnd or 0) > 0 and entry.fee_authority == "none":
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "core", "Tệp danh mục {file}, thủ tục {code}: có lệ phí nhưng thiếu cơ quan quy định mức thu."
                    ),
                    "catalog",
                    file=file.name,
                    code=entry.code,
                )
            if entry.code in procedures:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("core", "Tệp danh mục {file}: mã thủ tục {code} bị trùng."),
                    "catalog",
                    file=file.name,
                    code=entry.code,
                )
            procedures[entry.code] = _convert(entry)
    return Catalog(list(procedures.values()), "+".join(sorted(versions)))


def installed_dir() -> Path:
    return default_paths().data / "catalog"


@cache
def _cached(path: Path | None) -> Catalog:
    return load_catalog(path)


def default_catalog() -> Catalog:
    """The installed replacement if there is one, else the shipped catalog."""
    target = installed_dir()
    return _cached(target if target.is_dir() and any(target.glob("*.json")) else None)


def install_catalog(source: Path, target_dir: Path | None = None) -> Catalog:
    """Validate a replacement catalog, then (only then) copy it in place of the current one."""
    catalog = load_catalog(source)
    target = target_dir or installed_dir()
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for file in sorted(source.glob("*.json")) if source.is_dir() else [source]:
        shutil.copy2(file, staging / file.name)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    _cached.cache_clear()
    return catalog
