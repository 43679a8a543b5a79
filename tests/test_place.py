"""The place stage: gazetteer, recognition, resolution, event locations, store and exports.

Sentences are written for these tests; the founding story's checks are restated here
in sentences of our own (scripts/check_seed_places.py checks the seed story itself)."""

import json
from collections import Counter

import pytest
from conftest import ingest_records
from spacy.tokens import Doc
import spacy

from eventwire.model import Place
from eventwire.place import load
from eventwire.place.gazetteer import fold, km
from eventwire.place.locate import clause_head, locate
from eventwire.place.resolve import Toponym, most_populous, resolve


@pytest.fixture(scope="module")
def gaz():
    return load()


def one(gaz, text, story="", countries=()):
    start = story.find(text) if story else 0
    return resolve(gaz, story or text, [Toponym(text, start, start + len(text))], Counter(countries))[0]


# -- gazetteer -------------------------------------------------------------------------
def test_names_fold_case_accents_dots_and_articles():
    assert fold("KYIV") == fold("Kyiv") == "kyiv"
    assert fold("the Gaza Strip") == fold("Gaza strip")
    assert fold("St. Louis") == fold("St Louis")
    assert fold("Zürich") == "zurich"


def test_the_gazetteer_holds_cities_regions_countries_seas_and_continents(gaz):
    kinds = {e.kind for name in ("Lyon", "Bavaria", "Peru", "Red Sea", "Africa", "Sahel") for e in gaz.lookup(name)}
    assert {"city", "admin1", "country", "sea", "continent", "region"} <= kinds
    assert len(gaz.rows) > 200_000  # every GeoNames place of 500 people or more


def test_a_country_alias_that_is_only_an_alternate_name_of_a_town_is_the_country(gaz):
    # a town in North Carolina lists "USA" among its alternate names; "Gaza" is the city itself
    assert gaz.lookup("USA")[0].kind == "country"
    assert gaz.lookup("Gaza")[0].kind == "city"


def test_distance_is_great_circle_km():
    assert km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=3)  # Paris-London


# -- resolution ------------------------------------------------------------------------
def test_a_country_name_is_country_precision_at_its_centroid_not_its_capital(gaz):
    place = one(gaz, "Peru")
    assert (place.precision, place.country) == ("country", "PER")
    lima = gaz.lookup("Lima")[0]
    assert km(place.lat, place.lon, lima.lat, lima.lon) > 200


def test_a_qualifier_after_a_comma_chooses_the_namesake(gaz):
    for story, admin1 in (("Flooding hit Springfield, Illinois on Sunday.", "Illinois"),
                          ("Flooding hit Springfield, Mass. on Sunday.", "Massachusetts"),
                          ("Snow closed roads near Bangor, Maine.", "Maine")):
        place = one(gaz, story.split(",")[0].split()[-1], story)
        assert (place.country, place.admin1) == ("USA", admin1), story


def test_the_story_countries_are_evidence(gaz):
    story = "Police in Perth said the fire spread quickly."
    assert one(gaz, "Perth", story, {"AUS": 3}).country == "AUS"
    assert one(gaz, "Perth", story, {"GBR": 3}).country == "GBR"


def test_other_places_of_the_story_are_evidence(gaz):
    story = "Talks moved from Athens to Marietta, near Atlanta."
    names = [Toponym(n, story.index(n), story.index(n) + len(n)) for n in ("Marietta", "Atlanta")]
    marietta, atlanta = resolve(gaz, story, names, Counter())
    assert marietta.admin1 == atlanta.admin1 == "Georgia"


def test_the_sure_readings_of_ambiguous_names_are_evidence_for_the_others(gaz):
    # London (Ontario has one too) is surely England's here, and so Salisbury is not Harare
    story = "Police sealed off a park in Salisbury after a man fell ill, and detectives from London joined the inquiry."
    names = [Toponym(n, story.index(n), story.index(n) + len(n)) for n in ("Salisbury", "London")]
    salisbury, london = resolve(gaz, story, names, Counter())
    assert salisbury.country == london.country == "GBR" and salisbury.admin1 == "England"


