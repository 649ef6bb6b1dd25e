"""Names no list knows: capitalised words a Dutch dictionary lacks, lists after a known name, compass regions,
titles, firms joined by ``&``, lower-case slips and surnames with their article."""

from __future__ import annotations

from qualcode.nlp.name_candidates import is_dutch_word, unknown_names
from tests.pseudonymisation.detected_forms import found


def test_an_unknown_capitalised_word_inside_a_sentence_is_an_organisation_or_after_in_a_place(detector):
    text = "We werken al jaren samen met Quovadix, en de patiënten gaan daarna naar Oostwaardingen terug."
    assert {("Quovadix", "organisation"), ("Oostwaardingen", "place")} <= found(detector, text)


def test_dutch_words_lone_abbreviations_and_sentence_openers_are_no_unknown_names():
    text = ("Daarna hebben we het FTO gehouden. Het Duits van de Belgische collega is goed, "
            "volgens het LSP en de PCI's. Zorgdomein werkt.")
    assert list(unknown_names(text, frozenset(), frozenset())) == []
    assert is_dutch_word("Daarna") and is_dutch_word("jeugdhulp") and not is_dutch_word("Quovadix")


def test_a_name_listed_after_a_place_or_organisation_takes_its_kind(detector):
    text = "Mensen uit Vlissingen gaan vaak naar Rotterdam of Antwerpen, en we spreken Amphia, Quovadix en Bravis."
    result = found(detector, text)
    assert ("Antwerpen", "place") in result
    assert {("Quovadix", "organisation"), ("Bravis", "organisation")} <= result


def test_compass_regions_streets_titles_and_firms_with_an_ampersand(detector):
    text = ("In West-Brabant en Zuidoost-Drenthe rijdt de ambulance over de Slingeweg. Ik sprak dokter Ter Haar "
            "en wethouder Ria Lammers. Toen kwam Ernst & Young met een rapport.")
    result = found(detector, text)
    assert {("West-Brabant", "place"), ("Zuidoost-Drenthe", "place"), ("Slingeweg", "place"),
            ("Ter Haar", "person"), ("Ria Lammers", "person"), ("Ernst & Young", "organisation")} <= result


def test_an_organisation_is_grown_over_the_capitalised_words_before_it(detector):
    text = "Dat regelen we via het Acute Zorgnetwerk Noord Nederland en met de Coöperatie VGZ."
    result = found(detector, text)
    assert {("Acute Zorgnetwerk Noord Nederland", "organisation"), ("Coöperatie VGZ", "organisation")} <= result


def test_a_genitive_of_a_known_first_name_is_left_to_the_person(detector):
    text = "Ik spreek vaak met Marieke van Zorggroep Arnhem, Mariekes inzicht is waardevol."
    detections = {d.text: d.type for d in detector.detect_documents({1: text})[1]}
    assert detections.get("Marieke") == "person" and "Mariekes" not in detections


def test_lower_case_slips_and_surnames_with_their_article_are_found_across_documents(detector):
    texts = {1: "De internist, dr. P. Reinders, werkt in Winterswijk. Ik belde dr. J. de Vries.",
             2: "Als ik reinders bel, is het opgelost. Als de SEH in winterswijk sluit, hebben we een probleem. "
                "Ik sprak De Vries daarover."}
    second = {(d.text, d.type) for d in detector.detect_documents(texts)[2]}
    assert {("reinders", "person"), ("winterswijk", "place"), ("De Vries", "person")} <= second


def test_a_hyphenated_name_opening_a_sentence_is_read_past_its_first_part():
    text = "We praten erover.\nSittard-Geleen Quovadix heeft een team. Sittard-Geleen heeft er een."
    found = [text[c.start:c.end] for c in unknown_names(text, frozenset(), frozenset())]
    assert found == ["Quovadix"]
