"""The agreement table: one row per code, worst agreement first, then the pooled row; and a row worked out by hand."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from qualcode.agreement.coded_text import CodeAgreement
from qualcode.agreement.result import AgreementResult
from qualcode.domain.display_text import display_text
from qualcode.domain.models import Codebook
from qualcode.storage.consensus import SettlementCount
from qualcode.tui.screens.help_screen import HelpSection
from qualcode.tui.widgets.codebook_tree import code_colour
from qualcode.tui.widgets.measured_table import MeasuredTable
from qualcode.domain.language import _

POOLED_KEY = "*"
UNIT_NAMES = {"char": _("characters"), "turn": _("turns"), "paragraph": _("paragraphs"), "sentence": _("sentences")}
CHAR_NOTE = _("Neighbouring characters are not independent, so character-level intervals are too narrow; "
              "read them as a lower bound on the uncertainty.")
UNDEFINED = _("undef.")
CODE_WIDTH = 28
COLUMNS = ((_("code"), "code"), (_("units"), "units"), (_("both"), "both"), (_("only A"), "only-a"),
           (_("only B"), "only-b"), (_("neither"), "neither"), (_("agree %"), "percent"), ("κ", "kappa"),
           (_("κ 95% CI"), "interval"), ("α", "alpha"), (_("settled"), "settled"))
FORMULA = _("κ = (p_o − p_e) / (1 − p_e)    p_o = (both + neither) / units    α: Krippendorff's alpha, nominal\n"
            "p_e = ((both + only A)(both + only B) + (neither + only B)(neither + only A)) / units²    "
            "CI: bootstrap, seed 0")


def figure(result: AgreementResult) -> str:
    return UNDEFINED if result.value is None else f"{result.value:.3f}"


def percent(result: AgreementResult) -> str:
    return UNDEFINED if result.value is None else f"{result.value * 100:.1f}"


def interval(row: CodeAgreement) -> str:
    if row.interval is None or not row.interval.defined:
        return UNDEFINED
    return f"{row.interval.low:.3f} – {row.interval.high:.3f}"


def settled(count: SettlementCount | None) -> str:
    if count is None:
        return ""
    return "–" if count.disagreements == 0 else f"{count.settled}/{count.disagreements}"


def row_cells(row: CodeAgreement, label: Text, count: SettlementCount | None) -> list[Text]:
    """The cells of a two-coder row in the order of ``COLUMNS``, figures right-aligned."""
    pair = row.pair
    counts = pair.counts
    figures = [str(counts.units), str(counts.both), str(counts.only_a), str(counts.only_b), str(counts.neither),
               percent(pair.percent_agreement), figure(pair.kappa), interval(row), figure(pair.alpha),
               settled(count)]
    return [label, *(Text(cell, justify="right") for cell in figures)]


def worked_kappa(row: CodeAgreement, name: str) -> Text:
    """The row's p_o, p_e and kappa with its own counts filled into the formulas, so it can be checked by hand."""
    counts, kappa = row.pair.counts, row.pair.kappa
    text = Text()
    text.append(f"{name}\n", style="bold")
    units = counts.units
    if units == 0:
        text.append(f"κ {UNDEFINED}: {kappa.reason}")
        return text
    coded_a, coded_b = counts.both + counts.only_a, counts.both + counts.only_b
    not_a, not_b = counts.neither + counts.only_b, counts.neither + counts.only_a
    observed = (counts.both + counts.neither) / units
    expected = (coded_a * coded_b + not_a * not_b) / units ** 2
    text.append(f"p_o = ({counts.both} + {counts.neither}) / {units} = {observed:.4f}    "
                f"p_e = ({coded_a}·{coded_b} + {not_a}·{not_b}) / {units}² = {expected:.4f}\n")
    if kappa.value is None:
        text.append(f"κ {UNDEFINED}: {kappa.reason}")
    else:
        text.append(f"κ = ({observed:.4f} − {expected:.4f}) / (1 − {expected:.4f}) = {kappa.value:.4f}")
    alpha = row.pair.alpha
    text.append(f"    α = {alpha.value:.4f}" if alpha.value is not None else f"    α {UNDEFINED}: {alpha.reason}")
    return text


def without_cursor_keys(sections: Sequence[HelpSection]) -> list[HelpSection]:
    """Help sections without a data table's cursor keys (arrows, page up, …); sections left empty are dropped."""
    moving = {binding.description for kind in DataTable.__mro__ for binding in getattr(kind, "BINDINGS", [])
              if isinstance(binding, Binding) and kind is not AgreementTable}
    kept = [HelpSection(section.title, tuple(row for row in section.rows if row[1] not in moving))
            for section in sections]
    return [section for section in kept if section.rows]


def code_label(codebook: Codebook, row: CodeAgreement) -> Text:
    label = Text()
    if row.code_id is None:
        label.append("* " + _("pooled (all codes)"), style="bold")
        return label
    code = codebook.code_by_id(row.code_id)
    name = display_text(code.name if code else row.code)
    label.append("▌", style=code_colour(codebook, code) if code else "")
    label.append(name if len(name) < CODE_WIDTH else name[:CODE_WIDTH - 2] + "…")
    return label


class AgreementTable(MeasuredTable):
    """Rows keyed by code id (the pooled row by ``*``); ``enter`` asks the screen for the code's disagreements."""

    BINDINGS = [Binding("enter", "screen.open_disagreements", _("Disagreements"), id="agreement-table.disagreements",
                        tooltip=_("List the highlighted code's disagreements side by side and settle them."))]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for heading, key in COLUMNS:
            self.add_column(heading if key == "code" else Text(heading, justify="right"), key=key)

    def show_rows(self, codebook: Codebook, rows: Sequence[CodeAgreement], pooled: CodeAgreement,
                  settled_counts: dict[int, SettlementCount]) -> None:
        """Replace the rows, keeping the cursor on the code it was on."""
        current = self.highlighted_key
        self.clear()
        for row in rows:
            self.add_row(*row_cells(row, code_label(codebook, row), settled_counts.get(row.code_id)),
                         key=str(row.code_id))
        self.add_row(*row_cells(pooled, code_label(codebook, pooled), None), key=POOLED_KEY)
        if current is not None:
            self.move_cursor(row=self.get_row_index(current) if current in self.rows else 0)

    @property
    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor: a code id as text, or ``*``."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