def test_an_ambiguous_name_without_evidence_is_the_likeliest_with_less_confidence(gaz):
    springfield = one(gaz, "Springfield")
    lagos = one(gaz, "Lagos")
    assert springfield.precision == "city" and springfield.confidence < 0.6
    assert lagos.country == "NGA" and lagos.confidence > springfield.confidence


def test_an_old_name_weighs_less_than_a_current_one(gaz):
    # "Salisbury" is also the colonial name of Harare, a far bigger city
    assert one(gaz, "Salisbury", "Police cordoned off a street in Salisbury, England.").country == "GBR"


def test_a_name_the_gazetteer_lacks_takes_the_story_place_with_low_confidence(gaz):
    story = "Crowds filled Maple Lane Market in Nairobi. Maple Lane Market reopened."
    names = [Toponym("Nairobi", 36, 43), Toponym("Maple Lane Market", 45, 62)]
    nairobi, market = resolve(gaz, story, names, Counter())
    assert market.name == "Nairobi" and market.confidence < 0.5 < nairobi.confidence


def test_a_region_the_gazetteer_lacks_is_the_place_it_is_named_after(gaz):
    story = "Shelling hit Kharkiv Oblast overnight."
    oblast = one(gaz, "Kharkiv Oblast", story, {"UKR": 1})
    assert (oblast.name, oblast.country) == ("Kharkiv", "UKR")
    assert one(gaz, "Maple Lane County").lat is None  # no place of the head name: unresolved


def test_the_story_places_choose_among_namesake_counties(gaz):
    story = "Fires burned across Orange County. Firefighters in Anaheim, California held the line."
    names = [Toponym("Orange County", 20, 33), Toponym("Anaheim", 49, 56)]
    county, _ = resolve(gaz, story, names, Counter({"USA": 1}))
    assert (county.name, county.precision, county.admin1) == ("Orange County", "admin2", "California")


def test_a_place_has_the_point_of_its_geonames_id(gaz):
    # GeoNames puts the United States at 39.76, -98.5 and Ontario at 49.25, -84.5
    us, ontario = one(gaz, "United States"), one(gaz, "Ontario", "Snow fell across Ontario, Canada.")
    assert (us.geonames_id, round(us.lat, 2), round(us.lon, 2)) == (6252001, 39.76, -98.5)
    assert ontario.precision == "admin1" and ontario.geonames_id == 6093943
    assert km(ontario.lat, ontario.lon, 49.25, -84.5) < 5


def test_a_region_named_like_its_largest_city_is_the_city(gaz):
    # New York City is the most populous place of New York State; Montreal, not Quebec City, of Quebec
    new_york = one(gaz, "New York", "Protesters marched through New York on Sunday.")
    assert (new_york.precision, new_york.name) == ("city", "New York City")
    assert one(gaz, "Quebec", "Voters in Quebec went to the polls.").precision == "admin1"


def test_the_adjective_of_a_continent_or_region_names_it(gaz):
    for story, text, name in (("African leaders met on Monday.", "African", "Africa"),
                              ("Asian markets fell.", "Asian", "Asia"),
                              ("Latin American leaders met in Lima.", "Latin American", "Latin America"),
                              ("Scandinavian states signed the pact.", "Scandinavian", "Scandinavia")):
        assert one(gaz, text, story).name == name, story


def test_a_name_the_gazetteer_lacks_is_where_the_place_it_holds_is(gaz):
    story = "Students at the University of California and economists at the Bank of Japan agreed."
    names = [Toponym(n, story.index(n), story.index(n) + len(n)) for n in ("University of California", "Bank of Japan")]
    university, bank = resolve(gaz, story, names, Counter({"USA": 1}))
    assert (university.name, university.precision) == ("California", "admin1") and university.confidence <= 0.4
    assert (bank.name, bank.precision) == ("Japan", "country")


