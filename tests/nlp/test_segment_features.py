"""What a segment's content lemmas hold: topic words, not stop words or verbs that only carry tense or speech."""

from __future__ import annotations

from qualcode.nlp.segment_features import features_from_tokens


def test_light_verbs_are_no_content_but_verbs_with_a_topic_are(offline_pipeline):
    features = features_from_tokens(offline_pipeline.nlp(
        "We hebben gezegd dat we willen gaan samenwerken, maar de verzekeraar moet eerst betalen."))
    assert {"samenwerken", "verzekeraar", "betalen"} <= set(features.content)
    assert not {"hebben", "zeggen", "willen", "gaan", "moeten", "we", "de"} & set(features.content)


def test_light_verbs_still_count_as_words_and_lemmas_for_the_indicators(offline_pipeline):
    features = features_from_tokens(offline_pipeline.nlp("Ze hebben het niet nodig."))
    assert "hebben" in features.lemmas and "nodig" in features.content
