"""eventwire_attributes gives every token the POS, morphology and lemma the stock
attribute_ruler + lemmatizer give it: on hand-built Docs and through the model."""

import pytest
import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from eventwire import attributes
from eventwire.nlp import load_model, load_stock, pipe

#: Sentences that reach the model's word-specific, dependency and two-token patterns.
SENTENCES = [
    "There is no evidence that the leaves were burned, but there are fears they were.",
    "I'm gonna tell you: she ain't here and they've gotta leave, so let's go.",
    "He does what he did, has what he had, and he'd have done it if he could've.",
    "Nobody said anything to anyone; everyone knew something, and somebody got hurt.",
    "Mr.  Smith's  aides gets angrier than the worst of them, though not well.",
    "Those who were being held had been freed by the rebels, whose leaders fled.",
    "Y'all c'mon, it's 'nuff: the U.S. and its allies said they'd strike Iran's sites.",
    "That is the plan that failed: this one, these ones and those are ours, not theirs.",
    "The ministers met in Seoul on Monday and condemned North Korea's missile launch.",
    "Kenya's foreign ministry summoned the ambassador after troops crossed the border.",
]
FIELDS = ("tag_", "pos_", "morph", "lemma_", "dep_", "head", "ent_type_")


def annotations(doc):
    return [(t.text, *(str(getattr(t, f)) if f != "head" else t.head.i for f in FIELDS)) for t in doc]


@pytest.fixture(scope="module")
def stock():
    return load_stock()


def test_the_model_eventwire_runs_has_the_component_in_place_of_two():
    names = load_model().pipe_names
    assert "eventwire_attributes" in names and not {"attribute_ruler", "lemmatizer"} & set(names)
    assert names.index("eventwire_attributes") < names.index("ner")


def test_through_the_model_every_token_is_as_stock(stock):
    for ours, theirs in zip(load_model().pipe(SENTENCES), stock.pipe(SENTENCES)):
        assert annotations(ours) == annotations(theirs)


def test_the_cache_answers_the_second_time_as_the_first(stock):
    nlp = load_model()
    first = [annotations(d) for d in nlp.pipe(SENTENCES)]
    assert [annotations(d) for d in nlp.pipe(SENTENCES)] == first
    assert nlp.get_pipe("eventwire_attributes").cache  # it did remember


def test_a_full_cache_starts_afresh(stock, monkeypatch):
    nlp = load_model()
    component = nlp.get_pipe("eventwire_attributes")
    monkeypatch.setattr(attributes, "CACHE_SIZE", 10)
    component.cache.clear()
    for ours, theirs in zip(nlp.pipe(SENTENCES), stock.pipe(SENTENCES)):
        assert annotations(ours) == annotations(theirs)
        assert len(component.cache) <= 10
    component.cache.clear()


def hand_built(vocab, words, tags, deps, heads):
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=heads)


HAND_BUILT = [  # words, tags, deps, heads: annotations the parser may never give, tested all the same
    (["He", "ai", "n't", "gon", "na", "go"], ["PRP", "VBZ", "RB", "VBG", "TO", "VB"],
     ["nsubj", "aux", "neg", "ROOT", "aux", "xcomp"], [3, 3, 3, 3, 5, 3]),
    (["There", "were", "leaves", " ", "that", "had", "gets"], ["EX", "VBD", "NNS", "_SP", "WDT", "VBD", "VBZ"],
     ["expl", "ROOT", "attr", "dep", "nsubj", "relcl", "dobj"], [1, 1, 1, 2, 5, 2, 5]),
    (["Let", "'s", "do", "it", "but", "well"], ["VB", "PRP", "VB", "PRP", "CC", "RB"],
     ["ROOT", "nsubj", "ccomp", "dobj", "advmod", "advmod"], [0, 2, 0, 2, 2, 2]),
]


@pytest.mark.parametrize("words,tags,deps,heads", HAND_BUILT)
def test_on_hand_built_docs_as_the_stock_components(stock, words, tags, deps, heads):
    component = load_model().get_pipe("eventwire_attributes")
    ours = component(hand_built(stock.vocab, words, tags, deps, heads))
    theirs = stock.get_pipe("lemmatizer")(stock.get_pipe("attribute_ruler")(
        hand_built(stock.vocab, words, tags, deps, heads)))
    assert annotations(ours) == annotations(theirs)


def small_pipeline():
    """A blank pipeline with a ruler of our own patterns and a lookup lemmatizer."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}]], {"POS": "DET"})
    ruler.add([[{"LOWER": {"IN": ["the", "a"]}}]], {"POS": "PRON", "MORPH": "PronType=Art"})  # later wins
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"LEMMA": "NYC", "POS": "PROPN"}, index=-1)
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"dogs": "dog", "york": "york-lookup"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize(lookups=lookups)
    return nlp


def test_later_patterns_win_and_two_token_patterns_set_their_index():
    stock, nlp = small_pipeline(), attributes.reduce(small_pipeline())
    assert nlp.pipe_names == ["eventwire_attributes"]
    words, tags = ["the", "dogs", "of", "new", "york", "a"], ["DT", "NNS", "IN", "JJ", "NNP", "DT"]
    docs = [Doc(p.vocab, words=words, tags=tags) for p in (stock, nlp)]
    theirs, ours = stock(docs[0]), nlp(docs[1])
    assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]
    assert [t.pos_ for t in ours][:2] == ["PRON", "NOUN"] and ours[4].lemma_ == "NYC" and ours[1].lemma_ == "dog"


def test_a_pattern_it_cannot_evaluate_leaves_the_stock_components():
    nlp = small_pipeline()
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "x", "OP": "+"}]], {"POS": "X"})
    assert attributes.reduce(nlp).pipe_names == ["attribute_ruler", "lemmatizer"]
    nlp = small_pipeline()
    nlp.get_pipe("attribute_ruler").add([[{"MORPH": "Number=Sing"}]], {"POS": "X"})  # not known from (orth, tag, dep)
    assert attributes.reduce(nlp).pipe_names == ["attribute_ruler", "lemmatizer"]
    nlp = small_pipeline()
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "x"}]], {"NORM": "y"})  # sets what it does not write
    assert attributes.reduce(nlp).pipe_names == ["attribute_ruler", "lemmatizer"]


def test_pipe_with_timings_gives_the_same_docs_and_each_steps_seconds():
    nlp, timings = load_model(), {}
    timed = list(pipe(nlp, SENTENCES, 4, timings))
    assert [annotations(d) for d in timed] == [annotations(d) for d in nlp.pipe(SENTENCES)]
    assert list(timings) == ["tokenizer", *nlp.pipe_names] and all(v >= 0 for v in timings.values())


def test_run_many_with_timings_clocks_cleaning_parsing_and_every_stage():
    from eventwire import read
    from eventwire.pipeline import get_pipeline

    timings = {}
    story = get_pipeline().run_many([read.from_text(" ".join(SENTENCES[8:]), date="2025-01-06")], timings)[0]
    assert story.events and {"clean", "ner", "eventwire_attributes", "parse", "actors", "events", "quotes"} <= set(timings)


def test_the_model_multiplies_through_numpy_on_one_blas_thread_while_it_parses():
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    nlp, before = load_model(), blas_threads()
    layers = [layer for _, proc in nlp.pipeline if hasattr(proc, "model") for layer in proc.model.walk()]
    assert layers and not any(getattr(layer.ops, "use_blis", False) for layer in layers)
    during = [blas_threads() for _ in pipe(nlp, SENTENCES[:3])]
    assert during == [[1] * len(before)] * 3 and blas_threads() == before
