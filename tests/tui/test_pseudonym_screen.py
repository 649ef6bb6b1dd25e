"""The pseudonymisation review screen: detection in a worker, decisions per form and per occurrence, undo."""

from __future__ import annotations

import pytest

from qualcode.storage.codebook_store import apply_codebook_spec
from qualcode.storage.documents import get_document
from qualcode.storage.project_store import open_project
from qualcode.storage.pseudonym_decisions import form_decisions, occurrence_decisions
from qualcode.domain.language import DUTCH, ENGLISH, set_language
from qualcode.tui.screens.pseudonym_screen import PseudonymScreen, shown_source
from qualcode.tui.screens.workbench import WorkbenchScreen
from tests.project_factory import SMALL_CODEBOOK
from tests.pseudonymisation.annotated_project import annotated_project
from tests.tui.workbench_project import SIZE, settle, workbench_app


def decisions(folder):
    store = open_project(folder)
    try:
        return form_decisions(store), occurrence_decisions(store)
    finally:
        store.close()


SOURCES = ("deduce", "pattern", "list", "gazetteer", "capitalised", "coordination", "propagation", "accepted", "coder",
           "header", "case", "speaker")
"""Every source detection names (qualcode/nlp/pseudonym_detection.py, project_pseudonyms.py)."""


def test_the_found_by_column_names_its_sources_in_dutch():
    set_language(DUTCH)
    try:
        shown = {source: shown_source(source) for source in SOURCES}
    finally:
        set_language(ENGLISH)
    assert shown["propagation"] == "elders gevonden" and shown["gazetteer"] == "plaatsenlijst"
    assert shown["deduce"] == "deduce"  # a package's name stays itself
    assert not [source for source in SOURCES if source != "deduce" and shown[source] == source]
    assert shown_source("propagation") == "propagation"  # English shows the name the command line prints


@pytest.mark.asyncio
async def test_review_forms_and_occurrences_with_undo(tmp_path):
    project = tmp_path / "project"
    store, _gold = annotated_project(project)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    store.close()
    app = workbench_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkbenchScreen)
        await pilot.press("P")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PseudonymScreen)
        rows = {row.form: row for row in screen.form_rows}
        assert rows["Zwolle"].type == "place" and rows["Zwolle"].count == 3
        assert [row.count for row in screen.form_rows] == sorted((row.count for row in screen.form_rows), reverse=True)
        screen.form_table.move_cursor(row=[row.form for row in screen.form_rows].index("Zwolle"))
        await pilot.press("a")
        await settle(pilot)
        forms, _ = decisions(project)
        assert [(d.form, d.type, d.status, d.pseudonym) for d in forms] == [
            ("Zwolle", "place", "accepted", "[Plaats 1]")]
        assert {row.form: row.status for row in screen.form_rows}["Zwolle"] == "accepted"
        assert all(d.status == "accepted" for d in screen.shown_occurrences)
        screen.occurrence_table.focus()
        await pilot.press("r")                                  # this occurrence only
        await settle(pilot)
        _, occurrences = decisions(project)
        first = screen.shown_occurrences[0]
        assert [(o.start, o.status) for o in occurrences] == [(first.start, "rejected")]
        assert first.status == "rejected"
        await pilot.press("u")
        await settle(pilot)
        assert decisions(project)[1] == []
        screen.form_table.focus()
        await pilot.press("u")
        await settle(pilot)
        assert decisions(project) == ([], [])
        await pilot.press("e")                                  # type the pseudonym: accepts the form
        await settle(pilot)
        await pilot.press(*"Stad Noord", "enter")
        await settle(pilot)
        assert [(d.form, d.status, d.pseudonym) for d in decisions(project)[0]] == [
            ("Zwolle", "accepted", "Stad Noord")]
        await pilot.press("t")                                  # place -> organisation
        await settle(pilot)
        assert [(d.form, d.type) for d in decisions(project)[0]] == [("Zwolle", "organisation")]
        await pilot.press("n")                                  # a form detection missed
        await settle(pilot)
        await pilot.press(*"stuurgroep", "enter")
        await settle(pilot)
        assert ("stuurgroep", "accepted", 1) in {(row.form, row.status, row.count) for row in screen.form_rows}
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkbenchScreen)


@pytest.mark.asyncio
async def test_the_workbench_selection_is_offered_as_the_missed_mention(tmp_path):
    project = tmp_path / "project"
    store, _gold = annotated_project(project)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    document = get_document(store, "interview-wolters")
    store.close()
    start = document.text.index("stuurgroep") + 5            # "groep" inside a word: this place only
    app = workbench_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = PseudonymScreen(app.screen.store, app.screen.coder, (document.id, start, start + 5))
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")                            # the prompt holds the selected text
        await settle(pilot)
        forms, occurrences = decisions(project)
        assert forms == [] and [(o.start, o.end, o.status) for o in occurrences] == [(start, start + 5, "accepted")]
        assert ("groep", "accepted") in {(row.form, row.status) for row in screen.form_rows}


def test_the_review_at_80x24_with_one_form_accepted(tmp_path, snap_compare):
    """The smallest terminal: forms with counts, types, status and pseudonym above, the highlighted
    form's occurrences in their context below, after accepting the first place."""
    project = tmp_path / "project"
    store, _gold = annotated_project(project)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    store.close()

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        screen = pilot.app.screen
        screen.form_table.move_cursor(row=[row.form for row in screen.form_rows].index("Zwolle"))
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(workbench_app(project), terminal_size=(80, 24), run_before=run_before)
