"""The argument layer: who does what to whom around a predicate, read from the parse.

Every stage that needs a predicate's arguments reads them here (events for source and
target, quotes for the speaker, status for who claims a clause), so that a construction is
handled once for all of them. The rules by which a missing subject is inherited are data
(``data/arguments.yaml``); the word lists are ``data/grammar.yaml``'s. Nothing here knows
about event types or actor codes: these are facts of English syntax over spaCy tokens.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, wraps

from spacy.tokens import Token

from .. import resources
from .rules import Rule, load_rules

__all__ = ["actors_of", "children_of", "conjuncts_of", "of_objects", "Grammar", "grammar", "relation", "subject",
           "subject_rule", "passive", "objects", "agents", "verb_objects", "says_when", "helps", "misparsed_report",
           "governor", "carried_by", "light_verb", "quantity", "crowd_number", "noun_agents", "remembering"]

#: How many ``remembering()`` blocks are open, and each remembered function's table
#: (token, or (token, *arguments) -> its result), emptied when the outermost block closes.
_open = 0
_tables: list[dict] = []
_MISSING = object()


@contextmanager
def remembering():
    """Within the block, each token's subject and objects are found once: a stage that asks
    for them again and again over parses it does not change opens it (the events stage)."""
    global _open
    _open += 1
    try:
        yield
    finally:
        _open -= 1
        if not _open:
            for table in _tables:
                table.clear()


def _remembered(find):
    """``find(tok, *rest)``, answered from its own table while ``remembering()`` is open
    (a list answer is copied, so callers may extend it). The token itself is the key: spaCy
    hashes it by (doc, index), so one lookup finds it (children_of alone is asked thousands
    of times a story)."""
    table: dict = {}
    _tables.append(table)

    @wraps(find)
    def remembered(tok, *rest):
        if not _open:
            return find(tok, *rest)
        key = (tok, *rest) if rest else tok
        found = table.get(key, _MISSING)
        if found is _MISSING:
            found = table[key] = find(tok, *rest)
        return list(found) if found.__class__ is list else found
    return remembered


@_remembered
def children_of(tok: Token) -> tuple[Token, ...]:
    """``tok.children``, read once per token while ``remembering()`` is open."""
    return tuple(tok.children)


@_remembered
def conjuncts_of(tok: Token) -> tuple[Token, ...]:
    """``tok.conjuncts``, read once per token while ``remembering()`` is open."""
    return tok.conjuncts


@dataclass(frozen=True)
class Grammar:
    """The word lists the layer reads, and its ordered subject rules."""

    words: dict[str, frozenset[str]]
    speech: dict[str, str]  # lemma -> kind (speech, belief, ...), data/speech_verbs.tsv
    rules: tuple[Rule, ...]

    def has(self, name: str, word: str) -> bool:
        return word in self.words.get(name, ())


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    g = resources.load_yaml("grammar.yaml")
    words = {k: frozenset(v) for k, v in g.items() if isinstance(v, list)}
    status = resources.load_yaml("status.yaml")
    words["intention_nouns"] = frozenset(status["attempted"]["nouns"] + status["hypothetical"]["nouns"])
    speech = {row["lemma"]: row["kind"] for row in resources.table("speech_verbs.tsv")}
    words["speech_verbs"] = frozenset(speech)
    return Grammar(words, speech, load_rules(resources.load_yaml("arguments.yaml")["inherit_subject"]))


def relation(tok: Token) -> str:
    """``tok``'s relation to its head, reading an infinitive the small model attaches as
    ``advcl`` as the complement it is ("have sworn to fight")."""
    if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(tok)) \
            and not any(c.dep_ == "mark" for c in children_of(tok)):
        return "xcomp"
    return tok.dep_


@_remembered
def misparsed_report(tok: Token) -> tuple[Token, Token] | None:
    """(subject, speech verb) of a reported clause the parse hides: in "he warned Pyongyang
    was working with Russia" the small model makes Pyongyang the object of "warned"."""
    aux = next((c for c in children_of(tok) if c.dep_ in ("aux", "auxpass") and c.i < tok.i), None)
    if aux is None or aux.i == 0:
        return None
    noun = tok.doc[aux.i - 1]
    verb = noun.head
    if noun.dep_ == "dobj" and verb.i < noun.i and verb.pos_ == "VERB" and \
            grammar().speech.get(verb.lemma_.lower()) in ("speech", "belief"):
        return noun, verb
    return None