def test_a_street_or_a_small_namesake_inside_a_name_is_no_evidence(gaz):
    # Atlantic Avenue is a street of the story's city, not in the ocean; the Christopher Inn is
    # not in a village called Christopher; Central Hospital is not in Paraguay's Central department
    story = "Fire crews in Boston closed Atlantic Avenue near the Christopher Inn and the Central Hospital."
    names = [Toponym(n, story.index(n), story.index(n) + len(n))
             for n in ("Boston", "Atlantic Avenue", "Christopher Inn", "Central Hospital")]
    boston, *others = resolve(gaz, story, names, Counter({"USA": 1}))
    assert [p.name for p in others] == ["Boston"] * 3 and all(p.confidence < 0.5 for p in others)
    assert one(gaz, "Fire Island", "Ferries to Fire Island stopped.", {"USA": 1}).country != "ISL"


def test_counties_and_provinces_are_second_level_regions(gaz):
    kent = one(gaz, "Kent", "Floods closed roads across Kent, England.", {"GBR": 1})
    assert (kent.precision, kent.country, kent.admin1) == ("admin2", "GBR", "England")
    suffolk = one(gaz, "Suffolk County", "Police in Suffolk County, New York, made an arrest.")
    assert (suffolk.precision, suffolk.admin1) == ("admin2", "New York")
    # a province named after its seat is the city
    assert one(gaz, "Bergamo", "Hospitals in Bergamo filled up.", {"ITA": 1}).precision == "city"


def test_news_names_of_a_sea_and_a_seat_of_government(gaz):
    assert one(gaz, "Gulf", "Tankers waited off the Gulf.").name == "Persian Gulf"
    assert one(gaz, "Oval Office", "They met in the Oval Office.").name == "White House"


def test_a_name_found_in_part_is_widened_to_the_place_name_around_it(gaz):
    from eventwire.place.recognise import widen

    text = "Troops crossed into Baja California from San Diego, said The Hague."
    parts = [Toponym("Baja", 20, 24, country="MEX"), Toponym("California", 25, 35), Toponym("Diego", 45, 50),
             Toponym("Hague", 61, 66)]
    assert [(t.text, t.country) for t in widen(text, parts, gaz)] == [
        ("Baja California", None), ("San Diego", None), ("Hague", None)]  # "The" is no part of a name


def test_through_the_model_a_place_name_is_found_whole():
    from eventwire import extract

    story = extract("Troops crossed into Baja California from San Diego on Monday.", date="2024-05-07")
    assert [(p.text, p.precision) for p in story.places] == [("Baja California", "admin1"), ("San Diego", "city")]
    story = extract("Migrants drowned in the Mediterranean on Monday.", date="2024-05-07")
    assert [p.name for p in story.places] == ["Mediterranean Sea"]  # a sea's name, not only an adjective


def test_the_baseline_is_the_most_populous_namesake(gaz):
    assert most_populous(gaz, "Paris").cc == "FR"
    assert most_populous(gaz, "Nowhereville Xq") is None


# -- event location on a hand-built parse ------------------------------------------------
def _doc(words, heads, deps, pos):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))


def test_a_place_in_the_trigger_clause_is_its_location_not_one_in_a_clause_below():
    # "Rebels attacked Goma when troops entered Bunia": the attack is not in Bunia
    doc = _doc(["Rebels", "attacked", "police", "in", "Goma", "when", "troops", "fought", "in", "Bunia"],
               [1, 1, 1, 1, 3, 7, 7, 1, 7, 8],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "advmod", "nsubj", "advcl", "prep", "pobj"],
               ["NOUN", "VERB", "NOUN", "ADP", "PROPN", "SCONJ", "NOUN", "VERB", "ADP", "PROPN"])
    goma, bunia = Place("Goma", 0, 4, "COD"), Place("Bunia", 0, 5, "COD")
    places = {4: goma, 9: bunia}
    assert clause_head(doc[4]) == doc[1] and clause_head(doc[9]) == doc[7]
    assert locate(doc[1], places, None, None) == (goma, "clause")
    assert locate(doc[7], places, None, None) == (bunia, "clause")


