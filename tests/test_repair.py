"""The parse repair pass (eventwire/repair.py, data/repairs.yaml)."""

import spacy
from spacy.tokens import Doc

from eventwire.repair import repair

VOCAB = spacy.blank("en").vocab


def test_verb_forms_cut_short_get_their_lemma_back():
    doc = Doc(VOCAB, words=["Workers", "staged", "a", "protest"], pos=["NOUN", "VERB", "DET", "NOUN"],
              lemmas=["worker", "stag", "a", "protest"])
    assert [t.lemma_ for t in repair(doc)] == ["worker", "stage", "a", "protest"]


def test_only_verbs_are_repaired():
    doc = Doc(VOCAB, words=["the", "staged", "photo"], pos=["DET", "ADJ", "NOUN"], lemmas=["the", "staged", "photo"])
    assert repair(doc)[1].lemma_ == "staged"


def test_the_model_output_is_repaired_before_any_stage(extract):
    story = extract("Workers staged a protest as battles raged in the capital.", date="2024-03-14")
    assert [e.event_type for e in story.events] == ["PROTEST"]
    assert "stage" in story.events[0].evidence or "protest" in story.events[0].evidence


def _perfect(words, heads, deps, tags, pos):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_a_contracted_has_read_as_a_passive_is_made_active():
    # "He's supported the bill", parsed as a passive with a direct object
    doc = repair(_perfect(["He", "'s", "supported", "the", "bill"], [2, 2, 2, 4, 2],
                          ["nsubjpass", "auxpass", "ROOT", "det", "dobj"], ["PRP", "VBZ", "VBN", "DT", "NN"],
                          ["PRON", "AUX", "VERB", "DET", "NOUN"]))
    assert [t.dep_ for t in doc][:2] == ["nsubj", "aux"] and doc[1].lemma_ == "have"


def test_a_real_passive_keeps_its_reading():
    # "He's been supported by the party": no direct object
    doc = repair(_perfect(["He", "'s", "been", "supported", "by", "the", "party"], [3, 3, 3, 3, 3, 6, 4],
                          ["nsubjpass", "auxpass", "auxpass", "ROOT", "agent", "det", "pobj"],
                          ["PRP", "VBZ", "VBN", "VBN", "IN", "DT", "NN"],
                          ["PRON", "AUX", "AUX", "VERB", "ADP", "DET", "NOUN"]))
    assert doc[0].dep_ == "nsubjpass"


def test_the_doer_of_a_contracted_perfect_is_the_source(extract):
    story = extract("Senator Warren spoke on Monday. She's supported Israel for years.", date="2024-03-14")
    assert [(e.event_type, e.source and e.source.text, e.target and e.target.text) for e in story.events] == \
        [("SUPPORT", "She", "Israel")]


def test_a_gerund_heading_a_noun_phrase_is_a_noun():
    # "Fighting between militias erupted": the model's VERB "Fighting" as the subject, with no object
    doc = Doc(VOCAB, words=["Fighting", "between", "militias", "erupted"], heads=[3, 0, 1, 3],
              deps=["nsubj", "prep", "pobj", "ROOT"], tags=["VBG", "IN", "NNS", "VBD"],
              pos=["VERB", "ADP", "NOUN", "VERB"], lemmas=["fight", "between", "militia", "erupt"])
    repair(doc)
    assert (doc[0].pos_, doc[0].lemma_) == ("NOUN", "fighting")
    verbal = Doc(VOCAB, words=["Fighting", "rebels", "cost", "lives"], heads=[2, 0, 2, 2],
                 deps=["csubj", "dobj", "ROOT", "dobj"], tags=["VBG", "NNS", "VBD", "NNS"],
                 pos=["VERB", "NOUN", "VERB", "NOUN"], lemmas=["fight", "rebel", "cost", "life"])
    repair(verbal)
    assert verbal[0].pos_ == "VERB"


def test_fighting_that_breaks_out_is_an_attack(extract):
    story = extract("Fighting between rival militias erupted in Tripoli.", date="2024-03-14")
    assert "ASSAULT" in {e.event_type for e in story.events}