@_remembered
def subject_rule(tok: Token, depth: int = 0) -> tuple[Token | None, str]:
    """A verb's subject and the name of the rule that found it: its own subject, or one
    inherited by the first ``data/arguments.yaml`` rule that applies."""
    repaired = misparsed_report(tok)
    if repaired is not None:
        return repaired[0], "hidden-report"
    g = grammar()
    subjects = [c for c in children_of(tok) if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if subjects:  # the one nearest before the verb ("KYIV, ... Russian forces struck")
        before = [c for c in subjects if c.i < tok.i]
        c = before[-1] if before else subjects[0]
        if c.lower_ in g.words["relative_pronouns"] and tok.dep_ == "relcl":
            return tok.head, "relative-pronoun"
        return c, "own-subject"
    if depth > 5:
        return None, ""
    for rule in g.rules:
        via = rule.via_of(tok, g)
        if via is False:
            continue
        if rule.take == "none":
            return None, rule.name
        if rule.take == "head":
            return tok.head, rule.name
        if rule.take == "possessor":
            owner = next((c for c in children_of(via) if c.dep_ == "poss"), None)
            if owner is not None:
                return owner, rule.name
            continue
        found, _ = subject_rule(via, depth + 1)
        return found, rule.name
    return None, ""


def subject(tok: Token) -> Token | None:
    """The subject of a verb, inherited from the clause that controls it if implicit."""
    return subject_rule(tok)[0]


@_remembered
def passive(tok: Token) -> bool:
    """A passive verb, but for a stance participle without a "by" agent ("Israel is opposed
    to the plan": Israel opposes it; grammar.yaml ``stance_participles``)."""
    if tok.lower_ in grammar().words["stance_participles"] and not agents(tok):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in children_of(tok))


def agents(tok: Token) -> list[Token]:
    """The ``by``-agents of a passive verb: its doers; with none of its own, a "by" phrase
    that ends the sentence after the comma closing a clause set off inside the verb's
    ("was accused of stealing funds, much of it hidden abroad, by local journalists": the
    journalists accuse; the parse hangs "by" on the clause the comma closes)."""
    own = [g for c in children_of(tok) if c.dep_ == "agent" for g in children_of(c) if g.dep_ == "pobj"]
    if own or not any(c.dep_ in ("nsubjpass", "auxpass") for c in children_of(tok)):
        return own
    return _closing_agent(tok)


def _closing_agent(verb: Token) -> list[Token]:
    """(The parse may hang that "by" on a clause below the verb or, when it made the set-off
    clause the main one, on an active verb above it, which takes no agent.)"""
    doc = verb.doc
    sent = verb.sent if doc.has_annotation("SENT_START") else doc[:]
    for by in (t for t in sent if t.lower_ == "by" and t.dep_ in ("agent", "prep") and t.i > verb.i + 1):
        objects = [g for g in children_of(by) if g.dep_ == "pobj"]
        if doc[by.i - 1].text != "," or not objects or by.head.i == verb.i:
            continue
        after = objects[0].right_edge.i + 1
        if after < sent.end and not doc[after].is_punct or after < sent.end - 1:
            continue  # not the sentence's last phrase
        if by.head in verb.ancestors:  # "..., much of it believed to have been embezzled, by X"
            active = not any(c.dep_ in ("nsubjpass", "auxpass") for c in children_of(by.head))
            opened = any(t.text == "," for t in doc[verb.i + 1:by.i - 1])
            if active and opened:
                return objects
            continue
        node, set_off = by.head, False
        while node.i != verb.i and node.head.i != node.i:  # a clause opened by a comma on the way up
            set_off = set_off or any(c.text == "," and c.i < node.i and c.dep_ == "punct" for c in children_of(node))
            node = node.head
        if node.i == verb.i and set_off:
            return objects
    return []


def objects(tok: Token, preps) -> list[Token]:
    """Direct objects and attributes, and the objects of the prepositions ``preps`` (not a
    noun of time, grammar.yaml ``time_nouns``: it says when)."""
    out, via = [], []  # the direct ones first, then those through a preposition
    for c in children_of(tok):
        dep = c.dep_
        if dep in ("dobj", "attr", "oprd") or dep == "dative" and c.pos_ != "ADP":  # "gave Ukraine aid"
            out.append(c)
        # "gave aid to Ukraine": spaCy labels that "to" dative
        if (dep in ("prep", "prt") or dep == "dative" and c.pos_ == "ADP") and c.lower_ in preps:
            via += [g for g in children_of(c) if g.dep_ == "pobj" and not says_when(g) and not helps(g)]
        elif dep == "agent" and "by" in preps:
            via += [g for g in children_of(c) if g.dep_ == "pobj"]
    return out + via


