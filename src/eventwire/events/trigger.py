"""Which lexicon row a token matches: the row's conditions read the token's objects,
heads and prepositional phrases (``data/verbs.tsv`` ``obj=``, ``head=``, ``pp=``)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import arguments as args
from ..arguments import children_of, conjuncts_of
from ._shared import _dated, _object_lemmas
from .lexicon import Lexicon, Trigger

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative"})
_POS = {"VERB": "verb", "NOUN": "noun", "PROPN": "noun"}  # a token's part of speech -> its rows' pos


def match(tok: Token, lex: Lexicon) -> Trigger | None:
    """The first trigger row for this token whose condition holds.

    Conditions (data/verbs.tsv header): obj=, subj=, prep=, prt=, head=, pp=prep:objects, objphrase=, owner=,
    under=, aimed=, pred=."""
    pos = _POS.get(tok.pos_)
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
    if not table.others or table.others[0][0] >= best:
        return table.rows[best] if best < len(table.rows) else None  # no other row comes first
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
    # a pp= row also looks at its direct object's prepositions ("held thousands of people as shields");
    # only the kinds of word some row needs are read
    words = [("prep", p) for p in features.prep_words()] if "prep" in table.kinds else []
    words += [("obj", o) for o in features.objects()] if "obj" in table.kinds else []
    words += [("head", w) for w in features.heads()] if "head" in table.kinds else []
    for word in words:
        found.update(table.needing.get(word, ()))
    return sorted(found)


class _Features:
    """What the trigger conditions look at, computed once per token when first asked."""

    def __init__(self, tok: Token):
        self.tok = tok
        self._objects: set[str] | None = None
        self._pp: dict[str, set[str]] | None = None
        self._preps_of: list[tuple[str, Token]] | None = None
        self._phrases: list[tuple[set[str], set[str]]] | None = None
        self._preps: set[str] | None = None
        self._prts: set[str] | None = None

    @property
    def preps(self) -> set[str]:
        if self._preps is None:
            preps = {c.lower_ for c in children_of(self.tok) if c.dep_ in ("prep", "agent", "prt") and not _dated(c)}
            if args.for_clause(self.tok) is not None:  # "called for Peru to withdraw" governs "for"
                preps.add("for")
            self._preps = preps
        return self._preps

    def prep_words(self) -> set[str]:
        """``preps`` and the ``pp`` keys together, the words a prep= or pp= row can need. Every
        preposition on the trigger is a ``pp`` key, dated or not, so only its agents and particles
        are asked whether they date it, and the "for" clause is looked for only if no "for" is."""
        words = self.pp_keys()
        words.update(c.lower_ for c in children_of(self.tok) if c.dep_ in ("agent", "prt") and not _dated(c))
        if "for" not in words and args.for_clause(self.tok) is not None:
            words.add("for")
        return words

    @property
    def prts(self) -> set[str]:
        if self._prts is None:
            self._prts = {c.lower_ for c in children_of(self.tok) if c.dep_ == "prt"}
        return self._prts

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
        if key == "aimed":  # "fired rockets into Israel", "a barrage of rockets at Israel": where it is sent
            return self.aimed(values)
        if key == "pred":  # "set free", "let free": what the verb leaves its object as
            words = [c for c in children_of(self.tok) if c.dep_ not in _ARGUMENT_DEPS]
            after = self.tok.nbor() if self.tok.i + 1 < len(self.tok.doc) else None
            if after is not None and after.dep_ == "amod" and after.head.dep_ == "dobj" and after.head.head == self.tok:
                words.append(after)  # "set free twenty journalists", parsed as "free journalists"
            return any(w.lower_ in values and not any(c.dep_ == "neg" for c in children_of(w)) for w in words)  # not "not guilty"
        if key == "dep":  # "..., demanding his resignation": how the trigger hangs on its head
            return self.tok.dep_ in values
        if key == "tag":  # "demanding": the trigger's form
            return self.tok.tag_.lower() in values
        if key == "under":  # "at a rally, Pence said": the noun is the object of one of these prepositions
            return self.tok.dep_ == "pobj" and self.tok.head.lower_ in values
        if key.startswith("pp:"):  # a preposition with one of these objects: "sentenced on charges"
            return not values.isdisjoint(self.pp().get(key[3:], ()))
        if key == "subj":  # "a crowd gathered": who acts can tell what the act is
            return not values.isdisjoint(self.subjects())
        if key == "owner":  # "Trump's rally", "a Sanders rally", "Clinton held rallies": a person's own event
            people = args.grammar().words["person_pronouns"]
            return bool(values & {"PERSON" if o.lower_ in people else o.ent_type_ for o in self.owners()})
        if key == "objphrase":  # "terrorist_attack": an object "attack" modified by "terrorist"
            return any(set(mods) <= modifiers and head in words for phrase in values
                       for *mods, head in [phrase.split("_")] for words, modifiers in self.phrases())
        return False

    def aimed(self, preps: frozenset[str]) -> bool:
        """The trigger or its direct object has one of these prepositions, not of time, with
        an object something can be aimed at (grammar.yaml ``unaimed``: not "into the sea")."""
        unaimed = args.grammar().words["unaimed"]
        heads = [self.tok, *(c for c in children_of(self.tok) if c.dep_ == "dobj")]
        return any(c.lower_ in preps and not _dated(c) and any(
            g.dep_ == "pobj" and g.lemma_.lower() not in unaimed for g in children_of(c))
            for h in heads for c in children_of(h) if c.dep_ == "prep")

    def subjects(self) -> set[str]:
        """Words of the verb's subject (a relative pronoun's antecedent, a controller's; for a
        noun, its light verb's: "workers carried out a strike"), its conjuncts, the noun of a
        quantity ("hundreds of lawyers") and its number ("several hundred Serbs")."""
        verb = self.tok if self.tok.pos_ in ("VERB", "AUX") else args.governor(self.tok) if self.tok.dep_ in (
            "dobj", "pobj") else None
        subj = args.subject(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
        if subj is None:
            return set()
        words = [subj, *conjuncts_of(subj)]
        words += [g for w in list(words) for g in args.of_objects(w)]
        words += [n for w in list(words) for n in children_of(w) if n.dep_ == "nummod"]  # "several hundred Serbs"
        return {w.lemma_.lower() for w in words} | {w.lower_ for w in words}

    def owners(self) -> list[Token]:
        """Whose an event is: a noun's possessor or compound or the subject of the verb holding
        it; a verb's subject."""
        if self.tok.pos_ in ("VERB", "AUX"):
            return [c for c in children_of(self.tok) if c.dep_ == "nsubj"]
        own = [c for c in children_of(self.tok) if c.dep_ in ("poss", "compound")]
        if self.tok.dep_ == "dobj":
            holder = args.subject(self.tok.head)  # "he is touring the state, holding rallies"
            own += [holder] if holder is not None else []
        return own

    def pp(self) -> dict[str, set[str]]:
        """Preposition -> the words of its objects, for the trigger's own prepositions and
        its direct object's ("sentenced him on charges", "declared a state of emergency"); a
        preposition of two words is joined by "_" ("walked out of parliament": ``out_of``)."""
        if self._pp is None:
            self._pp = {}
            for key, prep in self._prep_phrases():
                self._pp.setdefault(key, set()).update(_pobj_words(prep))
        return self._pp

    def pp_keys(self) -> set[str]:
        """The prepositions ``pp`` has, without reading their objects (which rows might
        need them is decided by these alone)."""
        return {key for key, _ in self._prep_phrases()}

    def _prep_phrases(self) -> list[tuple[str, Token]]:
        """(key, preposition token) of each phrase ``pp`` reads, "out_of" keyed by its inner "of"."""
        if self._preps_of is None:
            own = children_of(self.tok)
            found = self._preps_of = []
            for children in (own, *(children_of(c) for c in own if c.dep_ in ("dobj", "nsubjpass"))):
                for c in children:
                    if c.dep_ == "prep":
                        word = c.lower_
                        found.append((word, c))
                        found += [(f"{word}_{inner.lower_}", inner)  # "out of", "ahead of": one preposition
                                  for inner in children_of(c) if inner.dep_ == "prep"]
        return self._preps_of

    def phrases(self) -> list[tuple[set[str], set[str]]]:
        """(words, modifier words) of each object."""
        if self._phrases is None:
            self._phrases = [({c.lemma_.lower(), c.lower_},
                              {w for g in children_of(c) for w in (g.lemma_.lower(), g.lower_)})
                             for c in children_of(self.tok) if c.dep_ in ("dobj", "nsubjpass")]
        return self._phrases


def _pobj_words(prep: Token) -> list[str]:
    """The lemmas and forms of a preposition's objects."""
    return [w for g in children_of(prep) if g.dep_ == "pobj" for w in (g.lemma_.lower(), g.lower_)]
