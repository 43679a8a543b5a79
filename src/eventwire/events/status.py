"""Claim status: does the narrator assert the event, or does someone claim, intend,
deny or fail at it? Cues live in ``data/status.yaml`` and ``data/speech_verbs.tsv``.

Precedence when several cues apply: negated > attempted > hypothetical > reported >
historical > asserted. ``attributed_to`` is set whenever a claimant is found,
whatever the final status. The time stage may later mark an event historical
by its date, and the quote stage may attribute events inside a quotation.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..arguments import children_of, _remembered, misparsed_report, relation, subject
from ..model import ActorRef

ORDER = ("negated", "attempted", "hypothetical", "reported", "historical", "asserted")


@_remembered
def _ancestors(tok: Token) -> tuple[tuple[Token, str], ...]:
    """(governor, relation by which we reached it) up to the sentence root."""
    found = []
    child = tok
    while child.head.i != child.i:
        found.append((child.head, relation(child)))
        child = child.head
    return tuple(found)


def _negated(tok: Token, cues: dict) -> str | None:
    """A negation on the verb, on its auxiliary or adverb ("never will accept", "no longer
    supports"), on the auxiliary an elided verb is coordinated with ("does not, and never will,
    accept"), or on a governing verb ("refused to", "did not agree to", "has yet to")."""
    words = set(cues["words"])
    for c in children_of(tok):
        dep = c.dep_
        if dep == "neg" or (dep in ("advmod", "det", "preconj") and c.lower_ in words):
            return f"'{c.text}'"
        if dep in ("nsubj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ in cues["subject_determiners"]
                                                 for g in children_of(c)):
            return f"'{next(g for g in children_of(c) if g.dep_ == 'det').text} {c.text}'"
        if dep in ("aux", "advmod") and any(g.dep_ == "neg" for g in children_of(c)):
            return f"'{next(g for g in children_of(c) if g.dep_ == 'neg').text} {c.text}'"
    for gov, dep in _ancestors(tok):
        if dep in ("xcomp", "ccomp", "acl") and gov.lemma_.lower() in cues["governors"]:
            return f"'{gov.text}'"
        if dep in ("xcomp",) and any(c.dep_ == "neg" for c in children_of(gov)):
            return f"'not {gov.text}'"
        if dep == "xcomp" and gov.lemma_.lower() in cues["yet_governors"] and any(
                c.dep_ == "advmod" and c.lower_ == "yet" for c in children_of(gov)):
            return f"'{gov.text} yet'"
        if dep == "conj" and gov.pos_ == "AUX" and any(c.dep_ == "neg" for c in children_of(gov)):
            return f"'{gov.text} not'"
        if dep not in ("xcomp", "conj", "acl", "pobj", "prep"):
            break
    return None


def _attempted(tok: Token, cues: dict) -> str | None:
    adjectives = set(cues["adjectives"])
    for c in children_of(tok):
        if c.dep_ == "amod" and c.lower_ in adjectives:
            return f"'{c.text}'"
    for gov, dep in _ancestors(tok):
        lemma = gov.lemma_.lower()
        if dep in ("xcomp", "acl") and (lemma in cues["governors"] or gov.lower_ in cues["nouns"]):
            extra = [c.text for c in children_of(gov) if c.dep_ == "amod" and c.lower_ in adjectives]
            return "'" + " ".join([*extra, gov.text]) + "'"
        if dep not in ("xcomp", "acl", "conj"):
            break
    return None


#: How a cue of inversion reads ("'should' before its subject"): a condition, as "if" is.
INVERTED = " before its subject"


def inverted(aux: Token, words) -> bool:
    """An auxiliary before its verb's subject: "should Clinton win", "had he known", "were
    they to leave" are conditions, as "if" clauses are (or questions, which tell no act either)."""
    return aux.dep_ in ("aux", "auxpass") and aux.lower_ in words and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > aux.i for c in children_of(aux.head))


