"""Constants and small token tests shared by the event coder's parts."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..arguments import children_of, conjuncts_of, of_objects

#: Entity types that can be a party to an event when no actor is coded, and those that cannot.
NAMED = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC", "FAC"})
_PLACES = frozenset({"GPE", "LOC", "FAC", "ORG"})  # the small model tags many places ORG ("Sinai")
NOT_ACTORS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
_FORCE = frozenset({"17", "18", "19", "20"})  # CAMEO roots of force used on a target (not 172 decrees)
_NAMED_THINGS = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})  # "the Gulf War"
#: Dependents of a verb that ``Coder._nearest_party`` does not search for its target.
_NOT_SEARCHED = frozenset({"nsubj", "nsubjpass", "csubj", "relcl", "ccomp", "parataxis", "conj", "cc",
                           "punct", "agent", "mark"})
#: What a verb acts on directly: its object, or in the passive its subject.
_DIRECT = ("dobj", "nsubjpass")
#: The dependents whose words ``_object_lemmas`` reads as what a trigger acts on.
_ACTED_ON = frozenset({"dobj", "nsubjpass", "compound", "amod", "nmod", "xcomp"})
_MODALS = re.compile(r"\b(?:must|should|ought)\b")


def _dated(prep: Token) -> bool:
    """A preposition that only dates the event ("telephoned X on Tuesday" is no "call on")."""
    objects = [g for g in children_of(prep) if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


def _copula_of(tok: Token) -> Token | None:
    """The copula whose clause ``tok`` completes: "is" in "Peru is willing to withdraw"."""
    head = tok.head
    return head.head if tok.dep_ == "xcomp" and head.dep_ == "acomp" and head.head.pos_ == "AUX" else None


def _counted(tok: Token) -> bool:
    """A number that heads what it counts ("dozens of demonstrators")."""
    return tok.ent_type_ == "CARDINAL" and any(c.dep_ == "prep" and c.lower_ == "of" for c in children_of(tok))


def _names_place(tok: Token) -> bool:
    """A place name, or a part of one ("parts of Kashmir", "Niger's Maradi region")."""
    if tok.ent_type_ in _PLACES:
        return True
    return any(c.ent_type_ in _PLACES for c in children_of(tok) if c.dep_ in ("poss", "compound")) or any(
        g.ent_type_ in _PLACES for c in children_of(tok) if c.dep_ == "prep" and c.lower_ == "of" for g in children_of(c))


def _object_lemmas(tok: Token) -> set[str]:
    """Lemmas of what a trigger acts on: objects and their conjuncts, noun modifiers,
    "of" objects ("launch of a missile"), the noun of a quantity ("thousands of troops") and
    what a sum is in or for ("$5 million in aid")."""
    words: list[Token] = []
    for c in children_of(tok):
        dep = c.dep_  # read once: each read looks the label up again
        if dep in _ACTED_ON:
            words += [c, *conjuncts_of(c), *of_objects(c)]
            if dep in _DIRECT and _is_sum(c):  # "provided $5 million in aid": the aid
                words += [g for h in (c, tok) for p in children_of(h) if p.dep_ == "prep" and p.lower_ in ("in", "for")
                          for g in children_of(p) if g.dep_ == "pobj"]
        elif dep == "prep" and c.lower_ == "of":
            words += [g for g in children_of(c) if g.dep_ == "pobj"]
    return {form for w in words for form in (w.lemma_.lower(), w.lower_)}


def _is_sum(tok: Token) -> bool:
    """An amount of money ("$5 million", "60 million euros"), which names what it buys by "in" or "for"."""
    return tok.ent_type_ == "MONEY" or tok.is_currency or any(c.is_currency for c in children_of(tok))