def helps(tok: Token) -> bool:
    """A noun of help after "with" (grammar.yaml ``helper_nouns``): its owner helps the
    subject, and is no party acted on ("with Albania's help", "with the support of France")."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.lemma_.lower() in grammar().words["helper_nouns"]


def says_when(tok: Token) -> bool:
    """A noun of time (grammar.yaml ``time_nouns``) whose phrase says when, not who:
    "visited on the anniversary of the riot at the Capitol"."""
    return tok.lemma_.lower() in grammar().words["time_nouns"]


@_remembered
def for_clause(tok: Token) -> Token | None:
    """The verb of a "for X to V" clause ``tok`` governs ("called for Peru to withdraw")."""
    return next((c for c in children_of(tok) if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for"
                                                                       for m in children_of(c))), None)


@_remembered
def verb_objects(tok: Token) -> list[Token]:
    """A verb's objects and recipients; for one with none, those of the complement it
    announces ("agreed to lift a ban on X", "threatened to attack X")."""
    preps = grammar().words["target_preps"]
    found = objects(tok, preps)
    if not found:
        comp = next((c for c in children_of(tok) if relation(c) == "xcomp" and c.pos_ == "VERB"), None)
        if comp is not None:
            found = objects(comp, preps)
    if not found:
        found = misparsed_object(tok)
    clause = for_clause(tok)
    if clause is not None and all(o.ent_type_ in ("DATE", "TIME") for o in found):
        found = [c for c in children_of(clause) if c.dep_ == "nsubj"]  # "called for Peru to withdraw": Peru
    return found


def misparsed_object(verb: Token) -> list[Token]:
    """The object the parse made a later verb's subject: in "Blinken visited South Korea,
    where he warned ...", "South Korea" (with its "where" clause) is parsed as the subject
    of a later verb; in "sent aid to help Nepal recover", "Nepal" is the subject of
    "recover" (not so after a speech verb: "warned Pyongyang was")."""
    if verb.i + 1 >= len(verb.doc):
        return []
    head = verb.doc[verb.i + 1]
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if head.dep_ != "nsubj" or head.head.i <= head.i or head.head.i == verb.i:
        return []
    if any(c.dep_ == "relcl" for c in children_of(head)):
        return [head]
    clause = head.head
    if clause.dep_ == "ccomp" and clause.head.i == verb.i and verb.lemma_.lower() not in grammar().speech \
            and not any(c.dep_ in ("mark", "aux") for c in children_of(clause)):
        return [head]
    return []


def governor(tok: Token) -> Token:
    """The word a noun hangs on, through a preposition and a quantity of it; for a doer adjective
    (grammar.yaml ``doer_adjectives``: "is responsible for the killings"), its clause's verb."""
    gov = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and gov.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") \
            and quantity(gov):
        return governor(gov)  # "carried out dozens of killings": the quantity's word
    if gov.dep_ == "acomp" and grammar().has("doer_adjectives", gov.lemma_.lower()) \
            and gov.head.pos_ in ("AUX", "VERB"):
        return gov.head
    return gov


def light_verb(tok: Token) -> Token | None:
    """The light verb that carries a noun event ("would take military action", "could call a
    strike"): its tense, mood and modals are the event's."""
    return governor(tok) if tok.pos_ != "VERB" and carried_by(tok) == "light" else None


def quantity(tok: Token) -> bool:
    """A number or a noun of quantity (grammar.yaml ``quantity_nouns``: "dozens", "a series")."""
    return tok.like_num or tok.pos_ == "NUM" or grammar().has("quantity_nouns", tok.lower_) \
        or grammar().has("quantity_nouns", tok.lemma_.lower())


def of_objects(tok: Token) -> list[Token]:
    """The objects of ``tok``'s "of" phrases ("the blockade of Serbia", "hundreds of miners")."""
    return [g for c in children_of(tok) if c.dep_ == "prep" and c.lower_ == "of"
            for g in children_of(c) if g.dep_ == "pobj"]


