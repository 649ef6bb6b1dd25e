"""The reports screen's choices in words: whose codings count, the settings line and the summary above the tabs."""

from __future__ import annotations

from rich.text import Text

from qualcode.domain.language import _, ngettext
from qualcode.domain.models import Unit
from qualcode.export.frequencies import Measure, missing_values, missing_values_text
from qualcode.storage.consensus import DEFAULT_CONSENSUS
from qualcode.tui.report_data import Reports, measure_label
from qualcode.tui.settings_line import settings_line

UNITS: tuple[Unit, ...] = ("turn", "paragraph", "sentence")
BYS = ("document", "case", "attribute")


def counted_coders(counting: str | None, coder: str) -> list[str] | None:
    """The coders whose codings count ("consensus", "mine" or "all"; None counts all of them)."""
    return {"consensus": [DEFAULT_CONSENSUS], "all": None}.get(counting, [coder])


def counting_label(counting: str | None, coder: str) -> str:
    """Whose codings count, as the settings line says it."""
    return {"consensus": DEFAULT_CONSENSUS, "all": _("all coders")}.get(counting, coder)


def report_settings(counting: str | None, coder: str, unit: Unit, measure: Measure, by: str, attribute: str | None,
                    width: int) -> Text:
    """The line of keys and the current choices: counting, unit, measure, columns, export and figure."""
    columns = f"{attribute}" if by == "attribute" else measure_label(f"{by}s", unit).lower()
    if measure == "units":
        measured = _("{units} coded").format(units=measure_label("units", unit).lower())
    else:
        measured = measure_label(measure, unit).lower()
    unit_name = {"turn": _("turn"), "paragraph": _("paragraph"), "sentence": _("sentence")}.get(unit, unit)
    return settings_line(
        (("v", _("counting"), counting_label(counting, coder)), ("s", _("unit"), unit_name),
         ("m", _("measure"), measured), ("b", _("columns"), columns), ("e", _("export"), ""),
         ("g", _("figure"), "")), gap="   ", width=width)


def report_summary(reports: Reports, counting: str | None, coder: str) -> str:
    """How many documents and cases are counted, whose codings, and which are missing from a case matrix."""
    report = reports.frequencies
    cases = {doc.case for doc in report.documents if doc.case}
    if counting == "consensus":
        whose = _("counting the consensus coder ({name})").format(name=DEFAULT_CONSENSUS)
    elif counting == "all":
        whose = _("counting all coders added together: {names}").format(names=", ".join(report.coders))
    else:
        whose = _("counting coder {name} (you)").format(name=coder)
    if not report.documents:
        return _("No coded document yet, {counting}: v counts others.").format(counting=whose)
    summary = _("{documents}, {cases} · {counting} · units: {units}").format(
        documents=ngettext("{count} coded document", "{count} coded documents", len(report.documents)).format(
            count=len(report.documents)),
        cases=ngettext("{count} case", "{count} cases", len(cases)).format(count=len(cases)),
        counting=whose, units=measure_label("units", report.unit).lower())
    if reports.matrix.by in ("case", "attribute"):
        attribute = reports.matrix.attribute
        missing = missing_values(report, attribute)
        if missing.without_case or missing.without_value:
            summary += " · " + missing_values_text(missing, attribute) + (
                _(" (C in the workbench's document list sets a case)") if missing.without_case else "")
    return summary
