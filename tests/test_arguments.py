"""The argument layer (eventwire/arguments, data/arguments.yaml): each rule on a hand-built
parse, then one event in its active, passive and nominal forms through the model."""

import pytest
import spacy
from spacy.tokens import Doc

from eventwire import arguments as args
from eventwire.arguments.rules import load_rules

VOCAB = spacy.blank("en").vocab  # no model: the parse is written by hand


def doc(words, heads, deps, pos, lemmas=None):
    """A parse written by hand; ``heads`` are absolute token indices."""
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words])


@pytest.mark.parametrize("words, heads, deps, pos, verb, expected, rule", [
    (["Police", "tried", "to", "arrest", "Yoon"], [1, 1, 3, 1, 3],
     ["nsubj", "ROOT", "aux", "xcomp", "dobj"], ["NOUN", "VERB", "PART", "VERB", "PROPN"], 3, 0, "control"),
    (["Troops", "entered", "and", "seized", "Kherson"], [1, 1, 1, 1, 3],
     ["nsubj", "ROOT", "cc", "conj", "dobj"], ["NOUN", "VERB", "CCONJ", "VERB", "PROPN"], 3, 0, "control"),
    (["forces", "that", "attacked", "towns"], [0, 2, 0, 2],
     ["ROOT", "nsubj", "relcl", "dobj"], ["NOUN", "PRON", "VERB", "NOUN"], 2, 0, "relative-pronoun"),
    (["forces", "attacking", "towns"], [0, 0, 1],
     ["ROOT", "relcl", "dobj"], ["NOUN", "VERB", "NOUN"], 1, 0, "relative-clause"),
    (["Russia", "is", "willing", "to", "withdraw"], [1, 1, 1, 4, 2],
     ["nsubj", "ROOT", "acomp", "aux", "xcomp"], ["PROPN", "AUX", "ADJ", "PART", "VERB"], 4, 0, "adjective-control"),
    (["After", "being", "impeached", ",", "Yoon", "resisted"], [5, 2, 0, 5, 5, 5],
     ["prep", "auxpass", "pcomp", "punct", "nsubj", "ROOT"], ["ADP", "AUX", "VERB", "PUNCT", "PROPN", "VERB"],
     2, 4, "preposition-clause"),
    (["Iran", "'s", "decision", "to", "enrich", "uranium"], [2, 0, 2, 4, 2, 4],
     ["poss", "case", "ROOT", "aux", "acl", "dobj"], ["PROPN", "PART", "NOUN", "PART", "VERB", "NOUN"],
     4, 0, "owner-of-noun"),
    (["Police", "made", "an", "attempt", "to", "arrest", "Yoon"], [1, 1, 3, 1, 5, 3, 5],
     ["nsubj", "ROOT", "det", "dobj", "aux", "acl", "dobj"], ["NOUN", "VERB", "DET", "NOUN", "PART", "VERB", "PROPN"],
     5, 0, "attempt-noun"),
    (["Kenya", "said", "attacked", "Somalia"], [1, 1, 1, 2],
     ["nsubj", "ROOT", "ccomp", "dobj"], ["PROPN", "VERB", "VERB", "PROPN"], 2, None, "reported-clause"),
])
def test_a_missing_subject_is_inherited_by_the_named_rule(words, heads, deps, pos, verb, expected, rule):
    d = doc(words, heads, deps, pos)
    found, name = args.subject_rule(d[verb])
    assert name == rule
    assert (found.i if found is not None else None) == expected


def test_an_attempt_reported_by_a_speech_verb_is_not_the_speakers():
    d = doc(["Kenya", "reported", "on", "an", "attempt", "to", "seize", "Mogadishu"], [1, 1, 1, 4, 2, 6, 4, 6],
            ["nsubj", "ROOT", "prep", "det", "pobj", "aux", "acl", "dobj"],
            ["PROPN", "VERB", "ADP", "DET", "NOUN", "PART", "VERB", "PROPN"],
            lemmas=["kenya", "report", "on", "an", "attempt", "to", "seize", "mogadishu"])
    assert args.subject(d[6]) is None
    d = doc(["Kenya", "backed", "an", "attempt", "to", "seize", "Mogadishu"], [1, 1, 3, 1, 5, 3, 5],
            ["nsubj", "ROOT", "det", "dobj", "aux", "acl", "dobj"],
            ["PROPN", "VERB", "DET", "NOUN", "PART", "VERB", "PROPN"],
            lemmas=["kenya", "back", "an", "attempt", "to", "seize", "mogadishu"])
    assert args.subject_rule(d[5]) == (d[0], "attempt-noun")


