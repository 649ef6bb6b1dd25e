"""Pilot tests of the workbench: each drives the real app with keys and checks what the project stored."""

from __future__ import annotations

import sqlite3
import time

import pytest
from textual.widgets import OptionList

from qualcode.storage.actions import action_history
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import find_coder
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import document_segments, get_document, list_documents
from qualcode.storage.memos import list_memos
from qualcode.storage import project_store, text_search
from qualcode.storage.project_store import open_project
from qualcode.storage.settings import get_setting, set_setting
from qualcode.storage.text_search import search_text
from qualcode.tui.app import KEYMAP_SETTING, StoreTask, make_app, prepare_start
from qualcode.tui.screens.case_dialog import CaseDialog
from qualcode.tui.screens.choice_dialog import ChoiceDialog
from qualcode.tui.screens.code_picker import CodePicker
from qualcode.tui.screens.coder_dialog import CoderDialog
from qualcode.tui.screens.help_screen import HelpScreen
from qualcode.tui.screens.memo_editor import MemoEditor
from qualcode.tui.screens.workbench import WorkbenchScreen
from qualcode.tui.widgets.segment_panel import CodingsView
from qualcode.tui.widgets.transcript_view import TranscriptView
from qualcode.tui.workbench_data import CODER_SETTING
from tests.tui.workbench_project import SIZE, SNAPSHOT_THEME, settle, workbench_app

pytestmark = pytest.mark.asyncio


def stored(folder):
    """The project as a fresh connection sees it: (codings, memos, codebook)."""
    store = open_project(folder)
    try:
        return list_codings(store), list_memos(store), load_codebook(store)
    finally:
        store.close()


def code_id(folder, key):
    return stored(folder)[2].code_by_key(key).id


def eva_codings(folder):
    store = open_project(folder)
    try:
        eva = find_coder(store, "eva")
        return [] if eva is None else list_codings(store, coder_id=eva.id)
    finally:
        store.close()


def turns(folder, document="interview-01", unit="turn"):
    store = open_project(folder)
    try:
        return document_segments(store, get_document(store, document).id, unit)
    finally:
        store.close()


async def start(pilot):
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkbenchScreen)
    return pilot.app.screen, pilot.app.screen.query_one(TranscriptView)


class TestCoder:
    async def test_the_coder_is_asked_once_and_remembered(self, project):
        app = workbench_app(project, coder=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, CoderDialog)
            await pilot.press(*"eva", "enter")
            await start(pilot)
            assert app.coder.name == "eva"
        store = open_project(project)
        assert get_setting(store, CODER_SETTING) == "eva"
        store.close()
        again = workbench_app(project, coder=None)
        async with again.run_test(size=SIZE) as pilot:
            await start(pilot)
            assert again.coder.name == "eva"

    async def test_opened_by_the_command_line_the_first_screen_is_the_workbench_with_the_keymap(self, project):
        store = open_project(project)
        set_setting(store, KEYMAP_SETTING, '{"workbench.search": "z"}')
        app = make_app(project, "eva", theme=SNAPSHOT_THEME, suggestions=False, store=store,
                       started=prepare_start(store, "eva"))
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen_stack[0], WorkbenchScreen) and len(app.screen_stack) == 1
            screen, transcript = await start(pilot)
            assert transcript.segments and app.coder.name == "eva"
            await pilot.press("z")
            await settle(pilot)
            assert type(app.screen).__name__ == "SearchDialog"

    async def test_coder_option_overrides_without_changing_the_remembered_one(self, project):
        async with workbench_app(project, coder="eva").run_test(size=SIZE) as pilot:
            await start(pilot)
        app = workbench_app(project, coder="daan")
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            assert app.coder.name == "daan"
        store = open_project(project)
        assert get_setting(store, CODER_SETTING) == "eva"
        store.close()


