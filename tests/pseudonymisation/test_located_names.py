"""Rules for names told by the words around them: roads, nature areas, villages called ``De X``, web names and
bodies named for their region. Every name is made up or a real place none of the annotated interviews holds."""

from __future__ import annotations

from tests.pseudonymisation.detected_forms import found


def test_a_road_number_where_one_drives_is_a_place(detector):
    text = ("De A73 bij Venray staat vast. We rijden over de N279 of via A2, en bij afrit N18 gaat het mis. "
            "Over de A4 richting Woerden is het ook druk.")
    result = found(detector, text)
    assert {("A73", "place"), ("N279", "place"), ("A2", "place"), ("N18", "place"), ("A4", "place")} <= result


def test_a_paper_size_a_room_or_a_grade_is_no_road(detector):
    text = ("Print het op A4 en leg de A4 op tafel, of een A3'tje. Ze ligt op kamer A12, de N2-vleugel. "
            "Hij had vitamine B12 nodig en haalde een A.")
    result = found(detector, text)
    assert not {name for name, _type in result} & {"A4", "A3", "A12", "N2", "B12"}


def test_a_heath_or_wood_one_is_on_is_a_place_but_a_care_home_so_named_is_not(detector):
    text = "Ongelukken op het Heidegeveld en rond het Gemerts-Saksische Woud. Ze werkt bij het Zonneveld in Lochem."
    result = found(detector, text)
    assert {("Heidegeveld", "place"), ("Gemerts-Saksische Woud", "place")} <= result
    assert ("Zonneveld", "place") not in result


def test_a_canal_named_after_someone_is_one_place(detector):
    assert ("Van Harinxmaplaskanaal", "place") in found(detector, "De post ligt aan het Van Harinxmaplaskanaal.")


def test_a_village_called_de_x_is_a_place_unless_it_is_somewhere_or_explained_as_a_thing(detector):
    text = ("We rijden naar Oldebroek, Hattem, De Bilt. De gemeente De Lier betaalt. We vergaderen in De Kwakel "
            "in Woerden, dat is het buurthuis. In het dorpshuis, De Rijp, zit de post.")
    result = found(detector, text)
    assert {("De Bilt", "place"), ("De Lier", "place"), ("De Kwakel", "organisation"),
            ("De Rijp", "organisation")} <= result


def test_a_name_with_a_capital_article_inside_a_sentence_is_no_square(detector):
    result = found(detector, "De aanbieders zijn Zorgkompas, De Grote Brug en Opmaat. We wonen aan de Lange Kade.")
    assert ("De Grote Brug", "organisation") in result
    assert ("Lange Kade", "place") in result


def test_a_body_named_for_its_region_is_one_organisation(detector):
    text = ("De melding komt van Veiligheidsregio Westerkwartier. Meldkamer Midden-Limburg, in Venray. "
            "We werken met GGZ Ameland en met NAH-netwerk Lochem. Er is ook Huisartsendiensten Texel. "
            "In de Regio Borculo hebben we overleg. Respondent: Praktijk De Bilt in Oldebroek, dokter Karsbergen. "
            "Het zijn er tientallen. Kwaliteitsnet Hattem, GGZ Zorgloket Dieren en Zorgkompas Venray.")
    result = found(detector, text)
    assert {("Veiligheidsregio Westerkwartier", "organisation"), ("Meldkamer Midden-Limburg", "organisation"),
            ("GGZ Ameland", "organisation"), ("NAH-netwerk Lochem", "organisation"),
            ("Huisartsendiensten Texel", "organisation"), ("Regio Borculo", "organisation"),
            ("Praktijk De Bilt", "organisation"), ("Kwaliteitsnet Hattem", "organisation"),
            ("GGZ Zorgloket Dieren", "organisation"), ("Zorgkompas Venray", "organisation")} <= result


def test_a_region_or_a_person_before_a_place_is_no_body(detector):
    text = ("In de regio Lochem werkt Teun Venray. Regio Woerden is groot. De post Oldebroek is dicht. "
            "Ik woon in Hattem.")
    result = found(detector, text)
    assert ("Lochem", "place") in result and ("Hattem", "place") in result
    assert not any(entity_type == "organisation" for _name, entity_type in result)


