"""Code events: find triggers in the parse, fill source and target from the actors.

Input: a ``Parsed`` story whose actors are resolved. Output: ``story.events``
(dated provisionally on the publication date; the time stage refines the date)
and ``parsed.triggers`` (where each event's trigger sits, for later stages).

A trigger is a verb or noun listed in ``data/verbs.tsv``. The source is the
subject (inherited through "trying to arrest", "who ...", "after being ...");
the target is the object, a recipient preposition ("fight against Ukraine") or,
in the passive, the subject. A noun event takes its actors from its possessor
("Yoon's imposition"), from "by", or from a light verb ("held talks").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Span as SpacySpan, Token

from .. import arguments as args
from ..model import ActorRef, Event, Span
from ..parse import Parsed
from .fallback import classify
from .gate import Gates
from .lexicon import Lexicon, Trigger
from .status import claim_status

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
_MODALS = re.compile(r"\b(?:must|should|ought)\b")


def match(tok: Token, lex: Lexicon) -> Trigger | None:
    """The first trigger row for this token whose condition holds.

    Conditions (data/verbs.tsv header): obj=, prep=, prt=, head=, pp=prep:objects, objphrase=."""
    pos = "verb" if tok.pos_ == "VERB" else "noun" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    table = lex.triggers.get((tok.lemma_.lower(), pos)) or lex.triggers.get((tok.lower_, pos))
    if table is None:
        return None
    features = _Features(tok)
    best = len(table.rows)
    if table.by_object:
        hits = [table.by_object[w] for w in features.objects() if w in table.by_object]
        best = min(hits, default=best)
    for k in _candidates(table, features):
        index, row = table.others[k]
        if index >= best:
            break
        if all(features.holds(key, values) for key, values in row.when):
            return row
    return table.rows[best] if best < len(table.rows) else None


def _candidates(table, features: "_Features") -> list[int]:
    """Positions in ``table.others`` of the rows whose first condition can hold for this token."""
    if not table.needing:
        return table.always
    found = set(table.always)
    # a pp= row also looks at its direct object's prepositions ("held thousands of people as shields")
    words = [("prep", p) for p in features.preps | features.pp().keys()] + [("obj", o) for o in features.objects()]
    words += [("head", w) for w in features.heads()]
    for word in words:
        found.update(table.needing.get(word, ()))
    return sorted(found)


class _Features:
    """What the trigger conditions look at, computed once per token when first asked."""

    def __init__(self, tok: Token):
        self.tok = tok
        self._objects: set[str] | None = None
        self._pp: dict[str, set[str]] | None = None
        self._phrases: list[tuple[set[str], set[str]]] | None = None
        self.preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent", "prt") and not _dated(c)}
        if args.for_clause(tok) is not None:  # "called for Peru to withdraw" governs "for"
            self.preps.add("for")
        self.prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}

    def heads(self) -> tuple[str, ...]:
        """The lemma of the word a noun hangs on, and through a preposition the word that
        governs it ("went on strike": "on", "go")."""
        head = self.tok.head
        return (head.lemma_.lower(), head.head.lemma_.lower()) if self.tok.dep_ == "pobj" else (head.lemma_.lower(),)

    def objects(self) -> set[str]:
        if self._objects is None:
            self._objects = _object_lemmas(self.tok)
        return self._objects

    def holds(self, key: str, values: frozenset[str]) -> bool:
        if key == "obj":
            return bool(self.objects()) if "*" in values else not self.objects().isdisjoint(values)
        if key == "prep":
            return not self.preps.isdisjoint(values)
        if key == "prt":
            return not self.prts.isdisjoint(values)
        if key == "head":
            return not values.isdisjoint(self.heads())
        if key.startswith("pp:"):  # a preposition with one of these objects: "sentenced on charges"
            return not values.isdisjoint(self.pp().get(key[3:], ()))
        if key == "objphrase":  # "terrorist_attack": an object "attack" modified by "terrorist"
            return any(set(mods) <= modifiers and head in words for phrase in values
                       for *mods, head in [phrase.split("_")] for words, modifiers in self.phrases())
        return False

    def pp(self) -> dict[str, set[str]]:
        """Preposition -> the words of its objects, for the trigger's own prepositions and
        its direct object's ("sentenced him on charges", "declared a state of emergency")."""
        if self._pp is None:
            self._pp = {}
            heads = [self.tok, *(c for c in self.tok.children if c.dep_ in ("dobj", "nsubjpass"))]
            for c in (c for h in heads for c in h.children):
                if c.dep_ == "prep":
                    self._pp.setdefault(c.lower_, set()).update(
                        w for g in c.children if g.dep_ == "pobj" for w in (g.lemma_.lower(), g.lower_))
        return self._pp

    def phrases(self) -> list[tuple[set[str], set[str]]]:
        """(words, modifier words) of each object."""
        if self._phrases is None:
            self._phrases = [({c.lemma_.lower(), c.lower_},
                              {w for g in c.children for w in (g.lemma_.lower(), g.lower_)})
                             for c in self.tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return self._phrases


def _dated(prep: Token) -> bool:
    """A preposition that only dates the event ("telephoned X on Tuesday" is no "call on")."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


def _copula_of(tok: Token) -> Token | None:
    """The copula whose clause ``tok`` completes: "is" in "Peru is willing to withdraw"."""
    head = tok.head
    return head.head if tok.dep_ == "xcomp" and head.dep_ == "acomp" and head.head.pos_ == "AUX" else None


def _counted(tok: Token) -> bool:
    """A number that heads what it counts ("dozens of demonstrators")."""
    return tok.ent_type_ == "CARDINAL" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _names_place(tok: Token) -> bool:
    """A place name, or a part of one ("parts of Kashmir", "Niger's Maradi region")."""
    if tok.ent_type_ in _PLACES:
        return True
    return any(c.ent_type_ in _PLACES for c in tok.children if c.dep_ in ("poss", "compound")) or any(
        g.ent_type_ in _PLACES for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


def _object_lemmas(tok: Token) -> set[str]:
    """Lemmas of what a trigger acts on: objects and their conjuncts, noun modifiers,
    "of" objects ("launch of a missile"), and the noun of a quantity ("thousands of troops")."""
    words: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "compound", "amod", "nmod", "xcomp"):
            words += [c, *c.conjuncts]
            words += [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ == "of":
            words += [g for g in c.children if g.dep_ == "pobj"]
    return {w.lemma_.lower() for w in words} | {w.lower_ for w in words}


class Coder:
    """Codes one story (``code_events`` below is the stage function)."""

    def __init__(self, parsed: Parsed, lex: Lexicon):
        self.parsed = parsed
        self.lex = lex
        g = lex.grammar
        self.light = set(g["light_verbs"])
        self.target_preps = set(g["target_preps"])
        self.source_preps = set(g["source_preps"])
        self.relative = set(g["relative_pronouns"])
        self.inherit_preps = set(g["inherit_preps"])
        self.partitive = set(g["partitive_nouns"])
        self.phrase_preps = set(g["phrase_preps"])
        self.party_preps = set(g["party_preps"])
        self.place_preps = set(g["place_preps"])
        self.of_verbs = set(g["of_verbs"])
        self.adverbial_nouns = set(g["adverbial_nouns"])
        self.party_nouns = lex.party_nouns
        self.described_nouns = set(g["described_nouns"])
        self.mission_nouns = set(g["mission_nouns"])
        self.creation_verbs = set(g["creation_verbs"])
        self.doer_adjectives = set(g["doer_adjectives"])
        self.stative = set(g["stative_verbs"])
        self._b = 0  # block of the sentence being coded
        self.gates = Gates(parsed, *lex.gates, self._party_word, frozenset(g["partitive_nouns"]))
        self._matches: dict[tuple[int, int], Trigger | None] = {}
        self._words: dict[int, list[int]] = {}  # id(doc) -> tokens whose word has trigger rows
        self._phrases: dict[tuple[int, int, bool], SpacySpan] = {}  # (block, token, core) -> phrase

    def match(self, tok: Token) -> Trigger | None:
        """``match`` for a token of this story, computed once."""
        key = (id(tok.doc), tok.i)
        if key not in self._matches:
            self._matches[key] = match(tok, self.lex) if tok.i in self.trigger_words(tok.doc) else None
        return self._matches[key]

    def trigger_words(self, doc) -> list[int]:
        """Indices of the tokens whose word or lemma has trigger rows (no other can match)."""
        found = self._words.get(id(doc))
        if found is None:
            ids = self.lex.trigger_ids
            found = self._words[id(doc)] = [i for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist())
                                            if lower in ids or lemma in ids]
        return found

    # -- actors of a token ---------------------------------------------------
    def actors(self, b: int, tok: Token | None) -> list[ActorRef]:
        return args.actors_of(self.parsed, b, tok)

    def _owners(self, b: int, obj: Token) -> list[ActorRef]:
        """Whose proposal, demand or decision an event noun object is ("rejected Chile's
        offer", "the Bolivian proposal"); not forces or weapons, which are the subject's."""
        if obj.pos_ != "NOUN" or not self._event_noun(obj):
            return []
        return [r for r in self.actors(b, obj) + self.parsed.modifiers_of(b, obj) if r.sector != "MIL"]

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
                # the event uses or is about; a recipient can still hang off it
                targets += [r for c in o.children if c.dep_ == "prep" and c.lower_ in self.target_preps
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
        sources += [r for o in args.objects(tok, {"by"}) if o.dep_ == "pobj" for r in self.actors(b, o)]
        targets = [r for o in args.objects(tok, self.target_preps | {"of"}) for r in self.actors(b, o)]
        gov = args.governor(tok)
        if args.carried_by(tok) == "light":
            if not sources:
                sources = self.actors(b, args.subject(gov))
            targets += [r for o in args.objects(gov, self.target_preps) if o.i != tok.i  # "gave a welcome to X"
                        for r in self.actors(b, o)]
        elif args.carried_by(tok) == "circumstance":
            sources = sources or self.actors(b, args.subject(gov))  # "arrived for talks", "in protest", "on alert"
        return sources, targets

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
                agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if subj is not None and not self._party_like(subj):  # "the painting was returned to its owner"
                    subj = self._target_head([subj, *(o for o in objects if o.dep_ == "pobj" and o not in agents)]) or subj
                return (agents[0] if agents else None), subj
            force = trig.cameo[:2] in _FORCE and trig.cameo[:3] != "172"
            # with no object, the place or the office's country: "arrived in Nepal", "resigned
            # as president of Indonesia"
            head = self._target_head(objects, force) or self._place_in(tok) or self._office_of(tok)
            if not self._party_like(head):  # "mobilising funds to support reconstruction in Peru"
                head = self._nearest_party(tok) or head
            return subj, head
        source = next((c for c in tok.children if c.dep_ == "poss"), None)
        by = [o for o in args.objects(tok, {"by"}) if o.dep_ == "pobj"]
        gov = args.governor(tok)
        if source is None:
            source = by[0] if by else args.subject(gov) if gov.pos_ in ("VERB", "AUX") else None
        targets = [o for o in args.objects(tok, self.target_preps | {"of"}) if o.dep_ == "pobj"
                   and (o.ent_type_ not in NOT_ACTORS or _counted(o))]  # "concern on Friday"
        if not targets and tok.dep_ == "pobj" and gov.pos_ in ("VERB", "AUX"):  # "remained on alert in Paris"
            return source, self._place_in(tok, gov)
        return source, (targets[0] if targets else None)

    def _target_head(self, objects: list[Token], force: bool = False) -> Token | None:
        """Which object is the recipient (dates and, beside a direct object, instruments
        left out): not what a verb makes, but who it is made with ("established ties with
        Peru"); an actor object, unless it is forces the subject moves, whose place or
        purpose is the recipient ("withdrew its troops from Kashmir"); else a named object;
        else a party's own proposal ("welcomed Putin's offer"); else the author of what the
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
        if first.dep_ in _DIRECT and not any(self._party(r) for r in self._recipients_inside(first)) and any(
                c.dep_ in ("poss", "compound", "nmod") and c.pos_ != "PRON" and self._party(c) for c in first.children):
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
            inner = [g for c in first.children if c.dep_ == "prep" and c.lower_ in self.party_preps
                     for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in NOT_ACTORS
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
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        return lemma in self.creation_verbs or any(f"{lemma} {p}" in self.creation_verbs for p in particles)

    def _moved(self, obj: Token, refs: list[ActorRef]) -> bool:
        """The object is what the subject moves, not the party acted on: its own ("its
        troops") or forces of no other country ("sent troops to Peru")."""
        if obj.dep_ != "dobj":
            return False
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
            return True
        countries = {r.country for r in self.actors(self._b, args.subject(obj.head))}
        return all(r.sector == "MIL" and r.country in countries | {None} for r in refs)

    def _authors(self, obj: Token) -> list[Token]:
        """Who made what a verb's object names: a party word after "by" or "from"
        ("rejected accusations from the Chilean government"; the parse often hangs the "by"
        on the verb: "denied charges by Chile")."""
        heads = (obj, obj.head) if obj.dep_ == "dobj" and not args.passive(obj.head) else (obj,)
        return [g for h in heads for c in h.children if c.dep_ == "prep" and (
                    c.lower_ == "by" or c.lower_ == "from" and h.i == obj.i)
                for g in c.children if g.dep_ == "pobj" and self._party_word(g)]

    def _helped(self, verb: Token) -> Token | None:
        """The party a thing is given or moved for: the named or actor object of the verb's
        purpose clause ("donated ventilators to assist Ethiopia") or of its "for" event."""
        for c in verb.children:
            if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and any(m.lower_ == "to" for m in c.children):
                # "to assist Nepal", "to fight against Ukraine", "to help Nepal recover"
                for o in args.objects(c, self.target_preps) or args.misparsed_object(c):
                    if self._party(o):
                        return o
            if c.dep_ == "prep" and c.lower_ == "for":  # "mobilized troops for an assault on Peru"
                for g in c.children:
                    if g.dep_ == "pobj" and self._event_noun(g):
                        inner = [o for o in args.objects(g, self.party_preps) if o.dep_ == "pobj"
                                 and self._party(o)]
                        if inner:
                            return inner[0]
        return None

    def _party_word(self, tok: Token) -> bool:
        """The token can name a target: a party, a proper noun, or a noun of people or
        bodies (data/agents.tsv, grammar.yaml ``party_nouns``: "18 people", "the striking miners")
        that is not a modifier ("a prisoner exchange", "joint military exercises")."""
        return self._party(tok) or tok.pos_ == "PROPN" and tok.ent_type_ not in _NAMED_THINGS or (
            tok.dep_ not in ("compound", "amod", "nmod") and bool({tok.lemma_.lower(), tok.lower_} & self.party_nouns))

    def _party_like(self, tok: Token | None) -> bool:
        """The core phrase ``tok`` heads names a party ("Trump's comments", "aid agencies"),
        not only a thing ("a curfew", "additional funds")."""
        span = self._phrase_tokens(self._b, tok, core=True)
        return span is not None and any(self._party_word(t) for t in span if t.ent_type_ not in NOT_ACTORS
                                        and not (t.dep_ == "poss" and t.pos_ == "PRON"))  # "its weapons"

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
                    if moved is not None and c.i == moved.i or makes and c.dep_ in ("dobj", "prep"):
                        continue
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

    def phrase(self, b: int, tok: Token | None, core: bool = False) -> Span | None:
        """The noun phrase ``tok`` heads, without relative clauses or edge punctuation;
        ``core`` also drops what follows the head except "of" and place phrases ("hundreds of
        banks over involvement in ..." -> "hundreds of banks"), unless the head needs it
        ("people affected by the floods")."""
        span = self._phrase_tokens(b, tok, core)
        if span is None:
            return None
        s, e = self.parsed.span_offsets(b, span)
        return Span(span.text, s, e)

    def _phrase_tokens(self, b: int, tok: Token | None, core: bool = False) -> SpacySpan | None:
        """The tokens of ``phrase`` (computed once per token)."""
        if tok is None or tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            return None
        key = (b, tok.i, core)
        if key not in self._phrases:
            self._phrases[key] = self._find_phrase(b, tok, core)
        return self._phrases[key]

    def _find_phrase(self, b: int, tok: Token, core: bool) -> SpacySpan:
        if (b, tok.i) in self.parsed.antecedents:  # "Syria says it ...": Syria fills the role
            tok = tok.doc[self.parsed.antecedents[(b, tok.i)]]
        elif tok.pos_ == "PRON":  # "called Erdogan and urged him": the name the pronoun stands for
            tok = self._named_mention(b, tok) or tok
        if core:
            described = tok.lemma_.lower() in self.described_nouns
            cut = [t for t in tok.subtree if t.i > tok.i and (
                self._cut_from_described(tok, t) if described else self._cut_from_core(t))]
        else:
            cut = [c for c in tok.children if c.dep_ in ("relcl", "acl", "cc", "conj") and c.i > tok.i]
        end = min([c.left_edge.i for c in cut] + [tok.right_edge.i + 1])
        start = tok.left_edge.i
        for owner in args.misparsed_possessors(self.parsed, b, tok):  # "Biden and Japan's prime minister": from "Japan"
            start = max(start, owner.conjuncts[-1].left_edge.i)
        doc = tok.doc
        while end - 1 > start and doc[end - 1].is_punct and not (  # "the Lesotho Defence Force (LDF)"
                doc[end - 1].is_right_punct and any(t.is_left_punct for t in doc[start:end - 1])):
            end -= 1
        words = [t.lower_ for t in doc[start:end]]
        if end < len(doc) and doc[end].lower_ == ")" and words.count("(") > words.count(")"):
            end += 1  # "the Communist Party of Peru (CPP - Red Flag)"
        while start < tok.i and (doc[start].is_punct or tok.conjuncts and doc[start].lower_ in ("both", "either")):
            start += 1  # each conjunct its own phrase: "both India and Pakistan" -> "India", "Pakistan"
        return doc[start:end]

    def _named_mention(self, b: int, pron: Token) -> Token | None:
        """The head of the earlier mention, in the same sentence, of the actor a pronoun refers to."""
        ids = {r.actor_id for r in self.parsed.actors_at(b, pron)}
        for t in pron.sent:
            if t.i >= pron.i:
                return None
            if t.pos_ in ("PROPN", "NOUN") and ids & {r.actor_id for r in self.parsed.actors_at(b, t)}:
                while t.head.i != t.i and ids & {r.actor_id for r in self.parsed.actors_at(b, t.head)}:
                    t = t.head
                return t
        return None

    @staticmethod
    def _cut_from_described(head: Token, t: Token) -> bool:
        """What the core phrase of a noun that needs its description (grammar.yaml
        ``described_nouns``: "people affected by the floods", "those who fled") leaves out:
        dates, purpose clauses, roles ("as shields"), and conjuncts of the noun or of its own
        prepositional objects ("people in Lima, Cusco and Arequipa": three targets)."""
        if t.dep_ in ("cc", "conj"):
            return t.head == head or t.head.head.head == head
        if t.dep_ == "prep" and t.lower_ == "as":  # a role, not a description: "held families as shields"
            return True
        return t.ent_type_ in ("DATE", "TIME") or t.dep_ in ("acl", "advcl", "relcl") and any(
            m.dep_ == "aux" and m.lower_ == "to" for m in t.children)

    def _cut_from_core(self, t: Token) -> bool:
        """What a core phrase leaves out after its head: clauses, conjuncts, dates, a
        descriptive apposition ("Gul Rahman, a suspected militant"; "Arica, Peru's northern
        port city"; "the Palestinian president, Mahmoud Abbas" and a bracketed acronym stay)
        and prepositional phrases other than "of" and place or origin ("the embassy in
        Kabul", "diplomats from Poland")."""
        if t.dep_ in ("relcl", "acl", "cc", "conj", "advcl") or t.ent_type_ in ("DATE", "TIME"):
            return True
        if t.dep_ == "appos":
            bracketed = t.left_edge.is_left_punct or t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].is_left_punct
            return t.left_edge.lower_ in ("a", "an") or t.head.ent_type_ in ("GPE", "LOC", "FAC") and not bracketed \
                and not self.parsed.actors_at(self._b, t)
        if t.dep_ == "prep" and t.lower_ == "in" and (t.head.ent_type_ == "PERSON" or (
                t.head.tag_ == "NN" and t.head.lemma_.lower() in self.lex.titles)):
            return True  # where a person is, not who: "Donald Trump in Washington", "the ambassador in Lima"
        if t.dep_ == "prep" and t.lower_ == "of" and t.head.dep_ == "dobj" and t.head.head.lemma_ in self.of_verbs:
            return True  # the verb's "of", misattached: "accused the military of mass killings"
        if t.dep_ == "prep":
            return t.lower_ not in self.phrase_preps or any(g.ent_type_ in ("DATE", "TIME") for g in t.subtree)
        return False

    # -- events ----------------------------------------------------------------
    def codes(self, trig: Trigger | None) -> bool:
        """The row codes an event: not a skip row, and PLOVER types its CAMEO code."""
        return trig is not None and trig.roles != "skip" and self.lex.code(trig.cameo) is not None

    def governed_by_event(self, tok: Token) -> bool:
        """An event inside another event's complement ("threatened to attack", "called for
        Peru to withdraw") is that event; not the complement of a verb that only announces it
        (reframe.yaml ``announcing_verbs``: "pledged to impose sanctions" is the sanctions)."""
        if (tok.dep_ != "xcomp" and args.for_clause(tok.head) != tok) or tok.head.i == tok.i:
            return False
        return self.codes(self.match(tok.head)) and not self.announces(tok.head)

    def announces(self, verb: Token) -> bool:
        """The verb announces an act its complement codes ("pledged to impose sanctions")."""
        return verb.lemma_.lower() in self.lex.reframe["announcing_verbs"] and any(
            args.relation(c) == "xcomp" and c.pos_ == "VERB" and self.codes(self.match(c)) for c in verb.children)

    def run(self) -> None:
        for b, block, sent, sidx in self.parsed.sentences():
            story = self.parsed.story
            before, stopped = len(story.events), len(story.rejected)
            self._code_sentence(b, sent, sidx)
            if _MODALS.search(sent.text):
                self.demands(b, sent, sidx, {i for _, i in self.parsed.triggers[before:]})
            if len(story.events) == before and len(story.rejected) == stopped:
                self.fallback(b, sent, sidx)  # a sentence whose events a gate stopped is not guessed at

    def demands(self, b: int, sent, sidx: int, coded: set[int]) -> None:
        """PLOVER's reported "must": "the minister reiterated that Libya must hand over the
        suspects" is the speaker's REQUEST to Libya whatever the verb, so a verb no row codes
        still gives one when it has a demand modal, an actor subject and a speech verb above."""
        rules = self.lex.reframe["demand_modals"]
        for tok in sent:
            if tok.dep_ != "aux" or tok.lower_ not in rules or tok.head.i in coded or tok.head.pos_ != "VERB":
                continue
            verb = tok.head
            if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in self.lex.speech:
                continue  # only what a speaker says must happen, not "the consensus that X must"
            self._b = b
            subject = args.subject(verb)
            sources = self.actors(b, subject)
            if not sources or claim_status(self, b, verb)[1] is None:
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
            if trig is None or trig.roles == "skip" or self.governed_by_event(tok) or self.announces(tok):
                continue
            code = self.lex.code(trig.cameo)
            if code is None:
                continue
            if trig.pos == "verb" and not trig.specific and self.light_object(tok) is not None:
                continue  # "staged a protest": the noun is the event, the verb only supports it
            if trig.pos == "noun" and self.coded_by_light_verb(tok):
                continue  # "held talks": a row for the pair codes it once
            self._b = b
            heads = self.argument_heads(tok, trig)
            if trig.pos == "verb":
                sources, targets = self.verb_roles(b, tok, trig)
                targets = targets or self.actors(b, heads[1])  # "donated ventilators to assist Nepal"
                if not sources and not args.passive(tok) and trig.roles != "undergo" and not (
                        heads[0] is not None and heads[0].pos_ in ("NOUN", "PROPN")):
                    continue  # no actor and no nominal subject: nothing did it
            else:
                sources, targets = self.noun_roles(b, tok)
                if not sources and not (args.carried_by(tok) and self._party_like(heads[0])):
                    continue  # no one did it; or a party that carries it ("hundreds of miners went on strike")
            if trig.roles == "all" and not targets and len(sources) > 1:
                sources, targets = sources[:1], sources[1:]
            self.emit(b, sent, sidx, tok, trig, code, sources, targets, heads)

    def coded_by_light_verb(self, noun: Token) -> bool:
        """The noun is the object of a light verb whose own row names it ("hold obj=talks"), or
        of its preposition ("held two journalists as hostages")."""
        verb = args.governor(noun)
        if noun.dep_ not in ("dobj", "pobj") or verb.lemma_.lower() not in self.light:
            return False
        trig = self.match(verb)
        return self.codes(trig) and trig.specific

    def light_object(self, verb: Token) -> Token | None:
        """The event noun a light verb supports ("staged mass demonstrations", "gave a
        warm welcome to"), if the lexicon codes that noun."""
        if verb.lemma_.lower() not in self.light:
            return None
        for c in verb.children:
            if c.dep_ == "dobj" and c.pos_ == "NOUN":
                if self.codes(self.match(c)):
                    return c
        return None

    def demand(self, tok, attributed) -> str | None:
        """The CAMEO code of a reported "must" ("X said Y must ..."), if the event is one."""
        if attributed is None or tok.pos_ != "VERB":
            return None
        codes = self.lex.reframe["demand_modals"]
        clause = _copula_of(tok) or tok  # "must be ready to withdraw"
        return next((codes[c.lower_] for c in clause.children if c.dep_ == "aux" and c.lower_ in codes), None)

    def reframe(self, tok, cameo, status, attributed, cue, sources, targets, demand=None):
        """PLOVER's rules for announced events: intended cooperation is AGREE, intended
        conflict THREATEN, cooperation announced as not going to happen REJECT, a reported
        "must" (``demand``) the speaker's REQUEST (data/reframe.yaml)."""
        rules = self.lex.reframe
        riot = rules["riot"]
        if cameo[:2] in riot["roots"] and self._rioting(tok, riot["agents"]):
            return riot["code"], status, sources, targets, "violence by protesters is a riot (CAMEO 145)"
        if demand:
            modals = "/".join(sorted({c.lower_ for c in tok.children if c.dep_ == "aux"}))
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

    def _rioting(self, tok: Token, agents: list[str]) -> bool:
        """The event's subject is people protesting (reframe.yaml ``riot.agents``)."""
        subject = args.subject(tok) if tok.pos_ == "VERB" else next(
            (c for c in tok.children if c.dep_ == "poss"), None)
        return subject is not None and (subject.lower_ in agents or subject.lemma_.lower() in agents)

    def _intention(self, tok, attributed) -> str | None:
        """The word that makes this event announced rather than done: "will", a reported
        "would", a clause of condition ("if"), or a governing intention verb ("plans to",
        "vowed to")."""
        rules = self.lex.reframe
        for c in tok.children:
            if c.dep_ == "aux" and (c.lower_ in rules["future_cues"] or (
                    c.lower_ in rules["reported_future_cues"] and attributed is not None)):
                return c.lower_
            if c.dep_ == "advcl":  # "may halt mediation if ..."
                mark = next((m.lower_ for m in c.children if m.dep_ == "mark"), None)
                if mark in rules["conditional_cues"]:
                    return mark
        node = tok
        while args.relation(node) in ("xcomp", "conj") and node.head.i != node.i:
            node = node.head
            if node.lemma_.lower() in rules["future_cues"]:
                return node.lemma_.lower()
        return None

    def emit(self, b, sent, sidx, tok, trig, code, sources, targets, heads=(None, None)) -> None:
        story = self.parsed.story
        status, attributed, cue = claim_status(self, b, tok)
        demand = self.demand(tok, attributed)
        cameo, status, sources, targets, reframed = self.reframe(tok, trig.cameo, status, attributed, cue,
                                                                 sources, targets, demand)
        if demand:  # the speaker asks the subject
            heads = (self._mention_head(b, sent, attributed), heads[0])
        if reframed:
            code = self.lex.code(cameo) or code
        own = {s.actor_id for s in sources}
        targets = [t for t in targets if t.actor_id not in own]  # "Chile ended its mediation": no target
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
        for source in sources[:4] or [None]:
            source_head = self._conjunct_of(b, heads[0], source)
            for target, target_head in self._target_slots(b, targets, heads[1]):
                if source is None and target is None and heads[0] is None and (
                        trig.roles != "undergo" or heads[1] is None):
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
                                         target_phrase is not None)
                if source_head is not None:
                    why += f"; source by {self._source_rule(tok, trig)}"
                if gate is not None:
                    why += f"; rejected by gate {gate.name}: {gate.reason}"
                else:
                    why += "; gates passed: " + ", ".join(g.name for g in self.gates.gates)
                (story.rejected if gate is not None else story.events).append(Event(
                    event_type=code.plover_type, mode=code.plover_mode, contexts=list(code.plover_contexts),
                    cameo=cameo, quad_class=code.quad_class, goldstein=code.goldstein,
                    source=source, target=target, trigger=trigger, date=story.published,
                    date_precision="story" if story.published else "unknown", time=None,
                    status=status, attributed_to=attributed, confidence=round(min(confidence, 0.95), 2),
                    sentence=sent.text, sentence_index=sidx, evidence=why, depth=depth,
                    source_phrase=self.phrase(b, source_head), target_phrase=target_phrase))
                if gate is None:
                    self.parsed.triggers.append((b, tok.i))

    @staticmethod
    def _source_rule(tok: Token, trig: Trigger) -> str:
        """Which argument rule found the source head, for the event's evidence."""
        if trig.pos == "verb":
            return "by-agent" if args.passive(tok) else args.subject_rule(tok)[1] or "nearest-party"
        if any(c.dep_ == "poss" for c in tok.children):
            return "possessor"
        if any(o.dep_ == "pobj" for o in args.objects(tok, {"by"})):
            return "by-agent"
        return f"subject of the {args.carried_by(tok) or 'governing'} verb"

    def _target_slots(self, b: int, targets: list[ActorRef],
                      head: Token | None) -> list[tuple[ActorRef | None, Token | None]]:
        """One (actor, phrase head) per target: each actor with its own conjunct, then each
        coordinated party no actor was resolved from ("will not release prisoners and
        detainees": two targets)."""
        slots = [(t, self._conjunct_of(b, head, t)) for t in targets[:4]] or [(None, head)]
        if head is not None:
            taken = {h.i for _, h in slots if h is not None}
            slots += [(None, c) for c in head.conjuncts if c.i not in taken and not self.parsed.actors_at(b, c)
                      and self._party_word(c)]
        return slots[:4]

    def target_phrase(self, b: int, head: Token | None) -> Span | None:
        """The core phrase of a target head, if it names a party: the target is who is acted
        on, so "fired a missile" or "eased a curfew" has no target phrase."""
        if not (self._party_like(head) or self._recipient(head)):
            return None
        return self.phrase(b, self._party_inside(b, head), core=True)

    def _recipient(self, tok: Token) -> bool:
        """Who a verb's object is given or sent to, a party whatever the noun ("gave money to
        developers")."""
        if tok is None or tok.dep_ != "pobj" or tok.head.lower_ != "to" or tok.pos_ not in ("NOUN", "PROPN"):
            return False
        verb = tok.head.head
        return verb.pos_ == "VERB" and any(c.dep_ == "dobj" for c in verb.children) \
            and tok.ent_type_ not in NOT_ACTORS and not self._event_noun(tok)

    def _party_headed(self, tok: Token) -> bool:
        """A party word, or a thing a party owns or qualifies ("Trump's comments", "US strategy")."""
        return self._party_word(tok) or any(c.dep_ in ("poss", "compound", "amod", "nmod") and c.pos_ != "PRON"
                                            and self._party(c) for c in tok.children)

    def _party_inside(self, b: int, head: Token) -> Token:
        """The party a target phrase is about when its head is a thing that no party owns:
        the nearest such prepositional object inside the phrase ("lifted its blockade of
        Bolivia", "ended its mediation efforts in the Andean republic"); quantities and parts keep
        their head ("dozens of activists", "parts of Lima")."""
        mission = head.lemma_.lower() in self.mission_nouns or any(  # "the UN peacekeeping force"
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in self.mission_nouns for c in head.children)
        if not mission and self._party_headed(head) or {head.lower_, head.lemma_.lower()} & self.partitive \
                or head.pos_ in ("NUM", "PRON") or head.ent_type_ in NOT_ACTORS:
            return head
        span = self._phrase_tokens(b, head, core=True)
        level = [head]
        while level:
            inside = [c for node in level for c in node.children if span.start <= c.i < span.end]
            found = next((c for c in inside if c.dep_ == "pobj" and self._party_headed(c)), None)
            if found is not None:
                return found
            level = inside
        return head

    def _mention_head(self, b: int, sent, ref: ActorRef) -> Token | None:
        """The token heading an actor mention's text in the sentence."""
        inside = [t for t in sent if ref.start <= self.parsed.char(b, t) < ref.end]
        return next((t for t in inside if t.head not in inside or t.head == t), None)

    def _conjunct_of(self, b: int, head: Token | None, actor: ActorRef | None) -> Token | None:
        """The conjunct of an argument head that names ``actor`` ("the UK and France"
        condemned: France's event has the phrase "France"), else the head itself."""
        if head is None or actor is None:
            return head
        for t in (head, *head.conjuncts, *args.misparsed_possessors(self.parsed, b, head)):
            if any(r.actor_id == actor.actor_id for r in self.parsed.actors_at(b, t)):
                return t
        for t in head.subtree:  # "expelled diplomats from Peru, Bolivia and Ecuador": "Bolivia"
            for c in t.conjuncts:
                if c.i > t.i and any(r.actor_id == actor.actor_id for r in self.parsed.actors_at(b, c)):
                    return c
        return head


def code_events(parsed: Parsed, lex: Lexicon) -> None:
    """The event stage: fill ``story.events`` from triggers and actors."""
    parsed.story.events = []
    parsed.story.rejected = []
    parsed.triggers = []
    Coder(parsed, lex).run()
