"""The interviewer's question before a respondent turn counts as evidence for the turn's suggestions."""

from __future__ import annotations

from qualcode.nlp.project_suggestions import interviewer_questions, open_suggester, suggest_document
from qualcode.storage.coders import add_coder
from qualcode.storage.documents import document_segments, get_document
from qualcode.storage.project_store import init_project
from qualcode.storage.codebook_store import apply_codebook_spec
from tests.project_factory import SMALL_CODEBOOK, add_document, parsed_interview

MONEY = "belemmerend/gedoe-over-geld"


def project_with(tmp_path, turns):
    store = init_project(tmp_path / "p")
    apply_codebook_spec(store, SMALL_CODEBOOK)
    add_document(store, "interview", parsed_interview(turns))
    return store, get_document(store, "interview")


def test_each_respondent_segment_gets_the_interviewer_turn_just_before_its_own(tmp_path):
    store, document = project_with(tmp_path, [
        ("R", "Mag ik eerst iets zeggen?"),
        ("I", "Hoe zit het met het geld?"),
        ("R", "Dat klopt."),
        ("R", "En nog iets."),
        ("I", "En het vertrouwen?"),
        ("R", "Eerste alinea.\nTweede alinea."),
    ])
    turns = document_segments(store, document.id, "turn")
    found = interviewer_questions(turns, turns)
    span = lambda segment: (segment.start, segment.end)   # noqa: E731
    assert found == {span(turns[2]): span(turns[1]), span(turns[5]): span(turns[4])}
    paragraphs = document_segments(store, document.id, "paragraph")
    by_paragraph = interviewer_questions(turns, paragraphs)
    assert [by_paragraph.get(span(paragraph)) for paragraph in paragraphs] == [
        None, None, span(turns[1]), None, None, span(turns[4]), span(turns[4])]
    assert interviewer_questions(turns, []) == {} and interviewer_questions([], turns) == {}


def test_an_answer_that_only_says_yes_is_suggested_the_code_the_question_asked_about(tmp_path, offline_pipeline):
    store, document = project_with(tmp_path, [
        ("I", "Hoe zit het met het geld?"),
        ("R", "Ja, dat klopt, dat speelt hier ook."),
        ("R", "Ja, dat klopt, dat speelt hier ook."),          # no question before it: only the answer before
    ])
    suggester = open_suggester(store, offline_pipeline, None).ranking_everything()
    answered, unasked = suggest_document(store, suggester, document, "turn")
    assert answered.suggestions[0].code_key == MONEY
    assert "the question asked about geld" in answered.suggestions[0].reasons
    assert [suggestion.code_key for suggestion in unasked.suggestions] == [MONEY]
    assert unasked.suggestions[0].reasons == ("follows on from the previous answer: “Ja, dat klopt, dat speelt hier "
                                              "ook.”",)
    assert unasked.suggestions[0].score < answered.suggestions[0].score / 5


def test_the_question_weighs_less_than_the_same_words_in_the_answer(tmp_path, offline_pipeline):
    store, document = project_with(tmp_path, [
        ("I", "Hoe zit het met het geld?"),
        ("R", "Ja, dat klopt."),
        ("I", "Vertelt u eens."),
        ("R", "Het geld, ja, dat klopt."),
    ])
    suggester = open_suggester(store, offline_pipeline, None).ranking_everything()
    asked, said = suggest_document(store, suggester, document, "turn")
    assert asked.suggestions[0].code_key == said.suggestions[0].code_key == MONEY
    assert 0 < asked.suggestions[0].score < said.suggestions[0].score


def test_the_question_counts_for_a_coder_too_and_interviewer_turns_get_none(tmp_path, offline_pipeline):
    store, document = project_with(tmp_path, [
        ("I", "Hoe zit het met het geld?"),
        ("R", "Ja, dat klopt, dat speelt hier ook."),
    ])
    eva = add_coder(store, "eva")
    suggester = open_suggester(store, offline_pipeline, eva.id).ranking_everything()
    question, answer = suggest_document(store, suggester, document, "turn", eva.id, include_interviewer=True)
    assert answer.suggestions[0].code_key == MONEY
    assert not any(reason.startswith("the question asked about")
                   for suggestion in question.suggestions for reason in suggestion.reasons)
