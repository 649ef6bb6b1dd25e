"""Pilot tests of the retrieval screen: the rows are the library's, filters, bad queries, the jump and back, coding."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from qualcode.analysis.retrieval import retrieve
from qualcode.domain.retrieval import RetrievalFilters
from qualcode.storage.cases import set_case_attributes
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import get_document
from qualcode.storage.project_store import open_project
from qualcode.tui.retrieval_choices import row_key
from qualcode.tui.screens.crosstab_screen import CrosstabScreen
from qualcode.tui.screens.retrieval_screen import RetrievalScreen
from qualcode.tui.screens.selection_dialog import SelectionDialog
from qualcode.tui.screens.workbench import WorkbenchScreen
from qualcode.tui.widgets import retrieval_list
from qualcode.tui.widgets.codebook_tree import CodebookNode
from tests.tui.workbench_project import SIZE, settle, workbench_app

V = "belemmerend/gebrek-aan-vertrouwen"
G = "belemmerend/gedoe-over-geld"
N = "bevorderend/noodzaak"

EVA_CODINGS = [  # (document, code, coded text)
    ("interview-01", V, "Eerlijk gezegd is er weinig vertrouwen."),
    ("interview-01", G, "En over geld hebben we het nog helemaal niet gehad."),
    ("interview-01", N, "Er is echt een noodzaak."),
    ("interview-01", N, "Wat zou helpen?"),  # the interviewer
    ("interview-02", V, "Het vertrouwen groeit langzaam"),
    ("interview-02", G, "het geld blijft een punt"),
]
CASE_ATTRIBUTES = {"R1": {"fase": "verkennend"}, "R2": {"fase": "gestart"}}


@pytest.fixture
def coded(project):
    """The workbench project with eva's codings on both interviews and a case attribute ``fase``."""
    store = open_project(project)
    try:
        eva = ensure_coder(store, "eva")
        codes = {code.key: code.id for code in load_codebook(store).codes}
        for name, code, text in EVA_CODINGS:
            document = get_document(store, name)
            start = document.text.index(text)
            apply_code(store, coder_id=eva.id, document_id=document.id, code_id=codes[code], start=start,
                       end=start + len(text))
        with store.transaction() as session:
            for label, attributes in CASE_ATTRIBUTES.items():
                set_case_attributes(session, label, attributes)
    finally:
        store.close()
    return project


def library(folder, query, **filters):
    store = open_project(folder)
    try:
        return [row_key(s) for s in retrieve(store, query, filters=RetrievalFilters(**filters))]
    finally:
        store.close()


def shown(screen: RetrievalScreen):
    return [row_key(segment) for segment in screen.listing.segments]


def counts_line(screen: RetrievalScreen) -> str:
    return str(screen.query_one("#retrieval-counts").render())


