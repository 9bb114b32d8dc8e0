"""People on a dossier besides the applicant: the second party where a procedure has two (marriage
registration: both spouses), an authorised representative who files for the citizen, and whoever
collected the result. Kept on the dossier row as small JSON documents (one column each)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

from counter_app.catalog import Procedure
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.identity import normalize_name, normalize_phone, validate_citizen_id
from counter_app.text import fold

# Procedures with two parties who both appear and are both named on the forms.
_TWO_PARTY_NAMES = ("dang ky ket hon", "dang ky lai ket hon")


@dataclass(frozen=True)
class Party:
    full_name: str
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    relation: str | None = None  # representative / collector: their relation or authorisation

    def cleaned(self, needs_relation: bool = False) -> Party:
        """Names and numbers in stored form; a clear Vietnamese error for what is wrong."""
        relation = (self.relation or "").strip() or None
        if needs_relation and relation is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("core", "Ghi rõ quan hệ hoặc giấy ủy quyền của người được ủy quyền."), "relation"
            )
        return replace(
            self,
            full_name=normalize_name(self.full_name),
            id_number=validate_citizen_id(self.id_number) if self.id_number else None,
            phone=normalize_phone(self.phone) if self.phone else None,
            address=(self.address or "").strip() or None,
            relation=relation,
        )

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v}, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(value: str | None) -> Party | None:
        return Party(**json.loads(value)) if value else None


def needs_two_applicants(procedure: Procedure) -> bool:
    return fold(procedure.name).startswith(_TWO_PARTY_NAMES)
