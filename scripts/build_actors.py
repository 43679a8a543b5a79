"""Convert the PETRARCH-2 actor dictionaries into src/eventwire/data/actors_petrarch.tsv.

Usage: python scripts/build_actors.py ../shared/data

Input: cameo/petrarch2-dictionaries/Phoenix.{Countries,International,MilNonState}.actors.txt
(github.com/openeventdata/petrarch2, MIT, (c) 2014 Open Event Data Alliance). A record is
a phrase, ``+`` synonyms and dated codes::

    JOHN_KERRY_
    +SECRETARY_OF_STATE_JOHN_KERRY_
        [USAGOVLEG 850103-130201]
        [USAGOV >130201]

Output, one record a line: ``kind``, the names (lower-cased words, hyphens split, accents
removed, ``|`` between variants) and the roles (``;`` between them), each ``CODE FROM
UNTIL`` with eventwire's two-part code ("USA GOV", "IGO UNO"), ISO dates, ``FROM``
inclusive, ``UNTIL`` exclusive, ``-`` for open; a role without dates is the default.

What is left out, and why:
- country records ("AFGHANISTAN_ [AFG]" and its towns and provinces): countries.tsv
  holds the countries, and a town is where something happened, not who acted;
- synonyms that carry a title or a country ("US_PRESIDENT_BARACK_OBAMA"), and titles
  written as organisations ("US_PRESIDENT", "UN_SECRETARY_GENERAL"): eventwire composes
  those from the title, the country and the name, so only names are kept;
- parenthesised acronyms ("(ALF)"), codes of no country eventwire knows (regions,
  historical states), restrictions with malformed dates, records left without a name.
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from eventwire.actors.names import words  # noqa: E402  (one definition of how names are compared)

DATA = ROOT / "src" / "eventwire" / "data"
OUT = DATA / "actors_petrarch.tsv"
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")

#: CAMEO sector codes eventwire keeps (the first one found after the country is the sector).
SECTORS = set("GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG LAB REF REL ELI HLH HRI "
              "AGR DEV ENV UAF SET MOD RAD INS SEP IGO NGO".split())
#: CAMEO region and thematic codes that never name an organisation inside an IGO/NGO code.
NOT_ORGS = SECTORS | set("WST EUR AFR ASA MEA LAM SAM NAM CAS SEA SAS EAF WAF SAF NAF CAF EEU ARB MOS "
                         "CRB SCN KID CHR BUD HIN JEW MUS SUN SHI CTH PRO ORT ITP".split())
#: Old CAMEO country codes still used in the dictionaries.
OLD_COUNTRIES = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
#: Words that make a phrase an organisation, not a person.
ORG_WORDS = set("ministry ministries party army forces force council front union movement organization "
                "organisation committee group bank corporation company association agency authority "
                "commission court assembly parliament congress senate government police navy command "
                "brigade brigades battalion league federation institute university office department "
                "service services network alliance coalition news radio television times post fund "
                "foundation society church center centre club agency bureau guard guards militia "
                "board trust federal national international republic revolutionary liberation".split())
#: Words of titles and offices: a synonym holding one is a title plus a name, not a name.
TITLE_WORDS = set("mr mr. mrs mrs. ms ms. dr dr. sir lord lady president presidential vice prime minister "
                  "premier secretary general gen. chancellor king queen prince princess emir sheikh sultan "
                  "senator sen. representative rep. governor gov. mayor ambassador envoy spokesman "
                  "spokeswoman chief commander leader chairman chairwoman chair director head judge justice "
                  "admiral colonel col. captain capt. lieutenant lt. major sergeant foreign defense defence "
                  "interior finance state elect former then administration government regime cabinet "
                  "office camp team supporters aide aides official officials deputy acting senior "
                  "his her the speaker".split())
#: Words of a person's post: an "organisation" named by one ("US_PRESIDENT", "UN_SECRETARY_GENERAL")
#: is a title, which eventwire reads from roles.tsv and the country or organisation named with it.
POST_WORDS = set("president presidents minister ministers secretary chancellor king queen prince emir senator "
                 "governor mayor ambassador envoy spokesman spokeswoman spokesperson chief commander leader "
                 "leaders chairman chairwoman director premier general monitor rapporteur representative "
                 "official officials resident".split())
ENTRY = re.compile(r"\[([^\]]*)\]")
DATE = re.compile(r"^\d{6}$|^\d{8}$")


def to_date(text: str) -> date | None:
    """A TABARI date, YYYYMMDD or YYMMDD (00-30 is 20YY, else 19YY), or None if malformed."""
    if not DATE.match(text):
        return None
    year = int(text[:4]) if len(text) == 8 else int(text[:2])
    if len(text) == 6:
        year += 2000 if year <= 30 else 1900
    try:
        return date(year, int(text[-4:-2]), int(text[-2:]))
    except ValueError:
        return None


def country_codes() -> set[str]:
    rows = [ln for ln in (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    return {row["code"] for row in csv.DictReader(rows, delimiter="\t")}


def convert_code(code: str, countries: set[str]) -> str | None:
    """A CAMEO code ("USAGOVLEG", "IGOUNOHLHWHO", "NGOUSAHLH", "MNCKOR") as eventwire's
    "CCC SSS" ("USA GOV", "IGO WHO", "NGO HLH", "KOR BUS"), or None."""
    parts = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    if not parts:
        return None
    head, rest = parts[0], parts[1:]
    if head in ("IGO", "NGO"):
        orgs = [p for p in rest if p not in NOT_ORGS and p not in countries]
        if head == "IGO":
            return f"IGO {orgs[-1]}" if orgs else "IGO"
        sector = next((p for p in rest if p in SECTORS), None)
        return f"NGO {sector}" if sector else "NGO"
    if head == "MNC":
        country = next((OLD_COUNTRIES.get(p, p) for p in rest if OLD_COUNTRIES.get(p, p) in countries), None)
        return f"{country} BUS" if country else "MNC"
    head = OLD_COUNTRIES.get(head, head)
    if head not in countries:
        return None
    sector = next((p for p in rest if p in SECTORS), None)
    return f"{head} {sector}" if sector else None


def parse_role(text: str, countries: set[str]) -> tuple[str, str, str] | None:
    """``CODE``, ``CODE >date``, ``CODE <date`` or ``CODE date-date`` as (code, from, until)."""
    text = text.replace("> ", ">").replace("< ", "<").strip()
    code, _, restriction = text.partition(" ")
    converted = convert_code(code.strip("~"), countries)
    if converted is None:
        return None
    restriction = restriction.strip()
    start = until = None
    if restriction.startswith(">"):
        start = to_date(restriction[1:])
        if start is None:
            return None
    elif restriction.startswith("<"):
        end = to_date(restriction[1:])
        if end is None:
            return None
        until = end + timedelta(days=1)
    elif restriction:
        a, _, b = restriction.partition("-")
        start, end = to_date(a), to_date(b)
        if start is None or end is None or end < start:
            return None
        until = end + timedelta(days=1)  # TABARI limits are inclusive
    return converted, start.strftime("%Y%m%d") if start else "-", until.strftime("%Y%m%d") if until else "-"


class Record:
    def __init__(self, phrase: str, comment: str):
        self.names = [phrase]
        self.codes: list[str] = []
        self.comment = comment

    def kind(self) -> str:
        first = words(self.names[0])
        dated = any(" " in c.strip() for c in self.codes)
        if ORG_WORDS.intersection(first) or not (dated or "CountryInfo" in self.comment):
            return "org"
        return "person"


def read_records(path: Path) -> list[Record]:
    records: list[Record] = []
    current: Record | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        if line.startswith("+") and current is not None:
            current.names.append(line[1:].split("[")[0])
            current.codes += ENTRY.findall(line)
        elif line[0] in " \t":
            if current is not None:
                current.codes += ENTRY.findall(line)
        else:
            current = Record(line.split("[")[0], comment)
            current.codes += ENTRY.findall(line)
            records.append(current)
    return records


def lexicon_words() -> tuple[set[str], set[str]]:
    """Country names and demonyms (a synonym starting with one is a title phrase), and the
    words of roles.tsv's titles."""
    places: set[str] = set()
    for ln in (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if ln.startswith("#") or not ln.strip():
            continue
        cols = ln.split("\t")
        for col in cols[1:4]:
            for name in col.split("|"):
                if name:
                    places.add(" ".join(words(name)))
    titles = set(TITLE_WORDS)
    for ln in (DATA / "roles.tsv").read_text(encoding="utf-8").splitlines():
        if ln.startswith("#") or not ln.strip():
            continue
        phrase, kind = ln.split("\t")[:2]
        if kind in ("title", "honorific"):
            titles.update(words(phrase))
    return places, titles


def is_name(ws: list[str], places: set[str], titles: set[str]) -> bool:
    if not ws or titles.intersection(ws):
        return False
    return not any(" ".join(ws[:n]) in places for n in range(1, min(4, len(ws)) + 1))


def convert(records: list[Record], countries: set[str], places: set[str], titles: set[str],
            out: dict[tuple[str, str], tuple[list[str], list[tuple[str, str, str]]]]) -> None:
    """Add each record to ``out``, keyed by kind and first name: a person listed in two
    files ("BAN_KI_MOON_" as a South Korean minister and as UN Secretary-General) is one."""
    for rec in records:
        roles = [r for r in (parse_role(c, countries) for c in rec.codes) if r is not None]
        kind = rec.kind()
        names = [" ".join(ws) for ws in map(words, rec.names)
                 if ws and (is_name(ws, places, titles) if kind == "person" else not POST_WORDS.intersection(ws))]
        if not roles or not names:
            continue
        known_names, known_roles = out.setdefault((kind, names[0]), ([], []))
        known_names += [n for n in names if n not in known_names]
        known_roles += [r for r in roles if r not in known_roles]


def line(kind: str, names: list[str], roles: list[tuple[str, str, str]]) -> str:
    dated = sorted((r for r in roles if r[1:] != ("-", "-")), key=lambda r: r[1])
    default = [r for r in roles if r[1:] == ("-", "-")][:1]
    return f"{kind}\t{'|'.join(names)}\t{';'.join(' '.join(r) for r in dated + default)}"


def main(data: Path) -> None:
    folder = data / "cameo" / "petrarch2-dictionaries"
    countries = country_codes()
    places, titles = lexicon_words()
    merged: dict = {}
    for name in FILES:
        convert(read_records(folder / name), countries, places, titles, merged)
    lines = [line(kind, names, roles) for (kind, _), (names, roles) in merged.items()]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build_actors.py from the PETRARCH-2 actor dictionaries\n"
                "# Phoenix.{Countries,International,MilNonState}.actors.txt (MIT, (c) 2014 Open Event\n"
                "# Data Alliance). kind, names (|), roles (;) as CODE FROM UNTIL (until exclusive, - open).\n")
        f.write("kind\tnames\troles\n")
        f.write("\n".join(lines) + "\n")
    people = sum(ln.startswith("person") for ln in lines)
    print(f"wrote {len(lines)} records ({people} people, {len(lines) - people} organisations) to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
