"""The converters in scripts/ on small inputs written here (the real inputs live in
../shared/data, which the tests never need)."""

import importlib.util
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load(name):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_verbs = load("build_verbs")

DICTIONARY = """
&TREATY
+ACCORD
+TREATY
&MILITARY
+ARMY
+NAVY

---  SIGN   [---]  ---
SIGN
- * {&MILITARY &TREATY}             [0312:0312]   # SIGN
- * &TREATY (ON DEFENSE)            [0312]        # SIGN
- * &TREATY (FOR &UNDEFINED)        [0311]        # SIGN
- * &TREATY                         [057:057]     # SIGN

---  BLAME   [112]  ---
CONDEMN
- * VIOLENCE                        [1123]        # CONDEMN

---  DELAY   [120]---  ---
POSTPONE
- * ATTACK                          [053]         # PREVENT
"""


@pytest.fixture(scope="module")
def parsed():
    return build_verbs.parse(DICTIONARY)


def test_a_header_without_a_space_before_its_dashes_opens_a_block(parsed):
    _, blocks = parsed
    assert [b[0] for b in blocks] == ["SIGN", "BLAME", "DELAY"]
    assert [p for p, _ in blocks[1][3]] == ["* VIOLENCE"]  # DELAY's patterns are not BLAME's


@pytest.mark.parametrize("pattern, expected", [
    # a synonym set inside a phrase stands for each of its words
    ("* {&MILITARY &TREATY}", "objphrase=army_accord,army_treaty,navy_accord,navy_treaty"),
    # what follows the object is a condition too, not dropped
    ("* &TREATY (ON DEFENSE)", "obj=accord,treaty pp=on:defense"),
    # an element that cannot be said leaves the pattern out rather than loosen it
    ("* &TREATY (FOR &UNDEFINED)", None),
    ("* &TREATY", "obj=accord,treaty"),
])
def test_pattern_conditions(parsed, pattern, expected):
    synsets, _ = parsed
    assert build_verbs.condition(pattern, synsets) == expected


build_actors = load("build_actors")

ACTORS = """# a comment
AFGHANISTAN_  [AFG]
+KABUL_

JOHN_KERRY_ # CountryInfo.txt
+SECRETARY_OF_STATE_JOHN_KERRY_
+JOHN_FORBES_KERRY
\t[USAGOVLEG 850103-130201]
\t[USAGOV >130201]
UN_SECURITY_COUNCIL_
+SECURITY_COUNCIL
\t[IGOUNO]
US_PRESIDENT
\t[USAGOV]
KOFI_ANNAN_
\t[IGOUNO 970101-061231]
\t[ELI]
\t[GHAGOV 2004017-20061201]
"""


def test_actor_dictionary_conversion(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(ACTORS)
    out = {}
    build_actors.convert(build_actors.read_records(path), {"AFG", "USA", "GHA"}, {"united states", "us"},
                         {"secretary", "state", "president"}, out)
    lines = [build_actors.line(kind, names, roles) for (kind, _), (names, roles) in out.items()]
    assert lines == [
        # the title-bearing synonym is dropped; TABARI limits are inclusive, ours exclusive
        "person\tjohn kerry|john forbes kerry\tUSA GOV 19850103 20130202;USA GOV 20130201 -",
        "org\tun security council|security council\tIGO UNO - -",
        # a malformed date and a code of no country are left out
        "person\tkofi annan\tIGO UNO 19970101 20070101",
    ]  # the country record and the title written as an organisation are gone


@pytest.mark.parametrize("code, expected", [
    ("USAGOVLEG", "USA GOV"), ("IGOUNOHLHWHO", "IGO WHO"), ("IGOWSTNAT", "IGO NAT"),
    ("NGOUSAHLH", "NGO HLH"), ("MNCKOR", "KOR BUS"), ("KSVGOV", "XKX GOV"), ("WEU", None), ("AFG", None),
])
def test_cameo_codes_become_two_part_codes(code, expected):
    assert build_actors.convert_code(code, {"USA", "KOR", "XKX", "AFG"}) == expected


def test_tabari_dates():
    assert str(build_actors.to_date("090120")) == "2009-01-20"
    assert str(build_actors.to_date("510724")) == "1951-07-24"
    assert build_actors.to_date("2004017") is None
