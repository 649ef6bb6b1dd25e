"""Rules for the names any interview has and no list knows: title-case names of Dutch words, abbreviations with
what they stand for, organisations the speaker explains, streets and neighbourhoods, titles, and villages led by an
article. Every name here is made up (none is in the annotated interviews): a rule must catch a name of its kind."""

from __future__ import annotations

from qualcode.nlp.pseudonym_detection import Knowledge, KnownForm
from tests.pseudonymisation.detected_forms import found


def test_capitalised_dutch_words_inside_a_sentence_are_an_organisation(detector):
    text = ("We begonnen met Sterk Samen Ouder Worden, daarna met Gezond Oud in de Wijk. De chauffeurs van "
            "Taxi Noordwest rijden ook. Ja. Thuiszorg Zuidwest komt twee keer per dag. Ik zit in de Jonge "
            "Verpleegkundige.")
    result = found(detector, text)
    assert {("Sterk Samen Ouder Worden", "organisation"), ("Gezond Oud in de Wijk", "organisation"),
            ("Taxi Noordwest", "organisation"), ("Thuiszorg Zuidwest", "organisation"),
            ("Jonge Verpleegkundige", "organisation")} <= result


def test_persons_departments_and_sentence_openers_are_no_title_case_organisation(detector):
    text = ("Ik sprak met Marloes Wesselink over het plan. Volgens P.J. Ravensberg klopt dat. Hij lag op de "
            "Eerste Hulp. "
            "Gisteren belde Marloes Wesselink terug. Dus Zorgkracht was er niet.")
    result = found(detector, text)
    assert ("Marloes Wesselink", "person") in result
    assert not {text for text, entity_type in result if entity_type == "organisation"} - {"Zorgkracht"}


def test_an_abbreviation_with_a_place_or_compass_point_is_an_organisation(detector):
    text = "We overleggen met de KBW Zuidoost over de roosters. TVW Noord was er ook bij, met de MKO Zuid-Drenthe."
    assert {("KBW Zuidoost", "organisation"), ("TVW Noord", "organisation"),
            ("MKO Zuid-Drenthe", "organisation")} <= found(detector, text)


def test_an_abbreviation_and_what_it_stands_for_are_both_the_organisation(detector):
    text = ("Bij WGO in Culemborg, Wonen Gezond Ouder, loopt een pilot. De post is van HNV, Huisartsen "
            "Noordoost-Veluwe. Het IC-team en de IC zijn geen organisatie.")
    result = found(detector, text)
    assert {("WGO", "organisation"), ("Wonen Gezond Ouder", "organisation"), ("HNV", "organisation"),
            ("Huisartsen Noordoost-Veluwe", "organisation")} <= result
    assert not any(text.startswith("IC") for text, _type in result)


def test_a_name_the_speaker_explains_as_an_organisation_is_one(detector):
    text = ("We sturen door naar Kwadrantis, de huisartsenorganisatie uit Bolsward. In Harlingen zit Rozenhorst, "
            "dat is onze grootste locatie. De app is gemaakt door een bedrijfje uit Breda, Blauwe Vlinder. We hebben "
            "een regionale AIOS-vereniging, VAGO, en daar praten we over.")
    result = found(detector, text)
    assert {("Kwadrantis", "organisation"), ("Rozenhorst", "organisation"), ("Blauwe Vlinder", "organisation"),
            ("VAGO", "organisation"), ("Bolsward", "place"), ("Harlingen", "place")} <= result


def test_a_name_opening_a_sentence_is_explained_as_an_organisation_but_a_plain_word_is_not(detector):
    result = found(detector, "Respondent: Eikenhorst, dat is een verpleeghuis in Culemborg, doet mee. "
                             "Samenwerking, dat is een organisatie op zich.")
    assert ("Eikenhorst", "organisation") in result
    assert not any(text == "Samenwerking" for text, _type in result)


def test_het_with_a_name_opening_a_sentence_is_an_institution_but_not_a_public_body(detector):
    text = "Het Bonifatius heeft een eigen poli. Het Zorginstituut zegt daar niets over."
    result = found(detector, text)
    assert ("Het Bonifatius", "organisation") in result
    assert not any("Zorginstituut" in text for text, _type in result)


