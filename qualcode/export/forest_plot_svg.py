"""The forest plot of the agreement report: κ per code with its bootstrap interval, as inline SVG text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from qualcode.domain.language import _

WIDTH = 680
LABEL_WIDTH = 250
VALUE_WIDTH = 130
ROW_HEIGHT = 20
TOP = 28
BOTTOM = 34
REFERENCE_LINES = (0.0, 0.4, 0.6, 0.8)
"""Where the vertical guides are drawn: no agreement, and the upper bounds of three Landis & Koch bands."""


@dataclass(frozen=True)
class ForestRow:
    """One line of the plot: a label, κ and its interval (None where undefined); ``pooled`` draws a diamond."""

    label: str
    kappa: float | None
    low: float | None
    high: float | None
    pooled: bool = False


def forest_plot_svg(rows: Sequence[ForestRow]) -> str:
    """An ``<svg>`` element: one row per code, the pooled row last, κ on a shared axis."""
    lowest = min([0.0, *(value for row in rows for value in (row.kappa, row.low) if value is not None)])
    left_edge = math.floor(lowest * 5) / 5  # down to a multiple of 0.2
    plot_left, plot_right = LABEL_WIDTH, WIDTH - VALUE_WIDTH
    height = TOP + ROW_HEIGHT * len(rows) + BOTTOM

    def x(value: float) -> float:
        return plot_left + (value - left_edge) / (1 - left_edge) * (plot_right - plot_left)

    label = escape(_("Cohen’s kappa per code with its 95% bootstrap interval"))
    axis_title = escape(_("κ (95% interval)"))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="forest-plot" viewBox="0 0 {WIDTH} {height}" '
             f'width="{WIDTH}" height="{height}" role="img" aria-label="{label}">']
    parts.append(f'<text x="{plot_left}" y="14" class="axis-title">{axis_title}</text>')
    axis_y = TOP + ROW_HEIGHT * len(rows)
    tick = left_edge
    while tick <= 1.0001:
        style = "guide zero" if abs(tick) < 1e-9 else "guide"
        parts.append(f'<line x1="{x(tick):.1f}" y1="{TOP - 4}" x2="{x(tick):.1f}" y2="{axis_y}" class="{style}"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{axis_y + 14}" class="tick">{tick:.1f}</text>')
        tick = round(tick + 0.2, 10)
    for index, row in enumerate(rows):
        middle = TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2
        label_class = "label pooled" if row.pooled else "label"
        parts.append(f'<text x="{plot_left - 8}" y="{middle + 4:.1f}" class="{label_class}">{escape(row.label)}</text>')
        if row.low is not None and row.high is not None:
            parts.append(f'<line x1="{x(row.low):.1f}" y1="{middle:.1f}" x2="{x(row.high):.1f}" y2="{middle:.1f}" '
                         'class="interval"/>')
        if row.kappa is None:
            value_text = _("undefined")
        elif row.pooled:
            centre = x(row.kappa)
            parts.append(f'<polygon points="{centre - 6:.1f},{middle:.1f} {centre:.1f},{middle - 6:.1f} '
                         f'{centre + 6:.1f},{middle:.1f} {centre:.1f},{middle + 6:.1f}" class="point pooled"/>')
            value_text = _interval_text(row)
        else:
            parts.append(f'<rect x="{x(row.kappa) - 4:.1f}" y="{middle - 4:.1f}" width="8" height="8" class="point"/>')
            value_text = _interval_text(row)
        parts.append(f'<text x="{plot_right + 8}" y="{middle + 4:.1f}" class="value">{escape(value_text)}</text>')
    parts.append(f'<line x1="{plot_left}" y1="{axis_y}" x2="{plot_right}" y2="{axis_y}" class="axis"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _interval_text(row: ForestRow) -> str:
    if row.low is None or row.high is None:
        return f"{row.kappa:.3f}"
    return f"{row.kappa:.3f} [{row.low:.3f}, {row.high:.3f}]"
