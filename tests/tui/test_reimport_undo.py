"""Pilot test: a corrected transcript re-imported from the command line is undone and redone with u and
ctrl+y in the workbench, which shows the old text, turns and coding again."""

from __future__ import annotations

import pytest

from qualcode.importers.transcript_import import import_transcript
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import list_codings
from qualcode.storage.documents import get_document
from qualcode.storage.project_store import open_project
from qualcode.tui.widgets.transcript_view import TranscriptView
from tests.tui.workbench_project import SIZE, settle, workbench_app

pytestmark = pytest.mark.asyncio


def text_and_codings(folder):
    store = open_project(folder)
    try:
        return get_document(store, "interview-01").text, [(c.start, c.end) for c in list_codings(store)]
    finally:
        store.close()


async def test_u_undoes_a_reimport_and_ctrl_y_redoes_it(project, tmp_path):
    original_text, original_codings = text_and_codings(project)
    store = open_project(project)
    try:
        eva = ensure_coder(store, "eva")
        source = tmp_path / "interview-01.txt"
        source.write_text("I: Goedemorgen.\n" + original_text.replace("Marewijk", "Marrewijk") + "\n",
                          encoding="utf-8")
        outcome = import_transcript(store, source, coder_id=eva.id)
        assert outcome.status == "replaced", outcome.message
    finally:
        store.close()
    corrected_text, corrected_codings = text_and_codings(project)
    assert corrected_codings == [(start + 17, end + 17) for start, end in original_codings]
    async with workbench_app(project).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.data.document.text == corrected_text
        await pilot.press("u")
        await settle(pilot)
        assert text_and_codings(project) == (original_text, original_codings)
        assert screen.data.document.text == original_text
        assert len(screen.query_one(TranscriptView).segments) == 5
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert text_and_codings(project) == (corrected_text, corrected_codings)
        assert screen.data.document.text == corrected_text
