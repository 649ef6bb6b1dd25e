"""Indicator words on Dutch examples: lemmas, inflections, compounds and look-alikes that must not match."""

from __future__ import annotations

import pytest

from qualcode.domain.language import set_language
from qualcode.domain.models import Code, Codebook, CodeGroup
from qualcode.nlp.indicator_matcher import IndicatorHit, IndicatorMatcher
from qualcode.nlp.segment_features import features_from_tokens

CODEBOOK = Codebook(
    groups=(CodeGroup(1, "belemmerend", "Belemmerende factoren"),),
    codes=(
        Code(1, "belemmerend/gebrek-aan-vertrouwen", "Gebrek aan vertrouwen", 1, indicators=("vertrouwen",)),
        Code(2, "belemmerend/gedoe-over-geld", "Gedoe over geld", 1,
             indicators=("geld", "honorarium", "kosten", "financ*")),
        Code(3, "belemmerend/tijdgebrek", "Tijdgebrek", 1, indicators=("tijd", "geen tijd", "overleg", "etentje", "kennen")),
        Code(4, "belemmerend/bestuur", "Bestuur", 1, indicators=("buitenpost", "beleid", "trekker")),
    ),
)
TRUST, MONEY, TIME, BOARD = (code.key for code in CODEBOOK.codes)


@pytest.fixture(scope="module")
def match(offline_pipeline):
    nlp = offline_pipeline.nlp
    matcher = IndicatorMatcher(CODEBOOK, lambda words: [doc[0].lemma_ for doc in nlp.pipe(words)])

    def run(text: str) -> dict[str, list[tuple[str, str, str]]]:
        features = features_from_tokens(nlp(text))
        return {evidence.code_key: [(hit.found, hit.term, hit.kind) for hit in evidence.hits]
                for evidence in matcher.match(features.forms, features.lemmas)}
    return run


@pytest.mark.parametrize(("text", "code", "found", "term", "kind"), [
    ("Er was een sterke vertrouwensband.", TRUST, "vertrouwensband", "vertrouwen", "modifier"),
    ("Er heerste wantrouwen.", TRUST, "wantrouwen", "vertrouwen", "negation"),
    ("Ze vertrouwden ons niet.", TRUST, "vertrouwden", "vertrouwen", "word"),        # lemma
    ("De honoraria waren niet geregeld.", MONEY, "honoraria", "honorarium", "word"),  # Latin plural, lemma
    ("Het ging om overheidsgelden.", MONEY, "overheidsgelden", "geld", "compound"),   # inflected head
    ("Er waren geldzorgen.", MONEY, "geldzorgen", "geld", "modifier"),
    ("De zorgkosten stegen.", MONEY, "zorgkosten", "kosten", "compound"),
    ("Het kostte veel.", MONEY, "kostte", "kosten", "word"),
    ("Het project werd gefinancierd.", MONEY, "gefinancierd", "financ", "stem"),
    ("De financiële kant.", MONEY, "financiële", "financ", "stem"),
    ("Dat gaat van de werktijd af.", TIME, "werktijd", "tijd", "compound"),
    ("Daar hadden we geen tijd voor.", TIME, "geen tijd", "geen tijd", "word"),
    ("We overlegden vaak.", TIME, "overlegden", "overleg", "inflection"),             # rapidfuzz
    ("Zij zijn de trekkers.", BOARD, "trekkers", "trekker", "word"),
])
def test_dutch_forms_match_their_indicator(match, text, code, found, term, kind):
    assert (found, term, kind) in match(text)[code]


@pytest.mark.parametrize("text", [
    "Dat formulier was niet geldig.",            # geld ≠ geldig
    "Het contract is ongeldig verklaard.",       # nor ongeldig
    "Uit vergelding deden ze niets.",            # vergelding has no 'geld' as a part
    "Het regent altijd en destijds ook.",        # altijd, destijds are not kinds of tijd
    "Dat gebeurde tijdens het congres.",         # tijdens
    "Het was tegelijkertijd gezellig.",          # tegelijkertijd
    "We gaan het huis verbouwen.",               # verbouwen ≠ vertrouwen (same length, other stem)
    "Dat is vertrouwelijk.",                     # vertrouwelijk is another word
    "Hij was erg beleefd.",                      # beleefd ≠ beleid
    "De buitenpoli draait goed.",                # buitenpoli ≠ buitenpost
    "Dat trekken we naar ons toe.",              # trekken (verb) ≠ trekker (who leads)
    "Die moet je niet vergeten.",                # vergeten is no compound of etentje (lemma eten)
    "Dat herken ik niet.",                       # herkennen is a prefixed verb, not a compound of kennen
    "Zij zijn overleden.",                       # overleden ≠ overleg
    "Dat is allemaal goed geregeld.",            # geregeld (regelen) ends in geld but is no compound of it
])
def test_look_alikes_do_not_match(match, text):
    assert match(text) == {}


def test_distinct_terms_add_up_and_the_reason_names_the_words(offline_pipeline):
    nlp = offline_pipeline.nlp
    matcher = IndicatorMatcher(CODEBOOK, lambda words: [doc[0].lemma_ for doc in nlp.pipe(words)])
    features = features_from_tokens(nlp("Over geld en honoraria, en nog meer geld."))
    (evidence,) = matcher.match(features.forms, features.lemmas)
    assert evidence.score == pytest.approx(1 - (1 - 0.5) * (1 - 0.5))   # two terms; 'geld' twice counts once
    assert evidence.reason() == "indicator words: geld, honoraria (honorarium)"


@pytest.mark.parametrize(("kind", "english", "dutch"), [
    ("inflection", "overlegden (inflection of overleg)", "overlegden (verbuiging van overleg)"),
    ("modifier", "overlegden (compound of overleg)", "overlegden (samenstelling met overleg)"),
])
def test_how_a_form_matched_is_explained_in_the_interface_language(kind, english, dutch):
    hit = IndicatorHit("overleg", "overlegden", kind, 0.9)
    assert hit.describe() == english
    set_language("nl")
    try:
        assert hit.describe() == dutch
    finally:
        set_language("en")
