"""Pilot tests of code suggestions in the workbench, on the offline Dutch pipeline that every machine has.

Each test checks what the project stored: the coding with its origin, and the accept or reject
that the learning reads.
"""

from __future__ import annotations

import asyncio

import pytest

from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import find_coder
from qualcode.storage.codings import list_codings
from qualcode.storage.project_store import open_project
from qualcode.storage.suggestion_store import list_feedback
from qualcode.tui.widgets.segment_panel import SuggestionList
from qualcode.tui.widgets.transcript_view import TranscriptView
from tests.tui.workbench_project import SIZE, settle, workbench_app

pytestmark = pytest.mark.asyncio

TRUST = "belemmerend/gebrek-aan-vertrouwen"
MONEY = "belemmerend/gedoe-over-geld"


def stored(folder):
    """Eva's codings and feedback as (code key, origin) and (code key, decision, start, end)."""
    store = open_project(folder)
    try:
        keys = {code.id: code.key for code in load_codebook(store).codes}
        eva = find_coder(store, "eva")
        codings = [(keys[c.code_id], c.origin, c.start, c.end) for c in list_codings(store, coder_id=eva.id)]
        feedback = [(keys[f.code_id], f.decision, f.start, f.end) for f in list_feedback(store, coder_id=eva.id)]
        return codings, feedback
    finally:
        store.close()


async def offered(pilot) -> list[str]:
    """Wait until the pipeline is loaded and the current segment's suggestions are shown; their code keys."""
    screen = pilot.app.screen
    for _ in range(600):
        await pilot.pause()
        await settle(pilot, rounds=1)
        if screen.suggester is not None and screen.suggestions is not None:
            segment = screen.transcript.current_segment
            return [s.code_key for s in screen._current_suggestions(segment)]
        await asyncio.sleep(0.05)
    raise TimeoutError("the suggestions did not arrive")


async def on_first_answer(pilot):
    """Start the workbench with suggestions and go to the first respondent turn (trust and money)."""
    await settle(pilot)
    await pilot.press("J")
    keys = await offered(pilot)
    assert {TRUST, MONEY} <= set(keys)
    segment = pilot.app.screen.transcript.current_segment
    return keys, (segment.start, segment.end)


async def test_a_accepts_the_top_suggestion_and_records_it(project):
    app = workbench_app(project, suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        keys, span = await on_first_answer(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert keys[0] not in await offered(pilot)
    codings, feedback = stored(project)
    assert codings == [(keys[0], "suggestion", *span)]
    assert feedback == [(keys[0], "accepted", *span)]


async def test_an_accept_is_learned_in_the_background(project):
    app = workbench_app(project, suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        keys, _ = await on_first_answer(pilot)
        screen = pilot.app.screen
        before = screen.suggester
        await pilot.press("a")
        for _ in range(600):
            await settle(pilot, rounds=1)
            if screen.suggester is not before:
                break
            await asyncio.sleep(0.05)
        assert screen.suggester.suggester.examples.support[keys[0]] >= 1


async def test_r_rejects_and_the_rejected_code_is_not_offered_again(project):
    app = workbench_app(project, suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        keys, span = await on_first_answer(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert await offered(pilot) == keys[1:]
        await pilot.press("j", "k")  # away and back: still not offered
        assert keys[0] not in await offered(pilot)
        await pilot.press("q")
    restarted = workbench_app(project, suggestions=True)
    async with restarted.run_test(size=SIZE) as pilot:  # nor after a restart
        await settle(pilot)
        assert pilot.app.screen.transcript.current_segment.start == span[0]
        assert keys[0] not in await offered(pilot)
    codings, feedback = stored(project)
    assert codings == []
    assert feedback == [(keys[0], "rejected", *span)]


async def test_A_then_a_number_accepts_another_and_returns_to_the_transcript(project):
    app = workbench_app(project, suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        keys, span = await on_first_answer(pilot)
        await pilot.press("A")
        assert isinstance(app.focused, SuggestionList)
        await pilot.press("escape")
        assert isinstance(app.focused, TranscriptView)
        await pilot.press("A")
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.focused, TranscriptView)
        assert keys[1] not in await offered(pilot)
    codings, feedback = stored(project)
    assert codings == [(keys[1], "suggestion", *span)]
    assert feedback == [(keys[1], "accepted", *span)]


async def test_the_status_line_names_the_pipeline_once_loaded(project):
    app = workbench_app(project, suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await on_first_answer(pilot)
        assert app.screen.status.status.pipeline == "NLP: offline, see qualcode doctor"
