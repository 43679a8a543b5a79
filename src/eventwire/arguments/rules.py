"""The subject-inheritance rules of ``data/arguments.yaml``, read into small records."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

_TAKES = frozenset({"head", "subject", "possessor", "none"})
_VIAS = frozenset({"", "head", "grandhead", "governor"})


@dataclass(frozen=True)
class Rule:
    """One named rule: when a subjectless verb matches it, where its subject is."""

    name: str
    dep: frozenset[str]
    take: str
    head_pos: frozenset[str] = frozenset()
    head_dep: frozenset[str] = frozenset()
    head_in: str = ""
    via: str = ""
    via_pos: frozenset[str] = frozenset()
    via_not_in: str = ""

    def via_of(self, tok: Token, grammar) -> Token | None | bool:
        """The token the rule looks at for ``tok`` (None when it needs none), or False
        when the rule does not apply."""
        if tok.dep_ not in self.dep:  # most rules stop here: read the head only past it
            return False
        head = tok.head
        if head.i == tok.i:
            return False
        if self.head_pos and head.pos_ not in self.head_pos or self.head_dep and head.dep_ not in self.head_dep:
            return False
        if self.head_in and not (grammar.has(self.head_in, head.lower_) or grammar.has(self.head_in, head.lemma_.lower())):
            return False
        if not self.via:
            return None
        via = self._via(head)
        if self.via_pos and via.pos_ not in self.via_pos:
            return False
        if self.via_not_in and grammar.has(self.via_not_in, via.lemma_.lower()):
            return False
        return via

    def _via(self, head: Token) -> Token:
        """The token ``via`` names, from the verb's head (only that one is read)."""
        if self.via == "head":
            return head
        if self.via == "governor" and head.dep_ == "pobj":
            return head.head.head
        return head.head  # "grandhead", or the governor of a head that is no preposition's object


def load_rules(rows: list[dict]) -> tuple[Rule, ...]:
    """Rules from their data rows; a row with an unknown field or value is an error."""
    out = []
    for row in rows:
        row = dict(row)
        row.pop("reason"), row.pop("example")
        for key in ("dep", "head_pos", "head_dep", "via_pos"):
            if key in row:
                row[key] = frozenset(row[key])
        rule = Rule(**row)
        if rule.take not in _TAKES or rule.via not in _VIAS or rule.take in ("subject", "possessor") and not rule.via:
            raise ValueError(f"arguments.yaml: bad rule {rule.name!r}")
        out.append(rule)
    return tuple(out)
