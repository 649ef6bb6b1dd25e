"""Coders at work at the same time: codings from several processes all land; an overtaken code edit is refused."""

import multiprocessing
import threading

import pytest

from qualcode.storage.actions import action_history
from qualcode.storage.code_versions import ChangedMeanwhileError
from qualcode.storage.codebook_editing import update_code
from qualcode.storage.codebook_store import load_codebook
from qualcode.storage.coders import ensure_coder, find_coder
from qualcode.storage.coding_actions import apply_code
from qualcode.storage.codings import list_codings
from qualcode.storage.project_store import open_project
from tests.project_factory import small_project

pytestmark = pytest.mark.both_backends

CODERS = 4
CODINGS_EACH = 15


def _code_many(place, name: str, results) -> None:
    """One coder's process: open the project and apply CODINGS_EACH codings, each its own transaction."""
    store = open_project(place)
    coder = ensure_coder(store, name).id
    codes = [code.id for code in load_codebook(store).codes]
    made = 0
    for number in range(CODINGS_EACH):
        applied = apply_code(store, coder_id=coder, document_id=1, code_id=codes[number % len(codes)],
                             start=number, end=number + 5)
        made += applied.created
    store.close()
    results.put((name, made))


def test_codings_from_several_processes_at_once_all_land(project_place):
    place = project_place("p")
    small_project(place).close()
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [context.Process(target=_code_many, args=(place, f"coder{number}", results)) for number in range(CODERS)]
    for worker in workers:
        worker.start()
    reported = dict(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert reported == {f"coder{number}": CODINGS_EACH for number in range(CODERS)}
    store = open_project(place)
    codings = list_codings(store)
    assert len(codings) == CODERS * CODINGS_EACH
    assert len({(coding.coder_id, coding.start) for coding in codings}) == CODERS * CODINGS_EACH
    for number in range(CODERS):  # and every coding is one undo step of its own coder
        coder = find_coder(store, f"coder{number}").id
        assert len(action_history(store, coder, limit=CODINGS_EACH + 1)) == CODINGS_EACH
    store.close()


@pytest.fixture
def codebook(project_place):
    store = small_project(project_place("p"))
    eva, daan = ensure_coder(store, "eva").id, ensure_coder(store, "daan").id
    code = next(code for code in load_codebook(store).codes if code.key.endswith("noodzaak"))
    yield store, eva, daan, code
    store.close()


def test_an_edit_of_a_code_someone_changed_since_is_refused_by_name(codebook):
    store, eva, daan, opened = codebook
    assert opened.version == 1
    saved = update_code(store, coder_id=daan, code_id=opened.id, opened_version=opened.version, description="Van Daan")
    assert saved.version == 2
    with pytest.raises(ChangedMeanwhileError, match="Noodzaak was changed by daan since you opened it"):
        update_code(store, coder_id=eva, code_id=opened.id, opened_version=opened.version, description="Van Eva")
    now = next(code for code in load_codebook(store).codes if code.id == opened.id)
    assert now.description == "Van Daan" and now.version == 2
    assert update_code(store, coder_id=eva, code_id=opened.id, opened_version=now.version,
                       description="Van Eva").version == 3


def test_two_edits_of_one_version_at_the_same_moment_one_wins_one_is_told(codebook):
    store, eva, daan, opened = codebook
    start, outcomes = threading.Barrier(2), []

    def edit(coder_id: int, text: str) -> None:
        start.wait()
        try:
            update_code(store, coder_id=coder_id, code_id=opened.id, opened_version=opened.version, description=text)
            outcomes.append(("saved", text))
        except ChangedMeanwhileError as error:
            outcomes.append(("refused", str(error)))

    threads = [threading.Thread(target=edit, args=(eva, "Eva")), threading.Thread(target=edit, args=(daan, "Daan"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(kind for kind, _ in outcomes) == ["refused", "saved"]
    winner = next(text for kind, text in outcomes if kind == "saved")
    refusal = next(text for kind, text in outcomes if kind == "refused")
    assert f"changed by {winner.lower()} since you opened it" in refusal
    assert next(code for code in load_codebook(store).codes if code.id == opened.id).description == winner