def test_streets_squares_and_neighbourhoods_are_places(detector):
    text = ("De poli zit aan de Wilhelmina Druckerstraat, vlakbij de Rozengracht en de Lindedreef. De huisarts zit "
            "aan de Torenvalk. Veel patiënten komen uit de Vogelwijk en de Bloemenbuurt, of van locatie Brinkhorst. "
            "Zij woont in de Kastanje-buurt.")
    assert {("Wilhelmina Druckerstraat", "place"), ("Rozengracht", "place"), ("Lindedreef", "place"),
            ("Torenvalk", "place"), ("Vogelwijk", "place"), ("Bloemenbuurt", "place"),
            ("Brinkhorst", "place"), ("Kastanje-buurt", "place")} <= found(detector, text)


def test_a_district_joined_to_a_place_by_a_hyphen_is_part_of_it_even_when_a_header_names_the_place(detector):
    text = "We wonen in Culemborg-Oost, vlak bij de dijk."
    assert ("Culemborg-Oost", "place") in found(detector, text)
    header = Knowledge(known=(KnownForm("Culemborg", "place", "header"),))
    assert [d.text for d in detector.detect(text, header)] == ["Culemborg-Oost"]


def test_a_village_led_by_an_article_after_in_uit_naar_is_a_place_everywhere_with_no_leading_space(detector):
    texts = {1: "Ik kom uit Ter Wupping, een dorpje. Ter Wupping haalde de aantallen niet meer.",
             2: "Interviewer: Hoe verliep het gesprek met Ter Wupping?"}
    detections = [d for found_in in detector.detect_documents(texts).values() for d in found_in]
    wupping = [d for d in detections if "Wupping" in d.text]
    assert len(wupping) == 3 and {(d.text, d.type) for d in wupping} == {("Ter Wupping", "place")}
    assert all(d.text == d.text.strip() for d in detections)


def test_a_capitalised_title_stays_with_the_person_and_an_organisation_after_van_is_cut_off(detector):
    text = ("Dokter Wiegersma uit Bolsward belde. Ik sprak mevrouw Van den Akker van Zonnehuis Oost, "
            "en van Zorggroep Delta Karin Wesselink.")
    result = found(detector, text)
    assert {("Dokter Wiegersma", "person"), ("Van den Akker", "person"), ("Karin Wesselink", "person")} <= result
    assert not any(entity_type == "person" and "Zonnehuis" in text for text, entity_type in result)


def test_a_surname_said_alone_after_a_title_is_a_person_everywhere(detector):
    texts = {1: "Van het ziekenhuis was dr. Emeka Adeyemi erbij. Adeyemi is van onschatbare waarde.",
             2: "Als Adeyemi vertrekt, valt er veel weg."}
    detections = [d for found_in in detector.detect_documents(texts).values() for d in found_in]
    assert {d.type for d in detections if d.text == "Adeyemi"} == {"person"}
    assert len([d for d in detections if d.text == "Adeyemi"]) == 2


def test_a_capitalised_word_where_people_work_is_an_organisation_even_when_it_is_a_dutch_word(detector):
    text = ("De directeur van Kompas belde gisteren. Mijn zus werkt voor Zonnebloem in Culemborg. De mensen van "
            "Vivaro zijn betrokken, en we hebben contact met thuiszorg Lumora. Ik ging bij Marloes langs en daarna "
            "bij Culemborg de snelweg op.")
    result = found(detector, text)
    assert {("Kompas", "organisation"), ("Zonnebloem", "organisation"), ("Vivaro", "organisation"),
            ("Lumora", "organisation"), ("Culemborg", "place")} <= result
    assert not {("Marloes", "organisation"), ("Culemborg", "organisation")} & result


def test_a_name_after_gemeente_or_stichting_stops_before_en_and_the_next_name(detector):
    result = found(detector, "De consulenten van de gemeente Culemborg en Welzijnswerk Lindeboom werken samen, "
                             "net als stichting Klaverhof en Zorggroep Eiland.")
    assert {("Culemborg", "place"), ("Welzijnswerk Lindeboom", "organisation"), ("Klaverhof", "organisation"),
            ("Zorggroep Eiland", "organisation")} <= result


def test_a_role_or_kin_word_before_a_capitalised_name_says_a_person_follows(detector):
    text = ("Ik sprak de heer Okonkwo en cardioloog Delacroix. Mijn buurman Gerrit helpt, met collega Van der Steeg. "
            "De huisarts Zuidwest? Mijn zus in Culemborg belt, en huisarts Brinkerink van Zorggroep Eiland. "
            "We vergeleken ziekenhuis A en ziekenhuis B.")
    result = found(detector, text)
    assert {("Okonkwo", "person"), ("Delacroix", "person"), ("Gerrit", "person"), ("Van der Steeg", "person"),
            ("Brinkerink", "person"), ("Zorggroep Eiland", "organisation"), ("Culemborg", "place")} <= result
    assert not {text for text, _type in result} & {"Zuidwest", "A", "B"}


