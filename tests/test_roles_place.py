"""Targets from places (events/aims.py ``place_targets``): an act that names no party acted on
is aimed at the country of the place it is done in; on hand-built parses, then through the model."""

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.events import load
from eventwire.events.code import Coder
from eventwire.events.lexicon import Trigger
from eventwire.model import ActorRef, Place, Story
from eventwire.parse import Block, Parsed

DATE = "2024-03-14"
VOCAB = spacy.blank("en").vocab  # no model: the parse is written by hand
LEX = load()


def doc(words, heads, deps, pos, lemmas=None):
    """A parse written by hand; ``heads`` are absolute token indices."""
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words])


def coder(d, places):
    """A coder over one hand-built paragraph whose actor stage kept ``places`` (token span, country) as places."""
    story = Story(d.text)
    story.places = [Place(d[s:e].text, d[s].idx, d[e - 1].idx + len(d[e - 1]), country) for s, e, country in places]
    return Coder(Parsed(story, [Block(d, 0)]), LEX)


# "The army lifted a curfew in Kenya": the place phrase is the verb's
CURFEW = doc(["The", "army", "lifted", "a", "curfew", "in", "Kenya"], [1, 2, 2, 4, 2, 2, 5],
             ["det", "nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
             ["DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN"], ["the", "army", "lift", "a", "curfew", "in", "kenya"])


def test_an_act_on_a_thing_is_aimed_at_the_country_of_the_place_in_its_clause():
    c = coder(CURFEW, [(6, 7, "KEN")])
    targets = c.place_targets(0, CURFEW[2], CURFEW[4])
    assert [(t.code, t.country, t.sector, t.text) for t in targets] == [("KEN", "KEN", None, "Kenya")]
    assert c.found_at(targets[0], "place") == CURFEW[6]  # the place is the target's phrase
    assert c._target_slots(0, targets, CURFEW[4]) == [(targets[0], CURFEW[6])]


def test_a_target_argument_that_is_a_place_gives_its_country():
    # "Leaders agreed to postpone the rally in Nairobi": the target head is the capital itself
    d = doc(["Leaders", "postponed", "the", "rally", "in", "Nairobi"], [1, 1, 3, 1, 3, 4],
            ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"], ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN"],
            ["leader", "postpone", "the", "rally", "in", "nairobi"])
    c = coder(d, [(5, 6, "KEN")])
    assert [t.code for t in c.place_targets(0, d[1], d[5])] == ["KEN"]


def test_no_place_target_when_a_party_is_acted_on_or_no_place_is_named():
    # "Police arrested 12 people in Kenya": the people are the target, not their country
    d = doc(["Police", "arrested", "villagers", "in", "Kenya"], [1, 1, 1, 1, 3],
            ["nsubj", "ROOT", "dobj", "prep", "pobj"], ["NOUN", "VERB", "NOUN", "ADP", "PROPN"],
            ["police", "arrest", "villager", "in", "kenya"])
    assert coder(d, [(4, 5, "KEN")]).place_targets(0, d[1], d[2]) == []
    assert coder(CURFEW, []).place_targets(0, CURFEW[2], CURFEW[4]) == []  # no place kept


def test_a_longer_proper_name_is_another_place():
    # "banned voting in East Nairobi": the dictionary's "Nairobi" is not the place named
    d = doc(["They", "banned", "voting", "in", "East", "Nairobi"], [1, 1, 1, 1, 5, 3],
            ["nsubj", "ROOT", "dobj", "prep", "compound", "pobj"], ["PRON", "VERB", "NOUN", "ADP", "PROPN", "PROPN"],
            ["they", "ban", "voting", "in", "east", "nairobi"])
    assert coder(d, [(5, 6, "KEN")]).place_targets(0, d[1], d[2]) == []


def test_the_dyadic_gate_takes_a_place_target_wherever_its_phrase_is():
    # a bare PETRARCH verb needs a target right after it, or the place it is done in
    c = coder(CURFEW, [(6, 7, "KEN")])
    army = ActorRef("The army", 0, 8, "KEN MIL", "KEN", "MIL", "Kenya military", 1)
    row = Trigger("lift", "verb", (), "081", "", 1, source="verbs_petrarch.tsv")
    placed = c.place_targets(0, CURFEW[2], CURFEW[4])[0]
    assert c.gates.failed(0, CURFEW[2], row, army, placed, CURFEW[1], CURFEW[6], True, "CONCEDE", 2) is None
    mention = ActorRef("Kenya", placed.start, placed.end, "KEN", "KEN", None, "Kenya", 2)  # an actor mention, not the place
    assert c.gates.failed(0, CURFEW[2], row, army, mention, CURFEW[1], CURFEW[6], True, "CONCEDE", 2).name == "dyadic"


@pytest.mark.parametrize("sentence, code", [
    ("Opposition leaders in Georgia agreed to postpone their march in Tbilisi.", "GEO"),
    ("The authorities lifted the overnight curfew in Zambia on Monday.", "ZMB"),
    ("Canada is ready to contribute 300 engineers to a peacekeeping force in Mali.", "MLI"),
])
def test_the_place_an_act_is_done_in_is_its_target(extract, sentence, code):
    story = extract(sentence, date=DATE)
    found = [(e.trigger.text, e.target.code if e.target else None, e.evidence) for e in story.events]
    assert any(c == code and "target by place" in why for _, c, why in found), found


def test_a_party_acted_on_keeps_its_own_code(extract):
    story = extract("Kenyan police arrested 30 protesters in Nairobi on Friday.", date=DATE)
    assert story.events and not any("target by place" in e.evidence for e in story.events)


