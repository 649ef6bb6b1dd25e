"""Co-occurrence of the hand-made project counted by hand, and of a random project against brute force."""

from __future__ import annotations

import random
import re
from collections import Counter
from itertools import combinations

import pytest

from qualcode.export.cooccurrence import code_cooccurrence
from qualcode.export.frequencies import code_frequencies
from qualcode.storage.codebook_store import apply_codebook_spec, load_codebook
from qualcode.storage.coders import ensure_coder
from qualcode.storage.codings import NewCoding, insert_codings, list_codings
from qualcode.storage.documents import document_segments, get_document, list_documents
from qualcode.storage.project_store import init_project
from tests.export.conftest import G, H, N, V
from tests.project_factory import SMALL_CODEBOOK, add_document, parsed_interview


def matrix(table, field):
    rows = getattr(table, field)
    return {(a, b): rows[i][j] for i, a in enumerate(table.codes) for j, b in enumerate(table.codes) if rows[i][j]}


def test_units_and_spans_by_turn(project):
    table = code_cooccurrence(project)
    assert table.codes == (V, G, H, N)
    assert table.groups == ("belemmerend", "belemmerend", "belemmerend", "bevorderend")
    # anna's turn 1 of interview-a carries V, G and N; everything else carries one code.
    assert matrix(table, "units") == {
        (V, V): 4, (G, G): 2, (H, H): 1, (N, N): 2,
        (V, G): 1, (G, V): 1, (V, N): 1, (N, V): 1, (G, N): 1, (N, G): 1,
    }
    # anna's N coding "nog niet.\nEn over geld" overlaps her V and her first G coding.
    assert matrix(table, "spans") == {(V, N): 1, (N, V): 1, (G, N): 1, (N, G): 1}
    pairs = {(p.code_a, p.code_b): (p.units_both, p.overlapping_spans) for p in table.pairs()}
    assert len(pairs) == 6
    assert pairs[(V, G)] == (1, 0) and pairs[(V, N)] == (1, 1) and pairs[(G, N)] == (1, 1) and pairs[(V, H)] == (0, 0)


def test_diagonal_is_units_coded(project):
    for unit in ("turn", "paragraph", "sentence"):
        table = code_cooccurrence(project, unit=unit)
        totals = code_frequencies(project, unit=unit).totals
        assert [table.units[i][i] for i in range(4)] == [t.units_coded for t in totals]


def test_by_paragraph_and_one_coder(project):
    assert matrix(code_cooccurrence(project, unit="paragraph"), "units") == {
        (V, V): 5, (G, G): 2, (H, H): 1, (N, N): 3, (V, N): 1, (N, V): 1, (G, N): 1, (N, G): 1,
    }
    bram = code_cooccurrence(project, coders=["bram"])
    assert bram.coders == ("bram",)
    assert matrix(bram, "units") == {(V, V): 2}
    assert matrix(bram, "spans") == {}


WORDS = "nou de samenwerking is er nog niet. geld en vertrouwen! Wat vindt u? ja.".split()


def random_project(folder, seed):
    rng = random.Random(seed)
    store = init_project(folder)
    apply_codebook_spec(store, SMALL_CODEBOOK)
    for number in range(3):
        turns = [("I" if t % 2 == 0 else "R",
                  "\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 15))).capitalize()
                            for _ in range(rng.randint(1, 3))))
                 for t in range(rng.randint(2, 6))]
        add_document(store, f"doc-{number}", parsed_interview(turns, case=f"R{number % 2}"))
    codes = [code.id for code in load_codebook(store).codes]
    coders = [ensure_coder(store, name).id for name in ("anna", "bram")]
    new = {}
    for summary in list_documents(store):
        length = summary.characters
        for _ in range(rng.randint(5, 25)):
            start = rng.randrange(length - 1)
            end = min(length, start + rng.randint(1, 60))
            key = (summary.id, rng.choice(codes), rng.choice(coders), start, end)
            new[key] = NewCoding(*key)
    with store.transaction() as session:
        insert_codings(session, new.values())
    return store


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("unit", ["turn", "paragraph", "sentence"])
def test_against_brute_force(tmp_path, seed, unit):
    """Units, words and co-occurrence counted character by character from the store's own segments."""
    store = random_project(tmp_path / "random", seed)
    keys = {code.id: code.key for code in load_codebook(store).codes}
    units_of, words_of = {}, {}
    for summary in list_documents(store):
        text = get_document(store, summary.id).text
        segments = document_segments(store, summary.id, unit)
        words = [m.span() for m in re.finditer(r"\w+(?:[-'’]\w+)*", text)]
        for coding in list_codings(store, document_id=summary.id):
            units_of[coding.id] = {i for i, s in enumerate(segments) if s.start < coding.end and coding.start < s.end}
            words_of[coding.id] = {i for i, (a, b) in enumerate(words) if a < coding.end and coding.start < b}
    codings = list_codings(store)
    expected = {}
    for coding in codings:
        key = (coding.document_id, coding.coder_id, keys[coding.code_id])
        count, units, words = expected.get(key, (0, set(), set()))
        expected[key] = (count + 1, units | units_of[coding.id], words | words_of[coding.id])
    report = code_frequencies(store, unit=unit)
    names = {d.name: d.id for d in list_documents(store)}
    coder_ids = {"anna": 1, "bram": 2}
    found = {(names[r.document], coder_ids[r.coder], r.code): (r.codings, r.units_coded, r.words_coded)
             for r in report.rows if r.codings}
    assert found == {key: (n, len(u), len(w)) for key, (n, u, w) in expected.items()}

    units_both, spans = Counter(), Counter()
    on_unit = {}
    for coding in codings:
        for index in units_of[coding.id]:
            on_unit.setdefault((coding.document_id, coding.coder_id, index), set()).add(keys[coding.code_id])
    for present in on_unit.values():
        for a in present:
            for b in present:
                units_both[a, b] += 1
    for one, other in combinations(codings, 2):
        if (one.document_id, one.coder_id) == (other.document_id, other.coder_id) and one.code_id != other.code_id \
                and max(one.start, other.start) < min(one.end, other.end):
            spans[keys[one.code_id], keys[other.code_id]] += 1
            spans[keys[other.code_id], keys[one.code_id]] += 1
    assert spans and any(a != b for a, b in units_both)  # the random project does have co-occurrences
    table = code_cooccurrence(store, unit=unit)
    assert matrix(table, "units") == dict(units_both)
    assert matrix(table, "spans") == dict(spans)
    store.close()
