"""The tokens heading a trigger's source and target arguments, actors or not."""

from __future__ import annotations

from spacy.tokens import Token

from .. import arguments as args
from ..arguments import children_of
from ..model import ActorRef
from ._shared import _DIRECT, _FORCE, NAMED, NOT_ACTORS, _counted
from .lexicon import Trigger


class Heads:
    """Part of ``Coder`` (events/code.py), which mixes it in; reads its tables and caches."""

    # -- argument phrases --------------------------------------------------------
    def argument_heads(self, tok: Token, trig: Trigger) -> tuple[Token | None, Token | None]:
        """The tokens heading the source and target arguments in the parse, actors or not."""
        if trig.pos == "verb":
            subj = args.subject(tok)
            if trig.roles == "undergo":
                return None, subj
            objects = args.verb_objects(tok)
            if trig.roles == "rev":
                givers = [g for g in args.objects(tok, self.source_preps) if g.dep_ == "pobj"]
                return (givers[0] if givers else None), subj
            if args.passive(tok):
                agents = args.agents(tok)  # (and one closing the sentence after a set-off clause)
                if subj is not None and not self._party_like(subj):  # "the painting was returned to its owner"
                    subj = self._target_head([subj, *(o for o in objects if o.dep_ == "pobj" and o not in agents)]) or subj
                return (agents[0] if agents else None), subj
            force = trig.cameo[:2] in _FORCE and trig.cameo[:3] != "172"
            # with no object, the place or the office's country: "arrived in Nepal", "resigned
            # as president of Indonesia"
            head = self._target_head(objects, force) or self._place_in(tok) or self._office_of(tok)
            defied = self._defied(tok)
            if defied is not None and not self.actors(self._b, head):  # not where: whom it defies
                head = defied
            elif not self._party_like(head):  # "mobilising funds to support reconstruction in Peru"
                head = self._nearest_party(tok) or self._addressee(tok, trig) or head
            return subj, head
        source = next((c for c in children_of(tok) if c.dep_ == "poss"), None)
        by = [o for o in args.objects(tok, {"by"}) if o.dep_ == "pobj"]
        gov = args.governor(tok)
        between = args.between(tok)  # "clashes between militias"
        if source is None:
            source = by[0] if by else between[0] if between else args.subject(gov) if gov.pos_ in ("VERB", "AUX") else None
        targets = [o for o in args.objects(tok, self.target_preps | {"of"}) if o.dep_ == "pobj"
                   and (o.ent_type_ not in NOT_ACTORS or _counted(o))]  # "concern on Friday"
        moved = self._moved_forces(self._b, tok, self.actors(self._b, source))
        if moved:  # "the withdrawal of its troops from Georgia": Georgia
            return source, moved[0]
        if not targets and tok.dep_ == "pobj" and gov.pos_ in ("VERB", "AUX"):  # "remained on alert in Paris"
            return source, self._place_in(tok, gov)
        if not any(self._party_like(t) for t in targets):  # "a suspension of air links with Libya"
            inner = self._deed_authors(tok) or [g for g in self._recipients_inside(tok) if self._party(g)]
            targets = inner[:1] or targets
        return source, (targets[0] if targets else self._addressee(tok, trig))  # "its demand that Peru pay"

    def _defied(self, verb: Token) -> Token | None:
        """The party an "in defiance of" phrase of the verb names (grammar.yaml ``defiance_nouns``):
        "blocked streets in defiance of the authorities"."""
        nouns = args.grammar().words["defiance_nouns"]
        for c in children_of(verb):
            if c.dep_ == "prep" and c.lower_ == "in":
                for g in children_of(c):
                    if g.dep_ == "pobj" and g.lemma_.lower() in nouns:
                        found = [o for o in args.objects(g, {"of", "against", "to", "at"})
                                 if o.dep_ == "pobj" and self._party_word(o)]
                        if found:
                            return found[0]
        return None

    def _addressee(self, verb: Token, trig: Trigger) -> Token | None:
        """The party a demand or threat is put to: the subject of the clause demanded or of
        the threat's condition, if an actor, on the verb, its object or its complement
        (grammar.yaml ``addressee_clauses``)."""
        deps = next((v for k, v in self.addressee_clauses.items() if trig.cameo.startswith(k)), None)
        if not deps:
            return None
        conditions = self.lex.reframe["conditional_cues"]
        nodes = [verb, *(c for c in children_of(verb) if c.dep_ in ("dobj", "xcomp"))]
        for clause in (c for n in nodes for c in children_of(n) if c.dep_ in deps and c.pos_ in ("VERB", "AUX")):
            if clause.dep_ == "advcl" and not any(m.dep_ == "mark" and m.lower_ in conditions for m in children_of(clause)):
                continue
            subj = args.subject(clause)
            if subj is not None and self.actors(self._b, subj):  # a named party, not "the strike"
                return subj
        return None

    def _target_head(self, objects: list[Token], force: bool = False) -> Token | None:
        """Which object is the recipient (dates and, beside a direct object, instruments
        left out): not what a verb makes, but who it is made with ("established ties with
        Peru"); an actor object, unless it is forces the subject moves, whose place or
        purpose is the recipient ("withdrew its troops from Kashmir"); else a named object;
        else a party's own proposal ("welcomed Putin's offer", "vetoed a Security Council
        resolution on Panama"); else the author of what the
        object names ("denied charges by X", "accepted the demands by miners in southern Peru");
        else a named party inside an abstract object ("agreed to a ceasefire in Ukraine"),
        but not inside what force is used on ("attacked a base in Kandahar") or what an
        actor's adjective names ("a Lebanese man"); else the recipient of the direct object
        ("launched an assault on X", "pledged support to X"); else the party inside an event
        noun ("lifted its blockade of Yemen"); else a recipient preposition ("gave training
        to X"); else the place of a thing or the party it helps ("imposed a curfew in
        Jamaica"); else the first object."""
        direct = any(o.dep_ in _DIRECT for o in objects)
        kept = [o for o in objects if (o.ent_type_ not in NOT_ACTORS or _counted(o))  # "called on Friday"
                and not (direct and self._instrument(o))
                and not (o.dep_ == "pobj" and o.lemma_.lower() in self.adverbial_nouns)]  # "at a time when"
        made = [o for o in kept if o.dep_ in _DIRECT and self._creates(o.head)]
        if made:  # what a verb makes is not acted on, who it is made with is: "established ties with Peru"
            found = [o for o in kept if o not in made] + [g for o in made for g in args.objects(o, self.target_preps)]
            return next((o for o in found if self._party_like(o)), None) or self._helped(made[0].head)
        if not kept:  # "provided $5 million in aid to Lebanon"
            inner = [r for o in objects if o.dep_ in _DIRECT for r in self._recipients_inside(o)]
            return inner[0] if inner else None
        objects = kept
        for o in objects:
            refs = self.parsed.actors_at(self._b, o)
            if refs:
                if self._moved(o, refs):  # "withdrew its troops from Kashmir", "sent troops to fight Ukraine"
                    return self._place_in(o.head, o) or self._helped(o.head) or self._nearest_party(o.head, o) or o
                return o
        named = [o for o in objects if o.ent_type_ in NAMED]
        if named:
            return named[0]
        first = objects[0]
        proposal = first.lemma_.lower() in self.proposal_nouns  # its author's, whoever it is about
        if first.dep_ in _DIRECT and (proposal or not any(self._party(r) for r in self._recipients_inside(first))) and any(
                c.dep_ in ("poss", "compound", "nmod") and c.pos_ != "PRON" and self._party(c) for c in children_of(first)):
            return first  # "welcomed Putin's offer to mediate between India and Pakistan"
        authors = [] if force else self._authors(first)
        if authors:  # "denied charges by the Chamber of Commerce"
            return authors[0]
        if first.ent_type_ == "" and not force and not self.parsed.modifiers_of(self._b, first):
            inner = [t for t in first.subtree if t.dep_ == "pobj" and t.ent_type_ in NAMED and t.head.lower_ != "of"]
            if inner:
                return inner[0]
        if first.dep_ in _DIRECT:  # "launched an assault on X", "pledged its support to X"
            inner = self._recipients_inside(first)
            if inner:
                return inner[0]
        if not force and self._event_noun(first):  # "lifted its blockade of Yemen", "met the demands of the drivers"
            inner = [g for c in children_of(first) if c.dep_ == "prep" and c.lower_ in self.party_preps
                     for g in children_of(c) if g.dep_ == "pobj" and g.ent_type_ not in NOT_ACTORS
                     and not self._event_noun(g)]
            if inner:
                return inner[0]
        preps = [o for o in objects if o.dep_ == "pobj"]
        if preps and first.dep_ in _DIRECT and first.ent_type_ == "":
            return preps[0]
        if first.dep_ not in _DIRECT or force:
            return first
        # "sent troops in Syria", "imposed a curfew in Jamaica"; "sent aid to help the victims"
        return self._place_in(first.head, first) or self._helped(first.head) or first

    def _creates(self, verb: Token) -> bool:
        """The verb makes its object somewhere (grammar.yaml ``creation_verbs``: "set up a
        centre in Lima"), so the place is not acted on."""
        lemma = verb.lemma_.lower()
        return lemma in self.creation_verbs or any(
            c.dep_ == "prt" and f"{lemma} {c.lower_}" in self.creation_verbs for c in children_of(verb))

    def _moved(self, obj: Token, refs: list[ActorRef]) -> bool:
        """The object is what the subject moves, not the party acted on: its own ("its
        troops") or forces of no other country ("sent troops to Peru")."""
        if obj.dep_ != "dobj":
            return False
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children_of(obj)):
            return True
        countries = {r.country for r in self.actors(self._b, args.subject(obj.head))}
        return all(r.sector == "MIL" and r.country in countries | {None} for r in refs)

    def _authors(self, obj: Token) -> list[Token]:
        """Who made what a verb's object names: a party word after "by" or "from"
        ("rejected accusations from the Chilean government"; the parse often hangs the "by"
        on the verb: "denied charges by Chile")."""
        heads = (obj, obj.head) if obj.dep_ == "dobj" and not args.passive(obj.head) else (obj,)
        return [g for h in heads for c in children_of(h) if c.dep_ == "prep" and (
                    c.lower_ == "by" or c.lower_ == "from" and h.i == obj.i)
                for g in children_of(c) if g.dep_ == "pobj" and self._party_word(g)] or self._deed_authors(obj)

    def _deed_authors(self, noun: Token) -> list[Token]:
        """Who did the deeds a noun names or is about, by the agent of a participle on them:
        "crimes committed by Croat forces", "an inquiry into abuses carried out by the police"."""
        deeds = [noun] + [g for c in children_of(noun) if c.dep_ == "prep" and c.lower_ in ("into", "of", "over", "about")
                          for g in children_of(c) if g.dep_ == "pobj"]
        return [g for d in deeds for c in children_of(d) if c.dep_ == "acl" and c.tag_ == "VBN"
                for g in args.agents(c) if self._party_word(g)]

    def _helped(self, verb: Token) -> Token | None:
        """The party a thing is given or moved for: the named or actor object of the verb's
        purpose clause ("donated ventilators to assist Ethiopia") or of its "for" event."""
        for c in children_of(verb):
            if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and any(m.lower_ == "to" for m in children_of(c)):
                # "to assist Nepal", "to fight against Ukraine", "to help Nepal recover"
                for o in args.objects(c, self.target_preps) or args.misparsed_object(c):
                    if self._party(o):
                        return o
            if c.dep_ == "prep" and c.lower_ == "for":  # "mobilized troops for an assault on Peru"
                for g in children_of(c):
                    if g.dep_ == "pobj" and self._event_noun(g):
                        inner = [o for o in args.objects(g, self.party_preps) if o.dep_ == "pobj"
                                 and self._party(o)]
                        if inner:
                            return inner[0]
        return None