def test_a_passive_has_its_by_agent_as_doer_and_its_subject_as_patient():
    d = doc(["Somalia", "was", "attacked", "by", "Kenya"], [2, 2, 2, 2, 3],
            ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"], ["PROPN", "AUX", "VERB", "ADP", "PROPN"])
    assert args.passive(d[2]) and [t.text for t in args.agents(d[2])] == ["Kenya"]
    assert args.subject(d[2]).text == "Somalia"
    active = doc(["Kenya", "attacked", "Somalia"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"])
    assert not args.passive(active[1]) and args.agents(active[1]) == []


def test_a_verb_without_objects_takes_those_of_the_complement_it_announces():
    d = doc(["Iran", "threatened", "to", "attack", "Israel"], [1, 1, 3, 1, 3],
            ["nsubj", "ROOT", "aux", "xcomp", "dobj"], ["PROPN", "VERB", "PART", "VERB", "PROPN"])
    assert [t.text for t in args.verb_objects(d[1])] == ["Israel"]


@pytest.mark.parametrize("words, heads, deps, pos, noun, expected", [
    (["Egypt", "hold", "talks"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "NOUN"], 2, "light"),
    (["Miners", "went", "on", "strike"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
     ["NOUN", "VERB", "ADP", "NOUN"], 3, "circumstance"),
    (["Kenya", "condemned", "the", "attack"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
     ["PROPN", "VERB", "DET", "NOUN"], 3, None),
])
def test_a_noun_event_is_carried_by_a_light_verb_or_a_circumstance_only(words, heads, deps, pos, noun, expected):
    assert args.carried_by(doc(words, heads, deps, pos)[noun]) == expected


def test_a_rule_row_with_a_bad_field_is_refused():
    with pytest.raises(ValueError):
        load_rules([{"name": "x", "reason": "r", "example": "e", "dep": ["xcomp"], "take": "subject"}])
    with pytest.raises(TypeError):
        load_rules([{"name": "x", "reason": "r", "example": "e", "dep": ["xcomp"], "take": "head", "colour": "red"}])


@pytest.mark.parametrize("text", [
    "Kenya attacked Somalia on Tuesday.",
    "Somalia was attacked by Kenya on Tuesday.",
    "Kenya's attack on Somalia on Tuesday drew protests.",
    "The attack on Somalia by Kenya on Tuesday drew protests.",
])
def test_active_passive_and_nominal_forms_give_one_source_and_target(extract, text):
    found = [e for e in extract(text, date="2024-04-10").events if e.event_type == "ASSAULT"]
    assert [(e.source and e.source.code, e.target and e.target.code) for e in found] == [("KEN", "SOM")]


@pytest.mark.parametrize("words, heads, deps, pos, lemmas, noun, expected", [
    # "Protests swept Iran": the subject of an occurrence verb
    (["Protests", "swept", "Iran"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NOUN", "VERB", "PROPN"],
     ["protest", "sweep", "iran"], 0, True),
    # "There were riots": what an existential there introduces
    (["There", "were", "riots"], [1, 1, 1], ["expl", "ROOT", "attr"], ["PRON", "AUX", "NOUN"],
     ["there", "be", "riot"], 2, True),
    # "Protests hurt Iran": a verb that says what the event did, not that it happened
    (["Protests", "hurt", "Iran"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NOUN", "VERB", "PROPN"],
     ["protest", "hurt", "iran"], 0, False),
    # "Police stopped the protests": an object
    (["Police", "stopped", "protests"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NOUN", "VERB", "NOUN"],
     ["police", "stop", "protest"], 2, False),
    # "Shops closed in a strike": a particular one, in the circumstances of an act
    (["Shops", "closed", "in", "a", "strike"], [1, 1, 1, 4, 2], ["nsubj", "ROOT", "prep", "det", "pobj"],
     ["NOUN", "VERB", "ADP", "DET", "NOUN"], ["shop", "close", "in", "a", "strike"], 4, True),
    # "He resigned in protest": a motive, no particular protest
    (["He", "resigned", "in", "protest"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
     ["PRON", "VERB", "ADP", "NOUN"], ["he", "resign", "in", "protest"], 3, False),
])
def test_a_noun_event_occurs_as_subject_of_an_occurrence_verb_or_after_there(words, heads, deps, pos, lemmas,
                                                                              noun, expected):
    assert args.occurs(doc(words, heads, deps, pos, lemmas)[noun]) is expected


def test_a_noun_of_time_is_no_object():
    # "Peru met on the eve of the vote with Chile": the eve says when; Chile is met
    d = doc(["Peru", "met", "on", "the", "eve", "of", "the", "vote", "with", "Chile"],
            [1, 1, 1, 4, 2, 4, 7, 5, 1, 8],
            ["nsubj", "ROOT", "prep", "det", "pobj", "prep", "det", "pobj", "prep", "pobj"],
            ["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN"])
    assert [t.text for t in args.objects(d[1], {"on", "with"})] == ["Chile"]
    assert args.says_when(d[4]) and not args.says_when(d[9])


def test_a_place_inside_a_time_phrase_is_not_visited(extract):
    story = extract("US Secretary of State Antony Blinken visited by coincidence on the anniversary of the riot "
                    "at the US Capitol.",
                    date="2025-01-06")
    assert not [e for e in story.events if e.target is not None and e.target.code.startswith("USA")]


def test_a_noun_events_agent_is_its_own_by_or_its_participles():
    # "a march by farmers" / "a protest called by unions"
    march = doc(["a", "march", "by", "farmers"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
                ["DET", "NOUN", "ADP", "NOUN"])
    called = doc(["a", "protest", "called", "by", "unions"], [1, 1, 1, 2, 3], ["det", "ROOT", "acl", "agent", "pobj"],
                 ["DET", "NOUN", "VERB", "ADP", "NOUN"])
    called[2].tag_ = "VBN"
    assert [t.text for t in args.noun_agents(march[1])] == ["farmers"]
    assert [t.text for t in args.noun_agents(called[1])] == ["unions"]
    called[2].tag_ = "VBG"  # "a protest calling for change": the participle is no passive
    assert args.noun_agents(called[1]) == []


def test_a_quantity_of_a_noun_passes_its_governor_on():
    # "staged dozens of protests": the protests hang on "staged"; "leaders of Hamas" is no quantity
    d = doc(["They", "staged", "dozens", "of", "protests"], [1, 1, 1, 2, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"],
            ["PRON", "VERB", "NOUN", "ADP", "NOUN"], ["they", "stage", "dozen", "of", "protest"])
    leaders = doc(["They", "met", "leaders", "of", "Hamas"], [1, 1, 1, 2, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"],
                  ["PRON", "VERB", "NOUN", "ADP", "PROPN"])
    assert args.governor(d[4]).text == "staged" and args.carried_by(d[4]) == "light"
    assert args.governor(leaders[4]).text == "leaders"


def test_a_light_verb_carries_a_quantity_of_events(extract):
    e = next(e for e in extract("Soldiers carried out dozens of killings in the north of Mali.", date="2025-01-06").events
             if e.event_type == "ASSAULT")
    assert e.trigger.text == "killings" and e.source is not None


def test_a_number_with_nothing_to_count_stands_for_people():
    # "Thousands marched", "tens of thousands marched"; not "thousands of dollars"
    alone = doc(["Thousands", "marched"], [1, 1], ["nsubj", "ROOT"], ["NOUN", "VERB"])
    tens = doc(["Tens", "of", "thousands", "marched"], [3, 0, 1, 3], ["nsubj", "prep", "pobj", "ROOT"],
               ["NOUN", "ADP", "NOUN", "VERB"])
    money = doc(["thousands", "of", "dollars", "vanished"], [3, 0, 1, 3], ["nsubj", "prep", "pobj", "ROOT"],
                ["NOUN", "ADP", "NOUN", "VERB"])
    assert args.crowd_number(alone[0]) and args.crowd_number(tens[0])
    assert not args.crowd_number(money[0])


def test_a_light_verbs_agentless_passive_tells_its_noun_happened():
    held = doc(["A", "vigil", "was", "held"], [1, 3, 3, 3], ["det", "nsubjpass", "auxpass", "ROOT"],
               ["DET", "NOUN", "AUX", "VERB"], ["a", "vigil", "be", "hold"])
    by = doc(["A", "vigil", "was", "held", "by", "students"], [1, 3, 3, 3, 3, 4],
             ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj"], ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN"],
             ["a", "vigil", "be", "hold", "by", "student"])
    assert args.occurs(held[1]) and not args.occurs(by[1])
