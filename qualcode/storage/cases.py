"""Cases (respondents) and their typed attributes."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from qualcode.domain.language import _
from qualcode.domain.models import Case
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from qualcode.storage.tables import CaseAttributeRow, CaseRow
from qualcode.storage.timestamps import utc_now

AttributeValue = str | int | float | bool | date | None


def ensure_case_in(session: Session, label: str) -> CaseRow:
    """The case with this label inside an open transaction, created when missing."""
    row = session.exec(select(CaseRow).where(CaseRow.label == label)).first()
    if row is None:
        row = CaseRow(label=label, created_at=utc_now())
        session.add(row)
        session.flush()
    return row


def _typed(value_type: str, value: str | None):
    if value is None:
        return None
    match value_type:
        case "integer":
            return int(value)
        case "number":
            return float(value)
        case "boolean":
            return value == "true"
        case _:
            return value


def _encode(value: AttributeValue) -> tuple[str, str | None]:
    match value:
        case None:
            return "text", None
        case bool():
            return "boolean", "true" if value else "false"
        case int():
            return "integer", str(value)
        case float():
            return "number", repr(value)
        case date():
            return "date", value.isoformat()
        case str():
            return "text", value
    raise ProjectError(_("unsupported attribute value {value!r}").format(value=value))


def list_cases(store: ProjectStore) -> list[Case]:
    with store.session() as session:
        attributes: dict[int, dict] = {}
        for row in session.exec(select(CaseAttributeRow).order_by(CaseAttributeRow.name)):
            attributes.setdefault(row.case_id, {})[row.name] = _typed(row.value_type, row.value)
        return [
            Case(id=row.id, label=row.label, attributes=attributes.get(row.id, {}))
            for row in session.exec(select(CaseRow).order_by(CaseRow.label))
        ]


def set_case_attributes(session: Session, label: str, attributes: dict[str, AttributeValue]) -> CaseRow:
    """Create or update one case and its attributes inside an open transaction."""
    case = ensure_case_in(session, label)
    for name, value in attributes.items():
        value_type, encoded = _encode(value)
        row = session.get(CaseAttributeRow, (case.id, name))
        if row is None:
            session.add(CaseAttributeRow(case_id=case.id, name=name, value_type=value_type, value=encoded))
        else:
            row.value_type, row.value = value_type, encoded
    return case
