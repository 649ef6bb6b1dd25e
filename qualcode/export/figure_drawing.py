"""Thesis figures drawn with matplotlib (Agg, no pyplot state): sized for an A4 text column, SVG, PNG or PDF.

Text stays text in SVG (``svg.fonttype: none``) and fonts are embedded as TrueType in PDF
(``pdf.fonttype: 42``). Bars take the codebook's colours when they stand out on white
(contrast at least 3:1, WCAG's bar for graphics), else the Okabe–Ito colour-blind-safe colour
of the code's group; series and heat maps use Okabe–Ito and cividis. Every drawn number is
also written as text beside its mark, so the figure can be read (and checked) exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from qualcode.domain.language import _
from qualcode.domain.models import Code, Codebook
from qualcode.export.atomic_files import ExportError, check_folders, write_files
from qualcode.export.figure_data import Bars, FigureData, HeatMap, KappaPlot, measure_name

FIGURE_SUFFIXES = (".svg", ".png", ".pdf")
COLUMN_WIDTH_INCHES = 6.3
"""An A4 page's text column (16 cm between 2.5 cm margins)."""
ROW_INCHES = 0.24
PNG_DPI = 300
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Okabe & Ito (2008), a palette told apart with every common colour-vision deficiency."""
READABLE_CONTRAST = 3.0
STYLE = {
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "qualcode",
    "path.simplify": False,
}


METADATA = {"svg": {"Creator": "qualcode", "Date": None}, "pdf": {"Creator": "qualcode", "CreationDate": None},
            "png": {"Software": "qualcode"}}
"""No dates: the same figure drawn twice gives the same file."""


def check_figure_path(path: Path) -> None:
    if path.suffix.lower() not in FIGURE_SUFFIXES:
        raise ExportError(_("cannot write {path}: a figure is .svg, .png or .pdf, not {suffix}").format(
            path=path, suffix=path.suffix or _("a name without an extension")))


def write_figure(data: FigureData, path: Path) -> Path:
    """Draw ``data`` into ``path`` (its suffix chooses SVG, PNG or PDF), atomically; ExportError on failure."""
    check_figure_path(path)
    check_folders([path])
    file_format = path.suffix.lower().lstrip(".")
    with matplotlib.rc_context(STYLE):
        drawer: Callable[[Figure, FigureData], None] = {
            "frequencies": _bars, "matrix": _heat_map, "cooccurrence": _heat_map, "agreement": _kappas,
        }[data.kind]
        figure = Figure(figsize=(COLUMN_WIDTH_INCHES, _height(data)), layout="constrained")
        FigureCanvasAgg(figure)
        drawer(figure, data)

        def fill(temporary: Path) -> None:
            with matplotlib.rc_context(STYLE):
                figure.savefig(temporary, format=file_format, dpi=PNG_DPI, metadata=METADATA[file_format])

        return write_files([(path, fill)])[0]


def _height(data: FigureData) -> float:
    """Inches: enough for every row's label at 7 pt, at most a page's text height."""
    content = data.content
    if isinstance(content, KappaPlot):
        rows = len(content.rows)
    elif isinstance(content, Bars):
        rows = len(content.codes) * max(1.0, 0.6 * len(content.series))
    else:
        rows = len(content.rows) + 4
    return min(9.0, max(2.4, 1.1 + ROW_INCHES * rows))


def bar_colours(codebook: Codebook, codes: list[Code]) -> list[str]:
    """One colour per code: the codes' own colours when every one stands out on white, else their groups'
    when every group's does, else each group's Okabe–Ito colour, so the bars never mix the three schemes."""
    group_index = {group.id: index for index, group in enumerate(codebook.groups)}
    groups = {group.id: group for group in codebook.groups}
    own = [code.colour or groups[code.group_id].colour for code in codes]
    if all(colour and _contrast_on_white(colour) >= READABLE_CONTRAST for colour in own):
        return own
    by_group = [groups[code.group_id].colour for code in codes]
    if all(colour and _contrast_on_white(colour) >= READABLE_CONTRAST for colour in by_group):
        return by_group
    return [OKABE_ITO[group_index[code.group_id] % len(OKABE_ITO)] for code in codes]


def _contrast_on_white(colour: str) -> float:
    try:
        channels = to_rgb(colour)
    except ValueError:
        return 0.0
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def _bars(figure: Figure, data: FigureData) -> None:
    bars: Bars = data.content
    axes = figure.add_subplot()
    codes = list(bars.codes)
    series = len(bars.series)
    height = 0.8 / series
    widest = max((value for values in bars.values for value in values), default=0) or 1
    for index, name in enumerate(bars.series):
        positions = [row + (index - (series - 1) / 2) * height for row in range(len(codes))]
        values = [values[index] for values in bars.values]
        colours = (bar_colours(data.codebook, codes) if series == 1
                   else OKABE_ITO[index % len(OKABE_ITO)])
        drawn = axes.barh(positions, values, height=height * 0.92, color=colours, label=name or None)
        axes.bar_label(drawn, labels=[str(value) for value in values], padding=2, fontsize=6)
    axes.set_yticks(range(len(codes)), [code.name for code in codes])
    axes.invert_yaxis()
    axes.set_xlim(0, widest * 1.12)
    axes.set_xlabel(measure_name(bars.measure))
    axes.set_title(_("Code frequencies") + "\n" + data.subtitle, loc="left")
    if series > 1:
        axes.legend(frameon=False, fontsize=7, loc="lower right")
    else:
        _group_legend(axes, data.codebook, codes, bar_colours(data.codebook, codes))
    _group_separators(axes, data.codebook, codes)


def _group_legend(axes, codebook: Codebook, codes: list[Code], colours: list[str]) -> None:
    """Name the groups when the bars are coloured by group (one colour per group)."""
    first = {}
    for code, colour in zip(codes, colours):
        first.setdefault(code.group_id, colour)
    if len(set(first.values())) != len(first) or len(set(colours)) != len(first):
        return  # the codes' own colours: the labels name them
    names = {group.id: group.name for group in codebook.groups}
    handles = [Patch(color=colour, label=names[group_id]) for group_id, colour in first.items()]
    axes.legend(handles=handles, frameon=False, fontsize=7, loc="lower right")


def _group_separators(axes, codebook: Codebook, codes: list[Code]) -> None:
    """A thin line between codebook groups, so the bars read in their groups."""
    for index in range(1, len(codes)):
        if codes[index].group_id != codes[index - 1].group_id:
            axes.axhline(index - 0.5, color="#bbbbbb", linewidth=0.6)


def _heat_map(figure: Figure, data: FigureData) -> None:
    heat: HeatMap = data.content
    axes = figure.add_subplot()
    values = [list(row) for row in heat.values] or [[0]]
    top = max((value for row in values for value in row), default=0) or 1
    image = axes.pcolormesh(values, cmap="cividis_r", vmin=0, vmax=top, edgecolors="white", linewidth=0.5)
    colormap = image.cmap  # a mesh of vector cells, not a bitmap: sharp in print, text stays text
    for row_index, row in enumerate(heat.values):
        for column_index, value in enumerate(row):
            red, green, blue, _alpha = colormap(value / top)
            dark = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5
            axes.text(column_index + 0.5, row_index + 0.5, str(value), ha="center", va="center", fontsize=6,
                      color="white" if dark else "black")
    axes.set_yticks([index + 0.5 for index in range(len(heat.rows))], [code.name for code in heat.rows])
    axes.set_xticks([index + 0.5 for index in range(len(heat.columns))], list(heat.columns),
                    rotation=45 if data.kind == "cooccurrence" else 0,
                    ha="right" if data.kind == "cooccurrence" else "center")
    axes.invert_yaxis()
    axes.tick_params(length=0)
    for side in ("left", "bottom"):
        axes.spines[side].set_visible(False)
    if heat.column_label:
        axes.set_xlabel(heat.column_label)
    title = _("Codes by {columns}").format(columns=heat.column_label.lower()) if data.kind == "matrix" else _(
        "Co-occurrence of codes")
    axes.set_title(title + "\n" + data.subtitle, loc="left")
    colour_bar = figure.colorbar(image, ax=axes, label=heat.value_label, shrink=0.6)
    colour_bar.solids.set_rasterized(False)  # matplotlib rasterizes long colour bars; keep the SVG all vector


def _kappas(figure: Figure, data: FigureData) -> None:
    plot: KappaPlot = data.content
    axes = figure.add_subplot()
    lowest = min([0.0, *(value for row in plot.rows for value in (row.kappa, row.low) if value is not None)])
    for band in (0.4, 0.6, 0.8):
        axes.axvline(band, color="#bbbbbb", linewidth=0.6, linestyle=(0, (3, 3)))
    axes.axvline(0, color="#777777", linewidth=0.8)
    labels, values = [], []
    for index, row in enumerate(plot.rows):
        labels.append(row.label)
        if row.kappa is None:
            values.append(_("undefined"))
            continue
        if row.low is not None and row.high is not None:
            axes.plot([row.low, row.high], [index, index], color="#222222", linewidth=1.1)
        axes.plot([row.kappa], [index], marker="D" if row.pooled else "s", markersize=6 if row.pooled else 4.5,
                  color=OKABE_ITO[0] if row.pooled else "#222222", linestyle="none")
        values.append(f"{row.kappa:.3f}" if row.low is None else f"{row.kappa:.3f} [{row.low:.3f}, {row.high:.3f}]")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_ylim(len(labels) - 0.5, -0.5)
    # The figures as tick labels of a right-hand axis, so that the layout makes room for them.
    numbers = axes.twinx()
    numbers.set_ylim(len(labels) - 0.5, -0.5)
    numbers.set_yticks(range(len(values)), values)
    numbers.tick_params(length=0)
    numbers.spines["right"].set_visible(False)
    for ticks in (axes.get_yticklabels(), numbers.get_yticklabels()):
        for tick, row in zip(ticks, plot.rows):
            if row.pooled:
                tick.set_fontweight("bold")
    axes.set_xlim(min(lowest, 0.0) - 0.02, 1.02)
    axes.set_xlabel(_("Cohen's κ with 95% bootstrap interval"))
    axes.set_title(_("Agreement per code") + "\n" + data.subtitle, loc="left")
