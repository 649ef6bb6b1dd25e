"""Pilot tests of the agreement screens: figures as the library computes them, settling into the consensus coder."""

from __future__ import annotations

import pytest

from qualcode.agreement.coded_text import row_values
from qualcode.storage.agreement_data import code_disagreements, coded_text_agreement
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder, find_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.consensus import settlements
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.project_store import open_project
from qualcode.tui.screens.agreement_screen import AgreementScreen, DocumentsDialog, TranscriptLocation
from qualcode.tui.screens.disagreement_screen import DisagreementScreen
from qualcode.tui.screens.workbench import WorkbenchScreen
from qualcode.tui.widgets.agreement_table import POOLED_KEY, AgreementTable
from tests.project_factory import add_document, parsed_interview, small_project
from tests.tui.workbench_project import SIZE, build_project, settle, workbench_app

VERTROUWEN = "belemmerend/gebrek-aan-vertrouwen"
GELD = "belemmerend/gedoe-over-geld"
NOODZAAK = "bevorderend/noodzaak"
FIRST = [("I", "Hoe gaat het?"), ("R", "Er is weinig vertrouwen.\nOver geld praten we niet."), ("I", "En verder?"),
         ("R", "Het is een noodzaak.\nWe moeten wel.")]
SECOND = [("I", "Vertel."), ("R", "Het vertrouwen groeit.\nGeld blijft lastig.")]
# Paragraph numbers per document: eva and daan agree on some, disagree on the others.
CODED = {
    ("eva", VERTROUWEN): [(0, 1), (1, 1)], ("daan", VERTROUWEN): [(0, 1)],  # second document: only eva
    ("eva", GELD): [(0, 2)], ("daan", GELD): [(0, 2), (1, 2)],  # second document: only daan
    ("eva", NOODZAAK): [(0, 4)], ("daan", NOODZAAK): [(0, 5)],  # two disagreements, no agreement: worst
}


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    store = small_project(folder)
    documents = [add_document(store, "gesprek-1", parsed_interview(FIRST)),
                 add_document(store, "gesprek-2", parsed_interview(SECOND))]
    codes = {code.key: code.id for code in load_codebook(store).codes}
    for (name, key), places in CODED.items():
        coder = ensure_coder(store, name)
        for document, paragraph in places:
            span = paragraphs(store, documents[document])[paragraph]
            apply_code(store, coder_id=coder.id, document_id=documents[document], code_id=codes[key], start=span[0],
                       end=span[1])
    store.close()
    return folder


def paragraphs(store, document_id):
    return [(segment.start, segment.end) for segment in document_segments(store, document_id, "paragraph")]


def agreement(folder, unit="paragraph", documents=None):
    store = open_project(folder)
    try:
        return coded_text_agreement(store, ["eva", "daan"], unit=unit, documents=documents).agreement
    finally:
        store.close()


def consensus_codings(folder):
    """(code key, document name, text) of every consensus coding."""
    store = open_project(folder)
    try:
        consensus = find_coder(store, "consensus")
        if consensus is None:
            return []
        codebook = load_codebook(store)
        texts = {document.id: (document.name, document.text) for document in
                 (get_document(store, name) for name in ("gesprek-1", "gesprek-2"))}
        return [(codebook.code_by_id(c.code_id).key, texts[c.document_id][0], texts[c.document_id][1][c.start:c.end])
                for c in list_codings(store, coder_id=consensus.id)]
    finally:
        store.close()


def expected_cells(row):
    """The table's cells for a library row, formatted here independently of the screen."""
    values = row_values(row)

    def number(value):
        return "undef." if value is None else f"{value:.3f}"

    interval = ("undef." if values["kappa_ci_low"] is None
                else f"{values['kappa_ci_low']:.3f} – {values['kappa_ci_high']:.3f}")
    return [str(values["units"]), str(values["both"]), str(values["only_a"]), str(values["only_b"]),
            str(values["neither"]), f"{values['percent_agreement'] * 100:.1f}", number(values["kappa"]), interval,
            number(values["alpha"])]


def shown_cells(table, key):
    return [str(cell) for cell in table.get_row(key)[1:10]]


async def open_agreement(pilot, results=None):
    app = pilot.app
    await settle(pilot)
    assert isinstance(app.screen, WorkbenchScreen)
    app.push_screen(AgreementScreen(app.store, app.coder), None if results is None else results.append)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, AgreementScreen)
    return screen, screen.query_one(AgreementTable)


async def open_disagreements(pilot, table, key):
    table.move_cursor(row=table.get_row_index(str(code_id(pilot.app, key))))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DisagreementScreen)
    return pilot.app.screen


def code_id(app, key):
    return app.screen.figures.codebook.code_by_key(key).id


