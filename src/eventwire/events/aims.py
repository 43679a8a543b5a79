"""Targets from where an act is done, or from its doers' home, when its roles name no
party acted on but the doers."""

from __future__ import annotations

from spacy.tokens import Token

from .. import arguments as args, resources
from ..arguments import children_of
from ..model import ActorRef, Place
from .lexicon import Trigger


#: Sectors of actors who act only in their own country: police and courts.
HOME_SECTORS = frozenset({"COP", "JUD"})


def _held_with_parties() -> tuple[str, ...]:
    """CAMEO codes of acts whose place is never their target (data/places.yaml ``held_with_parties``)."""
    return tuple(resources.load_yaml("places.yaml")["held_with_parties"])


class Aims:
    """Part of ``Coder`` (events/code.py), which mixes it in; reads its tables and caches."""

    def verb_targets(self, b: int, verb: Token, trig: Trigger, head: Token | None, sources: list[ActorRef],
                     targets: list[ActorRef]) -> list[ActorRef]:
        """The targets of a verb event: those its roles found, unless they name no one but the
        sources (the subject's own demand or forces: "reiterated its demand that Israel
        ease ...", "postponed their march"); else the party a demand is put to, the
        subject of the clause demanded; else the actors of the target head ("donated
        ventilators to assist Nepal"); else the country of the place it is done in."""
        own = {s.actor_id for s in sources}
        if any(t.actor_id not in own for t in targets):
            return targets
        addressee = self._addressee(verb, trig)
        for tok in (addressee, head):
            found = [t for t in self.actors(b, tok) if t.actor_id not in own]
            if found:
                if tok is addressee:
                    self._found.update({(t.start, t.end): (tok, "addressee") for t in found})
                return found
        if trig.cameo.startswith(_held_with_parties()):
            return targets  # talks are held with parties: a place is only where ("held talks in Cairo")
        acted_on = head is not None and self._party_like(head) or any(  # a party with no code; a count of them
            c.dep_ == "dobj" and c.pos_ == "NUM" and not list(children_of(c)) for c in children_of(verb))  # "arresting 12"
        return self.place_targets(b, verb, head) or self.home_targets(trig, sources, acted_on) or targets

    def home_targets(self, trig: Trigger, sources: list[ActorRef], acted_on: bool = False) -> list[ActorRef]:
        """The doers' own country, as a country alone (no sector is claimed for it), for a
        one-sided act (gates.yaml dyadic ``one_sided``: a protest) that names no one it is
        aimed at ("workers went on strike over the labour bill"), and for the uncoded party
        that police or courts act on (``HOME_SECTORS``: they act at home, "Egyptian police
        arrested 12"; forces and envoys travel)."""
        code = self.lex.code(trig.cameo)
        doers = [s for s in sources if s.country and not s.code.startswith(("IGO", "NGO", "IMG"))]
        if code is None or not doers:
            return []
        if code.plover_type not in self._one_sided() and not (acted_on and doers[0].sector in HOME_SECTORS):
            return []
        home = doers[0].country
        name = resources.country_names().get(home, home)
        ref = ActorRef(doers[0].text, doers[0].start, doers[0].end, home, home, None, name)
        self._found[(ref.start, ref.end)] = (None, "home")
        return [ref]

    def _one_sided(self) -> frozenset[str]:
        return frozenset(next(g.params["one_sided"] for g in self.gates.gates if g.name == "dyadic"))

    def place_targets(self, b: int, verb: Token, head: Token | None) -> list[ActorRef]:
        """An act that names no party acted on is aimed at the country of the place it is
        done in (PLOVER's convention): the place its target argument names ("postponed the
        rally in Baku": AZE; "troops to a peacekeeping force in Mali"), else a place phrase
        of the verb or its object, in its own clause ("lifted a curfew in Montenegro": MNE).
        The actor stage keeps such names as places (``story.places``); ``derived`` tells
        these targets from actor mentions."""
        if self._phrase_tokens(b, head, core=True) is not None:  # a noun phrase
            head = self._party_inside(b, head)  # "a peacekeeping force in Mali": Mali
        if head is not None and self._party_like(head) and self._place_of(b, head) is None:
            return []  # a party is acted on ("arrested 12 people in Cairo")
        objects = [o for o in args.verb_objects(verb) if o.dep_ in ("dobj", "nsubjpass")]
        phrases = [g for h in (verb, *objects) for c in children_of(h) if c.dep_ in ("prep", "dative")
                   and c.lower_ in self.place_preps for g in children_of(c) if g.dep_ == "pobj"]
        for tok in (head, *(t for g in phrases for t in g.subtree)):  # "in northern parts of South Sudan"
            place = self._place_of(b, tok)
            if place is not None:
                self._found[(place.start, place.end)] = (tok, "place")
                return [ActorRef(place.text, place.start, place.end, place.country, place.country, None,
                                 place.name or place.text)]
        return []

    def derived(self, ref: ActorRef | None) -> str | None:
        """How a target that is no actor mention was found: "place" (``place_targets``) or
        "home" (``home_targets``); None for a mention."""
        if ref is None or ref.actor_id is not None:
            return None
        return self._found.get((ref.start, ref.end), (None, None))[1]

    def found_at(self, ref: ActorRef | None, kind: str | None = None) -> Token | None:
        """The token ``verb_targets`` found a target at, away from the target head (an
        addressee, a place), if it did (and by that ``kind``)."""
        tok, how = self._found.get((ref.start, ref.end), (None, None)) if ref is not None else (None, None)
        return tok if kind in (None, how) else None

    def _place_of(self, b: int, tok: Token | None) -> Place | None:
        """The place of ``story.places`` the token is part of, if it has a country and is the
        whole name: a longer proper name is another place ("East Jerusalem" is not Jerusalem)."""
        if tok is None:
            return None
        at = self.parsed.char(b, tok)
        place = next((p for p in self.parsed.story.places if p.start <= at < p.end and p.country), None)
        if place is None or any(c.dep_ == "compound" and c.pos_ == "PROPN"
                                and not place.start <= self.parsed.char(b, c) < place.end for c in children_of(tok)):
            return None
        return place
