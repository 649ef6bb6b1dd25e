"""The agreement report as one self-contained HTML page: inline CSS and SVG, no script, styled for print.

Every figure cell carries its exact value in ``data-value`` (empty when undefined) beside the
rounded text a reader sees, so the page can be checked against ``qualcode agreement --format json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

from qualcode.agreement.coded_text import CodeAgreement
from qualcode.agreement.disagreements import Disagreement
from qualcode.agreement.result import AgreementResult
from qualcode.domain.language import _
from qualcode.domain.turn_time import clock_text
from qualcode.export.agreement_report import AgreementReport, CodeDisagreements, PlacedDisagreement, unit_name
from qualcode.export.forest_plot_svg import ForestRow, forest_plot_svg

SAFE_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|[a-zA-Z]{1,30}")


def _band_labels() -> tuple[tuple[str, str], ...]:
    return (("< 0.00", _("Poor")), ("0.00–0.20", _("Slight")), ("0.21–0.40", _("Fair")),
            ("0.41–0.60", _("Moderate")), ("0.61–0.80", _("Substantial")), ("0.81–1.00", _("Almost perfect")))


def _choice_text(choice: str) -> str:
    return {"a": _("took A's coding"), "b": _("took B's coding"), "both": _("took both codings"),
            "neither": _("took neither coding")}[choice]



REFERENCES = (
    "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological "
    "Measurement, 20(1), 37–46.",
    "Efron, B., & Tibshirani, R. J. (1993). An introduction to the bootstrap. Chapman & Hall.",
    "Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of high agreement. "
    "British Journal of Mathematical and Statistical Psychology, 61(1), 29–48.",
    "Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). Sage.",
    "Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for Communication, "
    "University of Pennsylvania.",
    "Landis, J. R., & Koch, G. G. (1977). The measurement of observer agreement for categorical data. "
    "Biometrics, 33(1), 159–174.",
)

STYLE = """
:root { --ink: #1d1d1f; --muted: #5b5b60; --rule: #c9c9ce; --a: #0b63a8; --b: #b3541e; --soft: #f3f3f5; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.8em 0 .5em; border-bottom: 1px solid var(--rule); padding-bottom: .2em; }
h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
p.lead { color: var(--muted); margin: 0 0 1em; }
.badge { display: inline-block; padding: .1em .55em; border: 1px solid var(--rule); border-radius: .3em;
         font-size: .9em; background: var(--soft); }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
th, td { padding: .25em .45em; vertical-align: top; }
thead th { border-bottom: 1.5px solid var(--ink); text-align: right; font-weight: 600; }
thead th:first-child { text-align: left; }
tbody td { border-bottom: 1px solid var(--rule); }
table.facts th { text-align: left; font-weight: 600; width: 12em; color: var(--muted); border: none; }
table.facts td { border: none; }
table.bands { width: auto; font-size: 9pt; }
table.bands th, table.bands td { text-align: left; padding-right: 1.5em; }
table.figures { font-size: 9pt; font-variant-numeric: tabular-nums; }
table.figures td { text-align: right; white-space: nowrap; }
table.figures td.code { text-align: left; white-space: normal; }
table.figures tr.pooled td { border-top: 1.5px solid var(--ink); font-weight: 600; }
.key { display: block; color: var(--muted); font-size: .85em; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: .15em; margin-right: .35em;
          vertical-align: -.05em; }
.pooled-result { display: flex; flex-wrap: wrap; gap: .6rem 2rem; margin: .5em 0 1em; }
.pooled-result div { min-width: 8rem; }
.pooled-result .number { font-size: 1.6em; font-weight: 600; display: block; }
.pooled-result .what { color: var(--muted); font-size: .9em; }
.fingerprint { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; word-break: break-all; }
.forest-plot { max-width: 100%; height: auto; font-size: 11px; }
.forest-plot .label { text-anchor: end; fill: var(--ink); }
.forest-plot .label.pooled, .forest-plot .value.pooled { font-weight: 700; }
.forest-plot .value { fill: var(--ink); font-variant-numeric: tabular-nums; }
.forest-plot .tick { text-anchor: middle; fill: var(--muted); }
.forest-plot .axis-title { fill: var(--muted); }
.forest-plot .guide { stroke: var(--rule); stroke-width: 1; stroke-dasharray: 3 3; }
.forest-plot .guide.zero { stroke: var(--muted); stroke-dasharray: none; }
.forest-plot .axis { stroke: var(--muted); }
.forest-plot .interval { stroke: var(--ink); stroke-width: 1.5; }
.forest-plot .point { fill: var(--ink); }
.forest-plot .point.pooled { fill: var(--a); }
.formula { font-family: "DejaVu Serif", Georgia, serif; background: var(--soft); padding: .4em .7em; margin: .3em 0;
           border-radius: .3em; }
.convention { color: var(--muted); }
.disagreement { border: 1px solid var(--rule); border-radius: .35em; margin: .6em 0 .9em; padding: .45em .6em; }
.disagreement header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .2em 1em;
                       font-size: .92em; color: var(--muted); margin-bottom: .35em; }
