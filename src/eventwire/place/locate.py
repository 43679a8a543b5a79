"""Where an event happened: one function of its trigger token.

The place of the trigger's own clause ("held talks in Seoul"; the antecedent of a
"where" clause: "visited Seoul, where he warned ..."), else the place the act is done to
("struck Kharkiv"; the country a material conflict targets), else the place that opens the
sentence ("In Tokyo, ... Ishiba voiced alarm"), else the dateline's, else, for an act
of a state, its country at country precision ("North Korea fired a missile":
North Korea, not the capital). A state's act ahead of a dateline of another country: the
dateline says where the story was filed ("SEOUL - North Korea fired ..." is not in Seoul). When the event
coder gives each trigger a place argument, ``locate`` reads it first.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..model import Place
from .recognise import in_locative, phrase_head, prepositions

#: Dependencies that open a clause of their own: a place below one is not the trigger's.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "pcomp"})
#: Confidence kept when a location is borrowed from the dateline or the actor.
DATELINE_WEIGHT = 0.6
ACTOR_WEIGHT = 0.4


def clause_head(tok: Token) -> Token:
    """The verb (or root) heading the clause ``tok`` is in."""
    while tok.dep_ not in CLAUSE_DEPS and tok.dep_ != "ROOT" and tok.head.i != tok.i:
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.head.pos_ in ("VERB", "AUX"):
            break  # a coordinated verb is a clause of its own ("attacked X and fled to Y")
        tok = tok.head
    return tok


def _where_antecedent(head: Token) -> Token | None:
    """The noun a "where" clause modifies ("South Korea, where he warned ...")."""
    if head.dep_ == "relcl" and any(c.lower_ == "where" for c in head.children):
        return head.head
    return None


def _reported(head: Token) -> bool:
    """A clause reported by another ("said Russia attacked ..."): the place that opens the
    sentence is where it was said, not where it happened."""
    while head.dep_ != "ROOT" and head.head.i != head.i:
        if head.dep_ == "ccomp":
            return True
        head = clause_head(head.head)
    return False


def locate(trigger: Token, places: dict[int, Place], dateline: Place | None, actor_place: Place | None,
           target_place: Place | None = None, material: bool = False) -> tuple[Place | None, str | None]:
    """The event's location and how it was chosen. ``places`` maps a token index of the
    trigger's paragraph to the place whose head it is; ``material``: the event is a
    material act (quad class 2 or 4), which happens where its object is."""
    own = clause_head(trigger)
    sent = trigger.sent
    preps = prepositions("event_prepositions")
    mine = [(abs(i - trigger.i), p) for i, p in places.items() if sent.start <= i < sent.end
            and in_locative(trigger.doc[i], preps) and clause_head(trigger.doc[i]) == own]
    if mine:
        return min(mine, key=lambda x: x[0])[1], "clause"
    antecedent = _where_antecedent(own)
    if antecedent is not None and antecedent.i in places:
        return places[antecedent.i], "clause"
    done_to = [p for i, p in places.items() if material and sent.start <= i < sent.end
               and (h := phrase_head(trigger.doc[i])).dep_ == "dobj" and h.head.i == trigger.i]
    if done_to:  # a material act on a place ("struck the city of Kharkiv"), not words about it
        return done_to[0], "target"
    if target_place is not None:
        return target_place, "target"
    opening = sent[0]
    if opening.dep_ == "prep" and opening.head == sent.root and not _reported(own):
        for i, place in places.items():
            if trigger.doc[i].head == opening:
                return place, "sentence"
    if actor_place is not None and dateline is not None and actor_place.country != dateline.country:
        return _weighted(actor_place, ACTOR_WEIGHT), "actor"  # "SEOUL - North Korea fired ...": not in Seoul
    if dateline is not None:
        return _weighted(dateline, DATELINE_WEIGHT), "dateline"
    if actor_place is not None:
        return _weighted(actor_place, ACTOR_WEIGHT), "actor"
    return None, None


def _weighted(place: Place, weight: float) -> Place:
    return replace(place, confidence=round(place.confidence * weight, 3))
