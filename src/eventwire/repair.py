"""Parse repairs: one pass over a parsed ``Doc`` that corrects what the small English model
gets wrong in a regular way (``data/repairs.yaml``), so that no stage works around it.

Input: a spaCy ``Doc`` after the model. Output: the same ``Doc``, its lemmas, the passives
and the gerunds it misread corrected.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from . import resources


@lru_cache(maxsize=1)
def _repairs() -> dict:
    return resources.load_yaml("repairs.yaml")


def repair(doc: Doc) -> Doc:
    """Correct, in place, the small model's regular mistakes that ``data/repairs.yaml`` lists
    with their reasons: lemmas cut short ("stag"), a contracted "has" read as a passive, gerunds
    and "-ing" clauses misattached or read as subjects, a place preposition read as an
    adjective, and main verbs read as a participle, a plural noun or an adjective."""
    data = _repairs()
    lemmas = data["verb_lemmas"]
    has = data["contracted_has"]
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ in lemmas:
            tok.lemma_ = lemmas[tok.lower_]
        if tok.dep_ == "auxpass" and tok.lower_ in has["forms"] and tok.head.tag_ == "VBN":
            _active_perfect(tok, has["object_deps"])
        if not _gerund_after_noun(tok, data["gerund_after_noun"]):
            _nominal_gerund(tok, data["nominal_gerunds"])
        _locative_adjective(tok, data["locative_adjectives"])
        _subject_participle(tok, data["subject_participle"])
    for tok in [t for t in doc if t.dep_ == "acl"]:
        _participle_as_verb(tok, data["participle_as_verb"])
    for tok in [t for t in doc if t.dep_ == "ROOT"]:
        _verb_read_as_plural(tok, data["verb_read_as_plural"])
        _verb_read_as_modifier(tok, data["verb_read_as_modifier"])
    return doc


def _verb_read_as_modifier(root, rules) -> None:
    """"Supporters in Maputo barricaded streets", parsed as a noun (or an "-ing" clause's
    subject) heading the sentence with "barricaded" an adjective on "Maputo ... streets"."""
    if any(t.tag_ in rules["finite_tags"] and t.dep_ not in rules["modifier_deps"] for t in root.subtree):
        return  # a sentence with a finite verb of its own
    subject = root if root.pos_ in ("NOUN", "PROPN") else next(
        (c for c in root.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and root.tag_ == "VBG"), None)
    verb = next((t for t in subject.subtree if t.dep_ in rules["modifier_deps"] and t.tag_ in rules["tags"]
                 and subject.i < t.i < t.head.i), None) if subject is not None else None
    if verb is None or verb.head.dep_ != "pobj" or verb.head.head.i > verb.i:
        return
    obj, prep = verb.head, verb.head.head
    stranded = [c for c in obj.lefts if c.i < verb.i]
    if stranded and stranded[-1].pos_ in ("NOUN", "PROPN"):
        place = stranded[-1]  # "in Maputo": the preposition's object again
        place.head, place.dep_ = prep, "pobj"
        for c in stranded[:-1]:
            c.head = place
    elif stranded or not any(c.dep_ == "pobj" and c.i < verb.i for c in prep.children):
        return
    later = [c for c in subject.children if c.i > verb.i]  # "for 24 hours", the final stop
    if root is not subject:  # ", disputing the results": a clause on the verb
        root.head, root.dep_ = verb, "advcl"
        later += [c for c in root.children if c.dep_ == "punct" and c.i == root.right_edge.i]
    verb.head, verb.dep_, verb.pos_ = verb, "ROOT", "VERB"
    subject.head, subject.dep_ = verb, "nsubj"
    obj.head, obj.dep_ = verb, "dobj"
    for c in later:
        c.head = verb


def _verb_read_as_plural(tok, rules) -> None:
    """"The government rejects and condemns the decision", parsed as the noun "rejects"."""
    if tok.tag_ not in rules["tags"] or not any(c.dep_ == "conj" and c.tag_ in rules["conj_tags"] for c in tok.children):
        return
    subject = next((c for c in tok.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and c.i == tok.i - 1), None)
    if subject is None:
        return
    for c in list(tok.lefts):  # "The": the subject's
        if c.i < subject.i:
            c.head = subject
    subject.dep_ = "nsubj"
    tok.pos_, tok.tag_ = "VERB", "VBZ"


def _participle_as_verb(tok, rules) -> None:
    """"The air force carried out strikes", parsed as a noun root with a participle on it."""
    noun = tok.head
    if tok.tag_ not in rules["tags"] or noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN") or noun.i > tok.i:
        return
    if not any(c.dep_ in rules["object_deps"] for c in tok.children) or any(c.dep_ == "auxpass" for c in tok.children):
        return
    later = [c for c in noun.children if c.i > tok.i]  # the final stop, clauses after the verb
    tok.head, tok.dep_ = tok, "ROOT"
    noun.head, noun.dep_ = tok, "nsubj"
    for c in later:
        c.head = tok


def _subject_participle(tok, rules) -> None:
    """"The Red Cross operating in Iraq said", parsed as the gerund "operating" subject of "said"."""
    if tok.tag_ != "VBG" or tok.dep_ not in rules["deps"]:
        return
    noun = next((c for c in tok.lefts if c.dep_ in rules["subject_deps"] and c.pos_ in ("NOUN", "PROPN")), None)
    if noun is None:
        return
    noun.head, noun.dep_ = tok.head, tok.dep_
    tok.head, tok.dep_ = noun, "acl"


def _locative_adjective(tok, rules) -> None:
    """"rallied outside parliament": "outside" heads a place phrase on the verb."""
    noun = tok.head
    if tok.lower_ not in rules["words"] or tok.dep_ != "amod" or noun.i != tok.i + 1 or noun.dep_ not in rules["deps"]:
        return
    if noun.pos_ != "PROPN" and noun.lemma_.lower() not in _places():
        return
    if any(c.i < tok.i for c in noun.children):
        return  # "the outside world"
    tok.head, tok.dep_, tok.pos_, tok.tag_ = noun.head, "prep", "ADP", "IN"
    noun.head, noun.dep_ = tok, "pobj"


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(resources.load_yaml("argument_types.yaml")["place"])


def _gerund_after_noun(tok, rules) -> bool:
    """"a Security Council resolution censuring X": the noun heads, the "-ing" form is its clause."""
    if tok.tag_ != "VBG" or tok.dep_ not in rules["deps"] or tok.i == 0:
        return False
    noun = tok.doc[tok.i - 1]
    if noun.head.i != tok.i or noun.dep_ != "compound" or noun.pos_ != "NOUN":
        return False
    if not any(c.dep_ in rules["verbal_deps"] for c in tok.rights):
        return False
    lefts = [c for c in tok.lefts if c.i != noun.i]
    noun.head, noun.dep_ = tok.head, tok.dep_
    for c in lefts:  # "a", "the new": the noun's
        c.head = noun
    tok.head, tok.dep_ = noun, "acl"
    return True


def _nominal_gerund(tok, rules) -> None:
    if tok.tag_ != "VBG" or tok.pos_ != "VERB" or tok.dep_ not in rules["deps"]:
        return
    if any(c.dep_ in rules["verbal_deps"] for c in tok.children):
        return  # "fighting the rebels": a verb with its object
    tok.pos_, tok.tag_, tok.lemma_ = "NOUN", "NN", tok.lower_


def _active_perfect(aux, object_deps) -> None:
    verb = aux.head
    children = list(verb.children)
    if not any(c.dep_ in object_deps for c in children) or any(c.dep_ == "auxpass" and c.i != aux.i for c in children):
        return  # a real passive ("he's been supported", "he's given a medal" has no object dep)
    aux.dep_, aux.lemma_ = "aux", "have"
    for c in children:
        if c.dep_ == "nsubjpass":
            c.dep_ = "nsubj"