def test_a_double_surname_is_no_district_a_department_no_organisation_and_a_person_no_insurer(detector):
    text = ("Mijn leidinggevende, Ingrid van Culemborg-Wesselink, belde. Bij ons op de afdeling, de Verloskunde, "
            "werkt ook dokter Ramkisoen. Eerlijk gezegd vond ik Eric-Jan ter Steege van de Zorgverzekeraar de enige.")
    result = found(detector, text)
    assert ("Ingrid van Culemborg-Wesselink", "person") in result
    assert not any("Verloskunde" in text or "Zorgverzekeraar" in text and entity_type == "person"
                   for text, entity_type in result)
    assert ("Eric-Jan ter Steege", "person") in result


def test_a_street_named_after_a_mayor_is_a_place_and_a_region_inside_a_name_belongs_to_it(detector):
    text = ("We zitten aan de Burgemeester Wesselinksingel. Wij werken veel met Zorgpartners Noord-Betuwe, "
            "de zorggroep hier, en patiënten gaan naar het Lindeboom MC.")
    result = found(detector, text)
    assert {("Burgemeester Wesselinksingel", "place"), ("Zorgpartners Noord-Betuwe", "organisation"),
            ("Lindeboom MC", "organisation")} <= result


def test_a_sentence_written_in_capitals_programmes_and_generic_meetings_are_no_names(detector):
    text = ("Respondent: Goede Vraag. Eerlijk Gezegd Weet Ik Het Niet. We bespraken het in het MDT Overleg. "
            "Het Programma Langer Thuis gaf geld, net als de Regeling Zorg Dichtbij.")
    assert not {text for text, entity_type in found(detector, text) if entity_type == "organisation"}


def test_an_unknown_word_that_says_something_or_is_explained_as_someone_is_a_person_everywhere(detector):
    texts = {1: "Ik heb met Okonkwo gesproken. Okonkwo zei dat het goed ging.",
             2: "Later belde Delacroix, de cardioloog uit Culemborg. Met Delacroix kan ik lezen en schrijven."}
    detections = [d for found_in in detector.detect_documents(texts).values() for d in found_in]
    assert {(d.text, d.type) for d in detections if d.text in ("Okonkwo", "Delacroix")} == {
        ("Okonkwo", "person"), ("Delacroix", "person")}
    assert len([d for d in detections if d.text in ("Okonkwo", "Delacroix")]) == 4


def test_software_a_team_works_with_or_uses_is_an_organisation(detector):
    text = ("Wij werken met Carecom, en de ziekenhuizen gebruiken Zorgvista. Het systeem Pluriform is oud. "
            "We werken al jaren met Marloes en met Culemborg samen.")
    result = found(detector, text)
    assert {("Carecom", "organisation"), ("Zorgvista", "organisation"), ("Pluriform", "organisation")} <= result
    assert not {("Marloes", "organisation"), ("Culemborg", "organisation")} & result


def test_a_first_name_in_lower_case_after_a_kin_word_is_a_person_everywhere_but_a_dutch_word_is_not(detector):
    texts = {1: "Mijn buurman, wubbo, is oud. Mijn zus heeft een hond en mijn broer is ziek.",
             2: "Vorige week belde ik met wubbo zijn dochter."}
    detections = [d for found_in in detector.detect_documents(texts).values() for d in found_in]
    assert [(d.text, d.type) for d in detections] == [("wubbo", "person"), ("wubbo", "person")]


def test_a_capitalised_word_that_lies_somewhere_is_a_place_even_opening_a_sentence(detector):
    text = ("Respondent: Ah. Keulen ligt op een uur rijden. Alles ligt op tafel. Veel ligt aan hem. "
            "Marloes ligt in het ziekenhuis.")
    result = found(detector, text)
    assert ("Keulen", "place") in result
    assert not {text for text, entity_type in result if entity_type == "place"} - {"Keulen"}


def test_a_place_with_het_after_in_is_a_region_and_an_institution_with_het_stays_one(detector):
    result = found(detector, "De huisartsen in het Gooi werken samen met het Bonifatius en in het Lindeboom MC.")
    assert {("Gooi", "place"), ("Bonifatius", "organisation"), ("Lindeboom MC", "organisation")} <= result


