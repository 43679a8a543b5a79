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
