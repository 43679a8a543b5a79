"""What an event becomes in context: complements, demands, refusals, pledges, riots, intentions."""

from __future__ import annotations

from spacy.tokens import Token

from .. import arguments as args
from ..arguments import children_of
from ._shared import _copula_of
from .status import inverted


class Reframing:
    """Part of ``Coder`` (events/code.py), which mixes it in; reads its tables and caches."""

    def governed_by_event(self, tok: Token) -> bool:
        """An event inside another event's complement ("threatened to attack", "called for
        Peru to withdraw", "demanded that China withdraw") is that event; not the complement
        of a verb that only announces it (reframe.yaml ``announcing_verbs``: "pledged to impose
        sanctions" is the sanctions)."""
        if tok.head.i == tok.i:
            return False
        if tok.dep_ == "ccomp":  # "demanded that China withdraw": what is asked has not happened
            if any(c.tag_ in ("WRB", "WP", "WDT") or c.lower_ in ("whether", "if") for c in children_of(tok)):
                return False  # "asked why he had criticized Clinton": a question about an act done
            trig = self.match(tok.head)
            code = self.lex.code(trig.cameo) if self.codes(trig) else None
            return code is not None and code.plover_type in self.lex.reframe["asking_types"]
        if tok.dep_ != "xcomp" and args.for_clause(tok.head) != tok:
            return False
        return self.codes(self.match(tok.head)) and not self.announces(tok.head)

    def announces(self, verb: Token) -> bool:
        """The verb announces an act its complement codes ("pledged to impose sanctions")."""
        return verb.lemma_.lower() in self.lex.reframe["announcing_verbs"] and any(
            args.relation(c) == "xcomp" and c.pos_ == "VERB" and self.codes(self.match(c)) for c in children_of(verb))

    def demand(self, tok, attributed) -> str | None:
        """The CAMEO code of a reported "must" ("X said Y must ..."), if the event is one."""
        if attributed is None or tok.pos_ != "VERB" or self.speakers_own(tok, attributed):
            return None
        codes = self.lex.reframe["demand_modals"]
        clause = _copula_of(tok) or tok  # "must be ready to withdraw"
        return next((codes[c.lower_] for c in children_of(clause) if self.demand_aux(c)), None)

    def speakers_own(self, verb, speaker) -> bool:
        """The verb's subject is the speaker's own "we" (grammar.yaml ``speaker_pronouns``): what
        a speaker says their own side must do asks no one ("“We must act,” the minister said")."""
        subject = args.subject(verb)
        return subject is not None and args.grammar().has("speaker_pronouns", subject.lower_) and any(
            r.actor_id == speaker.actor_id for r in self.actors(self._b, subject))

    def demand_aux(self, aux) -> bool:
        """A modal of demand ("must", "should"), not one that opens a condition ("should X win")."""
        return aux.dep_ == "aux" and aux.lower_ in self.lex.reframe["demand_modals"] and not inverted(
            aux, self.lex.status["hypothetical"]["inverted_conditionals"])

    def reframe(self, tok, cameo, status, attributed, cue, sources, targets, demand=None):
        """PLOVER's rules for announced events: intended cooperation is AGREE, intended
        conflict THREATEN, cooperation announced as not going to happen REJECT, a reported
        "must" (``demand``) the speaker's REQUEST (data/reframe.yaml)."""
        rules = self.lex.reframe
        riot = rules["riot"]
        if cameo[:2] in riot["roots"] and self._rioting(tok, riot["agents"]):
            return riot["code"], status, sources, targets, "violence by protesters is a riot (CAMEO 145)"
        quarrel = rules["quarrel"]
        if cameo[:2] in quarrel["roots"] and self.between_people(tok, sources, targets):
            return quarrel["code"], status, sources, targets, "force between people with no weapon is a verbal attack"
        if cameo[:2] in quarrel["roots"] and self.spoken(tok, quarrel["spoken_deps"]):
            return quarrel["code"], status, sources, targets, "an attack made by saying something is a verbal attack"
        if demand:
            modals = "/".join(sorted({c.lower_ for c in children_of(tok) if c.dep_ == "aux"}))
            return demand, "asserted", [attributed], sources, f"'{modals}' said by {attributed.name}"
        word = self._intention(tok, attributed)
        root = cameo[:2]
        if status == "negated" and word is not None and root in rules["refuse"]:
            new = rules["refuse"][root]
            return new, ("reported" if attributed is not None else "asserted"), sources, targets, \
                f"refusal: {cue} with '{word}' -> CAMEO {new}"
        if status != "hypothetical" or word is None:
            return cameo, status, sources, targets, None
        new = rules["agree"].get(root) or rules["threaten"].get(root)
        if new is None:
            return cameo, status, sources, targets, None
        return new, ("reported" if attributed is not None else "asserted"), sources, targets, \
            f"intention '{word}' -> CAMEO {new}"

    def hearers(self, b: int, tok: Token, sources) -> list:
        """Whom an announced act is put to when its clause names no one: the party the
        speaker tells or warns (grammar.yaml ``audience_nouns`` are no such party)."""
        verb = tok.head
        if args.relation(tok) != "ccomp" or verb.lemma_.lower() not in args.grammar().speech:
            return []
        audience = self.lex.grammar["audience_nouns"]
        own = {s.actor_id for s in sources}
        return [r for c in children_of(verb) if c.dep_ in ("dobj", "dative") and c.lemma_.lower() not in audience
                and c.lower_ not in audience for r in self.actors(b, c) if r.actor_id not in own]

    def between_people(self, tok: Token, sources, targets) -> bool:
        """The event's doer and the one it is done to are named people or personal pronouns,
        neither on an armed side, and no weapon is among its arguments (reframe.yaml ``quarrel``)."""
        rules = self.lex.reframe["quarrel"]
        if any(a.sector in rules["armed_sectors"] for a in (*sources, *targets)):
            return False
        doer = args.subject(tok) if tok.pos_ == "VERB" else next((c for c in children_of(tok) if c.dep_ == "poss"), None)
        done_to = [c for c in children_of(tok) if c.dep_ == "dobj"] or args.objects(tok, rules["preps"])
        used = [g for c in children_of(tok) if c.dep_ == "prep" and c.lower_ == "with"
                for g in children_of(c) if g.dep_ == "pobj"]
        used += [m for o in done_to for m in children_of(o) if m.dep_ in ("compound", "amod")]  # "rocket attacks"
        if any(self.gates.type_of(o) == "weapon" for o in used):
            return False

        kinds = {a.id: a.kind for a in self.parsed.story.actors}

        def person(t):
            return t is not None and (t.ent_type_ == "PERSON" or t.lower_ in rules["pronouns"] or any(
                kinds.get(r.actor_id) == "person" for r in self.parsed.actors_at(self._b, t)))
        if done_to and not person(done_to[0]) and args.objects(done_to[0], rules["preps"]):
            done_to = args.objects(done_to[0], rules["preps"])  # "launched attacks on Sanders": the act's object
        return person(doer) and bool(done_to) and person(done_to[0])

    def spoken(self, tok: Token, deps: list[str]) -> bool:
        """The act is done by speaking: a speech verb's participle modifies it ("attacked the
        government, saying ...", "hit out at Washington, calling it ...")."""
        return tok.pos_ == "VERB" and any(c.dep_ in deps and c.tag_ == "VBG" and c.lemma_.lower() in self.lex.speech
                                          for c in children_of(tok))

    def _rioting(self, tok: Token, agents: list[str]) -> bool:
        """The event's subject is people protesting (reframe.yaml ``riot.agents``)."""
        subject = args.subject(tok) if tok.pos_ == "VERB" else next(
            (c for c in children_of(tok) if c.dep_ == "poss"), None)
        return subject is not None and (subject.lower_ in agents or subject.lemma_.lower() in agents)

    def _intention(self, tok, attributed) -> str | None:
        """The word that makes this event announced rather than done: "will", a reported
        "would", a clause of condition ("if"), or a governing intention verb ("plans to",
        "vowed to")."""
        rules = self.lex.reframe
        tok = args.light_verb(tok) or tok  # "would take military action"
        for c in children_of(tok):
            if c.dep_ == "aux" and (c.lower_ in rules["future_cues"] or (
                    c.lower_ in rules["reported_future_cues"] and attributed is not None)):
                return c.lower_
            if c.dep_ == "advcl":  # "may halt mediation if ..."
                mark = next((m.lower_ for m in children_of(c) if m.dep_ == "mark"), None)
                if mark in rules["conditional_cues"]:
                    return mark
        node = tok
        while args.relation(node) in ("xcomp", "conj") and node.head.i != node.i:
            node = node.head
            if node.lemma_.lower() in rules["future_cues"]:
                return node.lemma_.lower()
        return None