@pytest.mark.asyncio
class TestFigures:
    async def test_the_table_holds_the_library_figures_worst_first_then_the_pooled_row(self, project):
        expected = agreement(project)
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, table = await open_agreement(pilot)
            assert [coder.name for coder in screen._chosen()] == ["eva", "daan"] and screen.unit == "paragraph"
            keys = [row_key.value for row_key in table.rows]
            assert keys == [str(row.code_id) for row in expected.worst_first()] + [POOLED_KEY]
            assert keys[0] == str(code_id(pilot.app, NOODZAAK))
            for row in expected.worst_first():
                assert shown_cells(table, str(row.code_id)) == expected_cells(row)
            assert shown_cells(table, POOLED_KEY) == expected_cells(expected.pooled)
            assert str(table.get_row(str(code_id(pilot.app, NOODZAAK)))[10]) == "0/2"
            worked = str(screen.query_one("#agreement-worked").content)
            assert "p_o = (0 + 7) / 9 = 0.7778" in worked and "= -0.1250" in worked

    async def test_o_asks_for_more_overlap_and_the_figures_follow(self, project):
        store = open_project(project)
        try:
            any_part, whole = (coded_text_agreement(store, ["eva", "daan"], unit="turn", min_overlap=overlap).agreement
                               for overlap in (None, 1.0))
        finally:
            store.close()
        assert expected_cells(any_part.pooled) != expected_cells(whole.pooled)  # half-coded turns count only once
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, table = await open_agreement(pilot)
            screen._select("unit").value = "turn"
            await settle(pilot)
            assert shown_cells(table, POOLED_KEY) == expected_cells(any_part.pooled)
            await pilot.press("o", "o")
            await settle(pilot)
            assert screen.min_overlap == 1.0
            for row in (*whole.rows, whole.pooled):
                key = POOLED_KEY if row is whole.pooled else str(row.code_id)
                assert shown_cells(table, key) == expected_cells(row)

    async def test_with_more_overlap_the_disagreements_listed_are_the_ones_the_table_counted(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, table = await open_agreement(pilot)
            screen._select("unit").value = "turn"
            await settle(pilot)
            await pilot.press("o", "o")
            await settle(pilot)
            scope = screen.figures.report.scope
            listed = {row.code_id: screen.figures.settled[row.code_id].disagreements
                      for row in screen.figures.report.agreement.rows}
            assert listed == {code: len(code_disagreements(scope, code, 1.0)) for code in listed}
            assert any(listed[code] != len(code_disagreements(scope, code)) for code in listed)
            only_partly = next(code for code in listed if code_disagreements(scope, code) and not listed[code])
            table.move_cursor(row=table.get_row_index(str(only_partly)))
            await pilot.press("enter")  # the two coders coded the same whole turns: nothing to settle here
            await settle(pilot)
            assert pilot.app.screen is screen

    async def test_another_unit_and_fewer_documents_are_computed_again(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, table = await open_agreement(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert screen.unit == "sentence"
            for row in agreement(project, "sentence").rows:
                assert shown_cells(table, str(row.code_id)) == expected_cells(row)
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(pilot.app.screen, DocumentsDialog)
            await pilot.press("down", "space", "enter")
            await settle(pilot)
            assert pilot.app.screen is screen
            only_first = agreement(project, "sentence", ["gesprek-1"])
            assert [row_key.value for row_key in table.rows] == (
                [str(row.code_id) for row in only_first.worst_first()] + [POOLED_KEY])
            assert shown_cells(table, POOLED_KEY) == expected_cells(only_first.pooled)

    async def test_choosing_b_as_coder_a_swaps_the_coders(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, table = await open_agreement(pilot)
            daan = next(choice.coder for choice in screen.choices.coders if choice.coder.name == "daan")
            screen.query_one("#agreement-coder-a").value = daan.id
            await settle(pilot)
            assert [coder.name for coder in screen._chosen()] == ["daan", "eva"]
            store = open_project(project)
            swapped = coded_text_agreement(store, ["daan", "eva"], unit="paragraph").agreement
            store.close()
            geld = str(code_id(pilot.app, GELD))
            assert shown_cells(table, geld) == expected_cells(next(r for r in swapped.rows if str(r.code_id) == geld))
            assert shown_cells(table, geld)[2:4] == ["1", "0"]

    async def test_with_one_coder_who_coded_it_says_what_is_missing(self, tmp_path):
        build_project(tmp_path / "project").close()  # only daan coded, once
        async with workbench_app(tmp_path / "project").run_test(size=SIZE) as pilot:
            screen, table = await open_agreement(pilot)
            assert table.row_count == 0 and not table.loading
            assert "needs two coders who coded" in str(screen.query_one("#agreement-notes").content)


@pytest.mark.asyncio
class TestSettling:
    @pytest.mark.parametrize(("key", "choice", "consensus"), [
        ("a", "a", [(NOODZAAK, "gesprek-1", "Het is een noodzaak.")]),
        ("b", "b", []),
        ("2", "both", [(NOODZAAK, "gesprek-1", "Het is een noodzaak.")]),
        ("n", "neither", []),
    ])
    async def test_each_key_settles_into_the_consensus_coder_and_moves_on(self, project, key, choice, consensus):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            _, table = await open_agreement(pilot)
            screen = await open_disagreements(pilot, table, NOODZAAK)
            first = screen.current
            assert first.coded_by == "a" and screen.listing.row_count == 2
            await pilot.press(key)
            await settle(pilot)
            assert consensus_codings(project) == consensus
            store = open_project(project)
            eva, daan = find_coder(store, "eva").id, find_coder(store, "daan").id
            recorded = settlements(store, coder_a_id=eva, coder_b_id=daan)
            store.close()
            assert [(s.start, s.end, s.choice) for s in recorded.values()] == [(first.start, first.end, choice)]
            assert screen.listing.cursor_row == 1
            assert str(screen.query_one("#disagreement-progress-label").content) == "settled 1 of 2 · 1 open"
            await pilot.press("escape")
            await settle(pilot)
            assert str(table.get_row(str(code_id(pilot.app, NOODZAAK)))[10]) == "1/2"

    async def test_settling_both_disagreements_and_undoing_the_last(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            _, table = await open_agreement(pilot)
            screen = await open_disagreements(pilot, table, NOODZAAK)
            await pilot.press("a", "b")
            await settle(pilot)
            assert consensus_codings(project) == [(NOODZAAK, "gesprek-1", "Het is een noodzaak."),
                                                  (NOODZAAK, "gesprek-1", "We moeten wel.")]
            assert str(screen.query_one("#disagreement-progress-label").content) == "settled 2 of 2 · all settled"
            await pilot.press("u")
            await settle(pilot)
            assert consensus_codings(project) == [(NOODZAAK, "gesprek-1", "Het is een noodzaak.")]
            assert str(screen.query_one("#disagreement-progress-label").content) == "settled 1 of 2 · 1 open"

    async def test_adopting_gives_the_consensus_what_both_coded(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            _, table = await open_agreement(pilot)
            table.move_cursor(row=table.get_row_index(str(code_id(pilot.app, VERTROUWEN))))
            await pilot.press("A")
            await settle(pilot)
            assert consensus_codings(project) == [(VERTROUWEN, "gesprek-1", "Er is weinig vertrouwen.")]


@pytest.mark.asyncio
class TestTranscript:
    async def test_t_dismisses_both_screens_with_the_place_of_the_disagreement(self, project):
        results = []
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            _, table = await open_agreement(pilot, results)
            screen = await open_disagreements(pilot, table, GELD)
            disagreement = screen.current
            assert (disagreement.document, disagreement.coded_by) == ("gesprek-2", "b")
            await pilot.press("t")
            await settle(pilot)
            assert isinstance(pilot.app.screen, WorkbenchScreen)
        assert results == [TranscriptLocation(disagreement.document_id, disagreement.start, disagreement.end)]

    async def test_the_workbench_opens_it_with_i_and_shows_the_disagreement_after_t(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            await settle(pilot)
            workbench = pilot.app.screen
            await pilot.press("i")
            await settle(pilot)
            screen = await open_disagreements(pilot, pilot.app.screen.query_one(AgreementTable), GELD)
            disagreement = screen.current
            await pilot.press("t")
            await settle(pilot)
            assert pilot.app.screen is workbench
            assert workbench.data.document.id == disagreement.document_id
            segment = workbench.transcript.current_segment
            assert segment.start <= disagreement.start < segment.end

    async def test_escape_goes_back_without_a_location(self, project):
        results = []
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            await open_agreement(pilot, results)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(pilot.app.screen, WorkbenchScreen)
        assert results == [None]


@pytest.mark.asyncio
class TestReport:
    async def test_e_writes_the_report_of_the_current_choice_and_says_where(self, project):
        import html5lib

        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, _table = await open_agreement(pilot)
            await pilot.press("o")  # at least half of a paragraph: the report must follow the screen's choice
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            target = project / "exports" / "agreement-eva-daan.html"
            assert target.is_file()
            assert any(str(target) in str(notice.message) for notice in pilot.app._notifications)
        page = html5lib.parse(target.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        store = open_project(project)
        try:
            expected = coded_text_agreement(store, ["eva", "daan"], unit="paragraph", min_overlap=0.5,
                                            by_document=False).agreement
        finally:
            store.close()
        rows = page.findall(".//table[@class='figures']/tbody/tr")
        assert [row.get("data-code") for row in rows] == [row.code for row in expected.worst_first()] + ["*"]
        kappas = [row.find("td[@data-key='kappa']").get("data-value") for row in rows]
        assert kappas == [repr(row.pair.kappa.value) if row.pair.kappa.value is not None else ""
                          for row in [*expected.worst_first(), expected.pooled]]
        assert "--min-overlap 0.5" in "".join(page.find(".//pre[@class='command']").itertext())


def showing_agreement(*keys: str):
    """A ``run_before`` that opens the agreement screen over the workbench, then presses ``keys``."""

    async def run_before(pilot) -> None:
        await open_agreement(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


class TestSnapshots:
    def test_the_agreement_table_worst_first_with_the_worked_row(self, project, snap_compare):
        assert snap_compare(workbench_app(project), terminal_size=SIZE, run_before=showing_agreement())

    def test_a_disagreement_side_by_side_after_settling_the_first(self, project, snap_compare):
        assert snap_compare(workbench_app(project), terminal_size=SIZE, run_before=showing_agreement("enter", "a"))