def test_a_place_as_subject_or_object_is_no_locative():
    # "Goma condemned Kinshasa": neither name says where the condemning happened
    doc = _doc(["Goma", "condemned", "Kinshasa"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"])
    places = {0: Place("Goma", 0, 4, "COD"), 2: Place("Kinshasa", 15, 23, "COD")}
    assert locate(doc[1], places, None, None) == (None, None)
    assert locate(doc[1], places, None, None, material=True) == (places[2], "target")  # as "Goma shelled Kinshasa"


def test_a_state_act_ahead_of_a_foreign_dateline_is_in_the_state():
    doc = _doc(["Iran", "fired", "drones"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "NOUN"])
    dateline = Place("DUBAI", 0, 5, "ARE", confidence=0.9)
    iran = Place("Iran", 10, 14, "IRN", precision="country", confidence=0.9)
    place, source = locate(doc[1], {}, dateline, iran)
    assert (place.country, source) == ("IRN", "actor") and place.confidence < iran.confidence
    assert locate(doc[1], {}, dateline, None)[1] == "dateline"


# -- the whole stage, through the model ----------------------------------------------------
STORY = ("Syria on Tuesday fired rockets into the Golan Heights as the envoy of Jordan visited Lebanon.\n\n"
         "The envoy held talks in Beirut with the foreign minister.\n\n"
         "In Amman, King Abdullah condemned the attack.\n\n"
         "Last year the two leaders met for a summit at the Camp David presidential retreat.\n")


@pytest.fixture(scope="module")
def story(extract):
    return extract(STORY, date="2024-05-07")


def _event(story, word):
    return next(e for e in story.events if e.trigger.text == word)


def test_every_place_name_is_resolved_with_precision_and_confidence(story):
    by_text = {p.text: p for p in story.places}
    assert by_text["Beirut"].precision == "city" and by_text["Beirut"].country == "LBN"
    assert by_text["Golan Heights"].precision == "region"
    assert all(p.lat is not None and 0 < p.confidence <= 1 for p in story.places)
    assert "Syria" not in by_text  # "Syria fired" names an actor, not a place


def test_event_locations_follow_clause_sentence_and_actor(story):
    talks = _event(story, "held")
    assert (talks.location.name, talks.location_from) == ("Beirut", "clause")
    condemned = _event(story, "condemned")
    assert (condemned.location.name, condemned.location.country) == ("Amman", "JOR")
    fired = _event(story, "fired")
    assert (fired.location.name, fired.location.precision) == ("Golan Heights", "region")
    visited = _event(story, "visited")
    assert visited.location is None  # an envoy travels: the act of Jordan's envoy is not in Jordan


def test_a_state_act_without_a_place_is_in_the_state_at_country_precision(extract):
    s = extract("North Korea on Tuesday fired a missile as the Japanese envoy visited Hanoi.", date="2024-05-07")
    fired = _event(s, "fired")
    assert (fired.location.name, fired.location.precision, fired.location_from) == ("North Korea", "country", "actor")


def test_a_summit_at_camp_david_is_in_the_united_states(story):
    summit = next(e for e in story.events if e.sentence_index == 3)
    assert (summit.location.name, summit.location.country) == ("Camp David", "USA")


def test_a_capital_that_speaks_is_an_actor_not_a_place(extract):
    s = extract("Tehran said on Monday it would answer. Protesters gathered in Tehran.", date="2024-05-07")
    assert [p.sentence_index for p in s.places if p.text == "Tehran"] == [1]


def test_a_dateline_is_a_place_and_locates_events_without_one(extract):
    s = extract("NAIROBI, May 6 (Reuters) - Police arrested ten protesters on Monday.", date="2024-05-07")
    assert s.places[0].name == "Nairobi"
    assert [e.location_from for e in s.events] == ["dateline"]


def test_the_story_json_carries_the_place_fields(story):
    place = story.to_dict()["places"][0]
    assert set(place) >= {"text", "start", "end", "name", "country", "admin1", "lat", "lon", "precision",
                          "geonames_id", "confidence"}
    assert STORY[place["start"]:place["end"]] == place["text"]


# -- store, query, exports -------------------------------------------------------------------
@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ingest_records(tmp_path_factory.mktemp("places"), [
        {"id": "b", "published": "2024-05-07", "url": "https://wire.example/b", "text": STORY},
        {"id": "k", "published": "2024-05-08", "url": "https://post.example/k",
         "text": "Kenyan police arrested dozens of protesters in Mombasa on Tuesday."},
    ])


def test_the_store_keeps_places_and_locations(db):
    from eventwire.store import open as open_store

    with open_store(db) as store:
        assert store.sql("SELECT count(*) AS n FROM places WHERE text = 'Beirut'")["n"][0] == 1
        located = store.sql("SELECT location_name, location_lat, location_from FROM events "
                            "WHERE location_name = 'Mombasa'")
        assert len(located) == 1 and located["location_from"][0] == "clause"


def test_events_near_a_point_and_in_a_country(db):
    from eventwire.store import open as open_store

    with open_store(db) as store:
        near = store.events(near="-4.05,39.67", km=50)  # Mombasa
        assert set(near["location_name"]) == {"Mombasa"}
        assert store.events(near="-4.05,39.67", km=1).empty is False
        assert store.events(near="60,100", km=10).empty
        assert "Amman" in set(store.events(country="JOR")["location_name"])


def test_a_bad_point_is_a_clear_error(db):
    from click.testing import CliRunner

    from eventwire.cli import cli

    result = CliRunner().invoke(cli, ["events", "--db", db, "--near", "north"])
    assert result.exit_code != 0 and "LAT,LON" in str(result.exception or result.output)


def test_geojson_export_is_valid_geojson_of_points(db, tmp_path):
    import geojson
    from shapely.geometry import shape

    from eventwire.store import open as open_store
    from eventwire.store.export import export

    out = tmp_path / "events.geojson"
    with open_store(db) as store:
        n = export(store, "geojson", str(out))
    data = geojson.loads(out.read_text(encoding="utf-8"))
    assert data.is_valid, data.errors()
    assert len(data["features"]) == n > 0
    for feature in data["features"]:
        point = shape(feature["geometry"])
        assert point.geom_type == "Point" and -180 <= point.x <= 180 and -90 <= point.y <= 90
        assert feature["properties"]["event_loc"]["lon"] == point.x


def test_gdelt_and_plover_exports_carry_the_location(db, tmp_path):
    from eventwire.store import open as open_store
    from eventwire.store.export import GDELT_COLUMNS, export

    with open_store(db) as store:
        export(store, "gdelt", str(tmp_path / "g.tsv"))
        export(store, "plover-jsonl", str(tmp_path / "p.jsonl"))
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in (tmp_path / "g.tsv").read_text().splitlines()]
    mombasa = next(r for r in rows if r["ActionGeo_FullName"].startswith("Mombasa"))
    assert (mombasa["ActionGeo_Type"], mombasa["ActionGeo_CountryCode"]) == ("4", "KE")
    assert float(mombasa["ActionGeo_Lat"]) == pytest.approx(-4.05, abs=0.1)
    records = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    loc = next(r["event_loc"] for r in records if r["event_loc"] and r["event_loc"]["resolved_place"] == "Mombasa")
    assert (loc["country_code"], loc["feature_class"], loc["resolution"]) == ("KEN", "P", 4)


@pytest.mark.parametrize("sentence, event_type, target", [
    # an act done in or on a place that names no party is aimed at the place's country
    ("Hundreds of farmers protested in Bolivia on Monday.", "PROTEST", ("Bolivia", "BOL")),
    ("The police imposed a curfew in the city of Mombasa.", "COERCE", ("Mombasa", "KEN")),
    ("Rebels shelled Kharkiv on Monday.", "ASSAULT", ("Kharkiv", "UKR")),
    # talks are held with parties: a place is only where they are
    ("Egyptian officials held talks in Cairo on Monday.", "CONSULT", None),
    # an agreement that names no party is aimed at the place it is about (events/aims.py)
    ("Chile agreed to a ceasefire in Bolivia.", "AGREE", ("Bolivia", "BOL")),
])
def test_an_act_done_to_a_place_is_aimed_at_its_country(extract, sentence, event_type, target):
    event = next(e for e in extract(sentence, date="2024-04-02").events if e.event_type == event_type)
    got = event.target and (event.target.text, event.target.code)
    assert got == target and (event.target is None or event.target.sector is None), event.evidence


def test_talks_in_a_foreign_capital_are_held_there_and_with_its_government(extract):
    story = extract("The French foreign minister held talks in Algiers on Tuesday.", date="2024-04-02")
    talks = next(e for e in story.events if e.event_type == "CONSULT")
    assert (talks.target.code, talks.location.name, talks.location_from) == ("DZA GOV", "Algiers", "clause")
    # at home, the capital is only where they are
    story = extract("Egyptian officials held talks in Cairo on Monday.", date="2024-04-02")
    talks = next(e for e in story.events if e.event_type == "CONSULT")
    assert talks.target is None and talks.location.name == "Cairo"


@pytest.mark.parametrize("text, country", [
    ("south Lebanon", "LBN"), ("Southern Lebanon", "LBN"),  # not South Lebanon, Ohio
    ("South Africa", "ZAF"), ("North Korea", "PRK"),  # a country of its own
    ("West Virginia", "USA"),  # no country after the compass word
])
def test_a_country_after_a_compass_word_is_a_part_of_that_country(gaz, text, country):
    assert one(gaz, text).country == country


def test_a_word_of_place_before_of_makes_a_preposition_of_place():
    from eventwire.actors.resolve import place_preposition
    vocab = spacy.blank("en").vocab
    # "a bomb exploded outside of Basra"; "rebels attacked north of Kabul"; "the home of Ali"
    d = Doc(vocab, words=["exploded", "outside", "of", "Basra"], heads=[0, 0, 1, 2],
            deps=["ROOT", "prep", "prep", "pobj"], pos=["VERB", "ADP", "ADP", "PROPN"])
    assert place_preposition(d[3]) == "outside"
    d = Doc(vocab, words=["attacked", "north", "of", "Kabul"], heads=[0, 0, 1, 2],
            deps=["ROOT", "advmod", "prep", "pobj"], pos=["VERB", "ADV", "ADP", "PROPN"])
    assert place_preposition(d[3]) == "near"
    d = Doc(vocab, words=["the", "home", "of", "Ali"], heads=[1, 1, 1, 2], deps=["det", "ROOT", "prep", "pobj"],
            pos=["DET", "NOUN", "ADP", "PROPN"])
    assert place_preposition(d[3]) == "of"


@pytest.mark.parametrize("sentence, code", [
    ("Two Afghan soldiers were killed by a roadside bomb outside of the Afghan city of Kandahar.", "AFG"),
    ("A minefield explosion near the town of Samarra killed two Iraqi boys.", "IRQ"),  # not a people
])
def test_a_bomb_with_no_doer_is_the_country_of_the_place_it_went_off_in(extract, sentence, code):
    killed = [e for e in extract(sentence, date="2024-03-14").events if e.trigger.text == "killed"]
    assert killed and killed[0].source is not None and killed[0].source.code == code
    assert killed[0].location is not None and killed[0].location.country == code


def test_a_place_entity_in_lower_case_is_no_name(extract):
    story = extract("Russia began withdrawing its troops from the west bank of the Dnipro.", date="2025-01-06")
    assert "PSE" not in {p.country for p in story.places}
    assert "PSE" in {p.country for p in extract("Israeli troops raided Jenin in the West Bank.", date="2025-01-06").places}