def _hypothetical(tok: Token, cues: dict, light: Token | None) -> str | None:
    modals = set(cues["modals"])
    for t in filter(None, (tok, light)):
        for c in children_of(t):
            dep = c.dep_
            if dep in ("aux", "auxpass") and inverted(c, cues["inverted_conditionals"]):
                return f"'{c.text}'{INVERTED}"
            if dep == "aux" and (c.lower_ in modals or c.lemma_.lower() in modals):
                return f"'{c.text}'"
            if dep == "mark" and c.lower_ in cues["conditionals"]:
                return f"'{c.text}'"
    for gov, dep in _ancestors(light or tok):
        if dep in ("xcomp", "acl", "ccomp") and (gov.lemma_.lower() in cues["governors"]
                                                 or gov.lower_ in cues["nouns"]):
            return f"'{gov.text}'"
        if dep in ("xcomp", "conj"):  # the condition holds for the complement: "if Manila continues to send ships"
            mark = next((c for c in children_of(gov) if c.dep_ == "mark" and c.lower_ in cues["conditionals"]), None)
            if mark is not None:
                return f"'{mark.text}'"
        if dep not in ("xcomp", "acl", "conj", "ccomp"):
            break
    return None


def _reporter(coder, b: int, tok: Token) -> tuple[ActorRef | None, str | None]:
    """The actor who claims this event: subject of a governing speech or belief verb,
    the "X" of "according to X", or the holder of a governing claim noun."""
    speech = coder.lex.speech
    claim_nouns = set(coder.lex.grammar["claim_nouns"])
    repaired = misparsed_report(tok)
    if repaired is not None:  # "he warned Pyongyang was working ...", parsed as "warned Pyongyang"
        refs = coder.actors(b, subject(repaired[1]))
        return (refs[0] if refs else None), f"'{repaired[1].text}'"
    for gov, dep in _ancestors(tok):
        lemma = gov.lemma_.lower()
        if dep in ("ccomp", "parataxis") and gov.pos_ == "VERB" and speech.get(lemma) in ("speech", "belief"):
            refs = coder.actors(b, subject(gov))
            return (refs[0] if refs else None), f"'{gov.text}'"
        if dep in ("acl", "ccomp", "relcl") and gov.pos_ == "NOUN" and lemma in claim_nouns:
            holder = [c for c in children_of(gov) if c.dep_ == "poss"]
            owner = holder[0] if holder else subject(gov.head) if gov.head.pos_ == "VERB" else None
            refs = coder.actors(b, owner)
            return (refs[0] if refs else None), f"'{gov.text}'"
    return coder.per_sentence("according", tok, lambda sent: _according_to(coder, b, sent))


def _according_to(coder, b: int, sent) -> tuple[ActorRef | None, str | None]:
    """The "X" of the sentence's first "according to X"."""
    if "according" not in coder.text_of(sent).lower():
        return None, None  # most sentences: no token to walk
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
            objs = [g for g in t.nbor(1).children if g.dep_ == "pobj"]
            refs = coder.actors(b, objs[0]) if objs else []
            return (refs[0] if refs else None), "'according to'"
    return None, None


def _historical(coder, tok: Token, cues: dict) -> str | None:
    words = set(cues["words"])
    for c in children_of(tok):
        if c.dep_ == "advmod" and c.lower_ in words:
            return f"'{c.text}'"
    return coder.per_sentence("historical", tok, lambda sent: _historical_phrase(coder.text_of(sent), cues))


def _historical_phrase(text: str, cues: dict) -> str | None:
    """The first phrase of the cues that tells a sentence is about the past."""
    text = text.lower()
    for phrase in cues["phrases"]:
        if phrase in text:
            return f"'{phrase}'"
    return None


def claim_status(coder, b: int, tok: Token) -> tuple[str, ActorRef | None, str | None]:
    """(status, attributed_to, the cue that decided it) for the event triggered by ``tok``."""
    cues = coder.lex.status
    light = None
    if tok.pos_ == "NOUN":
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if gov.pos_ in ("VERB", "AUX"):
            light = gov
    attributed, report_cue = _reporter(coder, b, tok)
    cues_in_order = (  # (as ORDER ranks them) each looked for only if no stronger one is found
        ("negated", lambda: _negated(light or tok, cues["negation"])),
        ("attempted", lambda: _attempted(tok, cues["attempted"])),
        ("hypothetical", lambda: _hypothetical(tok, cues["hypothetical"], light)),
        ("reported", lambda: report_cue),
        ("historical", lambda: _historical(coder, light or tok, cues["historical"])),
    )
    for status, find in cues_in_order:
        cue = find()
        if cue:
            return status, attributed, cue
    return "asserted", attributed, None