.disagreement .where { color: var(--ink); font-weight: 600; }
.settled { color: #1e6b34; }
.open { color: #8a4b00; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: .6em; }
.side h4 { margin: 0 0 .2em; font-size: .88em; font-weight: 600; }
.side.a h4 { color: var(--a); }
.side.b h4 { color: var(--b); }
.side blockquote { margin: 0; padding: .3em .5em; background: var(--soft); border-radius: .25em; font-size: .95em; }
.side.a mark { background: #cfe3f6; color: inherit; border-bottom: 2px solid var(--a); }
.side.b mark { background: #f8dcc8; color: inherit; border-bottom: 2px solid var(--b); }
.side .region { outline: 1px dashed var(--muted); outline-offset: 1px; }
.nothing { color: var(--muted); font-style: italic; font-size: .9em; }
pre.command { white-space: pre-wrap; word-break: break-all; background: var(--soft); padding: .5em .7em;
              border-radius: .3em; font-size: .9em; }
ol.references { font-size: .92em; }
footer.notes { color: var(--muted); font-size: .9em; }
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  section.disagreements { break-before: page; }
  .disagreement, table.facts, .pooled-result, .forest-plot, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def agreement_html(report: AgreementReport, output_name: str) -> str:
    """The whole page; ``output_name`` is the file name the reproducing command writes to."""
    coder_a, coder_b = (coder.name for coder in report.figures.scope.coders)
    title = _("Inter-coder agreement: {a} and {b}").format(a=coder_a, b=coder_b)
    lead = _("Project {project} · made {date} with qualcode {version}").format(
        project=report.project, date=report.made_at.strftime("%Y-%m-%d %H:%M UTC"), version=report.qualcode_version)
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="lead">{escape(lead)}</p>',
        _pseudonymised(report),
        _compared(report),
        _pooled_result(report),
        _code_table(report),
        _forest_plot(report),
        _conventions(),
        _formulas(report),
        _disagreements(report),
        _reproduce(report, output_name),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


# --- the first page ------------------------------------------------------------------------------------


def _pseudonymised(report: AgreementReport) -> str:
    if report.pseudonymised:
        text = _("Pseudonymised: names of people, places and organisations in the quotes are replaced.")
    else:
        text = _("Not pseudonymised: the quotes are the interview text as stored in the project.")
    return f'<p><span class="badge" data-pseudonymised="{str(report.pseudonymised).lower()}">{escape(text)}</span></p>'


def _compared(report: AgreementReport) -> str:
    scope, choice = report.figures.scope, report.choice
    coder_a, coder_b = scope.coders
    words = escape(_("words"))
    documents = "".join(
        f"<li>{escape(document.name)}{escape(f' ({document.case})') if document.case else ''}: "
        f'<span data-words="{document.words}">{document.words:,}</span> {words}</li>'
        for document in report.documents)
    total_words = sum(document.words for document in report.documents)
    if choice.min_overlap is None:
        overlap = _("any overlap") if scope.unit != "char" else _("not used with characters")
    else:
        overlap = _("codings cover at least {share} of a unit").format(share=f"{choice.min_overlap * 100:g}%")
    how = _("every document both coders coded in") if not choice.documents else _("chosen by name")
    facts = [
        (_("Project"), escape(report.project)),
        (_("Coder A"), escape(coder_a.name)),
        (_("Coder B"), escape(coder_b.name)),
        (_("Documents"), f"{len(report.documents)} ({escape(how)}), {total_words:,} {words}"
                         f"<ul>{documents}</ul>"),
        (_("Unit"), escape(unit_name(scope.unit))),
        (_("Minimum overlap"), escape(overlap)),
        (_("Codes compared"), str(len(report.figures.agreement.rows))),
        (_("Date"), escape(report.made_at.strftime("%Y-%m-%d %H:%M UTC"))),
        (_("qualcode version"), escape(report.qualcode_version)),
        (_("Bootstrap"), escape(_("percentile, {resamples} resamples, seed {seed}").format(
            resamples=_resamples(report), seed=choice.seed))),
        (_("Fingerprint"), f'<span class="fingerprint" data-fingerprint="{report.fingerprint}">'
                           f"{_grouped(report.fingerprint)}</span><br><small>"
                           + escape(_("SHA-256 of the compared texts and codings: two reports with the same "
                                      "fingerprint compared exactly the same codings.")) + "</small>"),
    ]
    rows = "".join(f"<tr><th>{escape(label)}</th><td>{value}</td></tr>" for label, value in facts)
    notes = "".join(f"<li>{escape(note)}</li>" for note in report.notes)
    title = escape(_("What was compared"))
    return (f'<section class="compared"><h2>{title}</h2>'
            f'<table class="facts">{rows}</table>' + (f"<ul class=\"notes\">{notes}</ul>" if notes else "")
            + "</section>")


def _pooled_result(report: AgreementReport) -> str:
    pooled = report.pooled
    pair = pooled.pair
    items = [
        (_("Cohen's κ"), _value("kappa", pair.kappa.value, 3), _("95% interval {interval}").format(
            interval=_interval_plain(pooled))),
        (_("Krippendorff's α"), _value("alpha", pair.alpha.value, 3), _("nominal")),
        (_("Gwet's AC1"), _value("ac1", pair.ac1.value, 3), ""),
        (_("Agreement"), _value("percent_agreement", pair.percent_agreement.value, 1, percent=True),
         _("{agreeing} of {units} units").format(agreeing=f"{pair.counts.both + pair.counts.neither:,}",
                                                   units=f"{pair.counts.units:,}")),
    ]
    blocks = "".join(f'<div><span class="number">{number}</span><span class="what">{escape(what)}</span>'
                     f'{"<br><span class=what>" + escape(detail) + "</span>" if detail else ""}</div>'
                     for what, number, detail in items)
    explanation = _("Pooled over every code: each code–unit pair is one unit, so the counts below add up the "
                    "per-code counts.")
    title = escape(_("Pooled result"))
    return (f'<section class="pooled" data-code="*"><h2>{title}</h2>'
            f'<div class="pooled-result">{blocks}</div><p class="convention">{escape(explanation)}</p></section>')


def _code_table(report: AgreementReport) -> str:
    headings = [_("Code"), _("Units"), _("Both"), _("Only A"), _("Only B"), _("Neither"), _("Agreement"),
                _("κ"), _("κ 95% interval"), _("α"), _("AC1")]
    head = "".join(f"<th>{escape(heading)}</th>" for heading in headings)
    rows = [_figure_row(report, row) for row in report.rows] + [_figure_row(report, report.pooled)]
    reasons = _undefined_reasons([*report.rows, report.pooled], report)
    notes = ("<ol class=\"undefined\">" + "".join(f"<li>{escape(reason)}</li>" for reason in reasons) + "</ol>"
             if reasons else "")
    intro = _("Worst agreement (lowest κ) first; the pooled row last. Undefined values are marked and explained "
              "below the table, never shown as 0, as are intervals that rest on few coded units.")
    title = escape(_("Agreement per code"))
    return (f'<section class="per-code"><h2>{title}</h2><p class="convention">'
            f'{escape(intro)}</p><table class="figures"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
            f"</tbody></table>{notes}</section>")


def _figure_row(report: AgreementReport, row: CodeAgreement) -> str:
    counts, pair = row.pair.counts, row.pair
    if row.code_id is None:
        label, css, code = escape(_("Pooled (all codes)")), "pooled", "*"
    else:
        code_entry = report.code_of(row)
        colour = _colour(report, code_entry)
        label = (f'<span class="swatch" style="background:{colour}"></span>{escape(code_entry.name)}'
                 f'<span class="key">{escape(row.code)}</span>')
        css, code = "code-row", row.code
    cells = [
        _count_cell("units", counts.units), _count_cell("both", counts.both), _count_cell("only_a", counts.only_a),
        _count_cell("only_b", counts.only_b), _count_cell("neither", counts.neither),
        _figure_cell("percent_agreement", pair.percent_agreement, 1, percent=True),
        _figure_cell("kappa", pair.kappa, 3),
        _interval_cell(row),
        _figure_cell("alpha", pair.alpha, 3),
        _figure_cell("ac1", pair.ac1, 3),
    ]
    return f'<tr class="{css}" data-code="{escape(code)}"><td class="code">{label}</td>{"".join(cells)}</tr>'


def _count_cell(key: str, count: int) -> str:
    return f'<td data-key="{key}" data-value="{count}">{count:,}</td>'


def _figure_cell(key: str, result: AgreementResult, places: int, *, percent: bool = False) -> str:
    if result.value is None:
        undefined = escape(_("undefined"))
        return f'<td data-key="{key}" data-value="" title="{escape(result.reason or "")}">{undefined}</td>'
    shown = f"{result.value * 100:.{places}f}%" if percent else f"{result.value:.{places}f}"
    return f'<td data-key="{key}" data-value="{result.value!r}">{shown}</td>'


def _interval_cell(row: CodeAgreement) -> str:
    interval = row.interval
    if interval is None or not interval.defined:
        undefined = escape(_("undefined"))
        return ('<td data-key="kappa_ci" data-low="" data-high="" '
                f'title="{escape(interval.reason if interval else "")}">{undefined}</td>')
    return (f'<td data-key="kappa_ci" data-low="{interval.low!r}" data-high="{interval.high!r}">'
            f"{interval.low:.3f} – {interval.high:.3f}</td>")


def _undefined_reasons(rows: Iterable[CodeAgreement], report: AgreementReport) -> list[str]:
    reasons, thin = [], []
    for row in rows:
        name = _("Pooled") if row.code_id is None else report.code_of(row).name
        for result in (row.pair.percent_agreement, row.pair.kappa, row.pair.alpha, row.pair.ac1):
            if result.value is None:
                reasons.append(f"{name}, {result.measure}: {result.reason}")
        if row.interval is not None and not row.interval.defined and row.pair.kappa.value is not None:
            reasons.append(_("{name}, κ interval: {reason}").format(name=name, reason=row.interval.reason))
        elif row.interval is not None and row.interval.defined and row.interval.undefined_resamples:
            thin.append(f"{name} ({row.interval.undefined_resamples})")
    if thin:
        reasons.append(_("κ was undefined in some of the {resamples} resamples, which drew too few coded units, and "
                         "the interval leaves those out, so it is narrower than it should be: {codes}.").format(
            resamples=_resamples(report), codes="; ".join(thin)))
    return reasons


def _forest_plot(report: AgreementReport) -> str:
    rows = [ForestRow(report.code_of(row).name, row.pair.kappa.value, row.interval.low, row.interval.high)
            for row in report.rows]
    pooled = report.pooled
    rows.append(ForestRow(_("Pooled"), pooled.pair.kappa.value, pooled.interval.low, pooled.interval.high,
                          pooled=True))
    caption = _("Cohen's κ per code (squares) and pooled (diamond), with 95% percentile bootstrap intervals. Dashed "
                "lines: 0.4, 0.6 and 0.8.")
    title = escape(_("κ per code"))
    return (f'<section class="forest"><h2>{title}</h2><figure>{forest_plot_svg(rows)}'
            f'<figcaption class="convention">{escape(caption)}</figcaption></figure></section>')


# --- conventions and formulas --------------------------------------------------------------------------


def _conventions() -> str:
    bands = "".join(f"<tr><td>{escape(value)}</td><td>{escape(label)}</td></tr>" for value, label in _band_labels())
    intro = _("Conventions a reader may apply, with their sources. They are conventions, not verdicts: qualcode "
              "reports the figures and leaves the judgement to the researcher and the reader.")
    landis = _("Landis and Koch (1977) proposed these labels for κ, admitting they are arbitrary:")
    krippendorff = _("Krippendorff (2004, p. 241) advises relying on variables with α ≥ 0.800, and considering "
                     "variables with 0.667 ≤ α < 0.800 only for tentative conclusions.")
    gwet = _("Gwet's AC1 (2008) is given beside κ because κ drops when a code is rare even where the coders "
             "mostly agree (the kappa paradox); AC1 is much less affected by that.")
    characters = _("With characters as units, neighbouring characters are not independent, so the intervals are "
                   "too narrow: read them as a lower bound on the uncertainty.")
    title, label = escape(_("Conventions")), escape(_("Label"))
    return (f'<section class="conventions"><h2>{title}</h2><p>{escape(intro)}</p>'
            f'<p>{escape(landis)}</p><table class="bands"><thead><tr><th>κ</th>'
            f'<th>{label}</th></tr></thead><tbody>{bands}</tbody></table>'
            f"<p>{escape(krippendorff)}</p><p>{escape(gwet)}</p><p class=\"convention\">{escape(characters)}</p>"
            "</section>")


def _formulas(report: AgreementReport) -> str:
    pooled = report.pooled.pair
    counts = pooled.counts
    n, both, only_a, only_b, neither = counts.units, counts.both, counts.only_a, counts.only_b, counts.neither
    lines = [_("Pooled counts: units n = {n}, both a = {a}, only A b = {b}, only B c = {c}, neither d = {d}.").format(
        n=n, a=both, b=only_a, c=only_b, d=neither)]
    formulas = []
    if n:
        p_o = (both + neither) / n
        p_e = ((both + only_a) * (both + only_b) + (neither + only_b) * (neither + only_a)) / n ** 2
        formulas.append(f"p<sub>o</sub> = (a + d) / n = ({both} + {neither}) / {n} = {p_o:.4f}")
        formulas.append(f"p<sub>e</sub> = ((a + b)(a + c) + (d + c)(d + b)) / n² = "
                        f"({both + only_a}·{both + only_b} + {neither + only_b}·{neither + only_a}) / {n}² = "
                        f"{p_e:.4f}")
        formulas.append(_kappa_line(pooled.kappa, p_o, p_e))
        alpha = pooled.alpha
        coded, not_coded = 2 * both + only_a + only_b, 2 * neither + only_a + only_b
        expected = 2 * coded * not_coded / (2 * n * (2 * n - 1))
        formulas.append(f"D<sub>o</sub> = (b + c) / n = ({only_a} + {only_b}) / {n} = {(only_a + only_b) / n:.4f};  "
                        "D<sub>e</sub> = 2·n<sub>coded</sub>·n<sub>not</sub> / (2n(2n − 1)) = "
                        f"2·{coded}·{not_coded} / ({2 * n}·{2 * n - 1}) = {expected:.4f}")
        if alpha.value is not None:
            formulas.append(f"α = 1 − D<sub>o</sub> / D<sub>e</sub> = 1 − {alpha.observed:.4f} / "
                            f"{alpha.expected:.4f} = {alpha.value:.4f}")
        ac1 = pooled.ac1
        share = (2 * both + only_a + only_b) / (2 * n)
        formulas.append(f"π = (2a + b + c) / 2n = {share:.4f};  p<sub>e</sub><sup>AC1</sup> = 2π(1 − π) = "
                        f"{ac1.expected:.4f};  AC1 = (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>) = "
                        f"({ac1.observed:.4f} − {ac1.expected:.4f}) / (1 − {ac1.expected:.4f}) = {ac1.value:.4f}")
    interval = report.pooled.interval
    bootstrap = _("95% interval of κ: the 2.5th and 97.5th percentiles of κ over {resamples} resamples of the "
                  "units (multinomial draws of the four cells), seed {seed} (Efron and Tibshirani 1993).").format(
        resamples=_resamples(report), seed=report.choice.seed)
    if interval is not None and interval.undefined_resamples:
        bootstrap += " " + _("{count} resamples with κ undefined were left out.").format(
            count=interval.undefined_resamples)
    body = "".join(f'<div class="formula">{formula}</div>' for formula in formulas)
    title = escape(_("Formulas, with the pooled numbers"))
    return (f'<section class="formulas"><h2>{title}</h2>'
            f"<p>{escape(lines[0])}</p>{body}<p>{escape(bootstrap)}</p></section>")


def _kappa_line(kappa: AgreementResult, p_o: float, p_e: float) -> str:
    if kappa.value is None:
        undefined = escape(_("undefined"))
        return (f"κ = (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>): {undefined} "
                f"({escape(kappa.reason)})")
    return (f"κ = (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>) = ({p_o:.4f} − {p_e:.4f}) / "
            f"(1 − {p_e:.4f}) = {kappa.value:.4f}")


# --- disagreements ---------------------------------------------------------------------------------------




def _disagreements(report: AgreementReport) -> str:
    coder_a, coder_b = (coder.name for coder in report.figures.scope.coders)
    total = sum(len(code.found) for code in report.disagreements)
    settled = sum(code.settled for code in report.disagreements)
    intro = _("Each place where exactly one coder coded the code, in its context: {total} in all, {settled} "
              "settled into the coder “{consensus}”. Highlighted: what each coder coded; outlined: the "
              "disagreement.").format(total=total, settled=settled, consensus=report.consensus)
    title = escape(_("Disagreements"))
    parts = [f'<section class="disagreements"><h2>{title}</h2><p>{escape(intro)}</p>']
    for code in report.disagreements:
        parts.append(_code_disagreements(report, code, coder_a, coder_b))
    parts.append("</section>")
    return "\n".join(parts)


def _code_disagreements(report: AgreementReport, code: CodeDisagreements, coder_a: str, coder_b: str) -> str:
    colour = _colour(report, code.code)
    heading = (f'<h3 data-code="{escape(code.code.key)}"><span class="swatch" style="background:{colour}"></span>'
               f'{escape(code.code.name)} <span class="key" style="display:inline">{escape(code.code.key)}</span></h3>')
    if not code.found:
        return heading + '<p class="nothing">' + escape(_("No disagreements.")) + "</p>"
    summary = _("{count} disagreements, {settled} settled.").format(count=len(code.found), settled=code.settled)
    items = "".join(_disagreement(report, code, placed, coder_a, coder_b) for placed in code.found)
    return heading + f'<p class="convention">{escape(summary)}</p>' + items


def _disagreement(report: AgreementReport, code: CodeDisagreements, placed: PlacedDisagreement, coder_a: str,
                  coder_b: str) -> str:
    found = placed.disagreement
    where = [found.document]
    if placed.turn is not None:
        where.append(_("turn {turn}").format(turn=placed.turn) + (f" ({placed.speaker})" if placed.speaker else ""))
    if placed.time is not None:
        where.append(clock_text(placed.time))
    where.append(_("characters {start}–{end}").format(start=found.start, end=found.end))
    coded_by = {"a": coder_a, "b": coder_b, "a and b": f"{coder_a}, {coder_b}"}[found.coded_by]
    choice = placed.settlement.choice if placed.settlement else ""
    if placed.settlement is None:
        status = '<span class="open">' + escape(_("Open: not settled")) + "</span>"
    else:
        settled = _("Settled: the consensus {how}").format(how=_choice_text(placed.settlement.choice))
        status = f'<span class="settled">{escape(settled)}</span>'
    sides = "".join(
        f'<div class="side {side}"><h4>{escape(_side_heading(name, coded))}</h4>'
        f"<blockquote>{_marked_context(found, spans)}</blockquote></div>"
        for side, name, spans, coded in (("a", coder_a, placed.a_in_context, found.coded_by != "b"),
                                         ("b", coder_b, placed.b_in_context, found.coded_by != "a")))
    return (f'<article class="disagreement" data-code="{escape(code.code.key)}" data-id="{placed.key}" '
            f'data-coded-by="{escape(coded_by)}" data-settled="{choice}">'
            f'<header><span class="where">{escape(" · ".join(where))}</span>{status}</header>'
            f'<div class="sides">{sides}</div></article>')


def _side_heading(coder: str, coded: bool) -> str:
    if coded:
        return _("{coder} coded the outlined text").format(coder=coder)
    return _("{coder} did not code the outlined text").format(coder=coder)


def _marked_context(found: Disagreement, marked: Sequence[tuple[int, int]]) -> str:
    """The context text with the coder's spans (within it) in ``<mark>`` and the disagreement region outlined."""
    start, end = found.context_start, found.context_end
    edges = sorted({start, end, *(edge for span in marked for edge in span),
                    max(start, found.start), min(end, found.end)})
    pieces = []
    for left, right in zip(edges, edges[1:]):
        text = escape(found.context[left - start:right - start]).replace("\n", "<br>")
        if any(s <= left and right <= e for s, e in marked):
            text = f"<mark>{text}</mark>"
        if found.start <= left and right <= found.end:
            text = f'<span class="region">{text}</span>'
        pieces.append(text)
    return "".join(pieces)


# --- the command ---------------------------------------------------------------------------------------


def _reproduce(report: AgreementReport, output_name: str) -> str:
    intro = _("Run in the project folder, these make the same report and print the same numbers as JSON. The same "
              "fingerprint means the same codings were compared.")
    references = "".join(f"<li>{escape(reference)}</li>" for reference in REFERENCES)
    title, heading = escape(_("How to reproduce this report")), escape(_("References"))
    return (f'<section class="reproduce"><h2>{title}</h2><p>{escape(intro)}</p>'
            f'<pre class="command">{escape(report.command(output_name))}\n{escape(report.json_command())}</pre>'
            f'<h2>{heading}</h2><ol class="references">{references}</ol></section>')


# --- small helpers ---------------------------------------------------------------------------------------


def _value(key: str, value: float | None, places: int, *, percent: bool = False) -> str:
    if value is None:
        undefined = escape(_("undefined"))
        return f'<span data-key="{key}" data-value="">{undefined}</span>'
    shown = f"{value * 100:.{places}f}%" if percent else f"{value:.{places}f}"
    return f'<span data-key="{key}" data-value="{value!r}">{shown}</span>'


def _interval_plain(row: CodeAgreement) -> str:
    if row.interval is None or not row.interval.defined:
        return _("undefined")
    return f"{row.interval.low:.3f} – {row.interval.high:.3f}"


def _resamples(report: AgreementReport) -> int:
    return report.pooled.interval.resamples if report.pooled.interval else 0


def _grouped(digest: str) -> str:
    return " ".join(digest[index:index + 8] for index in range(0, len(digest), 8))


def _colour(report: AgreementReport, code) -> str:
    """The code's own colour, else its group's, else a neutral grey (the swatch is a hint, never the only cue).

    Only ``#rgb``, ``#rrggbb`` and colour names reach the style attribute: anything else could load a resource.
    """
    group = next((group for group in report.codebook.groups if group.id == code.group_id), None)
    for colour in (code.colour, group.colour if group is not None else None):
        if colour and SAFE_COLOUR.fullmatch(colour):
            return colour
    return "#888"
