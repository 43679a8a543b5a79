"""The actors that fill a trigger's source and target roles, and what counts as a party."""

from __future__ import annotations

from spacy.tokens import Token

from .. import arguments as args
from ..arguments import children_of
from ..model import ActorRef
from ._shared import _NAMED_THINGS, _NOT_SEARCHED, NAMED, NOT_ACTORS, _names_place, _object_lemmas
from .lexicon import Trigger



class Roles:
    """Part of ``Coder`` (events/code.py), which mixes it in; reads its tables and caches."""

    # -- actors of a token ---------------------------------------------------
    def actors(self, b: int, tok: Token | None) -> list[ActorRef]:
        """``args.actors_of``, computed once per token (a copy: callers may extend it)."""
        if tok is None:
            return []
        key = (b, id(tok.doc), tok.i)
        found = self._actors.get(key)
        if found is None:  # "with Albania's help": a helper, no party acted on
            found = self._actors[key] = [] if args.helps(tok) else args.actors_of(self.parsed, b, tok)
        return list(found)

    def _owners(self, b: int, obj: Token) -> list[ActorRef]:
        """Whose proposal, demand or decision an event noun or a proposal noun (grammar.yaml
        ``proposal_nouns``) object is ("rejected Chile's offer", "the Bolivian peace plan",
        "a US offer"); not forces or weapons, which are the subject's."""
        proposal = obj.lemma_.lower() in self.authored_nouns and (obj.pos_ == "NOUN" or obj.dep_ in ("dobj", "pobj"))
        if not (proposal or self._event_noun(obj)):  # (the tagger reads "a UN appeal" as a verb)
            return []
        words = [obj, *(c for c in children_of(obj) if c.dep_ in ("compound", "nmod"))]
        refs = self.actors(b, obj) + [r for w in words for r in self.parsed.modifiers_of(b, w)]
        refs += [r for w in words[1:] for r in self.parsed.actors_at(b, w)]
        return [r for r in {r.actor_id or r.start: r for r in refs}.values() if r.sector != "MIL"]

    def _governed_object_actors(self, b: int, tok: Token) -> list[ActorRef]:
        # "the attack on Somalia"; "its sanctions against Peru": the recipient, not the owner
        recipients = [r for c in children_of(tok) if c.dep_ == "prep" and c.lower_ in self.target_preps
                      for g in children_of(c) if g.dep_ == "pobj" and not self._own_forces(b, g) for r in self.actors(b, g)]
        if recipients and not self.parsed.actors_at(b, tok):
            return recipients
        refs = self.actors(b, tok)
        if refs:
            return refs
        refs = [r for g in self._authors(tok) for r in self.actors(b, g)]  # "denied charges by Chile"
        if not refs:  # "the resilience of South Korea"
            refs = [r for g in args.of_objects(tok) for r in self.actors(b, g)]
        if not refs and tok.lemma_.lower() in self.authored_nouns:  # "agreed to US mediation", "denied US charges"
            refs = self._owners(b, tok)  # (before whom it is about: "French mediation in talks with Syria")
        if not refs:  # "$5 million in aid to Lebanon"
            refs = [r for g in self._recipients_inside(tok) for r in self.actors(b, g)]
        if not refs:  # "struck the Ukrainian city", "shelled Taliban positions": whose it is
            refs = self._holders(b, tok)
        if not refs:  # "condemned the launch": the actor of the earlier launch
            refs = self._earlier_event_source(b, tok)
        return refs

    def _own_forces(self, b: int, tok: Token) -> bool:
        """Forces a pronoun owns ("a call for its troops to be deployed"): the doer's own,
        whose act is where they go, not on them."""
        refs = self.actors(b, tok)
        return bool(refs) and all(r.sector == "MIL" for r in refs) and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in children_of(tok))

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
        agents = args.agents(tok)  # (and one closing the sentence after a set-off clause)
        instruments = set().union(*(v for k, v in trig.when if k == "obj"))
        passive = args.passive(tok)
        targets = []  # in the passive the subject is acted on, as the active's object is
        for o in ([subj] if passive and subj is not None else []) + args.verb_objects(tok):
            if instruments and ({o.lemma_.lower(), o.lower_} & instruments or _object_lemmas(o) & instruments):
                # "sent troops", "condemned the attack on Somalia": the named object is what
                # the event uses or is about; a recipient can still hang off it; a proposal
                # is its author's ("vetoed a Security Council resolution on Panama")
                owners = self._owners(b, o) if o.lemma_.lower() in self.proposal_nouns else []
                targets += owners or [r for c in children_of(o) if c.dep_ == "prep" and c.lower_ in self.target_preps
                            for g in children_of(c) if g.dep_ == "pobj" and not self._own_forces(b, g)
                            for r in self.actors(b, g) or self._holders(b, self._counted(g))] or [
                    r for g in self._authors(o) for r in self.actors(b, g)] or [  # "denied charges by Chile"
                    r for g in self._undergoer(o) for r in self.actors(b, g)] or (  # "tightened the blockade of Serbia"
                    self._owners(b, o)) or (  # "rejected the Bolivian proposal"
                    self._holders(b, o))  # "captured the Eritrean town", "condemned the Israeli raid"
            else:
                targets += self._governed_object_actors(b, o)
        if passive:
            return [r for a in agents for r in self.actors(b, a) or self._doers_of_act(b, a)], targets
        return self.actors(b, subj) or self._doers_of_act(b, subj) or self._national(b, subj), targets

    def _holders(self, b: int, thing: Token) -> list[ActorRef]:
        """Whose a thing is, by the country an adjective names on it or the actor named as
        its compound ("the Eritrean town", "Taliban positions")."""
        return self.parsed.modifiers_of(b, thing) or [
            r for c in children_of(thing) if c.dep_ in ("compound", "nmod") for r in self.parsed.actors_at(b, c)]

    def _counted(self, tok: Token) -> Token:
        """What a partitive noun counts ("a number of websites": the websites), else the noun."""
        counted = args.of_objects(tok) if tok.lower_ in self.partitive else []
        return counted[0] if counted else tok

    def _national(self, b: int, subj: Token | None) -> list[ActorRef]:
        """The country an adjective names on a subject that names no actor, a weapon or
        unit of that country acting ("Iraqi anti-aircraft batteries fired on ..."), or on the
        noun a group pronoun stands for ("Iraqi militias said they would ..."), or on what a
        partitive subject counts ("a group of Saudi hackers")."""
        if subj is not None and (b, subj.i) in self.parsed.antecedents:
            subj = subj.doc[self.parsed.antecedents[(b, subj.i)]]
        if subj is None or subj.pos_ != "NOUN":
            return []
        return self.parsed.modifiers_of(b, subj) or self.parsed.modifiers_of(b, self._counted(subj))

    def noun_roles(self, b: int, tok: Token) -> tuple[list[ActorRef], list[ActorRef]]:
        sources: list[ActorRef] = []
        for c in children_of(tok):
            if c.dep_ in ("poss", "compound", "nmod", "amod"):
                sources += self.parsed.actors_at(b, c) or self.parsed.modifiers_of(b, c)
        sources = sources or self._doers_of_act(b, tok)  # "US drone strikes"
        sources += [r for o in args.noun_agents(tok) for r in self.actors(b, o)]
        targets = [r for o in args.objects(tok, self.target_preps | {"of"}) for r in self.actors(b, o)]
        sides = [r for o in args.between(tok) for r in self.actors(b, o)]
        if len(sides) > 1 and not sources and not targets:
            return sides[:1], sides[1:]  # "clashes between the army and the rebels": one side on the other
        gov = args.governor(tok)
        carried = args.carried_by(tok)
        if carried == "light":
            if not sources:
                sources = self.actors(b, args.subject(gov))
            targets += [r for o in args.objects(gov, self.target_preps) if o.i != tok.i  # "gave a welcome to X"
                        for r in self.actors(b, o)]
        elif carried == "circumstance":
            sources = sources or self.actors(b, args.subject(gov))  # "arrived for talks", "in protest", "on alert"
        moved = self._moved_forces(b, tok, sources)
        if moved:  # "the withdrawal of its troops from Georgia": the place, not the forces
            targets = [r for r in targets if r not in moved[1]] or self.actors(b, moved[0])
        if not targets:  # "riots against Israeli policies": the country the adjective names
            targets = [r for o in args.objects(tok, self.target_preps) if o.dep_ == "pobj"
                       for r in self.parsed.modifiers_of(b, o)]
        if not targets:  # "an inquiry into crimes committed by Peruvian soldiers": their doers
            targets = [r for g in self._deed_authors(tok) for r in self.actors(b, g)]
        if not targets:  # "a suspension of air links with Libya": the party inside what it is of
            targets = [r for g in self._recipients_inside(tok) for r in self.actors(b, g)]
        if not targets and self._place_in(tok, gov) is None:  # a place named is the place stage's to aim at
            trig = self.match(tok)
            targets = self.actors(b, self._addressee(tok, trig)) or self.home_targets(trig, sources)
        return sources, targets

    def _doers_of_act(self, b: int, noun: Token | None) -> list[ActorRef]:
        """Who does what an event noun names, by the actor its modifiers name, through a
        chain of noun compounds: a weapon or means between them is no actor ("US drone
        strikes", "recent US Predator attacks")."""
        if noun is None or not self._event_noun(noun):
            return []
        refs: list[ActorRef] = []
        level = [noun]
        while level and not refs:
            mods = [c for t in level for c in children_of(t) if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < t.i]
            refs = [r for c in mods for r in self.parsed.actors_at(b, c) or self.parsed.modifiers_of(b, c)]
            level = [c for c in mods if c.dep_ == "compound"]
        return refs

    def _moved_forces(self, b: int, noun: Token, sources: list[ActorRef]) -> tuple[Token, list[ActorRef]] | None:
        """For an event noun whose "of" object is forces its doers move (their own, or of no
        other country) to, from or within a place ("the withdrawal of its troops from
        Georgia", "the deployment of 500 soldiers to Mali"): the place, and the forces."""
        countries = {s.country for s in sources} | {None}
        for o in args.objects(noun, {"of"}):
            refs = self.actors(b, o)
            if o.dep_ != "pobj" or not refs:
                continue
            own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children_of(o))
            if own or all(r.sector == "MIL" and r.country in countries for r in refs):
                place = self._place_in(noun, o)
                if place is not None:
                    return place, refs
        return None

    def _party_word(self, tok: Token) -> bool:
        """The token can name a target: a party, a proper noun, or a noun of people or
        bodies (data/agents.tsv, grammar.yaml ``party_nouns``: "18 people", "the striking miners")
        that is not a modifier ("a prisoner exchange", "joint military exercises")."""
        return self._party(tok) or tok.pos_ == "PROPN" and tok.ent_type_ not in _NAMED_THINGS or (
            tok.dep_ not in ("compound", "amod", "nmod") and bool({tok.lemma_.lower(), tok.lower_} & self.party_nouns)
        ) or args.crowd_number(tok)

    def _party_like(self, tok: Token | None) -> bool:
        """The core phrase ``tok`` heads names a party ("Trump's comments", "aid agencies"),
        not only a thing ("a curfew", "additional funds")."""
        key = (self._b, tok.i) if tok is not None else None
        if key not in self._party_likes:  # computed once per token
            span = self._phrase_tokens(self._b, tok, core=True)
            self._party_likes[key] = span is not None and any(
                self._party_word(t) for t in span if (t.ent_type_ not in NOT_ACTORS or args.crowd_number(t))
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
                children = children_of(node)
                if not children:
                    continue  # (most words of a clause: no need to ask what a leaf makes)
                makes = self._creates(node)  # what a verb makes, and where, are no party: "set up a hospital in Lima"
                for c in children:
                    if c.dep_ in _NOT_SEARCHED or c.dep_ == "advcl" and not any(m.lower_ == "to" for m in children_of(c)):
                        continue
                    if moved is not None and c.i == moved.i or makes and c.dep_ in ("dobj", "prep") or (
                            c.dep_ == "pobj" and args.says_when(c)):
                        continue  # nor a time phrase: "visited on the anniversary of the riot at the Capitol"
                    if c.dep_ in ("dobj", "pobj", "dative") and c.ent_type_ not in NOT_ACTORS and (
                            self._party_word(c) or any(o.dep_ == "poss" and o.pos_ != "PRON" and self._party_word(o)
                                                       for o in children_of(c))):
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
        for c in children_of(verb):
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in children_of(c):
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
            for c in children_of(head):
                if c.dep_ not in ("prep", "dative") or c.lower_ not in self.place_preps:
                    continue
                for g in children_of(c):
                    if g.dep_ == "pobj" and _names_place(g):
                        return g
        return None

    def _undergoer(self, obj: Token) -> list[Token]:
        """What a thing a verb uses is laid on, its "of" object ("tightened the blockade of
        Serbia", "lifted the siege of Sarajevo"), if that names a party; not for forces (an
        actor: "sent troops of the 5th brigade")."""
        if self.parsed.actors_at(self._b, obj):
            return []
        return [g for g in args.of_objects(obj) if self._party(g)]

    def _event_noun(self, tok: Token) -> bool:
        """A noun the lexicon codes as an event ("demands", "assistance", "invasion")."""
        return tok.pos_ == "NOUN" and self.codes(self.match(tok))

    def _recipients_inside(self, obj: Token, depth: int = 0) -> list[Token]:
        """Objects of recipient prepositions hanging off ``obj`` or off its "of" and "in"
        phrases ("dozens of artifacts to the embassy", "$5 million in aid to Lebanon")."""
        found = []
        for c in children_of(obj):
            if c.dep_ == "acl" and c.tag_ == "VBN":  # "a travel ban imposed on Chadian citizens"
                found += [g for g in args.objects(c, self.target_preps) if g.dep_ == "pobj" and self._party(g)]
            if c.dep_ != "prep":
                continue
            objects = [g for g in children_of(c) if g.dep_ == "pobj"]
            if c.lower_ in self.target_preps:
                found += [g for g in objects if not self._instrument(g)]
            elif c.lower_ in ("of", "in") and depth < 2:
                found += [r for g in objects for r in self._recipients_inside(g, depth + 1)]
        return found