class TestNavigation:
    async def test_j_k_and_arrows_walk_segments_and_capitals_skip_the_interviewer(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            _, transcript = await start(pilot)
            assert transcript.current_index == 0
            await pilot.press("j", "down")
            assert transcript.current_index == 2
            await pilot.press("k")
            assert transcript.current_index == 1
            await pilot.press("up")
            assert transcript.current_index == 0
            await pilot.press("J")
            assert transcript.current_segment.role == "respondent" and transcript.current_index == 1
            await pilot.press("J")
            assert transcript.current_index == 3
            await pilot.press("K")
            assert transcript.current_index == 1

    async def test_s_cycles_turn_paragraph_sentence_and_stays_in_place(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, transcript = await start(pilot)
            await pilot.press("j", "j", "j")
            place = transcript.current_segment.start
            await pilot.press("s")
            await settle(pilot)
            assert screen.unit == "paragraph"
            assert [(s.start, s.end) for s in transcript.segments] == \
                [(s.start, s.end) for s in turns(project, unit="paragraph")]
            assert transcript.current_segment.start == place
            await pilot.press("s")
            await settle(pilot)
            sentences = turns(project, unit="sentence")
            assert screen.unit == "sentence" and len(transcript.segments) == len(sentences)
            await pilot.press("s")
            await settle(pilot)
            assert screen.unit == "turn"

    async def test_position_is_remembered_per_coder(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, _ = await start(pilot)
            await pilot.press("right_square_bracket")
            await settle(pilot)
            await pilot.press("j")
            screen._save_position()
            await settle(pilot)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen, transcript = await start(pilot)
            assert screen.data.document.name == "interview-02" and transcript.current_index == 1


class TestErrors:
    async def test_a_locked_database_is_a_readable_message_and_the_app_keeps_working(self, project, monkeypatch):
        monkeypatch.setattr(project_store, "BUSY_TIMEOUT_MS", 200)
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            other = sqlite3.connect(project / "qualcode.db", isolation_level=None)
            other.execute("BEGIN EXCLUSIVE")  # another program holds the project
            try:
                await pilot.press("j", "1")
                await settle(pilot)
                messages = [(note.title, note.message) for note in app._notifications]
                assert ("Could not apply the code", f"{project / 'qualcode.db'} is locked by another program "
                        "(is qualcode open twice?); nothing was changed, try again when it is done"
                        ) in messages
            finally:
                other.execute("ROLLBACK")
                other.close()
            assert eva_codings(project) == []
            await pilot.press("1")  # the app kept running: the same key works once the lock is gone
            await settle(pilot)
            assert len(eva_codings(project)) == 1


class TestCoding:
    async def test_a_coding_keyed_just_before_quitting_is_written_before_the_app_exits(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            # Hold the store queue so the coding is still waiting when q arrives.
            app.submit(StoreTask("hold the store", lambda: time.sleep(0.4)))
            await pilot.press("j", "1", "q")
            while app.return_code is None:  # quitting waits for the queue
                await pilot.pause(0.02)
        [coding] = eva_codings(project)
        assert coding.code_id == code_id(project, "belemmerend/gebrek-aan-vertrouwen")

    async def test_a_hotkey_codes_the_current_segment_and_shows_it(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, transcript = await start(pilot)
            await pilot.press("j", "1")
            await settle(pilot)
            segment = transcript.current_segment
            [coding] = eva_codings(project)
            assert (coding.code_id, coding.start, coding.end) == (
                code_id(project, "belemmerend/gebrek-aan-vertrouwen"), segment.start, segment.end)
            margin = screen._decorations().margin[segment.turn_index][0]
            assert [entry.label for entry in margin] == ["Gebrek aan vertrouwen"]
            panel = str(screen.query_one(CodingsView).query_one("#codings-text").content)
            assert "Gebrek aan vertrouwen" in panel
            assert screen.overview.usage[coding.code_id].mine == 1

    async def test_shift_arrows_select_a_finer_span_to_code(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            _, transcript = await start(pilot)
            await pilot.press("j", *["ctrl+shift+right"] * 3, "2")
            await settle(pilot)
            [coding] = eva_codings(project)
            text = get_text(project)
            assert text[coding.start:coding.end] == "Eerlijk gezegd is"
            assert transcript.text_offset_selection is None  # the selection is used up

    async def test_mouse_drag_selects_a_span_to_code(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            _, transcript = await start(pilot)
            await pilot.mouse_down(transcript, offset=(5, 1))
            await pilot.hover(transcript, offset=(12, 1))
            await pilot.mouse_up(transcript, offset=(12, 1))
            await pilot.press("6")
            await settle(pilot)
            [coding] = eva_codings(project)
            # x 5 and 12 are columns 2 and 9 of the text (border 1, marker 2); surrounding spaces are trimmed.
            assert get_text(project)[coding.start:coding.end] == "Fijn d"

    @pytest.mark.parametrize(("typed", "key"), [
        ("vertrouwn", "belemmerend/gebrek-aan-vertrouwen"),   # a typo in the name
        ("twijfel", "belemmerend/gebrek-aan-vertrouwen"),     # a word from the description
        ("gedoe-over", "belemmerend/gedoe-over-geld"),         # part of the id
    ])
    async def test_the_picker_filters_fuzzily_and_applies(self, project, typed, key):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            await pilot.press("j", "c")
            assert isinstance(app.screen, CodePicker)
            await pilot.press(*typed, "enter")
            await settle(pilot)
            [coding] = eva_codings(project)
            assert coding.code_id == code_id(project, key)

    async def test_the_picker_creates_a_missing_code_in_the_current_group_and_undo_takes_both_back(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen, _ = await start(pilot)
            await pilot.press("g", "down", "down", "down", "down", "t")  # highlight the second group
            await pilot.press("j", "c", *"Korte lijnen", "enter")
            await settle(pilot)
            codebook = stored(project)[2]
            code = codebook.code_by_key("bevorderend/korte-lijnen")
            assert code is not None and code.group_id == codebook.groups[1].id
            assert [c.code_id for c in eva_codings(project)] == [code.id]
            assert "Korte lijnen" in [entry.label for entry in screen._decorations().margin[1][0]]
            await pilot.press("u")
            await settle(pilot)
            assert stored(project)[2].code_by_key("bevorderend/korte-lijnen") is None
            assert eva_codings(project) == []

    async def test_the_picker_offers_every_group_for_a_new_code_the_highlighted_one_first(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            await pilot.press("g", "down", "down", "down", "down", "t")  # highlight Bevorderende factoren
            await pilot.press("j", "c", *"Korte lijnen")
            options = app.screen.query_one("#code-matches", OptionList)
            creates = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert [text.strip() for text in creates if "Create" in text] == [
                "+ Create code “Korte lijnen” in Bevorderende factoren",
                "+ Create code “Korte lijnen” in Belemmerende factoren"]
            await pilot.press("down", "down", "enter")  # past the one match, to the second group offered
            await settle(pilot)
            codebook = stored(project)[2]
            code = codebook.code_by_key("belemmerend/korte-lijnen")
            assert code is not None and code.group_id == codebook.groups[0].id
            assert [c.code_id for c in eva_codings(project)] == [code.id]

    async def test_x_removes_the_only_coding_and_asks_which_when_there_are_several(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            await pilot.press("j", "1")
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
            assert eva_codings(project) == []
            await pilot.press("1", "2")
            await settle(pilot)
            await pilot.press("x")
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("down", "enter")
            await settle(pilot)
            assert [c.code_id for c in eva_codings(project)] == [code_id(project, "belemmerend/gebrek-aan-vertrouwen")]
            codings, _, _ = stored(project)
            assert any(c.coder_id != eva_codings(project)[0].coder_id for c in codings)  # daan's stays

    async def test_m_writes_a_segment_memo_or_a_coding_memo(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            _, transcript = await start(pilot)
            await pilot.press("m")
            assert isinstance(app.screen, MemoEditor)
            await pilot.press(*"open vraag", "escape")
            await settle(pilot)
            [memo] = stored(project)[1]
            assert memo.text == "open vraag" and (memo.start, memo.end) == (
                transcript.current_segment.start, transcript.current_segment.end)
            await pilot.press("j", "6", "m")
            await settle(pilot)
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("enter")
            await pilot.press(*"duidelijk", "escape")
            await settle(pilot)
            [coding] = eva_codings(project)
            assert coding.memo == "duidelijk"
            panel = str(app.screen.query_one("#codings-text").content)
            assert "duidelijk" in panel

    async def test_undo_and_redo_with_every_key_and_after_a_restart(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, _ = await start(pilot)
            await pilot.press("j", "1", "6")
            await settle(pilot)
            assert len(eva_codings(project)) == 2
            await pilot.press("u")
            await settle(pilot)
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert eva_codings(project) == []
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert len(eva_codings(project)) == 1
            assert screen.overview.usage[code_id(project, "belemmerend/gebrek-aan-vertrouwen")].mine == 1
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            await start(pilot)
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert len(eva_codings(project)) == 2
            await pilot.press("u", "u")
            await settle(pilot)
            assert eva_codings(project) == []


def get_text(folder, name="interview-01"):
    store = open_project(folder)
    try:
        return get_document(store, name).text
    finally:
        store.close()


class TestSearchViewHelpPalette:
    async def test_slash_searches_all_documents_and_n_jumps_between_hits(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen, transcript = await start(pilot)
            await pilot.press("slash", *"vertrouwen")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert [hit.document_name for hit in screen.hits] == ["interview-01", "interview-02"]
            assert screen.data.document.name == "interview-01"
            hit = screen.hits[0]
            segment = transcript.current_segment
            assert segment.start <= hit.start < segment.end
            await pilot.press("n")
            await settle(pilot)
            assert screen.data.document.name == "interview-02"
            assert "2/2" in screen.status.status.search
            await pilot.press("N")
            await settle(pilot)
            assert screen.data.document.name == "interview-01"

    async def test_enter_typed_before_the_hits_arrive_goes_to_the_first_hit(self, project, monkeypatch):
        def slow_search(store, query):
            time.sleep(0.2)
            return search_text(store, query)

        monkeypatch.setattr(text_search, "search_text", slow_search)  # the search task imports it when it runs
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen, transcript = await start(pilot)
            await pilot.press("slash", *"geld", "enter")
            await settle(pilot)
            assert screen.last_query == "geld" and len(screen.hits) == 2
            assert screen is app.screen  # the dialog closed on the first hit
            assert transcript.current_segment.start <= screen.hits[0].start < transcript.current_segment.end

    async def test_v_shows_all_coders_side_by_side(self, project):
        async with workbench_app(project).run_test(size=SIZE) as pilot:
            screen, transcript = await start(pilot)
            await pilot.press("j", "1")
            await settle(pilot)
            assert screen._decorations().columns == 1
            await pilot.press("v")
            decorations = screen._decorations()
            assert decorations.columns == 2
            mine, daans = decorations.margin[1]
            assert [e.label for e in mine] == ["Gebrek aan vertrouwen"] and [e.label for e in daans] == ["Noodzaak"]
            panel = str(screen.query_one("#codings-text").content)
            assert "daan" in panel and "Noodzaak" in panel
            assert transcript.border_subtitle == "eva │ daan"

    async def test_help_lists_every_binding_with_what_it_does(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen, _ = await start(pilot)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            listed = {description for section in app.screen._sections for _, description in section.rows}
            for binding in WorkbenchScreen.BINDINGS:
                if not binding.action.startswith("apply_hotkey"):
                    assert (binding.tooltip or binding.description) in listed, binding.description
            assert "Gebrek aan vertrouwen" in listed  # the code hotkeys
            await pilot.press("escape")
            assert app.screen is screen

    async def test_the_palette_applies_codes_and_opens_documents(self, project):
        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen, _ = await start(pilot)
            await pilot.press("ctrl+p", *"Apply code: Noodzaak")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert [c.code_id for c in eva_codings(project)] == [code_id(project, "bevorderend/noodzaak")]
            await pilot.press("ctrl+p", *"Open document: interview-02")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.data.document.name == "interview-02"
            await pilot.press("ctrl+p", *"Undo")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert eva_codings(project) == []


class TestCases:
    async def test_C_in_the_document_list_links_a_new_case_changes_it_and_u_undoes(self, project):
        def cases():
            store = open_project(project)
            try:
                return {document.name: document.case_label for document in list_documents(store)}
            finally:
                store.close()

        app = workbench_app(project)
        async with app.run_test(size=SIZE) as pilot:
            screen, _ = await start(pilot)
            await pilot.press("o", "C")
            assert isinstance(app.screen, CaseDialog)
            await pilot.press(*"R9", "enter")  # no case R9 yet: the new case is offered
            await settle(pilot)
            assert cases() == {"interview-01": "R9", "interview-02": "R2"}
            assert "(R9)" in str(screen.status.render())
            await pilot.press("C", *"R2", "enter")  # an existing case
            await settle(pilot)
            assert cases()["interview-01"] == "R2"
            await pilot.press("u")
            await settle(pilot)
            assert cases()["interview-01"] == "R9"
            await pilot.press("u")
            await settle(pilot)
            assert cases() == {"interview-01": "R1", "interview-02": "R2"}
            assert "(R1)" in str(screen.status.render())
