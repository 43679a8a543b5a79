"""``eventwire_attributes``: the model's attribute_ruler and lemmatizer, computed once per word.

en_core_web_sm fills ``pos_``, ``morph`` and ``lemma_`` with two components that
look at every token anew: a Matcher of some 180 patterns (the tag map, word
exceptions such as 'him' -> 'he', a few rules on the dependency label or the next
word) and a rule lemmatizer. Both outputs are a function of a token's (orth, tag,
dep), except where a pattern of two tokens matches, and news repeats its words:
this component evaluates the model's own patterns and calls the model's own
lemmatizer once per (orth, tag, dep), keeps the answer in a bounded cache shared
by the process, and applies the two-token patterns where their first token fits.
``reduce`` puts it in place of the two components; a model whose patterns use
anything it does not evaluate keeps its own components.
"""

from __future__ import annotations

import copy
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc, Token

#: Token attributes a pattern may test: each is a function of the cache key (orth, tag, dep).
_TESTED = {"ORTH": "orth_", "TEXT": "text", "LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}
#: Attributes written as array columns; any other one a pattern sets is written token by token.
_COLUMNS = (POS, MORPH, LEMMA)
#: Entries kept before the cache starts afresh (some 400 bytes each).
CACHE_SIZE = 200_000


class Unsupported(ValueError):
    """The model's patterns use a test this component does not evaluate."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One attribute_ruler pattern: its number (later ones win), its tests (attribute, test)
    token by token, the index of the token it sets, the attributes it sets (ids -> values),
    and the (tag, lower-case word) its first token must have, None where any may do."""

    number: int
    tests: tuple[tuple[tuple[str, Callable[[object], bool]], ...], ...]
    index: int
    attrs: tuple[tuple[int, int], ...]
    key: tuple[str | None, str | None]

    def fits(self, view: dict, k: int = 0) -> bool:
        for name, test in self.tests[k]:
            if not test(view[name]):
                return False
        return True


@dataclass(frozen=True, slots=True)
class Entry:
    """What the two components give a token with one (orth, tag, dep)."""

    columns: tuple[int, int, int]  # POS, MORPH, LEMMA
    others: tuple[tuple[int, int], ...]  # other attributes set (TAG, DEP of spaces)
    numbers: tuple[int, ...]  # the one-token rules that matched
    starts: tuple[Rule, ...]  # the longer rules whose first token matched


def _test(want) -> Callable[[object], bool]:
    """The Matcher's test of one attribute: a value, or a dict of IN / NOT_IN / REGEX."""
    if not isinstance(want, dict):
        return partial(operator.eq, want)
    tests = []
    for op, arg in want.items():
        if op == "IN":
            tests.append(frozenset(arg).__contains__)
        elif op == "NOT_IN":
            tests.append(lambda value, outside=frozenset(arg): value not in outside)
        elif op == "REGEX":
            tests.append(re.compile(arg).search)
        else:
            raise Unsupported(f"attribute_ruler operator {op!r}")
    return tests[0] if len(tests) == 1 else lambda value: all(t(value) for t in tests)


def compile_rules(ruler) -> list[Rule]:
    """The attribute_ruler's patterns as rules, in its order; ``Unsupported`` if any
    tests what the cache key does not determine (or uses an operator not evaluated)."""
    rules = []
    for number, entry in enumerate(ruler.patterns):
        attrs = tuple(ruler.attrs[number].items())
        if any(k not in (*_COLUMNS, TAG, DEP) for k, _ in attrs):
            raise Unsupported("attribute_ruler sets an attribute other than POS, MORPH, LEMMA, TAG, DEP")
        for pattern in entry["patterns"]:
            if any(name not in _TESTED for spec in pattern for name in spec):
                raise Unsupported(f"attribute_ruler tests one of {sorted({n for spec in pattern for n in spec})}")
            tests = tuple(tuple((name, _test(want)) for name, want in spec.items()) for spec in pattern)
            key = tuple(v if isinstance(v, str) else None for v in (pattern[0].get("TAG"), pattern[0].get("LOWER")))
            index = entry.get("index", 0)
            rules.append(Rule(number, tests, index if index >= 0 else len(pattern) + index, attrs, key))
    return rules


class Attributes:
    """The component: POS, MORPH and LEMMA (and the rare TAG/DEP a pattern sets) as the
    model's attribute_ruler then lemmatizer would set them."""

    def __init__(self, ruler, lemmatizer):
        rules = compile_rules(ruler)
        self.by_key: dict[tuple[str | None, str | None], list[Rule]] = {}
        for rule in rules:
            self.by_key.setdefault(rule.key, []).append(rule)
        self.by_tag: dict[str, list[Rule]] = {}
        self.attrs = {r.number: dict(r.attrs) for r in rules}
        self.lemmatizer = _own_lemmatizer(lemmatizer)
        self.cache: dict[tuple[int, int, int], Entry] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cache, learn = self.cache, self._learn
        keys = map(tuple, doc.to_array([ORTH, TAG, DEP]).tolist())
        entries = [cache.get(key) or learn(doc[i], key) for i, key in enumerate(keys)]
        doc.from_array(list(_COLUMNS), numpy.array([e.columns for e in entries], dtype=numpy.uint64))
        extra: dict[int, list[int]] = {}
        for i, e in enumerate(entries):
            for rule in e.starts:
                if i + len(rule.tests) <= len(doc) and all(
                        rule.fits(_view(doc[i + k]), k) for k in range(1, len(rule.tests))):
                    extra.setdefault(i + rule.index, []).append(rule.number)
        for i, e in enumerate(entries):
            if i in extra:
                self._set(doc[i], self._resolve(doc[i], sorted(set(e.numbers).union(extra[i]))))
            elif e.others:
                _set_others(doc[i], e.others)
        return doc

    def _learn(self, token: Token, key: tuple[int, int, int]) -> Entry:
        if len(self.cache) >= CACHE_SIZE:
            self.cache.clear()
            getattr(self.lemmatizer, "cache", {}).clear()  # its own cache grows without bound
        view = _view(token)
        fit = [r for r in self._candidates(view["TAG"], view["LOWER"]) if r.fits(view)]
        numbers = tuple(r.number for r in fit if len(r.tests) == 1)
        starts = tuple(r for r in fit if len(r.tests) > 1)
        attrs = self._resolve(token, numbers)
        entry = Entry(tuple(attrs.pop(a, 0) for a in _COLUMNS), tuple(attrs.items()), numbers, starts)
        self.cache[key] = entry
        return entry

    def _candidates(self, tag: str, lower: str) -> list[Rule]:
        """The rules a token of this tag and word may match, in the ruler's order."""
        if tag not in self.by_tag:
            self.by_tag[tag] = sorted(self.by_key.get((tag, None), []) + self.by_key.get((None, None), []),
                                      key=lambda r: r.number)
        words = self.by_key.get((tag, lower), []) + self.by_key.get((None, lower), [])
        return sorted(self.by_tag[tag] + words, key=lambda r: r.number) if words else self.by_tag[tag]

    def _resolve(self, token: Token, numbers) -> dict[int, int]:
        """The attributes the ruler's matched rules set (later ones win), then the lemma the
        lemmatizer gives the token so annotated, unless a rule set one (and it keeps it)."""
        attrs: dict[int, int] = {}
        for n in sorted(numbers):
            attrs.update(self.attrs[n])
        token.pos, token.lemma = attrs.get(POS, 0), attrs.get(LEMMA, 0)
        token.set_morph(attrs.get(MORPH) or None)
        if getattr(self.lemmatizer, "overwrite", False) or not attrs.get(LEMMA):
            attrs[LEMMA] = token.vocab.strings.add(self.lemmatizer.lemmatize(token)[0])
        return attrs

    def _set(self, token: Token, attrs: dict[int, int]) -> None:
        token.pos, token.lemma = attrs.pop(POS, 0), attrs.pop(LEMMA, 0)
        token.set_morph(attrs.pop(MORPH, 0) or None)
        _set_others(token, attrs.items())


def _own_lemmatizer(lemmatizer):
    """A copy of the model's lemmatizer whose word index is a set: the same answers without
    scanning a list of thousands of words for each word it has not seen."""
    mine = copy.copy(lemmatizer)
    mine.lookups, mine.cache = Lookups(), {}
    for name in lemmatizer.lookups.tables:
        table = mine.lookups.add_table(name)
        for key, value in lemmatizer.lookups.get_table(name).items():
            table[key] = frozenset(value) if name == "lemma_index" else value
    mine.lemmatize = getattr(mine, lemmatizer.lemmatize.__name__)
    return mine


def _view(token: Token) -> dict:
    return {name: getattr(token, attr) for name, attr in _TESTED.items()}


def _set_others(token: Token, others) -> None:
    for attr, value in others:
        if attr == TAG:
            token.tag = value
        else:
            token.dep = value


@Language.factory("eventwire_attributes", default_config={"ruler": "attribute_ruler", "lemmatizer": "lemmatizer"})
def make_attributes(nlp: Language, name: str, ruler: str, lemmatizer: str) -> Attributes:
    """Built from the pipeline's own ``ruler`` and ``lemmatizer`` components."""
    return Attributes(nlp.get_pipe(ruler), nlp.get_pipe(lemmatizer))


def reduce(nlp: Language) -> Language:
    """Put ``eventwire_attributes`` in place of the attribute_ruler and lemmatizer (same output,
    a fraction of the time). A pipeline without both, or whose patterns it cannot evaluate,
    is returned as it is."""
    if not {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
        return nlp
    try:
        nlp.add_pipe("eventwire_attributes", before="attribute_ruler")
    except Unsupported:
        return nlp
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return nlp
