"""The actors that fill a trigger's source and target roles, and what counts as a party."""

from __future__ import annotations

from spacy.tokens import Token

from .. import arguments as args, resources
from ..model import ActorRef, Place
from ._shared import _NAMED_THINGS, _NOT_SEARCHED, NAMED, NOT_ACTORS, _names_place, _object_lemmas
from .lexicon import Trigger


#: Sectors of actors who act only in their own country: police and courts.
HOME_SECTORS = frozenset({"COP", "JUD"})


def _held_with_parties() -> tuple[str, ...]:
    """CAMEO codes of acts whose place is never their target (data/places.yaml ``held_with_parties``)."""
    return tuple(resources.load_yaml("places.yaml")["held_with_parties"])


class Roles:
    """Part of ``Coder`` (events/code.py), which mixes it in; reads its tables and caches."""

    # -- actors of a token ---------------------------------------------------
    def actors(self, b: int, tok: Token | None) -> list[ActorRef]:
        return args.actors_of(self.parsed, b, tok)

    def _owners(self, b: int, obj: Token) -> list[ActorRef]:
        """Whose proposal, demand or decision an event noun or a proposal noun (grammar.yaml
        ``proposal_nouns``) object is ("rejected Chile's offer", "the Bolivian peace plan",
        "a US offer"); not forces or weapons, which are the subject's."""
        proposal = obj.lemma_.lower() in self.proposal_nouns and (obj.pos_ == "NOUN" or obj.dep_ in ("dobj", "pobj"))
        if not (proposal or self._event_noun(obj)):  # (the tagger reads "a UN appeal" as a verb)
            return []
        words = [obj, *(c for c in obj.children if c.dep_ in ("compound", "nmod"))]
        refs = self.actors(b, obj) + [r for w in words for r in self.parsed.modifiers_of(b, w)]
        refs += [r for w in words[1:] for r in self.parsed.actors_at(b, w)]
        return [r for r in {r.actor_id or r.start: r for r in refs}.values() if r.sector != "MIL"]

    def _governed_object_actors(self, b: int, tok: Token) -> list[ActorRef]:
        # "the attack on Somalia"; "its sanctions against Peru": the recipient, not the owner
        recipients = [r for c in tok.children if c.dep_ == "prep" and c.lower_ in self.target_preps
                      for g in c.children if g.dep_ == "pobj" for r in self.actors(b, g)]
        if recipients and not self.parsed.actors_at(b, tok):
            return recipients
        refs = self.actors(b, tok)
        if refs:
            return refs
        refs = [r for g in self._authors(tok) for r in self.actors(b, g)]  # "denied charges by Chile"
        if not refs:  # "the resilience of South Korea"
            refs = [r for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj" for r in self.actors(b, g)]
        if not refs and tok.lemma_.lower() in self.proposal_nouns:  # "agreed to US mediation"
            refs = self._owners(b, tok)  # (before whom it is about: "French mediation in talks with Syria")
        if not refs:  # "$5 million in aid to Lebanon"
            refs = [r for g in self._recipients_inside(tok) for r in self.actors(b, g)]
        if not refs:  # "struck the Ukrainian city": the country the adjective names
            refs = self.parsed.modifiers_of(b, tok)
        if not refs:  # "condemned the launch": the actor of the earlier launch
            refs = self._earlier_event_source(b, tok)
        return refs

    def _earlier_event_source(self, b: int, tok: Token) -> list[ActorRef]:
        trig = self.match(tok)
        if trig is None or tok.pos_ != "NOUN":
            return []
        for event in reversed(self.parsed.story.events):
            if event.cameo == trig.cameo and event.source is not None:
                return [event.source]
        return []

    # -- grammatical roles ---------------------------------------------------
    def verb_roles(self, b: int, tok: Token, trig: Trigger) -> tuple[list[ActorRef], list[ActorRef]]:
        subj = args.subject(tok)
        if trig.roles == "undergo":  # "the prisoner died after torture": the subject is the target
            return [], self.actors(b, subj)
        if trig.roles == "rev":
            givers = [g for g in args.objects(tok, self.source_preps) if g.dep_ == "pobj"]
            sources = [r for g in givers for r in self.actors(b, g)]
            for obj in args.objects(tok, set()):
                sources += self.parsed.modifiers_of(b, obj)
            return sources, self.actors(b, subj)
        agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        instruments = set().union(*(v for k, v in trig.when if k == "obj"))
        passive = args.passive(tok)
        targets = []  # in the passive the subject is acted on, as the active's object is
        for o in ([subj] if passive and subj is not None else []) + args.verb_objects(tok):
            if {o.lemma_.lower(), o.lower_} & instruments or _object_lemmas(o) & instruments:
                # "sent troops", "condemned the attack on Somalia": the named object is what
                # the event uses or is about; a recipient can still hang off it; a proposal
                # is its author's ("vetoed a Security Council resolution on Panama")
                owners = self._owners(b, o) if o.lemma_.lower() in self.proposal_nouns else []
                targets += owners or [r for c in o.children if c.dep_ == "prep" and c.lower_ in self.target_preps
                            for g in c.children if g.dep_ == "pobj" for r in self.actors(b, g)] or [
                    r for g in self._authors(o) for r in self.actors(b, g)] or (  # "denied charges by Chile"
                    self._owners(b, o))  # "rejected the Bolivian proposal"
            else:
                targets += self._governed_object_actors(b, o)
        if passive:
            return [r for a in agents for r in self.actors(b, a)], targets
        return self.actors(b, subj), targets

    def noun_roles(self, b: int, tok: Token) -> tuple[list[ActorRef], list[ActorRef]]:
        sources: list[ActorRef] = []
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "nmod", "amod"):
                sources += self.parsed.actors_at(b, c) or self.parsed.modifiers_of(b, c)
        sources += [r for o in args.noun_agents(tok) for r in self.actors(b, o)]
        targets = [r for o in args.objects(tok, self.target_preps | {"of"}) for r in self.actors(b, o)]
        sides = [r for o in args.between(tok) for r in self.actors(b, o)]
        if len(sides) > 1 and not sources and not targets:
            return sides[:1], sides[1:]  # "clashes between the army and the rebels": one side on the other
        gov = args.governor(tok)
        if args.carried_by(tok) == "light":
            if not sources:
                sources = self.actors(b, args.subject(gov))
            targets += [r for o in args.objects(gov, self.target_preps) if o.i != tok.i  # "gave a welcome to X"
                        for r in self.actors(b, o)]
        elif args.carried_by(tok) == "circumstance":
            sources = sources or self.actors(b, args.subject(gov))  # "arrived for talks", "in protest", "on alert"
        if not targets:  # "riots against Israeli policies": the country the adjective names
            targets = [r for o in args.objects(tok, self.target_preps) if o.dep_ == "pobj"
                       for r in self.parsed.modifiers_of(b, o)]
        if not targets and self._place_in(tok, gov) is None:  # a place named is the place stage's to aim at
            trig = self.match(tok)
            targets = self.actors(b, self._addressee(tok, trig)) or self.home_targets(trig, sources)
        return sources, targets

    def _party_word(self, tok: Token) -> bool:
        """The token can name a target: a party, a proper noun, or a noun of people or
        bodies (data/agents.tsv, grammar.yaml ``party_nouns``: "18 people", "the striking miners")
        that is not a modifier ("a prisoner exchange", "joint military exercises")."""
        return self._party(tok) or tok.pos_ == "PROPN" and tok.ent_type_ not in _NAMED_THINGS or (
            tok.dep_ not in ("compound", "amod", "nmod") and bool({tok.lemma_.lower(), tok.lower_} & self.party_nouns))

    def _party_like(self, tok: Token | None) -> bool:
        """The core phrase ``tok`` heads names a party ("Trump's comments", "aid agencies"),
        not only a thing ("a curfew", "additional funds")."""
        key = (self._b, tok.i) if tok is not None else None
        if key not in self._party_likes:  # computed once per token
            span = self._phrase_tokens(self._b, tok, core=True)
            self._party_likes[key] = span is not None and any(
                self._party_word(t) for t in span if t.ent_type_ not in NOT_ACTORS
                and not (t.dep_ == "poss" and t.pos_ == "PRON"))  # "its weapons"
        return self._party_likes[key]

    def _nearest_party(self, verb: Token, moved: Token | None = None) -> Token | None:
        """The argument of ``verb`` closest to it in the parse that names a party, or whose
        owner does, for a verb whose object is a thing: "mobilising funds to support
        reconstruction in Peru", "called off the strike after an agreement with the Argentine
        government". Subjects, other clauses (reported, relative, coordinated) and conditions
        are not searched."""
        level = [verb]
        while level:
            below = []
            for node in level:
                makes = self._creates(node)  # what a verb makes, and where, are no party: "set up a hospital in Lima"
                for c in node.children:
                    if c.dep_ in _NOT_SEARCHED or c.dep_ == "advcl" and not any(m.lower_ == "to" for m in c.children):
                        continue
                    if moved is not None and c.i == moved.i or makes and c.dep_ in ("dobj", "prep") or (
                            c.dep_ == "pobj" and args.says_when(c)):
                        continue  # nor a time phrase: "visited on the anniversary of the riot at the Capitol"
                    if c.dep_ in ("dobj", "pobj", "dative") and c.ent_type_ not in NOT_ACTORS and (
                            self._party_word(c) or any(o.dep_ == "poss" and o.pos_ != "PRON" and self._party_word(o)
                                                       for o in c.children)):
                        return c
                    below.append(c)
            level = below
        return None

    def _party(self, tok: Token) -> bool:
        """The token names a party: a named entity or an actor mention."""
        return tok.ent_type_ in NAMED or bool(self.parsed.actors_at(self._b, tok))

    def _instrument(self, tok: Token) -> bool:
        """A "with" phrase naming a thing, not a party: beside a direct object, what the
        act is done with ("pounded positions with airstrikes"); alone, its target ("agree
        with the recommendation")."""
        return tok.dep_ == "pobj" and tok.head.lower_ == "with" and not self._party(tok)

    def _office_of(self, verb: Token) -> Token | None:
        """The party whose office an "as" phrase names ("resigned as president of Indonesia")."""
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in c.children:
                    inner = [o for o in args.objects(g, {"of"}) if o.dep_ == "pobj" and self._party(o)]
                    if g.dep_ == "pobj" and inner:  # "as [president] of Indonesia"
                        return inner[0]
        return None

    def _place_in(self, *heads: Token) -> Token | None:
        """The first named place in a place phrase of ``heads``: where a thing is moved to,
        from or within ("withdrew its troops from Kashmir", "lifted a state of emergency in
        northern parts of South Sudan"), where an event with no object happens ("arrived in
        Nepal")."""
        for head in heads:
            for c in head.children:
                if c.dep_ not in ("prep", "dative") or c.lower_ not in self.place_preps:
                    continue
                for g in c.children:
                    if g.dep_ == "pobj" and _names_place(g):
                        return g
        return None

    # -- the place an act is done in ------------------------------------------
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
            c.dep_ == "dobj" and c.pos_ == "NUM" and not list(c.children) for c in verb.children)  # "arresting 12"
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
        phrases = [g for h in (verb, *objects) for c in h.children if c.dep_ in ("prep", "dative")
                   and c.lower_ in self.place_preps for g in c.children if g.dep_ == "pobj"]
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
                                and not place.start <= self.parsed.char(b, c) < place.end for c in tok.children):
            return None
        return place

    def _event_noun(self, tok: Token) -> bool:
        """A noun the lexicon codes as an event ("demands", "assistance", "invasion")."""
        return tok.pos_ == "NOUN" and self.codes(self.match(tok))

    def _recipients_inside(self, obj: Token, depth: int = 0) -> list[Token]:
        """Objects of recipient prepositions hanging off ``obj`` or off its "of" and "in"
        phrases ("dozens of artifacts to the embassy", "$5 million in aid to Lebanon")."""
        found = []
        for c in obj.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":  # "a travel ban imposed on Chadian citizens"
                found += [g for g in args.objects(c, self.target_preps) if g.dep_ == "pobj" and self._party(g)]
            if c.dep_ != "prep":
                continue
            objects = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ in self.target_preps:
                found += [g for g in objects if not self._instrument(g)]
            elif c.lower_ in ("of", "in") and depth < 2:
                found += [r for g in objects for r in self._recipients_inside(g, depth + 1)]
        return found