def test_an_ing_clause_made_head_of_the_noun_before_it_gives_the_noun_back():
    # "Chile vetoed a UN resolution censuring Peru", parsed with "censuring" as the object
    doc = repair(_perfect(["Chile", "vetoed", "a", "UN", "resolution", "censuring", "Peru"], [1, 1, 5, 4, 5, 1, 5],
                          ["nsubj", "ROOT", "det", "compound", "compound", "dobj", "dobj"],
                          ["NNP", "VBD", "DT", "NNP", "NN", "VBG", "NNP"],
                          ["PROPN", "VERB", "DET", "PROPN", "NOUN", "VERB", "PROPN"]))
    assert (doc[4].dep_, doc[4].head.i) == ("dobj", 1)
    assert (doc[5].dep_, doc[5].head.i) == ("acl", 4) and doc[2].head.i == 4 and doc[6].head.i == 5
    # "Chile backed the peace talks" has no "-ing" clause: nothing changes
    doc = repair(_perfect(["Chile", "backed", "the", "peace", "talks"], [1, 1, 4, 4, 1],
                          ["nsubj", "ROOT", "det", "compound", "dobj"], ["NNP", "VBD", "DT", "NN", "NNS"],
                          ["PROPN", "VERB", "DET", "NOUN", "NOUN"]))
    assert doc[3].dep_ == "compound" and doc[4].dep_ == "dobj"


def test_the_vetoed_resolution_is_its_authors(extract):
    story = extract("Britain on Tuesday vetoed a Security Council resolution censuring as a violation of "
                    "international law its military raid of the Cuban ambassador's home in Chad on May 3.",
                    date="2024-03-14")
    vetoed = [e for e in story.events if e.trigger.text == "vetoed"]
    assert vetoed and vetoed[0].target is not None and vetoed[0].target.code == "IGO UNO"


def _locative(words, heads, deps, pos, lemmas):
    return repair(Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas))


def test_a_preposition_of_place_read_as_an_adjective_heads_its_phrase():
    # "rallied outside parliament", parsed with "outside" an adjective on the object
    doc = _locative(["They", "rallied", "outside", "parliament"], [1, 1, 3, 1], ["nsubj", "ROOT", "amod", "dobj"],
                    ["PRON", "VERB", "ADJ", "NOUN"], ["they", "rally", "outside", "parliament"])
    assert [(t.dep_, t.head.i) for t in doc][2:] == [("prep", 1), ("pobj", 2)] and doc[2].pos_ == "ADP"


def test_an_adjective_outside_keeps_its_reading_where_no_place_follows_or_a_determiner_precedes():
    doc = _locative(["They", "rejected", "outside", "interference"], [1, 1, 3, 1], ["nsubj", "ROOT", "amod", "dobj"],
                    ["PRON", "VERB", "ADJ", "NOUN"], ["they", "reject", "outside", "interference"])
    assert doc[2].dep_ == "amod"
    doc = _locative(["They", "saw", "the", "outside", "building"], [1, 1, 4, 4, 1],
                    ["nsubj", "ROOT", "det", "amod", "dobj"], ["PRON", "VERB", "DET", "ADJ", "NOUN"],
                    ["they", "see", "the", "outside", "building"])
    assert doc[3].dep_ == "amod"


def test_a_rally_outside_a_place_is_a_protest(extract):
    assert "PROTEST" in {e.event_type for e in extract("Armenians rallied outside parliament in Yerevan.").events}


def test_a_main_verb_read_as_a_participle_on_a_root_noun_heads_the_clause():
    # "The force carried out strikes .", parsed as the noun "force" with "carried" on it
    doc = repair(Doc(VOCAB, words=["The", "force", "carried", "out", "strikes", "."], heads=[1, 1, 1, 2, 2, 1],
                     deps=["det", "ROOT", "acl", "prt", "dobj", "punct"], tags=["DT", "NN", "VBN", "RP", "NNS", "."],
                     pos=["DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"]))
    assert [(t.dep_, t.head.i) for t in doc][1:3] == [("nsubj", 2), ("ROOT", 2)] and doc[5].head.i == 2


def test_a_passive_participle_on_a_noun_keeps_its_reading():
    # "the aid carried by trucks": no direct object, a reduced relative
    doc = repair(Doc(VOCAB, words=["the", "aid", "carried", "by", "trucks"], heads=[1, 1, 1, 2, 3],
                     deps=["det", "ROOT", "acl", "agent", "pobj"], tags=["DT", "NN", "VBN", "IN", "NNS"],
                     pos=["DET", "NOUN", "VERB", "ADP", "NOUN"]))
    assert doc[2].dep_ == "acl" and doc[1].dep_ == "ROOT"


