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
