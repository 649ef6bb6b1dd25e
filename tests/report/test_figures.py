"""``qualcode figure``: every kind in every format opens, and the numbers drawn are the reports' numbers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import matplotlib.image
import pytest
from matplotlib.testing.compare import compare_images
from pypdf import PdfReader
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.export.cooccurrence import code_cooccurrence
from qualcode.export.figure_data import FIGURE_KINDS, figure_data
from qualcode.export.figure_drawing import COLUMN_WIDTH_INCHES, PNG_DPI, bar_colours, write_figure
from qualcode.export.frequencies import code_frequencies, frequency_matrix
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.project_store import open_project

SVG = "{http://www.w3.org/2000/svg}"


def _run(sample, *arguments):
    return CliRunner().invoke(app, [*arguments, "--project", str(sample)])


def _draw(sample, tmp_path, kind, suffix, *extra):
    target = tmp_path / f"{kind}{suffix}"
    coders = ["--coder", "eva"] if kind != "agreement" else []
    result = _run(sample, "figure", kind, *coders, *extra, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert [path.name for path in tmp_path.iterdir()] == [target.name]
    return target


def _svg_texts(path) -> list[str]:
    root = ElementTree.parse(path).getroot()
    return [" ".join("".join(element.itertext()).split()) for element in root.iter(f"{SVG}text")]


def _pdf_text(path) -> str:
    return " ".join((PdfReader(path).pages[0].extract_text() or "").split())


def _drawn_numbers(sample, kind) -> list[str]:
    """What the figure must write beside its marks, from the functions behind the reports and the agreement JSON."""
    if kind == "agreement":
        rows = json.loads(_run(sample, "agreement", "--coders", "eva", "daan", "--format", "json").stdout)
        return [f"{row['kappa']:.3f} [{row['kappa_ci_low']:.3f}, {row['kappa_ci_high']:.3f}]" for row in rows]
    store = open_project(sample)
    try:
        if kind == "cooccurrence":
            table = code_cooccurrence(store, unit="turn", coders=["eva"])
            return [str(table.units[index][index]) for index in range(len(table.codes)) if table.units[index][index]]
        report = code_frequencies(store, unit="turn", coders=["eva"])
        if kind == "frequencies":
            return [str(total.codings) for total in report.totals]
        matrix = frequency_matrix(report, measure="codings", by="case")
        return [str(value) for row in matrix.rows for value in row.values]
    finally:
        store.close()


@pytest.mark.parametrize("kind", FIGURE_KINDS)
def test_svg_keeps_its_text_as_text_and_draws_the_reports_numbers(sample, tmp_path, kind) -> None:
    path = _draw(sample, tmp_path, kind, ".svg")
    root = ElementTree.parse(path).getroot()
    texts = _svg_texts(path)

    assert root.tag == f"{SVG}svg" and root.get("width") == f"{COLUMN_WIDTH_INCHES * 72:g}pt"
    assert not list(root.iter(f"{SVG}image"))  # vectors, no embedded bitmap
    drawn = list(texts)
    for number in _drawn_numbers(sample, kind):  # each number drawn once per mark, so count them off
        assert number in drawn, (kind, number)
        drawn.remove(number)
    names = {code.name for code in load_codebook(open_project(sample)).codes}
    assert any(text in names for text in texts)


@pytest.mark.parametrize("kind", FIGURE_KINDS)
def test_pdf_embeds_its_fonts_and_holds_the_same_numbers(sample, tmp_path, kind) -> None:
    path = _draw(sample, tmp_path, kind, ".pdf")
    reader = PdfReader(path)

    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == pytest.approx(COLUMN_WIDTH_INCHES * 72, abs=0.5)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        assert font["/Subtype"] in ("/TrueType", "/Type0")  # fonttype 42: TrueType, embedded
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()
    text = _pdf_text(path)
    for number in _drawn_numbers(sample, kind):
        assert number in text, (kind, number)


@pytest.mark.parametrize("kind", FIGURE_KINDS)
def test_png_is_a_300_dpi_column_and_matches_the_library_drawing(sample, tmp_path, kind) -> None:
    path = _draw(sample, tmp_path, kind, ".png")
    image = matplotlib.image.imread(path)

    assert image.shape[1] == round(COLUMN_WIDTH_INCHES * PNG_DPI)
    assert 2.4 * PNG_DPI <= image.shape[0] <= 9 * PNG_DPI
    store = open_project(sample)
    try:
        data = figure_data(store, kind, coders=None if kind == "agreement" else ["eva"])
    finally:
        store.close()
    expected = tmp_path / "expected" / f"{kind}.png"
    expected.parent.mkdir()
    write_figure(data, expected)
    assert compare_images(str(expected), str(path), tol=1) is None


def test_frequencies_by_an_attribute_draw_one_bar_per_value(sample, tmp_path) -> None:
    path = _draw(sample, tmp_path, "frequencies", ".svg", "--by", "fase")
    texts = _svg_texts(path)
    store = open_project(sample)
    try:
        matrix = frequency_matrix(code_frequencies(store, unit="turn", coders=["eva"]), attribute="fase")
    finally:
        store.close()

    assert {"gestart", "onderhandelend", "verkennend"} <= set(texts)
    for row in matrix.rows:
        for value in row.values:
            assert str(value) in texts
            texts.remove(str(value))


def test_bars_use_codebook_colours_only_when_every_one_is_readable_on_white(sample) -> None:
    codebook = load_codebook(open_project(sample))
    colours = bar_colours(codebook, list(codebook.codes))

    # The sample's light yellows and greens fail 3:1 on white, and so does the krachtenveld group's ochre:
    # every bar takes its group's Okabe–Ito colour, one colour per group.
    assert len(set(colours)) == len(codebook.groups)
    assert colours[0] == "#0072B2"


@pytest.mark.parametrize(("arguments", "message"), [
    (["frequencies", "--output", "{folder}/f.jpg"], ".svg, .png or .pdf"),
    (["frequencies", "--output", "{folder}/f"], ".svg, .png or .pdf"),
    (["frequencies", "--coder", "eva", "--by", "leeftijd", "--output", "{folder}/f.svg"], "leeftijd"),
    (["matrix", "--coder", "niemand", "--output", "{folder}/f.svg"], "niemand"),
    (["cooccurrence", "--coder", "eva", "--by", "fase", "--output", "{folder}/f.svg"], "--by"),
    (["agreement", "--coder", "eva", "--output", "{folder}/f.svg"], "two different coders"),
    (["agreement", "--min-overlap", "2", "--output", "{folder}/f.svg"], "overlap"),
    (["agreement", "--output", "{folder}/missing/f.svg"], "does not exist"),
])
def test_bad_figure_requests_are_one_line_and_write_nothing(sample, tmp_path, arguments, message) -> None:
    result = _run(sample, "figure", *[argument.format(folder=tmp_path) for argument in arguments])

    assert result.exit_code != 0
    assert message in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []
