"""The coder's tables: the CAMEO/PLOVER ontology, event triggers, speech verbs, status cues."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .. import resources
from ..parse import word_ids


@dataclass(frozen=True, slots=True)
class Code:
    """One CAMEO code with everything PLOVER and CAMEO users expect next to it."""

    cameo: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str
    plover_mode: str | None
    plover_contexts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of ``data/verbs.tsv``."""

    lemma: str
    pos: str  # verb | noun
    when: tuple[tuple[str, frozenset[str]], ...]
    cameo: str
    roles: str  # "" | rev | all | undergo | skip
    row: int  # data row in its file, reported by `eventwire explain`
    source: str = "verbs.tsv"
    rank: int = 0

    @property
    def specific(self) -> bool:
        return bool(self.when)


#: Trigger tables in order of trust: hand-written rows first, then the converted PETRARCH-2 verbs.
TRIGGER_FILES = ("verbs.tsv", "verbs_petrarch.tsv")


@dataclass
class TriggerRows:
    """The rows of one (lemma, pos), in order, indexed for fast matching: rows whose only
    condition is ``obj=`` are found through ``by_object``; the others through a word their
    first condition needs (a preposition, an object, a head), so only those are tried."""

    rows: list[Trigger]
    by_object: dict[str, int] = field(default_factory=dict)  # object word -> first row index
    others: list[tuple[int, Trigger]] = field(default_factory=list)
    needing: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # ("prep", "on") -> positions in others
    always: list[int] = field(default_factory=list)  # positions in others with no such word
    kinds: frozenset[str] = frozenset()  # the kinds of word ("prep", "obj", "head") ``needing`` holds

    @classmethod
    def build(cls, rows: list[Trigger]) -> "TriggerRows":
        out = cls(rows)
        for index, row in enumerate(rows):
            if len(row.when) == 1 and row.when[0][0] == "obj" and "*" not in row.when[0][1]:
                for word in row.when[0][1]:
                    out.by_object.setdefault(word, index)
                continue
            out.others.append((index, row))
            needs = _needs(*row.when[0]) if row.when else []
            for need in needs:
                out.needing.setdefault(need, []).append(len(out.others) - 1)
            if not needs:
                out.always.append(len(out.others) - 1)
        out.kinds = frozenset(kind for kind, _ in out.needing)
        return out


def _needs(key: str, values: frozenset[str]) -> list[tuple[str, str]]:
    """The words one of which a token must have for this condition to hold."""
    if key.startswith("pp:"):
        return [("prep", key[3:])]
    if key == "obj" and "*" in values:
        return []  # any object: tried for every token
    if key in ("prep", "prt", "obj", "head", "aimed"):
        return [("prep" if key in ("prt", "aimed") else key, v) for v in values]
    if key == "objphrase":
        return [("obj", phrase.split("_")[-1]) for phrase in values]
    return []


@dataclass
class Lexicon:
    codes: dict[str, Code]
    triggers: dict[tuple[str, str], TriggerRows]
    speech: dict[str, str]
    status: dict = field(default_factory=dict)
    grammar: dict = field(default_factory=dict)
    reframe: dict = field(default_factory=dict)
    #: Nouns naming people or bodies (data/agents.tsv and grammar.yaml's party_nouns).
    party_nouns: frozenset[str] = frozenset()
    #: One-word titles of a person (data/roles.tsv kind "title": "ambassador", "minister").
    titles: frozenset[str] = frozenset()
    #: The event gates and the argument types they read (``gate.load_gates``).
    gates: tuple = ()
    #: String ids of every trigger word as a token's LOWER or LEMMA can hold it.
    trigger_ids: frozenset[int] = field(init=False, repr=False)

    def __post_init__(self):
        self.trigger_ids = word_ids(w for lemma, _ in self.triggers for w in (lemma, lemma.capitalize(), lemma.upper()))

    def type_code(self, plover_type: str) -> Code | None:
        """The most general CAMEO code PLOVER maps to ``plover_type`` (for classifier events)."""
        codes = [c for c in self.codes.values() if c.plover_type == plover_type]
        return min(codes, key=lambda c: (len(c.cameo), c.cameo)) if codes else None

    def code(self, cameo: str) -> Code | None:
        """The code, or its nearest ancestor that PLOVER maps (0312 -> 031 -> 03)."""
        for key in (cameo, cameo[:3], cameo[:2]):
            code = self.codes.get(key)
            if code is not None and code.plover_type:
                return code
        return None


def _conditions(text: str, lists: dict | None = None) -> tuple[tuple[str, frozenset[str]], ...]:
    """``obj=a,b prt=up`` -> (("obj", {a, b}), ("prt", {up})); ``pp=on:charge`` keys as "pp:on";
    ``@name`` stands for the words of ``name`` in ``lists`` (data/grammar.yaml)."""
    out = []
    for part in text.split():
        key, _, values = part.partition("=")
        if key == "pp":
            prep, _, values = values.partition(":")
            key = f"pp:{prep}"
        words = [w for v in values.split(",") if v
                 for w in ((lists or {})[v[1:]] if v.startswith("@") else [v])]
        out.append((key, frozenset(words)))
    return tuple(out)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    codes = {}
    for row in resources.table("cameo.tsv"):
        codes[row["code"]] = Code(
            row["code"], row["name"], float(row["goldstein"] or 0), int(row["quad_class"]),
            row["plover_type"], row["plover_mode"] or None,
            tuple(c for c in row["plover_contexts"].split(";") if c))
    grammar = resources.load_yaml("grammar.yaml")
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for rank, name in enumerate(TRIGGER_FILES):
        for n, row in enumerate(resources.table(name), 1):
            t = Trigger(row["lemma"], row["pos"], _conditions(row["when"], grammar), row["cameo"], row["roles"],
                        n, name, rank)
            triggers.setdefault((t.lemma, t.pos), []).append(t)
    for key, rows in triggers.items():  # conditions before defaults; curated before converted
        rows.sort(key=lambda t: (not t.specific, t.rank))
        triggers[key] = TriggerRows.build(rows)
    speech = {row["lemma"]: row["kind"] for row in resources.table("speech_verbs.tsv")}
    party = frozenset(row["noun"] for row in resources.table("agents.tsv")) | frozenset(grammar["party_nouns"])
    titles = frozenset(row["phrase"] for row in resources.table("roles.tsv")
                       if row["kind"] == "title" and " " not in row["phrase"])
    return Lexicon(codes, triggers, speech, resources.load_yaml("status.yaml"), grammar,
                   resources.load_yaml("reframe.yaml"), party, titles, _gates())


def _gates() -> tuple:
    from .gate import load_gates  # gate.py reads Trigger from this module

    return load_gates()
