"""Text search over all documents: case-insensitive, across line breaks, with turns, times and context."""

import pytest

from qualcode.storage.text_search import search_pattern, search_text
from tests.project_factory import add_document, parsed_interview, small_project

pytestmark = pytest.mark.both_backends


def test_hits_in_every_document_in_name_and_text_order(project_place):
    store = small_project(project_place("p"))
    add_document(store, "another", parsed_interview([("I", "En het VERTROUWEN?"), ("R", "Vertrouwen komt te voet.")]))
    hits = search_text(store, "vertrouwen")
    assert [(hit.document_name, hit.place, hit.match) for hit in hits] == [
        ("another", "turn 1", "VERTROUWEN"), ("another", "turn 2", "Vertrouwen"), ("interview", "turn 2", "vertrouwen")]
    text = "I: En het VERTROUWEN?\n"
    assert (hits[0].start, hits[0].end) == (text.index("VERTROUWEN"), text.index("VERTROUWEN") + 10)
    assert (hits[0].before, hits[0].after) == ("I: En het ", "?")


def test_a_query_matches_across_a_line_break_and_blank_queries_find_nothing(project_place):
    store = small_project(project_place("p"))
    [hit] = search_text(store, "niet. en over")
    assert hit.match == "niet. En over"  # the line break shows as a space
    assert search_text(store, "   ") == [] and search_pattern("") is None
    assert search_text(store, "a.b") == []  # the dot is literal
