"""``qualcode report agreement --pseudonymised``: no accepted form left in quotes or names, offsets moved
exactly, settlements kept, and the same numbers as the report of the original texts."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import html5lib
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.domain.pseudonym_forms import find_all_mentions
from qualcode.export.agreement_report import ReportChoice, agreement_report
from qualcode.export.pseudonymised_agreement_report import pseudonymised_report
from qualcode.storage.accepted_pseudonyms import accepted_pseudonyms
from qualcode.storage.agreement_data import code_disagreements, coded_text_agreement
from qualcode.storage.consensus import settle_disagreement
from qualcode.storage.project_store import DATABASE_NAME, open_project
from qualcode.storage.pseudonym_decisions import decide_form

FORMS = {"Marewijk": "place", "Brink": "organisation"}
"""Forms of the sample interviews, accepted in the test project; Marewijk is also in its name, a document's and a case's."""


@pytest.fixture(scope="module")
def named(sample, tmp_path_factory) -> Path:
    """The sample project as ``studie-Marewijk``, its first document ``interview-01-Marewijk`` in case
    ``R-Marewijk``, the forms accepted, and every disagreement whose context names Marewijk settled."""
    folder = tmp_path_factory.mktemp("pseudonymised") / "studie-Marewijk"
    shutil.copytree(sample, folder)
    with sqlite3.connect(folder / DATABASE_NAME) as connection:  # no command renames a document
        connection.execute("UPDATE documents SET name = 'interview-01-Marewijk' WHERE name = 'interview-01-cardiologie'")
    connection.close()
    result = CliRunner().invoke(app, ["cases", "link", "interview-01-Marewijk", "R-Marewijk", "--project", str(folder)])
    assert result.exit_code == 0, result.output
    store = open_project(folder)
    try:
        for form, entity_type in FORMS.items():
            decide_form(store, form, "accepted", entity_type=entity_type)
        figures = coded_text_agreement(store, ["eva", "daan"], unit="char", by_document=False)
        eva, daan = figures.scope.coders
        for row in figures.agreement.rows:
            for found in code_disagreements(figures.scope, row.code_id):
                if "Marewijk" in found.context:
                    settle_disagreement(store, coder_a_id=eva.id, coder_b_id=daan.id, code_id=row.code_id,
                                        document_id=found.document_id, start=found.start, end=found.end, choice="a")
    finally:
        store.close()
    return folder


def _write(folder: Path, target: Path, *options: str) -> str:
    result = CliRunner().invoke(app, ["report", "agreement", "--coders", "eva", "daan", *options,
                                      "--output", str(target), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages(named, tmp_path_factory) -> tuple[str, str]:
    out = tmp_path_factory.mktemp("pages")
    return _write(named, out / "plain.html"), _write(named, out / "pseudonymised.html", "--pseudonymised")


def _pseudonyms(folder: Path) -> dict[str, str]:
    store = open_project(folder)
    try:
        return {decision.form: decision.pseudonym for decision in accepted_pseudonyms(store).forms}
    finally:
        store.close()


def _text(element) -> str:
    return "".join(element.itertext())


def test_no_accepted_form_is_left_and_the_pseudonyms_are_there(named, pages) -> None:
    plain, pseudonymised = pages
    pseudonyms = _pseudonyms(named)
    assert set(pseudonyms) == set(FORMS)

    for form in FORMS:
        assert form in plain
        assert form.lower() not in pseudonymised.lower()
    for pseudonym in pseudonyms.values():
        assert pseudonym in pseudonymised
    page = html5lib.parse(pseudonymised, namespaceHTMLElements=False)
    compared = _text(page.find(".//section[@class='compared']"))
    assert f"studie-{pseudonyms['Marewijk']}" in compared
    assert f"interview-01-{pseudonyms['Marewijk']} (R-{pseudonyms['Marewijk']})" in compared
    assert page.find(".//span[@class='badge']").get("data-pseudonymised") == "true"
    command = _text(page.find(".//pre[@class='command']"))
    assert "--pseudonymised --output pseudonymised.html" in command


def test_without_the_option_the_page_quotes_the_stored_text(pages) -> None:
    plain, _ = pages
    page = html5lib.parse(plain, namespaceHTMLElements=False)
    assert page.find(".//span[@class='badge']").get("data-pseudonymised") == "false"
    assert "--pseudonymised" not in plain
    assert "interview-01-Marewijk (R-Marewijk)" in _text(page.find(".//section[@class='compared']"))


def test_the_numbers_and_the_settlements_are_those_of_the_original_report(pages) -> None:
    plain_page, pseudonymised_page = (html5lib.parse(page, namespaceHTMLElements=False) for page in pages)

    def numbers(page):
        return [(element.get("data-key"), element.get("data-value"), element.get("data-low"), element.get("data-high"))
                for element in page.iter() if element.get("data-value") is not None or element.get("data-words")]

    assert numbers(pseudonymised_page) == numbers(plain_page) != []
    for selector in (".//span[@class='fingerprint']", ".//section[@class='formulas']", ".//section[@class='pooled']"):
        assert _text(pseudonymised_page.find(selector)) == _text(plain_page.find(selector))
    plain, pseudonymised = (page.findall(".//article") for page in (plain_page, pseudonymised_page))
    assert len(plain) == len(pseudonymised) > 10
    settled = [article.get("data-settled") for article in plain]
    assert [article.get("data-settled") for article in pseudonymised] == settled
    assert [article.get("data-code") for article in pseudonymised] == [article.get("data-code") for article in plain]
    assert sum(1 for choice in settled if choice) > 2
    assert all("Settled: the consensus" in _text(article) for article in pseudonymised if article.get("data-settled"))


def test_each_context_and_every_offset_in_it_moves_with_the_pseudonyms(named) -> None:
    store = open_project(named)
    try:
        pseudonyms = accepted_pseudonyms(store)
        original = agreement_report(store, ReportChoice(("eva", "daan")))
        moved = pseudonymised_report(original, pseudonyms)
    finally:
        store.close()
    assert moved.figures is original.figures and moved.fingerprint == original.fingerprint
    checked = with_form = 0
    for before_code, after_code in zip(original.disagreements, moved.disagreements, strict=True):
        assert after_code.settled == before_code.settled
        for before, after in zip(before_code.found, after_code.found, strict=True):
            old, new = before.disagreement, after.disagreement
            assert new.context == pseudonyms.free_text(old.context)
            assert (after.settlement is None) == (before.settlement is None)
            mentions = find_all_mentions(old.context, list(FORMS))
            pairs = [((old.start, old.end), (new.start, new.end)),
                     *zip(before.a_in_context, after.a_in_context, strict=True),
                     *zip(before.b_in_context, after.b_in_context, strict=True)]
            for (start, end), (new_start, new_end) in pairs:
                local = (start - old.context_start, end - old.context_start)
                if any(m_start < edge < m_end for m_start, m_end, _form in mentions for edge in local):
                    continue  # a span cutting a name grows to take all of it
                text = old.context[local[0]:local[1]]
                assert new.context[new_start - new.context_start:new_end - new.context_start] == (
                    pseudonyms.free_text(text) or text)
                checked += 1
                with_form += any(form in text for form in FORMS)
    assert checked > 20 and with_form > 0
