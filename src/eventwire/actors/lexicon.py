"""The actor dictionary: countries, organisations, people and role nouns.

Built from ``data/countries.tsv``, ``data/organisations.tsv``, ``data/roles.tsv``,
the people and organisations converted from PETRARCH-2 (``data/actors_petrarch.tsv``),
then ``data/people.yaml`` over them, then any user YAML files of the same shape::

    people:
      - name: Jane Doe
        aliases: [J. Doe]
        roles: [{code: FRA GOV, office: foreign minister, from: 2024-01-01}]
    organisations:
      - {name: Example Front, code: FRA REB, aliases: [EF]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import resources
from ..errors import InputError
from .names import SHIPPED, USER, NameIndex
from .people import Person, Role


@dataclass(slots=True)
class Entry:
    """What a dictionary phrase denotes."""

    kind: str  # country | demonym | capital | org | person | title | honorific | group | agent | thing
    code: str | None = None  # ISO-3 for places, "CCC SSS" for organisations
    name: str = ""
    sector: str | None = None
    office: str | None = None
    person: Person | None = None
    #: A title's country when the story names none ("secretary of state": USA); "DEU?"
    #: only when the story names that country somewhere ("chancellor").
    country: str | None = None
    key: object = None  # what makes two mentions one actor (a dictionary record)


@dataclass
class Lexicon:
    proper: dict[str, Entry] = field(default_factory=dict)  # case-sensitive phrases
    roles: dict[str, Entry] = field(default_factory=dict)  # lower-cased phrases
    countries: dict[str, str] = field(default_factory=dict)  # ISO-3 -> name
    capital_of: dict[str, str] = field(default_factory=dict)  # capital -> ISO-3
    names: NameIndex = field(default_factory=NameIndex)  # people and converted organisations

    def add_person(self, person: Person, aliases: list[str], layer: int = USER) -> None:
        self.names.add_person(person, aliases, layer)

    def add_org(self, name: str, code: str, aliases: list[str]) -> None:
        for alias in [name, *aliases]:
            self.proper[alias] = Entry("org", code=code, name=name)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _plural(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if last.endswith("s"):
        return phrase
    word = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
    return f"{head} {word}".strip()


def _iso(value) -> str | None:
    return None if value is None else str(value)


def _add_yaml(lex: Lexicon, data: dict, origin: str, layer: int = USER) -> None:
    if not isinstance(data, dict):
        raise InputError(f"{origin}: expected a mapping with 'people' and/or 'organisations'")
    for item in _entries(data, "people", origin, ("name",)):
        roles = [Role(str(r["code"]), r.get("office"), _iso(r.get("from")), _iso(r.get("until")))
                 for r in _entries(item, "roles", f"{origin}: person {item['name']!r}", ("code",))]
        lex.add_person(Person(str(item["name"]), roles), [str(a) for a in _list(item, "aliases", origin)], layer)
    for item in _entries(data, "organisations", origin, ("name", "code")):
        lex.add_org(str(item["name"]), str(item["code"]), [str(a) for a in _list(item, "aliases", origin)])


def _list(data: dict, key: str, origin: str) -> list:
    """``data[key]``, a list (missing: empty), or a one-line error saying where."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{origin}: '{key}' must be a list, not {type(value).__name__}")
    return value


def _entries(data: dict, key: str, origin: str, required: tuple[str, ...]) -> list[dict]:
    """The mappings listed under ``key``, each holding ``required``, or a one-line error."""
    items = _list(data, key, origin)
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or any(item.get(k) in (None, "") for k in required):
            raise InputError(f"{origin}: {key} entry {n} must be a mapping with {' and '.join(required)}")
    return items


def build(extra: tuple[str, ...] = (), converted: bool = True) -> Lexicon:
    """The shipped dictionary, extended by the user's YAML files in ``extra``; without
    the PETRARCH-2 layer if ``converted`` is false (to measure what it adds)."""
    lex = Lexicon()
    if converted:
        lex.names.load_converted()
    for row in resources.table("countries.tsv"):
        code, name = row["code"], row["name"]
        lex.countries[code] = name
        for alias in [name, *_split(row["aliases"])]:
            lex.proper[alias] = Entry("country", code=code, name=name)
        for demonym in _split(row["demonyms"]):
            lex.proper[demonym] = Entry("demonym", code=code, name=name)
        for capital in _split(row["capitals"]):
            lex.proper[capital] = Entry("capital", code=code, name=name)
            lex.capital_of[capital] = code
    for row in resources.table("organisations.tsv"):
        lex.add_org(row["name"], row["code"], _split(row["aliases"]))
    for row in resources.table("roles.tsv"):
        entry = Entry(row["kind"], sector=row["sector"] or None, office=row["office"] or None,
                      name=row["phrase"], country=row["country"] or None)
        lex.roles[row["phrase"]] = entry
        lex.roles.setdefault(_plural(row["phrase"]), entry)
    for row in resources.table("agents.tsv"):  # "Swiss doctors": an actor only with its country
        entry = Entry("agent", sector=row["sector"], name=row["noun"])
        for phrase in (row["noun"], _plural(row["noun"])):
            lex.roles.setdefault(phrase, entry)
    _add_yaml(lex, resources.load_yaml("people.yaml"), "people.yaml", SHIPPED)
    for path in extra:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read actor dictionary ({exc})") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark else ""
            raise InputError(f"{path}: not valid YAML{where} ({getattr(exc, 'problem', None) or exc})") from None
        _add_yaml(lex, data, path)
    lex.names.finish()
    return lex