def test_a_verb_in_s_read_as_a_plural_noun_coordinated_with_a_verb_is_a_verb():
    # "The government rejects and condemns the decision": "rejects" parsed as a noun, "government" its compound
    doc = repair(Doc(VOCAB, words=["The", "government", "rejects", "and", "condemns", "the", "decision"],
                     heads=[2, 2, 2, 2, 2, 6, 4], deps=["det", "compound", "ROOT", "cc", "conj", "det", "dobj"],
                     tags=["DT", "NN", "NNS", "CC", "VBZ", "DT", "NN"],
                     pos=["DET", "NOUN", "NOUN", "CCONJ", "VERB", "DET", "NOUN"]))
    assert (doc[2].pos_, doc[1].dep_, doc[0].head.i) == ("VERB", "nsubj", 1)


def test_a_plural_noun_coordinated_with_nouns_keeps_its_reading():
    doc = repair(Doc(VOCAB, words=["Farm", "exports", "and", "imports"], heads=[1, 1, 1, 1],
                     deps=["compound", "ROOT", "cc", "conj"], tags=["NN", "NNS", "CC", "NNS"],
                     pos=["NOUN", "NOUN", "CCONJ", "NOUN"]))
    assert doc[1].pos_ == "NOUN" and doc[0].dep_ == "compound"


def test_a_government_that_rejects_and_condemns_codes_both(extract):
    story = extract("The Kenyan government rejects and condemns the Ugandan army's incursion.", date="2025-01-06")
    assert {"REJECT", "ACCUSE"} <= {e.event_type for e in story.events}


def test_a_main_verb_read_as_an_adjective_after_a_subjects_place_is_the_verb():
    # "Protesters in Lima blocked roads .", parsed as "Protesters in [Lima blocked roads]"
    doc = repair(Doc(VOCAB, words=["Protesters", "in", "Lima", "blocked", "roads", "."], heads=[0, 0, 4, 4, 1, 0],
                     deps=["ROOT", "prep", "compound", "amod", "pobj", "punct"], tags=["NNS", "IN", "NNP", "VBD", "NNS", "."],
                     pos=["NOUN", "ADP", "PROPN", "VERB", "NOUN", "PUNCT"]))
    assert [(t.dep_, t.head.i) for t in doc] == [("nsubj", 3), ("prep", 0), ("pobj", 1), ("ROOT", 3), ("dobj", 3),
                                                  ("punct", 3)]


def test_an_adjective_in_a_sentence_with_a_verb_keeps_its_reading():
    # "Protesters in the occupied city marched .": a finite verb of its own
    doc = repair(Doc(VOCAB, words=["Protesters", "in", "the", "occupied", "city", "marched"], heads=[5, 0, 4, 4, 1, 5],
                     deps=["nsubj", "prep", "det", "amod", "pobj", "ROOT"], tags=["NNS", "IN", "DT", "VBN", "NN", "VBD"],
                     pos=["NOUN", "ADP", "DET", "VERB", "NOUN", "VERB"]))
    assert doc[3].dep_ == "amod" and doc[5].dep_ == "ROOT"


def test_a_crowd_in_a_place_that_burned_effigies_protests(extract):
    story = extract("Farmers in Punjab burned effigies of the minister.", date="2025-01-06")
    assert "PROTEST" in {e.event_type for e in story.events}, [(e.event_type, e.trigger.text) for e in story.events]


def test_an_ing_form_read_as_a_subject_with_a_subject_of_its_own_is_a_clause_on_it():
    # "The agency operating in Iraq said", parsed as "agency" subject of "operating", subject of "said"
    doc = repair(Doc(VOCAB, words=["The", "agency", "operating", "in", "Iraq", "said"], heads=[1, 2, 5, 2, 3, 5],
                     deps=["det", "nsubj", "nsubj", "prep", "pobj", "ROOT"], tags=["DT", "NN", "VBG", "IN", "NNP", "VBD"],
                     pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "VERB"]))
    assert [(t.dep_, t.head.i) for t in doc][1:3] == [("nsubj", 5), ("acl", 1)]
    gerund = repair(Doc(VOCAB, words=["Fighting", "rebels", "was", "hard"], heads=[2, 0, 2, 2],
                        deps=["csubj", "dobj", "ROOT", "acomp"], tags=["VBG", "NNS", "VBD", "JJ"],
                        pos=["VERB", "NOUN", "AUX", "ADJ"]))
    assert gerund[0].dep_ == "csubj"


def test_a_reported_must_of_an_agency_doing_something_somewhere_is_its_request(extract):
    story = extract("The World Food Programme operating in Sudan said the army must open the roads.", date="2025-01-06")
    assert any(e.event_type == "REQUEST" and e.source is not None for e in story.events), \
        [(e.event_type, e.source) for e in story.events]
