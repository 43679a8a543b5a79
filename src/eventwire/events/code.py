"""Code events: find triggers in the parse, fill source and target from the actors.

Input: a ``Parsed`` story whose actors are resolved. Output: ``story.events``
(dated provisionally on the publication date; the time stage refines the date)
and ``parsed.triggers`` (where each event's trigger sits, for later stages).

A trigger is a verb or noun listed in ``data/verbs.tsv``. The source is the
subject (inherited through "trying to arrest", "who ...", "after being ...");
the target is the object, a recipient preposition ("fight against Ukraine") or,
in the passive, the subject. A noun event takes its actors from its possessor
("Yoon's imposition"), from "by", or from a light verb ("held talks").

``Coder`` orchestrates; its parts live beside it: ``trigger`` (which lexicon row a token
matches), ``heads`` (the tokens heading the arguments), ``roles`` (the actors filling
them), ``aims`` (targets from the place an act is done in, or its doers' home),
``phrases`` (the argument phrases), ``reframing`` (what context makes of an event),
``gate`` (what is not an event) and ``status`` (who claims it, and how).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Span as SpacySpan, Token

from .. import arguments as args
from ..arguments import children_of
from ..model import ActorRef, Event, Span
from ..parse import Parsed
from .fallback import classify
from .gate import Gates
from .lexicon import Lexicon, Trigger
from .status import claim_status
from ._shared import _MODALS, _copula_of
from .heads import Heads
from .phrases import Phrases
from .reframing import Reframing
from .aims import Aims
from .roles import Roles
from .trigger import match


_UNMATCHED = object()


class Coder(Roles, Aims, Heads, Phrases, Reframing):
    """Codes one story (``code_events`` below is the stage function)."""

    def __init__(self, parsed: Parsed, lex: Lexicon):
        self.parsed = parsed
        self.lex = lex
        g = lex.grammar
        self.light = set(g["light_verbs"])
        self.target_preps = set(g["target_preps"])
        self.source_preps = set(g["source_preps"])
        self.partitive = set(g["partitive_nouns"])
        self.phrase_preps = set(g["phrase_preps"])
        self.party_preps = set(g["party_preps"])
        self.place_preps = set(g["place_preps"])
        self.of_verbs = set(g["of_verbs"])
        self.adverbial_nouns = set(g["adverbial_nouns"])
        self.party_nouns = lex.party_nouns
        self.described_nouns = set(g["described_nouns"])
        self.mission_nouns = set(g["mission_nouns"])
        self.proposal_nouns = set(g["proposal_nouns"])
        # nouns of what a party puts to or says of another: their author is the party an answer acts on
        self.authored_nouns = self.proposal_nouns | set(g["accusation_nouns"])
        self.addressee_clauses = {k: set(v) for k, v in g["addressee_clauses"].items()}
        self.creation_verbs = set(g["creation_verbs"])
        self.stative = set(g["stative_verbs"])
        self._b = 0  # block of the sentence being coded
        self._found: dict[tuple[int, int], tuple[Token, str]] = {}  # a target's (start, end) -> its token, how found
        self.gates = Gates(parsed, *lex.gates, self._party_word, frozenset(g["partitive_nouns"]), self.derived,
                           self.per_sentence)
        self._matches: dict[Token, Trigger | None] = {}
        self._words: dict[int, tuple[list[int], frozenset[int]]] = {}  # id(doc) -> tokens whose word has trigger rows
        self._phrases: dict[tuple[int, int, bool], SpacySpan] = {}  # (block, token, core) -> phrase
        self._blocks = {id(block.doc): ([sent.start for sent, _ in block.sentences], block) for block in parsed.blocks}
        self._party_likes: dict[tuple[int, int] | None, bool] = {}  # (block, token) -> names a party
        self._actors: dict[tuple[int, int, int], list[ActorRef]] = {}  # (block, id(doc), token) -> its actors
        self._per_sentence: dict[tuple, object] = {}  # (name, id(doc), sentence start) -> a fact of that sentence

    def match(self, tok: Token) -> Trigger | None:
        """``match`` for a token of this story, computed once."""
        found = self._matches.get(tok, _UNMATCHED)
        if found is _UNMATCHED:
            found = self._matches[tok] = match(tok, self.lex) if tok.i in self._trigger_index(tok.doc)[1] else None
        return found

    def trigger_words(self, doc) -> list[int]:
        """Indices of the tokens whose word or lemma has trigger rows (no other can match)."""
        return self._trigger_index(doc)[0]

    def _trigger_index(self, doc) -> tuple[list[int], frozenset[int]]:
        found = self._words.get(id(doc))
        if found is None:
            ids = self.lex.trigger_ids
            words = [t.i for t in doc if t.lower in ids or t.lemma in ids]
            found = self._words[id(doc)] = (words, frozenset(words))
        return found

    def sentence(self, tok: Token) -> SpacySpan:
        """``tok.sent``: the coded sentence of its block that holds it, if any."""
        starts, block = self._blocks[id(tok.doc)]
        k = bisect_right(starts, tok.i) - 1
        if k >= 0 and tok.i < block.sentences[k][0].end:
            return block.sentences[k][0]
        return tok.sent

    def text_of(self, span: SpacySpan) -> str:
        """``span.text``, cut from its paragraph as ``parse`` cuts the story's sentences."""
        return self._blocks[id(span.doc)][1].text[span.start_char:span.end_char]

    def per_sentence(self, name: str, tok: Token, find):
        """``find(sentence)`` for the sentence holding ``tok``, computed once per sentence."""
        sent = self.sentence(tok)
        key = (name, id(sent.doc), sent.start)
        if key not in self._per_sentence:
            self._per_sentence[key] = find(sent)
        return self._per_sentence[key]

    # -- events ----------------------------------------------------------------
    def codes(self, trig: Trigger | None) -> bool:
        """The row codes an event: not a skip row, and PLOVER types its CAMEO code."""
        return trig is not None and trig.roles != "skip" and self.lex.code(trig.cameo) is not None

    def run(self) -> None:
        for b, block, sent, sidx in self.parsed.sentences():
            story = self.parsed.story
            before, stopped = len(story.events), len(story.rejected)
            self._code_sentence(b, sent, sidx)
            if _MODALS.search(self.text_of(sent)):
                self.demands(b, sent, sidx, {i for _, i in self.parsed.triggers[before:]})
            if len(story.events) == before and len(story.rejected) == stopped:
                self.fallback(b, sent, sidx)  # a sentence whose events a gate stopped is not guessed at

    def demands(self, b: int, sent, sidx: int, coded: set[int]) -> None:
        """PLOVER's reported "must": "the minister reiterated that Libya must hand over the
        suspects" is the speaker's REQUEST to Libya whatever the verb, so a verb no row codes
        still gives one when it has a demand modal, an actor subject and a speech verb above."""
        rules = self.lex.reframe["demand_modals"]
        for tok in sent:
            if not self.demand_aux(tok) or tok.head.i in coded or tok.head.pos_ != "VERB":
                continue
            verb = tok.head
            if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in self.lex.speech:
                continue  # only what a speaker says must happen, not "the consensus that X must"
            self._b = b
            subject = args.subject(verb)
            sources = self.actors(b, subject)
            speaker = claim_status(self, b, verb)[1]
            if not sources or speaker is None or self.speakers_own(verb, speaker):
                continue
            targets = [r for o in args.objects(verb, self.target_preps) for r in self.actors(b, o)]
            trig = Trigger(verb.lemma_.lower(), "verb", (), rules[tok.lower_], "", 0, source="reframe.yaml")
            self.emit(b, sent, sidx, verb, trig, self.lex.code(trig.cameo), sources, targets, (subject, None))

    def fallback(self, b: int, sent, sidx: int) -> None:
        """A sentence no lexicon row coded: the classifier's type, if it is sure enough and
        the main verb has an actor or a noun for its subject (``events/fallback.py``). A verb of
        being, seeming, finding or saying (grammar.yaml ``stative_verbs``, speech verbs) tells of
        no act, whatever its sentence's words are about."""
        verb = sent.root
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or self.match(verb) is not None or lemma in self.stative or lemma in self.lex.speech:
            return
        self._b = b
        subject = args.subject(verb)
        sources = self.actors(b, subject)
        if not sources and (subject is None or subject.pos_ not in ("NOUN", "PROPN")):
            return  # no one did it
        guess = classify(sent)
        code = self.lex.type_code(guess[0]) if guess else None
        if code is None:
            return
        objects = args.objects(verb, self.target_preps)
        targets = [r for o in objects for r in self.actors(b, o)]
        trig = Trigger(verb.lemma_.lower(), "verb", (), code.cameo, "", 0, source=f"classifier p={guess[1]:.2f}")
        heads = self.argument_heads(verb, trig)
        targets = targets or self.actors(b, heads[1])
        self.emit(b, sent, sidx, verb, trig, code, sources, targets, heads)

    def _code_sentence(self, b: int, sent, sidx: int) -> None:
        words = self.trigger_words(sent.doc)
        for i in words[bisect_left(words, sent.start):bisect_left(words, sent.end)]:
            tok = sent.doc[i]
            trig = self.match(tok)
            code = self.lex.code(trig.cameo) if trig is not None and trig.roles != "skip" else None
            if code is None or self.governed_by_event(tok) or self.announces(tok):
                continue  # (a row PLOVER does not type is dropped before the clauses around it are read)
            if trig.pos == "verb" and not trig.specific and self.light_object(tok) is not None:
                continue  # "staged a protest": the noun is the event, the verb only supports it
            if trig.pos == "verb" and self.reports_occurrence(tok):
                continue  # "protests swept Iran": the noun is the event, the verb tells it happened
            if trig.pos == "noun" and self.coded_by_light_verb(tok):
                continue  # "held talks": a row for the pair codes it once
            self._b = b
            if trig.pos == "verb":
                heads = self.argument_heads(tok, trig)
                sources, targets = self.verb_roles(b, tok, trig)
                targets = self.verb_targets(b, tok, trig, heads[1], sources, targets)
                if not sources and not args.passive(tok) and trig.roles != "undergo" and not (
                        heads[0] is not None and heads[0].pos_ in ("NOUN", "PROPN")):
                    continue  # no actor and no nominal subject: nothing did it
            else:
                sources, targets = self.noun_roles(b, tok)
                targets = targets or self.actors(b, self._addressee(tok, trig))
                carried = not sources and (args.carried_by(tok) or args.between(tok) or args.noun_agents(tok))
                heads = self.argument_heads(tok, trig) if sources or carried else None  # none if it is dropped
                if not sources and not (carried and self._party_like(heads[0])) and not self.public_occurrence(tok, code):
                    continue  # no one did it; or a party that carries it ("hundreds of miners went on strike") or fights it
                heads = heads or self.argument_heads(tok, trig)
            if trig.roles == "all" and not targets and len(sources) > 1:
                sources, targets = sources[:1], sources[1:]
            self.emit(b, sent, sidx, tok, trig, code, sources, targets, heads)

    def public_occurrence(self, noun: Token, code) -> bool:
        """A protest or riot said to happen with no doer named ("riots broke out"): the public
        did it (gates.yaml political-actor ``public``)."""
        return self.gates.public(code.plover_type) and args.occurs(noun)

    def reports_occurrence(self, verb: Token) -> bool:
        """The verb only tells that its subject, a noun event the lexicon codes, happened."""
        return any(args.occurs(c) and self.codes(self.match(c))
                   for c in children_of(verb) if c.dep_ in ("nsubj", "nsubjpass"))

    def coded_by_light_verb(self, noun: Token) -> bool:
        """The noun is the object of a light verb whose own row names it ("hold obj=talks"), or
        of its preposition ("held two journalists as hostages"), or of any verb whose row
        names it as its object ("reaffirmed its support": reaffirm obj=support)."""
        verb = args.governor(noun)
        if noun.dep_ not in ("dobj", "pobj"):
            return False
        trig = self.match(verb)
        if not self.codes(trig) or not trig.specific:
            return False
        return verb.lemma_.lower() in self.light or noun.dep_ == "dobj" and any(
            key == "obj" and noun.lemma_.lower() in values for key, values in trig.when)

    def light_object(self, verb: Token) -> Token | None:
        """The event noun a light verb supports ("staged mass demonstrations", "gave a
        warm welcome to"), if the lexicon codes that noun."""
        if verb.lemma_.lower() not in self.light:
            return None
        for c in children_of(verb):
            if c.dep_ == "dobj" and c.pos_ == "NOUN":
                if self.codes(self.match(c)):
                    return c
                if args.quantity(c):  # "carried out dozens of attacks"
                    found = next((g for g in args.objects(c, {"of"}) if g.dep_ == "pobj" and self.codes(self.match(g))), None)
                    if found is not None:
                        return found
        return None

    def emit(self, b, sent, sidx, tok, trig, code, sources, targets, heads=(None, None)) -> None:
        story = self.parsed.story
        row_quad = code.quad_class
        status, attributed, cue = claim_status(self, b, tok)
        demand = self.demand(tok, attributed)
        cameo, status, sources, targets, reframed = self.reframe(tok, trig.cameo, status, attributed, cue,
                                                                 sources, targets, demand)
        if demand:  # the speaker asks the subject
            heads = (self._mention_head(b, sent, attributed), heads[0])
        if reframed:
            code = self.lex.code(cameo) or code
            targets = targets or self.hearers(b, tok, sources)  # "warned Latvia that it would impose ..."
        own = {_key(s) for s in sources}
        targets = [t for t in targets if _key(t) not in own  # "Chile ended its mediation": no target
                   and not self.own_forces(t, code.plover_type)]
        depth = sum(1 for _ in tok.ancestors)
        if tok.dep_ == "dobj" and trig.pos == "noun" and self.light_object(tok.head) == tok:
            depth -= 1  # the event of the light verb's clause
        elif _copula_of(tok) is not None:
            depth -= 2  # the copula's clause: "Peru is willing to withdraw its troops"
        elif trig.pos == "noun" and tok.dep_ == "pobj":
            gov = args.governor(tok)
            if gov.pos_ in ("VERB", "AUX") and not self.codes(self.match(gov)):
                # the event of an uncoded verb's clause: "remained on alert", "is responsible for killings"
                depth = sum(1 for _ in gov.ancestors)
        start = self.parsed.char(b, tok)
        trigger = Span(tok.text, start, start + len(tok.text))
        slots = self._target_slots(b, targets, heads[1])  # the same for every source
        for source in sources[:4] or [None]:
            source_head = self._conjunct_of(b, heads[0], source)
            for target, target_head in slots:
                if source is None and target is None and heads[0] is None and (
                        trig.roles != "undergo" or heads[1] is None) and not (
                        trig.pos == "noun" and self.public_occurrence(tok, code)):
                    continue
                confidence = 0.3 + 0.1 * (heads[0] is not None) + 0.25 * (source is not None) + 0.15 * (target is not None) \
                    + 0.1 * trig.specific + 0.05 * (status == "asserted") \
                    - 0.15 * (source is not None and not source.code) - 0.1 * (target is not None and not target.code) \
                    - 0.15 * trig.source.startswith("classifier")  # a guess from words, not a lexicon row
                why = f"{trig.source}{f' row {trig.row}' if trig.row else ''}: {trig.lemma} ({trig.pos}"
                why += "".join(f", {k}={'|'.join(sorted(v))}" for k, v in trig.when) + f") -> CAMEO {trig.cameo}"
                if reframed:
                    why += f"; reframed: {reframed}"
                elif cue:
                    why += f"; status {status}: {cue}"
                target_phrase = self.target_phrase(b, target_head)
                gate = self.gates.failed(b, tok, trig, source, target, source_head, target_head,
                                         target_phrase is not None, code.plover_type, row_quad,
                                         (status, cue, attributed))
                if source_head is not None:
                    why += f"; source by {self._source_rule(tok, trig)}"
                if self.derived(target) == "place":
                    why += f"; target by place: the country of {target.text}"
                elif self.derived(target) == "home":
                    why += f"; target by home: the country of its doers, {target.name}"
                if gate is not None:
                    why += f"; rejected by gate {gate.name}: {gate.reason}"
                else:
                    why += "; gates passed: " + self.gates.names
                (story.rejected if gate is not None else story.events).append(Event(
                    event_type=code.plover_type, mode=code.plover_mode, contexts=list(code.plover_contexts),
                    cameo=cameo, quad_class=code.quad_class, goldstein=code.goldstein,
                    source=source, target=target, trigger=trigger, date=story.published,
                    date_precision="story" if story.published else "unknown", time=None,
                    status=status, attributed_to=attributed, confidence=round(min(confidence, 0.95), 2),
                    sentence=self.text_of(sent), sentence_index=sidx, evidence=why, depth=depth,
                    source_phrase=self.phrase(b, source_head), target_phrase=target_phrase))
                if gate is None:
                    self.parsed.triggers.append((b, tok.i))

    def own_forces(self, ref: ActorRef, event_type: str) -> bool:
        """Forces of no named party ("sent thousands of troops") or that a possessive pronoun
        gives the doer ("withdrew its troops") are what it moves, not a party acted on
        (grammar.yaml ``own_forces``)."""
        rules = self.lex.grammar["own_forces"]
        return event_type in rules["types"] and ref.sector in rules["sectors"] and not ref.country


    @staticmethod
    def _source_rule(tok: Token, trig: Trigger) -> str:
        """Which argument rule found the source head, for the event's evidence."""
        if trig.pos == "verb":
            return "by-agent" if args.passive(tok) else args.subject_rule(tok)[1] or "nearest-party"
        if any(c.dep_ == "poss" for c in children_of(tok)):
            return "possessor"
        if any(o.dep_ == "pobj" for o in args.objects(tok, {"by"})):
            return "by-agent"
        return f"subject of the {args.carried_by(tok) or 'governing'} verb"


def code_events(parsed: Parsed, lex: Lexicon) -> None:
    """The event stage: fill ``story.events`` from triggers and actors."""
    parsed.story.events = []
    parsed.story.rejected = []
    parsed.triggers = []
    with args.remembering():
        Coder(parsed, lex).run()


def _key(ref) -> object:
    """What makes two role fillers one party: the actor, or for a country an adjective names
    (no actor: "Palestinian riots against Israeli policies") its code."""
    return ref.actor_id if ref.actor_id is not None else ref.code