def test_only_a_person_goes_on_holiday_or_retires_even_one_named_like_a_village(detector):
    result = found(detector, "Als Wijnbergen op vakantie is, gaat het mis. Toen Brinkerink met pensioen ging, "
                             "ging iedereen op vakantie. Zwolle ging op vakantie?")
    assert {("Wijnbergen", "person"), ("Brinkerink", "person")} <= result
    assert ("Zwolle", "person") not in result


def test_ways_of_working_in_care_written_in_capitals_are_no_organisation(detector):
    text = ("We werken volgens Value Based Healthcare en Positieve Gezondheid. Het past bij De Juiste Zorg op de "
            "Juiste Plek, en bij Shared Decision Making en Samen Beslissen.")
    assert not found(detector, text)


def test_a_name_of_one_word_where_a_place_goes_is_no_person(detector):
    text = ("Ik werkte eerst in Stad, daarna in Brakkum. Hij kwam uit Vennegoor en we zaten op de Kloek. "
            "Hij is een Veluwnaar, zei Berendsen.")
    result = found(detector, text)
    assert {("Brakkum", "place"), ("Vennegoor", "place"), ("Kloek", "place")} <= result
    assert ("Veluwnaar", "person") not in result
    assert ("Berendsen", "person") in result
    nickname = found(detector, "We noemden hem de Baron. Als je bij de Baron wilde komen, moest je wachten.")
    assert ("Baron", "place") not in nickname


def test_water_bridges_gates_and_squares_are_places_and_an_organisation_stops_at_its_street(detector):
    text = ("We fietsten langs het Kolderdiep over de Vennebrug naar het Wolderkwartier, tot op de Oude Markt. "
            "Apotheek Het Baken aan de Veldweg doet mee. Ik ging naar Zorgpraktijk Brummen aan de Kerkweg. "
            "Het gaat van Meppel tot Vledderveen.")
    result = found(detector, text)
    assert {("Kolderdiep", "place"), ("Vennebrug", "place"), ("Wolderkwartier", "place"), ("Oude Markt", "place"),
            ("Veldweg", "place"), ("Apotheek Het Baken", "organisation"), ("Kerkweg", "place"),
            ("Vledderveen", "place")} <= result


def test_village_titles_churches_brands_projects_and_named_teams(detector):
    text = ("Dominee Wiersum van de Bonifatiuskerk in Lekkerkerk belt iedereen, met Joost Verkerk. "
            "Interviewer: Ome Gerrit? Respondent: Ja. "
            "ZorgVlot helpt ons. Project Lichtpunt, in 2020, mislukte. Dat heet bij ons Loket Wolderveen. "
            "We hebben een wijkteam, Team Haarle, en dat werkt. De apotheken werken met Medirol, de huisartsen "
            "niet.")
    result = found(detector, text)
    assert {("Dominee Wiersum", "person"), ("Bonifatiuskerk", "organisation"), ("ZorgVlot", "organisation"),
            ("Project Lichtpunt", "organisation"), ("Loket Wolderveen", "organisation"),
            ("Team Haarle", "organisation")} <= result
    assert any(form.startswith("Ome Gerrit") for form, entity_type in result if entity_type == "person")
    assert ("Medirol", "person") not in result
    assert not {("Lekkerkerk", "organisation"), ("Verkerk", "organisation")} & result


def test_a_surname_like_word_listed_between_organisations_is_one(detector):
    text = ("We tekenden het samen met het Gelre Ziekenhuis, Stichting Welzijn Noord, Verhoef en Zilveren Kruis. "
            "Ook met Isala, Marieke en Menzis.")
    result = found(detector, text)
    assert ("Verhoef", "person") not in result
    assert {("Verhoef", "organisation"), ("Marieke", "organisation")} <= result


def test_a_dutch_noun_and_a_known_town_are_an_organisation_over_the_town(detector):
    text = "We hebben een wijkteam, Team Dalfsen, en de plaatselijke, Reddingsbrigade Dalfsen. Dalfsen is klein."
    result = {(d.text, d.type) for d in detector.detect(text, Knowledge((KnownForm("Dalfsen", "place", "header"),)))}
    assert {("Team Dalfsen", "organisation"), ("Reddingsbrigade Dalfsen", "organisation")} <= result


def test_a_verb_opening_a_sentence_before_je_is_no_person(detector):
    assert not [d for d in detector.detect("Dat is het. Ken je mensen. Mark je woorden.") if d.type == "person"]
    assert ("Mark Hofstede", "person") in found(detector, "Gisteren zei Mark Hofstede dat je gelijk had.")