def test_a_site_said_as_a_name_is_an_organisation(detector):
    result = found(detector, "Dat organiseren we met Afasiehulp.nl en met steunpunt-mantelzorg.nl, kijk maar.")
    assert {("Afasiehulp.nl", "organisation"), ("steunpunt-mantelzorg.nl", "organisation")} <= result


def test_a_village_named_like_part_of_someones_surname_stays_a_village(detector):
    texts = {1: "Ik sprak mevrouw Van Lochem van de afasievereniging.",
             2: "We rijden uit Lochem of Hattem naar Woerden. Mevrouw Gerritsma zei dat."}
    second = {(d.text, d.type) for d in detector.detect_documents(texts)[2]}
    assert ("Lochem", "place") in second


def test_a_surname_that_is_a_word_answering_alone_is_no_person(detector):
    texts = {1: "Dat regelde Ilona Kort van de wijkteams.",
             2: "Interviewer: En de apotheek?\n\nRespondent: Kort. Alleen 's nachts. Kort belde me gisteren."}
    second = [(d.text, d.type) for d in detector.detect_documents(texts)[2]]
    assert second.count(("Kort", "person")) == 1


def test_someone_from_a_place_or_its_adjective_is_no_name_but_a_hospital_so_called_is(detector):
    text = ("Daar zit Evert, een echte Lochemmer. Het gaat om het Hattemse en het "
            "Gemertse platteland. Ze ligt in het Veluwer in Hattem, een ziekenhuis.")
    result = found(detector, text)
    assert not {name for name, _type in result} & {"Lochemmer", "Gemertse"}
    assert ("Veluwer", "organisation") in result


def test_a_town_before_a_practice_is_where_it_is_not_part_of_its_name(detector):
    text = "Er doen er zes mee. In Lochem Huisartsenpraktijk Kastanje, in Hattem Huisartsen Het Veer."
    result = found(detector, text)
    assert {("Lochem", "place"), ("Huisartsenpraktijk Kastanje", "organisation"), ("Hattem", "place"),
            ("Huisartsen Het Veer", "organisation")} <= result


def test_a_name_deduce_runs_over_a_full_stop_is_two(detector):
    text = "Voorzitter is Evert Keuning, van de apotheek in Barneveld. Van Keuning is een bestuurder. Ook mevr. Brouns."
    result = found(detector, text)
    assert {("Barneveld", "place"), ("Van Keuning", "person")} <= result
    assert not any(name.startswith("mevr") for name, _type in result)


def test_a_compass_point_alone_is_no_place_but_a_body_of_a_part_of_the_country_is_named(detector):
    text = "Betaald door de verzekeraar, regio Oost, als pilot. Ook Meldkamer West-Nederland belt dan, met Noord erbij."
    result = found(detector, text)
    assert not {name for name, _type in result} & {"Oost", "Noord"}
    assert ("Meldkamer West-Nederland", "organisation") in result


def test_a_street_after_aan_de_may_open_with_an_adjective(detector):
    assert ("Oude Vlijtstede", "place") in found(detector, "Hun kantoor zit in Woerden, aan de Oude Vlijtstede. Ja.")


def test_a_project_named_with_its_place_keeps_the_place_in_its_name(detector):
    text = "Er is een project, Vitaal Wonen in Hattem, vanuit de gemeente. En een ziekenhuis, het GZV in Woerden."
    result = found(detector, text)
    assert ("Vitaal Wonen in Hattem", "organisation") in result
    assert {("GZV", "organisation"), ("Woerden", "place")} <= result


def test_a_name_of_possessed_words_is_one(detector):
    result = found(detector, "We werken met de zorggroep, Onze Dokters, aan een zorgpad. Onze huisarts belt.")
    assert ("Onze Dokters", "organisation") in result
    assert not any(name.startswith("Onze h") for name, _type in result)


def test_a_village_called_by_a_common_word_is_a_place_or_where_one_meets(detector):
    result = found(detector, "Het ongeluk was bij De Bult, werkzaamheden. We vergaderen in De Bocht in Woerden.")
    assert {("De Bult", "place"), ("De Bocht", "organisation")} <= result


