"""Who is acted on, not who helps or what is moved: "with X's help" names a helper; the "of"
object of a thing laid on a party is that party ("the blockade of X"); forces withdrawn or
deployed are their doers', the place is the target. On hand-built parses, then through the model."""

import pytest
import spacy
from spacy.tokens import Doc

from eventwire import arguments as args

DATE = "2024-03-14"
VOCAB = spacy.blank("en").vocab


def doc(words, heads, deps, pos, lemmas=None):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words])


def test_a_noun_of_help_after_with_is_no_object_of_the_verb():
    # "Chad attacked the rebels with Niger's help": the rebels are attacked, Niger helps
    d = doc(["Chad", "attacked", "the", "rebels", "with", "Niger", "'s", "help"], [1, 1, 3, 1, 1, 7, 5, 4],
            ["nsubj", "ROOT", "det", "dobj", "prep", "poss", "case", "pobj"],
            ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PART", "NOUN"])
    assert args.helps(d[7])
    assert [t.text for t in args.objects(d[1], {"with"})] == ["rebels"]
    # "Chad agreed with Niger": a party after "with" stays an object
    d2 = doc(["Chad", "agreed", "with", "Niger"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
             ["PROPN", "VERB", "ADP", "PROPN"])
    assert not args.helps(d2[3]) and [t.text for t in args.objects(d2[1], {"with"})] == ["Niger"]


def _targets(story, event_type):
    return [(e.trigger.text, e.target.code if e.target else None) for e in story.events if e.event_type == event_type]


@pytest.mark.parametrize("sentence, event_type, code, helper", [
    ("France said it would tighten the blockade of Libya with Egypt's help.", "THREATEN", "LBY", "EGY"),
    ("Kenya attacked the rebels with the help of Uganda.", "ASSAULT", "REB", "UGA"),
])
def test_the_helper_is_no_target(extract, sentence, event_type, code, helper):
    found = _targets(extract(sentence, date=DATE), event_type)
    assert found and all(c == code for _, c in found) and all(c != helper for _, c in found), found


def test_the_blockade_of_a_party_targets_it(extract):
    found = _targets(extract("France tightened the blockade of Libya.", date=DATE), "COERCE")
    assert found and found[0][1] == "LBY", found


@pytest.mark.parametrize("sentence, code", [
    ("Russia began the withdrawal of its troops from Georgia on Monday.", "GEO"),
    ("Britain announced the withdrawal of some forces from Iraq.", "IRQ"),
    ("Washington ordered the withdrawal of American troops from Somalia.", "SOM"),
])
def test_forces_withdrawn_are_the_doers_the_place_is_the_target(extract, sentence, code):
    story = extract(sentence, date=DATE)
    found = [(e.target.code if e.target else None, e.target_phrase.text if e.target_phrase else None)
             for e in story.events if e.event_type == "RETREAT"]
    assert found and found[0][0] == code, found


@pytest.mark.parametrize("sentence, code", [
    ("Recent US drone strikes have killed five militants in Yemen.", "USA"),
    ("Five soldiers were killed by Taliban mortar attacks.", "AFG"),
])
def test_the_actor_on_an_act_noun_does_it_through_a_weapon_compound(extract, sentence, code):
    killed = [e for e in extract(sentence, date=DATE).events if e.trigger.text == "killed"]
    assert killed and killed[0].source is not None and killed[0].source.country == code, killed


def test_a_by_phrase_closing_the_sentence_after_a_set_off_clause_is_the_passive_verbs_agent():
    # "Ali was accused of theft, most of it hidden, by police": the police accuse
    words = ["Ali", "was", "accused", "of", "theft", ",", "most", "of", "it", "hidden", ",", "by", "police", "."]
    heads = [2, 2, 2, 2, 3, 9, 9, 6, 7, 2, 9, 9, 11, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct", "nsubj", "prep", "pobj", "advcl", "punct",
            "prep", "pobj", "punct"]
    pos = ["PROPN", "AUX", "VERB", "ADP", "NOUN", "PUNCT", "ADJ", "ADP", "PRON", "VERB", "PUNCT", "ADP", "NOUN",
           "PUNCT"]
    d = doc(words, heads, deps, pos)
    assert [t.text for t in args.agents(d[2])] == ["police"]
    # without the comma that sets the clause off, "by" is the clause's own: "theft hidden by police"
    d2 = doc([w for i, w in enumerate(words) if i not in (5, 10)], [2, 2, 2, 2, 3, 8, 5, 6, 2, 8, 9, 2],
             ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "nsubj", "prep", "pobj", "advcl", "agent", "pobj",
              "punct"], ["PROPN", "AUX", "VERB", "ADP", "NOUN", "ADJ", "ADP", "PRON", "VERB", "ADP", "NOUN", "PUNCT"])
    assert args.agents(d2[2]) == []


@pytest.mark.parametrize("sentence, code", [
    ("The mayor was accused of stealing public funds, much of it hidden abroad, by local journalists.", "MED"),
    ("The ex-minister has been accused of wasting up to $9 million in state money, much of it believed to have "
     "been stolen, by current Kenyan officials.", "KEN GOV"),
])
def test_the_accuser_after_a_set_off_clause_is_the_source(extract, sentence, code):
    accused = [e for e in extract(sentence, date=DATE).events if e.event_type == "ACCUSE"]
    assert accused and accused[0].source is not None and accused[0].source.code == code, accused


def test_a_call_for_the_subjects_own_forces_does_not_target_them(extract):
    found = _targets(extract("The African Union rejected a call for its troops to be sent to Darfur.", date=DATE),
                     "REJECT")
    assert found and all(c != "MIL" for _, c in found), found


@pytest.mark.parametrize("sentence, code", [
    ("Hundreds of people marched in Taipei in defiance of the Chinese government.", "CHN GOV"),
    ("Thousands of students blocked roads in Dhaka in defiance of the authorities.", "BGD GOV"),
])
def test_whom_an_act_defies_is_its_target_not_where_it_is(extract, sentence, code):
    found = _targets(extract(sentence, date=DATE), "PROTEST")
    assert found and found[0][1] == code, found


def test_a_suspension_of_links_with_a_party_targets_it(extract):
    found = _targets(extract("Italy announced a suspension of air links with Libya on Tuesday.", date=DATE), "SANCTION")
    assert found and found[0][1] == "LBY", found


@pytest.mark.parametrize("sentence, code", [
    ("Kenyan police opened an investigation into abuses committed by Somali militias against refugees.", "SOM REB"),
    ("Chile launched an inquiry into crimes carried out by Peruvian soldiers.", "PER MIL"),
    ("The UN on Friday condemned the attacks carried out by Hamas against Israeli civilians.", "PSE REB"),
])
def test_an_inquiry_into_or_a_condemnation_of_deeds_targets_their_doers(extract, sentence, code):
    found = _targets(extract(sentence, date=DATE), "ACCUSE")
    assert found and found[0][1] == code, found


def _coder(d):
    from eventwire.events import load
    from eventwire.events.code import Coder
    from eventwire.model import Story
    from eventwire.parse import Block, Parsed
    return Coder(Parsed(Story(d.text), [Block(d, 0)]), load())


def test_the_party_an_in_defiance_phrase_names_on_a_hand_built_parse():
    # "Students marched in Lima in defiance of the government"
    d = doc(["Students", "marched", "in", "Lima", "in", "defiance", "of", "the", "government"],
            [1, 1, 1, 2, 1, 4, 5, 8, 6], ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "prep", "det", "pobj"],
            ["NOUN", "VERB", "ADP", "PROPN", "ADP", "NOUN", "ADP", "DET", "NOUN"])
    assert _coder(d)._defied(d[1]).text == "government"