def test_the_subjects_own_demand_is_put_to_the_subject_of_the_clause_demanded():
    # "UNICEF reiterated its demand that Sudan reopen schools": its demand is UNICEF's own; Sudan is asked
    d = doc(["UNICEF", "reiterated", "its", "demand", "that", "Sudan", "reopen", "schools"], [1, 1, 3, 1, 6, 6, 3, 6],
            ["nsubj", "ROOT", "poss", "dobj", "mark", "nsubj", "acl", "dobj"],
            ["PROPN", "VERB", "PRON", "NOUN", "SCONJ", "PROPN", "VERB", "NOUN"],
            ["unicef", "reiterate", "its", "demand", "that", "sudan", "reopen", "school"])
    c = coder(d, [])
    unicef = ActorRef("UNICEF", 0, 6, "IGO UNO", None, "IGO", "UNICEF", 0)
    its = ActorRef("its", d[2].idx, d[2].idx + 3, "IGO UNO", None, "IGO", "UNICEF", 0)
    sudan = ActorRef("Sudan", d[5].idx, d[5].idx + 5, "SDN", "SDN", None, "Sudan", 1)
    c.parsed.mentions.update({(0, 0): [unicef], (0, 2): [its], (0, 5): [sudan]})
    row = Trigger("reiterate", "verb", (("obj", frozenset({"demand"})),), "100", "", 1)
    assert c.verb_targets(0, d[1], row, d[7], [unicef], [its]) == [sudan]
    assert c.found_at(sudan) == d[5] and c.found_at(sudan, "place") is None  # its phrase is "Sudan", and it is no place
    assert c.verb_targets(0, d[1], row, d[7], [unicef], [sudan]) == [sudan]  # another party found stays


def test_a_demand_the_subject_owns_targets_whom_it_is_put_to(extract):
    story = extract("UNICEF reiterated its demand that Sudan reopen the schools.", date=DATE)
    assert [(e.target.code, e.target_phrase.text) for e in story.events if e.event_type == "REQUEST"] == [("SDN", "Sudan")]


def test_talks_are_held_with_parties_and_their_place_is_only_where():
    # "Officials held talks in Kenya": no one named to talk with, and Kenya is no party to them
    d = doc(["Officials", "held", "talks", "in", "Kenya"], [1, 1, 1, 1, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"],
            ["NOUN", "VERB", "NOUN", "ADP", "PROPN"], ["official", "hold", "talk", "in", "kenya"])
    c = coder(d, [(4, 5, "KEN")])
    talks = Trigger("hold", "verb", (("obj", frozenset({"talks"})),), "046", "", 1)
    assert c.verb_targets(0, d[1], talks, d[2], [], []) == []
    visit = Trigger("hold", "verb", (), "042", "", 1)  # a visit is made to a place
    assert [t.code for t in c.verb_targets(0, d[1], visit, d[2], [], [])] == ["KEN"]


def test_a_protest_that_names_no_one_is_aimed_at_its_doers_country():
    # "Kenyan miners stopped work": a protest with no target and no place is against their own country
    c = coder(CURFEW, [])
    miners = ActorRef("Kenyan miners", 0, 13, "KEN LAB", "KEN", "LAB", "Kenya miners", 3)
    strike = Trigger("stop", "verb", (("obj", frozenset({"work"})),), "143", "", 1)
    home = c.home_targets(strike, [miners])
    assert [(t.code, t.sector, t.name, c.derived(t)) for t in home] == [("KEN", None, "Kenya", "home")]
    assert c.found_at(home[0]) is None  # no phrase of its own: the target phrase stays the argument's
    assert c.home_targets(Trigger("lift", "verb", (), "081", "", 1), [miners]) == []  # not one-sided
    un = ActorRef("UN staff", 0, 8, "IGO UNO", None, "IGO", "UN", 4)
    assert c.home_targets(strike, [un]) == []  # an organisation has no home country


@pytest.mark.parametrize("sentence, code, how", [
    ("Some 2,000 Kenyan teachers stopped work on Monday over a pay bill.", "KEN", "home"),
    ("Greek farmers continued their hunger strike to demand higher subsidies.", "GRC", "home"),
    ("Kenyan students held a protest in London.", "GBR", "place"),  # abroad, the place's country
])
def test_protests_without_a_target_are_aimed_at_home_unless_a_place_is_named(extract, sentence, code, how):
    events = [e for e in extract(sentence, date=DATE).events if e.event_type == "PROTEST"]
    assert events and events[0].target.code == code and f"target by {how}" in events[0].evidence, events


def test_police_and_courts_act_at_home_on_a_party_with_no_code():
    c = coder(CURFEW, [])
    police = ActorRef("Kenyan police", 0, 13, "KEN COP", "KEN", "COP", "Kenya police", 5)
    troops = ActorRef("Kenyan troops", 0, 13, "KEN MIL", "KEN", "MIL", "Kenya military", 6)
    arrest = Trigger("arrest", "verb", (), "173", "", 1)
    assert [t.code for t in c.home_targets(arrest, [police], acted_on=True)] == ["KEN"]
    assert c.home_targets(arrest, [troops], acted_on=True) == []  # forces are sent abroad
    assert c.home_targets(arrest, [police], acted_on=False) == []  # no one acted on


@pytest.mark.parametrize("sentence, code", [
    ("Ugandan police dispersed the crowd on Sunday, arresting 40.", "UGA"),
    ("Nigerian police arrested 25 on Friday after the clashes.", "NGA"),
])
def test_those_police_arrest_are_in_their_country(extract, sentence, code):
    events = [e for e in extract(sentence, date=DATE).events if e.event_type == "COERCE"]
    assert any(e.target is not None and e.target.code == code and "target by home" in e.evidence
               for e in events), [(e.trigger.text, e.target) for e in events]