def test_two_organisations_joined_by_en_stay_two_and_a_listed_one_ends_with_its_sentence(detector):
    texts = {1: "Hier is het Zonnehuis en Veluwezorg. Veluwezorg heeft het verpleeghuis. Het is van Brouns en "
                "Partners."}
    result = [(d.text, d.type) for d in detector.detect_documents(texts)[1]]
    assert ("Veluwezorg", "organisation") in result and result.count(("Veluwezorg", "organisation")) == 2
    assert ("Brouns en Partners", "organisation") in result
    assert not any("." in name or name.startswith("Zonnehuis en") for name, _type in result)


def test_office_software_is_no_place_or_organisation(detector):
    result = found(detector, "Hij vraagt het aan Copilot en zet het in SharePoint, net als in Hattem.")
    assert ("Hattem", "place") in result
    assert not {name for name, _type in result} & {"Copilot", "SharePoint"}


def test_both_ends_of_a_range_of_villages_are_places(detector):
    result = found(detector, "Het gebied loopt van Lochem tot Hattem, van Woerden tot Venray.")
    assert {("Lochem", "place"), ("Hattem", "place"), ("Woerden", "place"), ("Venray", "place")} <= result


def test_an_abbreviation_of_a_region_is_a_body(detector):
    result = found(detector, "Het programma van de VZB regio Westerkwartier en de gemeente.")
    assert ("VZB regio Westerkwartier", "organisation") in result


def test_a_site_with_a_department_after_it_is_still_named(detector):
    result = found(detector, "Mevrouw Kamps van de Afasiehulp.nl-afdeling zei dat.")
    assert any(name.startswith("Afasiehulp.nl") and entity_type == "organisation" for name, entity_type in result)


def test_a_name_may_open_with_an_accented_capital(detector):
    result = found(detector, "Dat regelde de patiëntenvereniging, Stichting Ús Doarpshûs, met de gemeente.")
    assert ("Stichting Ús Doarpshûs", "organisation") in result


def test_a_name_in_capitals_with_its_kind_of_work_is_an_organisation_but_a_generic_abbreviation_is_not(detector):
    result = found(detector, "We werken met WIJ welzijn en met KWA thuiszorg, niet met de GGZ zorg.")
    assert {("WIJ welzijn", "organisation"), ("KWA thuiszorg", "organisation")} <= result
    assert not any(name.startswith("GGZ") for name, _type in result)


def test_a_river_or_region_with_an_article_is_a_place_even_named_like_someone(detector):
    result = found(detector, "De ambulance moet over de Maas. In de Maas zwemt niemand. Maas belde me gisteren.")
    assert [name for name, entity_type in result if entity_type == "place"].count("Maas") == 1


def test_a_hospital_and_another_organisation_joined_by_en_are_two(detector):
    result = found(detector, "Het Lochemse Ziekenhuis en Saxenheem in Woerden doen mee.")
    assert ("Saxenheem", "organisation") in result
    assert not any(" en " in name for name, _type in result)


def test_a_regions_adjective_and_a_landscapes_word_are_a_place(detector):
    result = found(detector, "Ze woont vlakbij de Boxmeerse Heuvelrug en wandelt in de Lochemse en Hattemse Bossen.")
    assert {("Boxmeerse Heuvelrug", "place"), ("Lochemse en Hattemse Bossen", "place")} <= result


def test_organisations_listed_with_en_before_an_organisations_word_are_two(detector):
    result = found(detector, "Huisartsen Lochem en Zorggroep Boxmeerse Dokters doen mee, net als Kamps en Partners.")
    assert {("Huisartsen Lochem", "organisation"), ("Zorggroep Boxmeerse Dokters", "organisation"),
            ("Kamps en Partners", "organisation")} <= result


def test_a_surname_spelt_like_a_village_after_a_title_is_a_person(detector):
    result = found(detector, "Mevrouw De Boer uit Lochem belde. We reden daarna naar De Boer, het gehucht.")
    assert {("Mevrouw De Boer", "person"), ("Lochem", "place")} <= result
    assert ("De Boer", "place") in result


def test_a_filler_opening_a_sentence_before_a_town_is_no_body(detector):
    result = found(detector, "Ehm. Hmm Lochem, ja. Ehm Hattem ook. Zorgkompas Venray doet mee.")
    assert {("Lochem", "place"), ("Hattem", "place"), ("Zorgkompas Venray", "organisation")} <= result