def test_the_doers_of_deeds_by_a_participles_agent_on_a_hand_built_parse():
    # "an inquiry into abuses committed by the police"
    d = doc(["an", "inquiry", "into", "abuses", "committed", "by", "the", "police"], [1, 1, 1, 2, 3, 4, 7, 5],
            ["det", "ROOT", "prep", "pobj", "acl", "agent", "det", "pobj"],
            ["DET", "NOUN", "ADP", "NOUN", "VERB", "ADP", "DET", "NOUN"])
    d[4].tag_ = "VBN"
    assert [t.text for t in _coder(d)._deed_authors(d[1])] == ["police"]


@pytest.mark.parametrize("sentence, event_type, code", [
    ("Moscow warned Latvia on Thursday that it would impose economic sanctions.", "THREATEN", "LVA"),
    ("Iran denied US charges that it was sponsoring terrorism.", "REJECT", "USA"),
    ("Iraq rejected British allegations of chemical weapons.", "REJECT", "GBR"),
    ("The Palestinian Authority condemned the Israeli raid on a village near Hebron.", "ACCUSE", "ISR"),
    ("Ethiopian forces captured the Eritrean town of Badme.", "COERCE", "ERI"),
    ("Seoul and Washington agreed to hold joint military exercises next month.", "AGREE", "USA GOV"),
])
def test_whom_a_warning_an_answer_or_a_joint_act_is_aimed_at(extract, sentence, event_type, code):
    found = _targets(extract(sentence, date=DATE), event_type)
    assert found and found[0][1] == code, found


def test_the_audience_of_a_statement_is_no_target(extract):
    found = _targets(extract("The minister told reporters that Iran would impose sanctions.", date=DATE), "THREATEN")
    assert all(c is None for _, c in found), found


def test_two_countries_restoring_ties_restore_them_with_each_other(extract):
    found = _targets(extract("Britain and Argentina restored diplomatic relations on Thursday.", date=DATE), "SUPPORT")
    assert found == [("restored", "ARG")], found


def test_a_partitive_subject_is_of_the_country_named_on_what_it_counts(extract):
    story = extract("A group of Saudi hackers launched cyber attacks on Iranian government websites in May.",
                    date="2024-06-02")
    assert [(e.event_type, e.source.country) for e in story.events] == [("ASSAULT", "SAU")]
    assert not story.places  # "in May" is a month, not the Indian town of that name


@pytest.mark.parametrize("sentence", [
    "Turkish jets launched strikes on Syrian villages.",
    "Turkish jets launched strikes on dozens of Syrian villages.",  # through what a quantity counts
])
def test_the_target_of_a_named_attack_is_whose_the_thing_hit_is(extract, sentence):
    found = [(e.event_type, e.target and e.target.country) for e in extract(sentence, date=DATE).events]
    assert found == [("ASSAULT", "SYR")], found
