"""Event gates: what an event must be to be coded, from PLOVER's own definition.

An event is an interaction of political actors. ``Gates.failed`` names the first gate of
``data/gates.yaml`` an event fails, reading what each argument *is* (``type_of``: the
types of ``data/argument_types.yaml``), so the same rule holds for every trigger: a
disaster that kills is no attack, force used on a bill is a figure of speech.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from .. import arguments as args
from ..arguments import children_of
from .. import resources
from ..model import ActorRef
from ..parse import Parsed
from .lexicon import Trigger
from .status import INVERTED

#: Entity types that name a place (the small model tags many places ORG: those are parties anyway).
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
TYPE_ORDER = ("weapon", "disaster", "contest", "abstract")
_SCORE = re.compile(r"\d+[-–]\d+")
_NUMBER = re.compile(r"\S+")
_SCORE_TEXT = re.compile(r"\d\s?[-–]\s?\d")
_GAME = re.compile(r"\d{1,2}")  # a game's goals or points, never a year ("the 1980-88 war")


def _score(tok: Token, pattern: re.Pattern = _NUMBER) -> bool:
    """A poll's or a match's score ("42-40"), as one token or three (``pattern``: what each side
    may be, any number by default)."""
    if _SCORE.fullmatch(tok.text):
        return all(pattern.fullmatch(side) for side in re.split("[-–]", tok.text))
    doc = tok.doc
    return tok.like_num and tok.i + 2 < len(doc) and doc[tok.i + 1].text in ("-", "–") and doc[tok.i + 2].like_num \
        and bool(pattern.fullmatch(tok.text)) and bool(pattern.fullmatch(doc[tok.i + 2].text))


@dataclass(frozen=True, slots=True)
class Gate:
    name: str
    reason: str
    params: dict


def load_gates() -> tuple[list[Gate], dict[str, frozenset[str]]]:
    """The gates in order, and the word lists of each argument type."""
    gates = [Gate(g["name"], g["reason"], {k: v for k, v in g.items() if k not in ("name", "reason", "example")})
             for g in resources.load_yaml("gates.yaml")]
    types = {k: frozenset(v) for k, v in resources.load_yaml("argument_types.yaml").items()}
    return gates, types


class Gates:
    """The gates for one story; ``is_party`` says whether a token names a person, group or body."""

    def __init__(self, parsed: Parsed, gates: list[Gate], types: dict[str, frozenset[str]],
                 is_party: Callable[[Token], bool], partitive: frozenset[str] = frozenset(),
                 derived: Callable[[ActorRef | None], object] = lambda ref: None,
                 per_sentence: Callable = lambda name, tok, find: find(tok.sent)):
        self.parsed = parsed
        self.partitive = partitive
        self.gates = gates
        self.types = types
        self.is_party = is_party
        self.derived = derived  # the target is no mention: a place's country, the doers' home
        self.per_sentence = per_sentence  # find(sentence) for the sentence holding a token, once per sentence
        self.b = 0
        self.event_type = ""
        self.quad = 0
        self.claim: tuple = ("asserted", None, None)
        self._scored: dict[int, bool] = {}  # block -> a score-like "4-2" is in it
        self._public = frozenset(next(g.params["public"] for g in gates if g.name == "political-actor"))
        self._checks = [(g, getattr(self, "_" + g.name.replace("-", "_"))) for g in gates]  # each gate's test
        self.names = ", ".join(g.name for g in gates)  # the evidence of an event that passes them all

    def type_of(self, tok: Token | None) -> str:
        """What an argument head is: actor, weapon, disaster, contest, abstract, party, place,
        thing, or none."""
        if tok is None:
            return "none"
        lower = tok.lower_
        words = {tok.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower}
        mods = {w for c in children_of(tok) if c.dep_ in ("compound", "amod", "nmod")
                for w in (c.lemma_.lower(), c.lower_)}
        blast = bool(words & self.types["blasts"] and mods & self.types["weapon"])  # "a car bomb explosion"
        if words & self.types["disaster"] and not blast:
            return "disaster"  # "wildfires", even where a name was wrongly found in it
        if tok.pos_ == "PROPN" and mods & self.types["named_disasters"]:
            return "disaster"  # "Typhoon Haiyan": a storm's name
        if self.parsed.actors_at(self.b, tok):
            return "actor"
        of = args.of_objects(tok)
        if of and (tok.like_num or tok.pos_ == "NUM" or words & self.partitive):
            return self.type_of(of[0])  # "hundreds of miners", "a number of websites"
        for kind in TYPE_ORDER:
            if words & self.types[kind]:
                if kind == "disaster" and blast:
                    return "weapon"  # "a car bomb explosion"
                return kind
        if mods & self.types["weapon"]:
            return "weapon"  # "an improvised explosive device"
        if self.is_party(tok):
            return "thing" if mods & self.types["accident_modifiers"] else "party"
        if tok.ent_type_ in _PLACE_ENTS or words & self.types["place"]:
            return "place"
        return "thing"

    def failed(self, b: int, trigger: Token, row: Trigger, source: ActorRef | None, target: ActorRef | None,
               source_head: Token | None, target_head: Token | None, has_target_phrase: bool,
               event_type: str = "", quad: int = 0, claim: tuple = ("asserted", None, None)) -> Gate | None:
        """The first gate this event fails, or None. ``row`` is the lexicon row that coded the
        trigger: its own CAMEO code and the object words it names (the thing used, not acted on);
        ``claim`` is its (status, cue, attributed_to) from ``status.claim_status``."""
        self.b, self.event_type, self.quad, self.claim = b, event_type, quad, claim
        for gate, check in self._checks:
            if check(gate.params, trigger, row, source, target, source_head, target_head, has_target_phrase):
                return gate
        return None

    def _disaster(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if source is not None and self.type_of(source_head) != "disaster":
            return False
        causes = [source_head] if source_head is not None else []
        causes += [g for c in children_of(trigger) if c.dep_ in ("prep", "agent") and c.lower_ in params["cause_preps"]
                   for g in children_of(c) if g.dep_ == "pobj"]
        if trigger.dep_ in ("advcl", "conj") and trigger.head.lemma_.lower() in params["accident_verbs"]:
            # "the plane crashed, killing all 72": the main clause's accident did it, unless a weapon or an actor
            doer = next((c for c in children_of(trigger.head) if c.dep_ in ("nsubj", "nsubjpass")), None)
            if self.type_of(doer) not in ("actor", "weapon"):
                return True
        return any(self.type_of(t) == "disaster" for t in causes)

    def public(self, event_type: str) -> bool:
        """Events of this type need no named doer (gates.yaml political-actor ``public``)."""
        return event_type in self._public

    def _political_actor(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if source is not None or target is not None or has_phrase or self.public(self.event_type):
            return False
        return self.type_of(source_head) not in ("actor", "party") and \
            self.type_of(target_head) not in ("actor", "party", "place")

    def _figurative_force(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if not row.cameo.startswith(tuple(params["codes"])):
            return False
        used = {w for key, values in row.when if key in ("obj", "objphrase") for v in values for w in v.split("_")}
        acted_on = [target_head] if target_head is not None and target_head.lemma_.lower() not in used else []
        for verb in (trigger, *(c for c in children_of(trigger) if c.dep_ == "xcomp")):
            acted_on += [c for c in children_of(verb) if c.dep_ in ("dobj", "nsubjpass")
                         and c.lemma_.lower() not in used and c.lower_ not in used]  # "imposed martial law"
            acted_on += [g for c in children_of(verb) if c.dep_ == "prep" and c.lower_ in params["object_preps"]
                         for g in children_of(c) if g.dep_ == "pobj"]
        if trigger.pos_ == "NOUN":  # "the campaign blitz"
            acted_on += [c for c in children_of(trigger) if c.dep_ in ("compound", "nmod")]
        kinds = {self.type_of(t) for t in acted_on}
        return bool(kinds & set(params["types"])) and not kinds & {"actor", "party", "place"}

    def _dyadic(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if row.source.split()[0] not in params["tables"] or (row.specific and not row.source.startswith("classifier")):
            return False
        sides = ("actor" if source is not None else self.type_of(source_head),
                 "actor" if target is not None else self.type_of(target_head))
        if row.source.startswith("classifier") and self.event_type not in params["one_sided"]:
            # a guess from words: a country's actor on another country's actor, or on a place
            if source is None or not source.country:
                return True
            if target is None:
                return sides[1] != "place" and not has_phrase  # "in Haiti": the phrase names the place
            return target.country in (None, source.country)
        if self.event_type in params["one_sided"]:
            return sides[0] not in params["doers"]
        if source is not None and target is not None:
            if self.quad in params["place_quads"] and self._located(trigger, target_head, params["place_preps"]):
                return False  # force used in the target's ground: "hit a refinery in Russia's Ryazan region"
            return not self._direct(trigger, target_head, params) \
                and not self.derived(target)  # a place the act is done in, the doers' home: no phrase to place
        if self.quad not in params["material_quads"]:
            return not any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in children_of(trigger))
        if sides[0] == "weapon":
            return False  # a weapon used is an attack whatever it hit ("a car bomb exploded in Kabul")
        return sides[0] not in params["doers"] or sides[1] not in params["done_to"]

    @staticmethod
    def _located(trigger: Token, head: Token | None, preps) -> bool:
        """``head`` names the place where the trigger's act, or its object, is: the object of one
        of ``preps`` on the trigger or its direct object, or that object's possessor or compound."""
        while head is not None and head.dep_ in ("poss", "compound") and head.head.i != head.i:
            head = head.head
        if head is None or head.dep_ != "pobj" or head.head.lower_ not in preps:
            return False
        on = head.head.head
        return on.i == trigger.i or (on.dep_ == "dobj" and on.head.i == trigger.i)

    @staticmethod
    def _direct(trigger: Token, head: Token | None, params) -> bool:
        """``head`` (or the conjunct it is part of) is a direct argument of the trigger."""
        while head is not None and head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head is None or any(c.dep_ == "xcomp" for c in children_of(trigger)):
            return head is not None  # the target of the act the trigger governs ("offered to send troops to Jordan")
        if head.dep_ == "pobj":
            prep = head.head
            if prep.head.dep_ == "dobj" and prep.head.head.i == trigger.i and prep.lower_ in params["object_preps"]:
                return True  # the party of the object's act: "lifted the sanctions on X", "training to the army"
            if prep.lower_ not in params["direct_preps"]:
                return False
            head = prep  # the recipient: "donated $1 million to the WFP"
        return head.dep_ in params["direct"] and head.head.i == trigger.i

    def _counterpart(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if row.specific or target is not None or self.event_type not in params["types"]:
            return False
        if source_head is not None and source_head.tag_ in ("NNS", "NNPS") and self.type_of(source_head) in ("actor", "party"):
            return False  # both sides in one plural subject: "the two leaders met"
        return self.type_of(target_head) not in params["counterparts"]

    def _question(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in params["verbs"] or row.specific:
            return False
        verbs = (trigger, *(c for c in children_of(trigger) if c.dep_ == "conj"))
        return not any(c.dep_ in params["request_deps"] or c.dep_ == "prep" and c.lower_ in params["request_preps"]
                       for v in verbs for c in children_of(v))

    def _interrogative(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        last = self.per_sentence("last word", trigger, lambda sent: next(
            (t for t in reversed(sent) if not t.is_punct or t.text in params["marks"]), None))
        return last is not None and last.text in params["marks"]

    def _habitual(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        return trigger.dep_ in params["deps"] and trigger.tag_ in params["tags"] and not any(
            c.dep_ in params["aux_deps"] for c in children_of(trigger))

    def _possibility(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if self.event_type in params["types_exempt"]:
            return False
        if trigger.lemma_.lower() in params["modal_verbs"] and any(c.dep_ == "xcomp" for c in children_of(trigger)):
            return True  # "she needs to project more empathy": the act is the complement's
        verb = args.light_verb(trigger) or trigger
        while True:  # the trigger (a noun's light verb) and the verbs whose complement it is ("could try to connect")
            aux = [c for c in children_of(verb) if c.dep_ == "aux"]
            if any(c.lower_ in params["modals"] for c in aux):
                return not any(c.dep_ == "neg" for c in (*children_of(verb), *(g for a in aux for g in children_of(a))))
            if verb.dep_ != "xcomp" or verb.head.i == verb.i:
                return False
            verb = verb.head

    def _no_comment(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if trigger.lemma_.lower() not in params["verbs"]:
            return False
        said = [c for c in children_of(trigger) if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        return any(c.lemma_.lower() in params["complements"] for c in said)

    def _opinion(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if trigger.lemma_.lower() not in params["verbs"] or trigger.pos_ != "VERB":
            return False
        if trigger.dep_ in params["aside_deps"]:
            return True  # "both agree, ..."
        said = [c for c in children_of(trigger) if c.dep_ == "ccomp"]
        # "agreed that the tax was too high", not "agreed that they should cooperate"
        return bool(said) and not any(a.dep_ == "aux" and a.lower_ in params["act_modals"]
                                      for c in said for a in children_of(c))

    def _campaign(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        verb = trigger if trigger.dep_ not in ("xcomp", "ccomp") else trigger.head  # "vowed to help"
        if self.event_type not in params["types"] or verb.lemma_.lower() not in params["verbs"]:
            return False
        if target is not None and target.code and (target.sector or "") in params["recipient_sectors"] and (
                target.country or target.sector in ("IGO", "NGO")):
            return False  # a promise to a state or a body ("pledged aid to Ukraine") is one
        told = [c for c in children_of(verb) if c.dep_ in ("dative", "dobj")]
        told += [g for c in children_of(verb) if c.dep_ == "prep" and c.lower_ == "to" for g in children_of(c)]
        if any(t.lower_ in params["electorate"] for t in told):
            return True  # "promised voters ..."
        if any(t.lemma_.lower() in params["election_verbs"] and any(
                m.dep_ == "mark" and m.lower_ in params["conditions"] for m in children_of(t)) for t in verb.subtree):
            return True  # "pledged that, if elected, he would ..."
        who = args.subject(verb)
        return who is not None and who.lower_ in params["candidates"]

    def _travel(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        if trigger.lemma_.lower() not in params["verbs"] or any(key not in params["bare_conditions"] for key, _ in row.when):
            return False
        if source is None or not source.code or target is None or not target.country:
            return True
        return source.country == target.country

    def _literal_reading(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        table = params["requires"] if trigger.pos_ == "VERB" else params["noun_requires"] if trigger.pos_ == "NOUN" else {}
        needs = table.get(trigger.lemma_.lower())
        if not needs:
            return False
        kinds = {"agent": {"actor" if source is not None else self.type_of(source_head)},
                 "target": {"actor" if target is not None else self.type_of(target_head)}}
        kinds["any"] = kinds["agent"] | kinds["target"]
        return any(not kinds[role] & set(types) for role, types in needs.items())

    def _unrealised(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        status, cue, attributed = self.claim
        word = "if" if (cue or "").endswith(INVERTED) else (cue or "").strip("'").lower()
        if status != "hypothetical" or word not in params["cues"]:
            return False
        if attributed is not None and self.event_type in params["threats"]:
            return False  # a speaker's act under a condition is a threat: "warned it would strike if ..."
        return word in params["conditionals"] or attributed is None

    def _has_score(self) -> bool:
        """The trigger's block has a number, a dash and a number somewhere (computed once per
        block, in the paragraph's text: ``doc.text`` would join its tokens again)."""
        if self.b not in self._scored:
            self._scored[self.b] = _SCORE_TEXT.search(self.parsed.blocks[self.b].text) is not None
        return self._scored[self.b]

    def _negated(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        status, _, attributed = self.claim
        return status == "negated" and attributed is None

    def _contest(self, params, trigger, row, source, target, source_head, target_head, has_phrase) -> bool:
        verb = trigger.lemma_.lower() in params["verbs"]
        game = row.cameo[:2] in params["force_codes"] and self._has_score()
        if not verb and not game:
            return False
        around = [*trigger.subtree, *filter(None, (source_head, target_head))]
        if trigger.dep_ in ("acl", "relcl", "xcomp"):
            around.append(trigger.head)  # "the candidate to beat Clinton"
        around = [t for t in around if t.i != trigger.i]
        if game and any(_score(t, _GAME) for t in around):
            return True  # force with a game's score is a match, whatever the verb ("crushed Real Madrid 4-2")
        if not verb:
            return False
        words = self.types["contest"] | frozenset(params["words"])
        return any(t.lemma_.lower() in words or t.lower_ in words for t in around)
