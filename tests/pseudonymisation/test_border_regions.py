"""Rules for interviews near the borders and in cities of many languages: foreign honorifics, languages, public
bodies, places told by their prepositions or their neighbours. Every name is made up."""

from __future__ import annotations

from tests.pseudonymisation.detected_forms import found


def test_a_foreign_honorific_stays_in_the_persons_name(detector):
    text = ("Ik bel dan met Frau Dr. Oberkamp van de cardiologie, of met Madame Vervaeke, en op de markt zit "
            "Dona Ilídia met haar kraam.")
    result = found(detector, text)
    assert {("Frau Dr. Oberkamp", "person"), ("Madame Vervaeke", "person"), ("Dona Ilídia", "person")} <= result


def test_a_language_or_dialect_is_no_name(detector):
    text = ("Ze spreekt alleen nog Tamazight, soms het Arabisch. In het Fries of in het Twents gaat het ook, "
            "en haar man praat Turks met de buren.")
    result = found(detector, text)
    assert not {name for name, _type in result} & {"Tamazight", "Arabisch", "Fries", "Twents", "Turks"}


def test_a_public_body_is_left_but_a_professional_association_is_named(detector):
    text = ("Rijkswaterstaat sluit de brug, het RIZIV betaalt en de Nederlandse Zorgautoriteit kijkt mee. "
            "Ook de LHV en het NHG schreven een standaard voor Huisartsen Veldmeer.")
    result = found(detector, text)
    assert not {name for name, _type in result} & {"Rijkswaterstaat", "RIZIV", "Nederlandse Zorgautoriteit",
                                                   "Zorgautoriteit"}
    assert {("LHV", "organisation"), ("NHG", "organisation")} <= result


def test_a_person_of_two_unknown_words_is_no_organisation_but_a_brigade_before_a_town_is(detector):
    text = ("Ze kwam met fysiotherapeut Ülkü Demirtaş, en mijn voorganger Sjeng Lemmerlijn vond het goed. Daarna "
            "praatte ik met de plaatselijke Zwemclub Oosterveld.")
    result = found(detector, text)
    assert {("Ülkü Demirtaş", "person"), ("Sjeng Lemmerlijn", "person")} <= result
    assert ("Zwemclub Oosterveld", "organisation") in result


def test_a_regional_language_alone_is_no_name_but_opens_one(detector):
    text = "Ze spreekt in het Drents, meer Drents dan Gronings. Ze gaat naar het Drents Zorgloket."
    result = found(detector, text)
    assert not {name for name, _type in result} & {"Drents", "Gronings"}
    assert ("Drents Zorgloket", "organisation") in result


def test_an_unknown_word_after_in_is_a_place_also_where_it_is_only_listed(detector):
    texts = {1: "Met Grevenbroek hebben we een afspraak, en Grevenbroek doet mee.",
             2: "Ik woon in Grevenbroek. Van hier ben je in tien minuten in Weiden, de grens over, en de bus rijdt "
                "richting Weiden. Met Weiden hebben we een afspraak."}
    detections = [d for found_in in detector.detect_documents(texts).values() for d in found_in]
    assert {(d.text, d.type) for d in detections if d.text == "Grevenbroek"} == {("Grevenbroek", "place")}
    assert [d.type for d in detections if d.text == "Weiden"] == ["place"] * 3  # met Weiden too


def test_tunnels_bridges_and_german_streets_are_places_but_a_care_circle_is_no_road(detector):
    text = ("We rijden door de Hollertunnel. Over de Veltbrug is het drukker. Het kantoor staat aan de Grenzstraße, "
            "naast de Zorgkring Oosterveld.")
    result = found(detector, text)
    assert {("Hollertunnel", "place"), ("Veltbrug", "place"), ("Grenzstraße", "place")} <= result
    assert ("Zorgkring Oosterveld", "place") not in result


def test_a_surname_listed_with_a_place_or_after_capital_in_is_the_place(detector):
    text = "Ze rijden naar Knokke of Damme. In Tielemans kijken ze anders."
    result = found(detector, text)
    assert ("Damme", "place") in result and ("Damme", "person") not in result
    assert ("Tielemans", "person") not in result
    assert ("Jan", "place") not in found(detector, "We gaan naar Knokke en Jan komt mee.")


def test_the_state_and_an_adjective_before_a_noun_are_no_names(detector):
    text = ("Het Rijk betaalt, zegt Rijk Oosterling, en het geld van het Rijk gaat naar de Moluks-Indische ouderen "
            "en de Antilliaanse buurtvaders.")
    result = found(detector, text)
    assert ("Rijk Oosterling", "person") in result
    assert not {name for name, _type in result} & {"Rijk", "Het Rijk", "Moluks-Indische", "Antilliaanse"}