def crowd_number(tok: Token) -> bool:
    """A number noun standing for people (grammar.yaml ``crowd_numbers``): nothing says what it
    counts, or what its "of" phrase counts is again such a number ("tens of thousands")."""
    if not grammar().has("crowd_numbers", tok.lower_) or tok.dep_ in ("compound", "nummod"):
        return False
    return all(crowd_number(g) for g in of_objects(tok))


def between(tok: Token) -> list[Token]:
    """The sides a reciprocal noun event names: "clashes between the army and the rebels"."""
    return [o for o in objects(tok, {"between"}) if o.dep_ == "pobj"]


def noun_agents(tok: Token) -> list[Token]:
    """Who does a noun event, by "by": its own ("a march by farmers") or that of a participle
    naming who made it happen ("a protest called by opposition parties", "a strike led by unions")."""
    out = [o for o in objects(tok, {"by"}) if o.dep_ == "pobj"]
    for c in children_of(tok):
        if c.dep_ == "acl" and c.tag_ == "VBN":
            out += [o for o in objects(c, {"by"}) if o.dep_ == "pobj"]
    return out


def occurs(tok: Token) -> bool:
    """The noun event is said to happen, with no doer named: the subject of an occurrence verb
    ("protests swept Iran", "riots broke out"), of a light verb's agentless passive ("a vigil
    was held"), what an existential "there" introduces ("there were riots") or a particular
    one a preposition of circumstance governs ("shut in a general strike")."""
    head = tok.head
    verbs = grammar().words["occurrence_verbs"]
    if tok.dep_ == "pobj" and grammar().has("occurrence_preps", head.lower_):
        return tok.tag_ == "NNS" or any(c.dep_ in ("det", "amod", "compound") for c in children_of(tok))
    if tok.dep_ == "nsubjpass" and grammar().has("light_verbs", head.lemma_.lower()):
        return not any(c.dep_ == "agent" for c in head.children)
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return head.lemma_.lower() in verbs
    if tok.dep_ == "ROOT" and tok.pos_ == "NOUN":  # the model's "protests -acl-> swept": the noun heads it
        return any(c.dep_ == "acl" and c.lemma_.lower() in verbs for c in children_of(tok))
    return tok.dep_ == "attr" and head.lemma_ == "be" and any(c.dep_ == "expl" for c in children_of(head))


def carried_by(tok: Token) -> str | None:
    """How a noun event takes its doer from the verb it hangs on: "light" ("held talks",
    "staged a protest"), "circumstance" ("arrived for talks", "went on strike"), or None
    ("condemned the attack": the condemner did not attack)."""
    g = grammar()
    gov = governor(tok)
    after = tok.dep_ == "pobj" and tok.head.lower_ in g.words["inherit_preps"]  # "patrols after protests"
    if tok.dep_ in ("dobj", "pobj", "attr", "nsubjpass") and gov.lemma_.lower() in g.words["light_verbs"] \
            and not after:
        return "light"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "for", "at", "during", "on") and gov.pos_ == "VERB":
        return "circumstance"
    return None


def actors_of(parsed, b: int, tok: Token | None) -> list:
    """Actors (``ActorRef``) named by ``tok`` and the tokens coordinated with it, through
    a possessor ("Yoon's policy") or a partitive noun ("a group of Moroccan diplomats")."""
    if tok is None:
        return []
    partitive = grammar().words["partitive_nouns"]
    out = []
    for t in (*misparsed_possessors(parsed, b, tok), tok, *conjuncts_of(tok)):
        refs = parsed.actors_at(b, t)
        if not refs and t.pos_ in ("NOUN", "PROPN"):
            refs = [r for c in children_of(t) if c.dep_ == "poss" for r in parsed.actors_at(b, c)]
        if not refs and t.lower_ in partitive:
            refs = [r for g in of_objects(t) for r in actors_of(parsed, b, g)]
        out += refs
    return list({r.actor_id: r for r in out}.values())


def misparsed_possessors(parsed, b: int, tok: Token) -> list[Token]:
    """A person the parse made co-owner of a named official: in "joined Biden and Japan's
    prime minister Fumio Kishida", Biden is a second object, not Kishida's possessor."""
    if not parsed.actors_at(b, tok):
        return []
    owners = [c for c in children_of(tok) if c.dep_ in ("poss", "nmod") and conjuncts_of(c)]
    if not owners:
        return []
    people = {a.id for a in parsed.story.actors if a.kind == "person"}
    return [c for c in owners if any(r.actor_id in people for r in parsed.actors_at(b, c))]
