"""The phrases of arguments and the target slots of an event."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from .. import arguments as args
from ..arguments import children_of, conjuncts_of
from ..model import ActorRef, Span
from ._shared import NOT_ACTORS


class Phrases:
    """Part of ``Coder`` (events/code.py), which mixes it in; reads its tables and caches."""

    def phrase(self, b: int, tok: Token | None, core: bool = False) -> Span | None:
        """The noun phrase ``tok`` heads, without relative clauses or edge punctuation;
        ``core`` also drops what follows the head except "of" and place phrases ("hundreds of
        banks over involvement in ..." -> "hundreds of banks"), unless the head needs it
        ("people affected by the floods")."""
        span = self._phrase_tokens(b, tok, core)
        if span is None:
            return None
        s, e = self.parsed.span_offsets(b, span)
        return Span(self.text_of(span), s, e)

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
        common = None if core else _common_coordination(tok)
        if common is not None:  # "police and soldiers did it": one phrase, whichever of them fills the role
            tok = common
        if core:
            end = self._core_end(tok)
        else:  # (a date is the clause's, wherever the parse hangs it: "Russian police on Saturday")
            cut = [c for c in children_of(tok) if c.i > tok.i and (
                c.dep_ in ("relcl", "acl", "cc", "conj") and not (common is not None and c.dep_ in ("cc", "conj"))
                or _dated(c) or c.dep_ == "prep" and c.lower_ == "including")]  # ", including X": examples
            end = min([c.left_edge.i for c in cut] + [tok.right_edge.i + 1])
        start = max([tok.left_edge.i] + [c.right_edge.i + 1 for c in children_of(tok) if c.i < tok.i and _dated(c)])
        for owner in args.misparsed_possessors(self.parsed, b, tok):  # "Biden and Japan's prime minister": from "Japan"
            start = max(start, conjuncts_of(owner)[-1].left_edge.i)
        doc = tok.doc
        while end - 1 > start and doc[end - 1].tag_ == "POS":
            end -= 1  # "the UK government's plans": the possessor, without its "'s"
        while end - 1 > start and doc[end - 1].is_punct and not (  # "the Lesotho Defence Force (LDF)"
                doc[end - 1].is_right_punct and any(t.is_left_punct for t in doc[start:end - 1])):
            end -= 1
        if end < len(doc) and doc[end].lower_ == ")":
            words = [t.lower_ for t in doc[start:end]]
            if words.count("(") > words.count(")"):
                end += 1  # "the Communist Party of Peru (CPP - Red Flag)"
        while start < tok.i and (doc[start].is_punct or conjuncts_of(tok) and doc[start].lower_ in ("both", "either")):
            start += 1  # each conjunct its own phrase: "both India and Pakistan" -> "India", "Pakistan"
        return doc[start:end]

    def _core_end(self, tok: Token) -> int:
        """Where the core phrase of ``tok`` ends: at the leftmost edge of what it leaves out
        after the head. A word whose own left edge is not before the end found so far cannot
        move it, so it is not asked about."""
        described = tok.lemma_.lower() in self.described_nouns
        end = tok.right_edge.i + 1
        for t in tok.subtree:
            if t.i > tok.i and t.left_edge.i < end and (
                    self._cut_from_described(tok, t) if described else self._cut_from_core(t)):
                end = t.left_edge.i
        return end

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
            m.dep_ == "aux" and m.lower_ == "to" for m in children_of(t))

    def _cut_from_core(self, t: Token) -> bool:
        """What a core phrase leaves out after its head: clauses, conjuncts, dates, a
        descriptive apposition ("Gul Rahman, a suspected militant"; "Arica, Peru's northern
        port city"; "the Palestinian president, Mahmoud Abbas" and a bracketed acronym stay)
        and prepositional phrases other than "of" and place or origin ("the embassy in
        Kabul", "diplomats from Poland")."""
        dep = t.dep_  # read once: each read looks the label up again
        if dep in ("relcl", "acl", "cc", "conj", "advcl") or t.ent_type_ in ("DATE", "TIME"):
            return True
        if dep == "appos":
            bracketed = t.left_edge.is_left_punct or t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].is_left_punct
            return t.left_edge.lower_ in ("a", "an") or t.head.ent_type_ in ("GPE", "LOC", "FAC") and not bracketed \
                and not self.parsed.actors_at(self._b, t)
        if dep != "prep":
            return False
        word = t.lower_
        if word == "in" and (t.head.ent_type_ == "PERSON" or (
                t.head.tag_ == "NN" and t.head.lemma_.lower() in self.lex.titles)):
            return True  # where a person is, not who: "Donald Trump in Washington", "the ambassador in Lima"
        if word == "of" and t.head.dep_ == "dobj" and t.head.head.lemma_ in self.of_verbs:
            return True  # the verb's "of", misattached: "accused the military of mass killings"
        return word not in self.phrase_preps or any(g.ent_type_ in ("DATE", "TIME") for g in t.subtree)

    def _target_slots(self, b: int, targets: list[ActorRef],
                      head: Token | None) -> list[tuple[ActorRef | None, Token | None]]:
        """One (actor, phrase head) per target: each actor with its own conjunct (or where
        ``Roles.verb_targets`` found it: a demand's addressee, a place), then each
        coordinated party no actor was resolved from ("will not release prisoners and
        detainees": two targets)."""
        slots = [(t, self.found_at(t) or self._conjunct_of(b, head, t)) for t in targets[:4]] or [(None, head)]
        if head is not None:
            taken = {h.i for _, h in slots if h is not None}
            slots += [(None, c) for c in conjuncts_of(head) if c.i not in taken and not self.parsed.actors_at(b, c)
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
        return verb.pos_ == "VERB" and any(c.dep_ == "dobj" for c in children_of(verb)) \
            and tok.ent_type_ not in NOT_ACTORS and not self._event_noun(tok)

    def _party_headed(self, tok: Token) -> bool:
        """A party word, or a thing a party owns or qualifies ("Trump's comments", "US strategy")."""
        return self._party_word(tok) or any(c.dep_ in ("poss", "compound", "amod", "nmod") and c.pos_ != "PRON"
                                            and self._party(c) for c in children_of(tok))

    def _party_inside(self, b: int, head: Token) -> Token:
        """The party a target phrase is about when its head is a thing that no party owns:
        the nearest such prepositional object inside the phrase ("lifted its blockade of
        Bolivia", "ended its mediation efforts in the Andean republic"); quantities and parts keep
        their head ("dozens of activists", "parts of Lima")."""
        mission = head.lemma_.lower() in self.mission_nouns or any(  # "the UN peacekeeping force"
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in self.mission_nouns for c in children_of(head))
        if not mission and self._party_headed(head) or {head.lower_, head.lemma_.lower()} & self.partitive \
                or head.pos_ in ("NUM", "PRON") or head.ent_type_ in NOT_ACTORS:
            return head
        span = self._phrase_tokens(b, head, core=True)
        level = [head]
        while level:
            inside = [c for node in level for c in children_of(node) if span.start <= c.i < span.end]
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
        for t in (head, *conjuncts_of(head), *args.misparsed_possessors(self.parsed, b, head)):
            if any(r.actor_id == actor.actor_id for r in self.parsed.actors_at(b, t)):
                return t
        for t in head.subtree:  # "expelled diplomats from Peru, Bolivia and Ecuador": "Bolivia"
            for c in conjuncts_of(t):
                if c.i > t.i and any(r.actor_id == actor.actor_id for r in self.parsed.actors_at(b, c)):
                    return c
        return head


def _dated(tok: Token) -> bool:
    """A phrase on a noun that says when: "on Sunday", "hours earlier"."""
    return tok.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree)


def _common_coordination(tok: Token) -> Token | None:
    """The first of coordinated common nouns ("the army and allied fighters", "a physician and
    nurse"), which name their parties together; named ones are each their own ("India and
    Pakistan")."""
    coordinated = (tok, *conjuncts_of(tok))
    if len(coordinated) < 2 or any(t.pos_ != "NOUN" for t in coordinated):
        return None
    return min(coordinated, key=lambda t: t.i)