async def open_on(pilot, kind: str, key: str) -> RetrievalScreen:
    """Highlight a code or group in the workbench's codebook tree and press the retrieval key."""
    await settle(pilot)
    workbench = pilot.app.screen
    assert isinstance(workbench, WorkbenchScreen)
    codebook = workbench.overview.codebook
    node_id = (next(g.id for g in codebook.groups if g.key == key) if kind == "group"
               else codebook.code_by_key(key).id)
    await pilot.press("g")
    assert workbench.tree.select_data(CodebookNode(kind, node_id))
    await pilot.press("f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RetrievalScreen)
    return pilot.app.screen


@pytest.mark.asyncio
class TestOpening:
    async def test_on_a_code_it_lists_my_segments_of_it_as_the_library_does(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", V)
            assert screen.query_one("#retrieval-query").value == V
            assert shown(screen) == library(coded, V, coders=("eva",)) != []
            assert len(shown(screen)) == 2
            assert counts_line(screen) == "2 segments · 2 documents · 2 cases · 1 coder"
            first = screen.listing.current
            assert (first.document, first.case, first.coder) == ("interview-01", "R1", "eva")
            assert first.text == "Eerlijk gezegd is er weinig vertrouwen."

    async def test_on_a_group_it_lists_every_code_of_the_group_with_its_sub_codes(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "group", "belemmerend")
            assert shown(screen) == library(coded, "belemmerend", coders=("eva",))
            assert {code for s in screen.listing.segments for code in s.codes} == {V, G}
            assert len(shown(screen)) == 4

    async def test_a_code_with_sub_codes_asks_for_them_too(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", G)
            assert screen.state.query == f"{G} OR {G}/honoraria"
            assert len(shown(screen)) == 2


@pytest.mark.asyncio
class TestLongResults:
    async def test_rows_are_laid_out_a_page_ahead_of_the_cursor_and_counted_all(self, coded, monkeypatch):
        monkeypatch.setattr(retrieval_list, "PAGE", 2)
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "group", "belemmerend")
            assert len(screen.listing.segments) == 4 and screen.listing.option_count == 2
            assert counts_line(screen).startswith("4 segments · 2 documents")
            await pilot.press("j", "j", "j")
            assert screen.listing.current == screen.listing.segments[3]
            assert screen.listing.option_count == 4


@pytest.mark.asyncio
class TestFilters:
    async def test_coders_cycle_mine_all_consensus_and_each_other_coder(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", N)
            assert shown(screen) == library(coded, N, coders=("eva",))
            await pilot.press("v")
            await settle(pilot)
            assert screen.state.coder_label == "all"
            assert shown(screen) == library(coded, N)
            assert {s.coder for s in screen.listing.segments} == {"eva", "daan"}
            assert counts_line(screen).endswith("2 coders")
            await pilot.press("v")  # consensus: nobody settled anything, so no such coder
            await settle(pilot)
            assert screen.state.coder_label == "consensus"
            await pilot.press("v")
            await settle(pilot)
            assert screen.state.coder_label == "daan"
            assert shown(screen) == library(coded, N, coders=("daan",))
            assert "filters" not in counts_line(screen)
            assert "coders: daan" in str(screen.query_one("#retrieval-filters").render())

    async def test_speakers_respondents_by_default_and_everyone_when_switched(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", N)
            assert [s.role for s in screen.listing.segments] == ["respondent"]
            await pilot.press("p")
            await settle(pilot)
            assert shown(screen) == library(coded, N, coders=("eva",), roles=None)
            assert [s.text for s in screen.listing.segments] == ["Wat zou helpen?", "Er is echt een noodzaak."]

    async def test_case_attribute_values_and_the_other_filters_combine(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "group", "belemmerend")
            await pilot.press("a")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, SelectionDialog)
            await pilot.press("down", "space", "enter")  # fase = gestart, fase = verkennend
            await settle(pilot)
            assert screen.state.filters.attributes == (("fase", ("verkennend",)),)
            assert shown(screen) == library(coded, "belemmerend", coders=("eva",),
                                            attributes=(("fase", ("verkennend",)),))
            assert {s.case for s in screen.listing.segments} == {"R1"}
            await pilot.press("v", "p")
            await settle(pilot)
            assert shown(screen) == library(coded, "belemmerend", attributes=(("fase", ("verkennend",)),),
                                            roles=None)
            assert "fase = verkennend" in str(screen.query_one("#retrieval-filters").render())

    async def test_context_grows_around_the_quote_and_the_quote_stays(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", V)
            sizes = []
            for _ in range(3):
                await pilot.press("w")
                await settle(pilot)
                sizes.append(len(screen.listing.current.after))
                assert screen.listing.current.text == "Eerlijk gezegd is er weinig vertrouwen."
            assert sizes[0] > sizes[2] > 0 == sizes[1]  # 120 characters at first, then 300, none, 120 again


BAD_QUERIES = [
    ("belemmerend AND", 15),  # nothing after AND
    ("(belemmerend", 12),  # no closing parenthesis
    ("WHERE fase", 10),  # no = value
    ("NEAR 2 belemmerend", 0),  # NEAR without a left side
]


@pytest.mark.asyncio
class TestBadQueries:
    @pytest.mark.parametrize(("query", "position"), BAD_QUERIES)
    async def test_a_malformed_query_points_at_the_position_and_changes_nothing(self, coded, query, position):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", V)
            before, state = shown(screen), screen.state
            await pilot.press("slash", "ctrl+u", *query, "enter")
            await settle(pilot)
            error = screen.query_one("#retrieval-error")
            assert error.has_class("shown")
            lines = str(error.render()).splitlines()
            assert lines[0].strip() == query
            assert lines[1].index("^") == 2 + position
            assert shown(screen) == before and screen.state == state

    async def test_a_code_the_project_does_not_have_is_an_error_too_and_the_rows_stay(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", V)
            before = shown(screen)
            await pilot.press("slash", "ctrl+u", *"geen/code", "enter")
            await settle(pilot)
            assert screen.query_one("#retrieval-error").has_class("shown")
            assert shown(screen) == before and screen.state.query == V
            await pilot.press("slash", "ctrl+u", *G, "enter")  # a good query clears the error
            await settle(pilot)
            assert not screen.query_one("#retrieval-error").has_class("shown")
            assert shown(screen) == library(coded, G, coders=("eva",))


@pytest.mark.asyncio
class TestJumpAndBack:
    async def test_enter_shows_the_segment_selected_and_esc_returns_to_the_same_row_and_filters(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "group", "belemmerend")
            await pilot.press("v", "w")
            await settle(pilot)
            filters, context = screen.state.filters, screen.state.context
            await pilot.press("j", "j")
            wanted = screen.listing.current
            assert screen.listing.highlighted == 2
            await pilot.press("enter")
            await settle(pilot)
            workbench = app.screen
            assert isinstance(workbench, WorkbenchScreen)
            assert workbench.data.document.id == wanted.document_id
            assert workbench.transcript.text_offset_selection == (wanted.start, wanted.end)
            assert any(binding.action == "back_to_results" for binding in
                       (active.binding for active in workbench.active_bindings.values()))

            await pilot.press("escape")
            await settle(pilot)
            back = app.screen
            assert isinstance(back, RetrievalScreen) and back is not screen
            assert back.listing.highlighted == 2 and back.listing.current == wanted
            assert (back.state.filters, back.state.context) == (filters, context)

            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("f")  # the retrieval key goes back too
            await settle(pilot)
            assert isinstance(app.screen, RetrievalScreen) and app.screen.listing.current == wanted

    async def test_after_leaving_the_list_esc_in_the_workbench_does_what_it_did(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            await open_on(pilot, "code", V)
            await pilot.press("escape")
            await settle(pilot)
            workbench = app.screen
            assert isinstance(workbench, WorkbenchScreen)
            await pilot.press("t", "escape")
            await settle(pilot)
            assert app.screen is workbench


def eva_codings(folder, document="interview-01"):
    store = open_project(folder)
    try:
        document_id = get_document(store, document).id
        codebook = load_codebook(store)
        return sorted((codebook.code_by_id(c.code_id).key, c.start, c.end, c.memo)
                      for c in list_codings(store, document_id=document_id) if c.coder_id != 1)
    finally:
        store.close()


@pytest.mark.asyncio
class TestCodingFromTheList:
    async def test_a_hotkey_adds_a_code_to_the_shown_segment_and_undo_takes_it_back(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", V)
            segment = screen.listing.current
            before = eva_codings(coded)
            await pilot.press("2")  # Gedoe over geld
            await settle(pilot)
            assert set(eva_codings(coded)) - set(before) == {(G, segment.start, segment.end, "")}
            assert screen.listing.current == segment  # the row stays highlighted
            await pilot.press("u")
            await settle(pilot)
            assert eva_codings(coded) == before

    async def test_remove_and_memo_work_on_my_coding_and_undo_restores_it(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", V)
            before = eva_codings(coded)
            await pilot.press("m")
            await settle(pilot)
            await pilot.press(*"wantrouwen", "escape")
            await settle(pilot)
            assert screen.listing.current.memo == "wantrouwen"
            assert (V, screen.listing.current.start, screen.listing.current.end, "wantrouwen") in eva_codings(coded)
            await pilot.press("x")
            await settle(pilot)
            assert len(shown(screen)) == 1
            await pilot.press("u")
            await settle(pilot)
            assert len(shown(screen)) == 2 and screen.listing.current.memo == "wantrouwen"
            await pilot.press("u")
            await settle(pilot)
            assert eva_codings(coded) == before

    async def test_a_code_picked_by_typing_is_applied_and_the_workbench_counts_follow(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "code", V)
            segment = screen.listing.current
            await pilot.press("c", *"noodzaak", "enter")
            await settle(pilot)
            assert (N, segment.start, segment.end, "") in eva_codings(coded)
            await pilot.press("escape")
            await settle(pilot)
            workbench = app.screen
            noodzaak = workbench.overview.codebook.code_by_key(N).id
            assert workbench.overview.usage[noodzaak].mine == 3


class TestSnapshot:
    def test_a_group_of_every_coder_with_a_memo(self, coded, snap_compare):
        """The belemmerend group, every coder, a memo on the first quote, the second row highlighted."""

        async def run_before(pilot) -> None:
            await open_on(pilot, "group", "belemmerend")
            await pilot.press("m", *"Wantrouwen na het passeren.", "escape")
            await settle(pilot)
            await pilot.press("v", "j")
            await settle(pilot)
            for text_box in pilot.app.screen.query(Input):
                text_box.cursor_blink = False

        assert snap_compare(workbench_app(coded), terminal_size=SIZE, run_before=run_before)


@pytest.mark.asyncio
class TestQuoteBook:
    async def test_e_writes_the_quote_book_of_the_query_and_filters_shown(self, coded):
        from docx import Document

        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_on(pilot, "group", "belemmerend")
            await pilot.press("a")
            await settle(pilot)
            await pilot.press("down", "space", "enter")  # fase = verkennend
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("down", "enter")  # Word, with memos
            await settle(pilot)
            quotes = [s.text for s in screen.listing.segments]
        paragraphs = Document(str(coded / "exports" / "quotes.docx")).paragraphs
        written = [p.text.split("\n")[0] for p in paragraphs if p.style.name == "Quote"]
        assert sorted(written) == sorted(quotes) and len(quotes) == 2
        assert {p.text for p in paragraphs if p.style.name == "Heading 2"} == {"Gebrek aan vertrouwen",
                                                                               "Gedoe over geld"}


@pytest.mark.asyncio
class TestCrosstab:
    async def test_a_cell_counts_its_segments_and_enter_retrieves_exactly_them(self, coded):
        app = workbench_app(coded)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("X")
            await settle(pilot)
            crosstab = app.screen
            assert isinstance(crosstab, CrosstabScreen)
            table = crosstab.table
            assert table.columns == ("gestart", "verkennend")
            row = next(index for index, row in enumerate(table.rows) if row.query == V)
            assert [len(table.cell(row, column).segments) for column in range(2)] == [1, 1]
            assert table.cell(row, 1).share_of_cases == 1.0
            view = crosstab.query_one("#crosstab-table")
            view.move_cursor(row=row, column=2)
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, RetrievalScreen)
            assert shown(screen) == [row_key(s) for s in table.cell(row, 1).segments]
            assert screen.state.filters.attributes == (("fase", ("verkennend",)),)
            segment = screen.listing.current
            await pilot.press("enter")  # the workbench, on the segment
            await settle(pilot)
            assert isinstance(app.screen, WorkbenchScreen)
            assert app.screen.transcript.text_offset_selection == (segment.start, segment.end)
