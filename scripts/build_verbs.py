"""Convert the PETRARCH-2 verb dictionary into src/eventwire/data/verbs_petrarch.tsv.

Usage: python scripts/build_verbs.py ../shared/data

Input: cameo/petrarch2-dictionaries/CAMEO.2.0.txt (github.com/openeventdata/petrarch2,
MIT, (c) 2014 Open Event Data Alliance). Output rows have the same columns as
data/verbs.tsv and are read after it (see eventwire/events/lexicon.py).

What is kept, and how:
- each verb of a block gets the block's code (or its own ``[code]``) as a default row;
- a pattern ``- * WORDS [code]`` with nothing before the verb becomes a condition:
  a leading particle (UP, DOWN, OUT, ...) -> ``prt=``, a prepositional phrase
  ``(TO)`` -> ``prep=to``, ``(ON CHARGES)`` -> ``pp=on:charges``, a noun, phrase or
  synonym set -> ``obj=`` (its head words), a phrase {TERRORIST ATTACK} ->
  ``objphrase=terrorist_attack`` (the object and its modifiers; a synonym set in it
  stands for each of its words); every element of the pattern must become a condition,
  since a row that drops one ("&TREATY (ON &DEFENSE)" kept as any treaty) codes more
  than the pattern does, so a pattern with an element that cannot be said is left out;
- patterns with words before the verb, or that need the object to be an actor
  (``$``, ``+``), are left out: eventwire finds actors itself; so are patterns whose
  object is a synset the file does not define (``(IN &DEMONSTRATION)``), which
  would otherwise shrink to a bare preposition and code every "wounded ... in";
- default rows of generic verbs (``GENERIC``: come, go, take, ...) are pruned, since
  alone they say nothing about an event; their specific patterns are kept.
Codes whose CAMEO root has no PLOVER type (01 statements) are kept; the coder skips them.
"""

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "verbs_petrarch.tsv"
#: Generic verbs whose PETRARCH default code over-codes ("Blinken's trip came as ..." is no
#: CONSULT): their default rows are pruned; their specific patterns stay.
GENERIC = set("""be have do come go head take make get put set keep lead steer improve move turn run hold
bring stand remain stay continue begin start open work seek try see look find show use call carry leave
return reach pass point face mark note play serve change grow rise fall increase raise cut end give send
step push pull draw drive follow hand win lose spend build""".split())
PARTICLES = {"up", "down", "out", "off", "in", "on", "back", "away", "over", "through", "forward", "aside"}
PREPOSITIONS = {"to", "with", "against", "for", "on", "in", "at", "from", "into", "over", "about",
                "toward", "towards", "upon", "by", "of", "under", "between", "across"}


def word(token: str) -> str:
    return token.strip("_").replace("_", " ").lower()


def parse(text: str):
    synsets: dict[str, list[str]] = {}
    blocks: list[tuple[str, str, list[tuple[str, str | None]], list[tuple[str, str]]]] = []
    current = None
    synset = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            synset = line.strip().rstrip("_")
            synsets[synset] = []
            continue
        if line.startswith("+") and synset:
            synsets[synset].append(word(line[1:].strip()))
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---", line)  # "[120]---" occurs too
        if m:
            current = (m[1], m[2], [], [])
            blocks.append(current)
            synset = None
            continue
        if current is None:
            continue
        if line.startswith("-"):
            m = re.match(r"^-\s+(.*)\[([0-9:]+)\]", line)
            if m:
                current[3].append((m[1].strip(), m[2].split(":")[0]))
            continue
        m = re.match(r"^([A-Z][A-Z_'\-]*)\s*(\{[^}]*\})?\s*(\[([0-9:]+)\])?", line.strip())
        if m:
            current[2].append((m[1], m[4].split(":")[0] if m[4] else None))
    return synsets, blocks


def element_words(elem: str, synsets: dict[str, list[str]]) -> list[str]:
    elem = elem.strip("{}()")
    if elem.startswith("&"):
        return [w.split()[-1] for w in synsets.get(elem.rstrip("_"), []) if w]
    parts = [p for p in elem.split() if p not in ("$", "+", "^", "%")]
    return [word(parts[-1])] if parts else []


def prepositional(elem: str, synsets: dict[str, list[str]]) -> str | None:
    """``(TO)`` or ``(WITH +)`` -> ``prep=to``; ``(ON CHARGES)`` -> ``pp=on:charges``; None
    where the phrase cannot be said (an undefined synset would leave a bare preposition)."""
    inner = elem.strip("()").split()
    prep = word(inner[0])
    if prep not in PREPOSITIONS:
        return None
    if all(w in ("$", "+", "^", "%") for w in inner[1:]):
        return f"prep={prep}"
    objects = sorted({w for w in element_words(" ".join(inner[1:]), synsets) if w and " " not in w})
    return f"pp={prep}:{','.join(objects)}" if objects else None


def phrase_condition(elem: str, synsets: dict[str, list[str]]) -> str | None:
    """``{TERRORIST ATTACK}`` -> ``objphrase=terrorist_attack``; a synonym set inside the
    phrase stands for each of its words (``{MILITARY &TREATY}`` -> military_pact, ...)."""
    options = []
    for part in elem.strip("{}").split():
        words = element_words(part, synsets) if part.startswith("&") else [word(part)]
        words = [w for w in words if w and " " not in w]
        if not words:
            return None
        options.append(words)
    phrases = [""]
    for words in options:
        phrases = [f"{p}_{w}" if p else w for p in phrases for w in words]
        if len(phrases) > 500:
            return None
    return "objphrase=" + ",".join(sorted(set(phrases)))


def condition(pattern: str, synsets: dict[str, list[str]]) -> str | None:
    """The row condition a pattern ``- * WORDS [code]`` says, or None where the row could
    only be looser than the pattern (every element after the verb must be expressed)."""
    left, star, right = pattern.partition("*")
    if not star or left.strip():
        return None
    elems = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", right)
    if not elems or elems[0] in ("$", "+", "^", "%"):
        return None
    conds = []
    if word(elems[0]) in PARTICLES and not elems[0].startswith(("&", "{", "(")):
        conds.append(f"prt={word(elems[0])}")
        elems = elems[1:]
    if elems and not elems[0].startswith("(") and elems[0] not in ("$", "+", "^", "%"):
        obj, elems = elems[0], elems[1:]
        if obj.startswith("{") and len(obj.split()) > 1:  # {TERRORIST ATTACK}: the whole phrase
            cond = phrase_condition(obj, synsets)
        else:
            words = sorted({w for w in element_words(obj, synsets) if w and " " not in w})
            cond = "obj=" + ",".join(words) if words else None  # an undefined synset or a multi-word object
        if cond is None:
            return None
        conds.append(cond)
    for elem in elems:  # "&TREATY (ON &DEFENSE)": what follows the object must hold too
        cond = prepositional(elem, synsets) if elem.startswith("(") else None
        if cond is None:
            return None
        conds.append(cond)
    return " ".join(conds) or None


def verb_forms(name: str) -> tuple[str, str | None]:
    parts = name.lower().split("_")
    verb, rest = parts[0], [p for p in parts[1:] if p]
    if rest and rest[0] in PARTICLES:
        return verb, f"prt={rest[0]}"
    return verb, None


def main(data: Path) -> None:
    text = (data / "cameo" / "petrarch2-dictionaries" / "CAMEO.2.0.txt").read_text(encoding="latin-1")
    synsets, blocks = parse(text)
    specific, default = [], []
    for name, code, members, patterns in blocks:
        block_code = code.split(":")[0]  # "[041:041]": the code before the colon
        block_code = block_code if block_code.isdigit() else None
        conds = [(c, p_code) for p, p_code in patterns if (c := condition(p, synsets))]
        for member, own in members:
            lemma, prt = verb_forms(member)
            for cond, p_code in conds:
                when = " ".join(filter(None, [prt, cond]))
                specific.append((lemma, "verb", when, p_code, "", f"petrarch2 {name}"))
            base = own or block_code
            if base and lemma not in GENERIC:
                default.append((lemma, "verb", prt or "", base, "", f"petrarch2 {name}"))
    seen, rows = set(), []
    for row in specific + default:
        key = row[:3]
        if key not in seen:
            seen.add(key)
            rows.append(row)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build_verbs.py from the PETRARCH-2 verb dictionary (MIT,\n"
                "# (c) 2014 Open Event Data Alliance); see ATTRIBUTION.md. Do not edit by hand:\n"
                "# curated rows belong in verbs.tsv, which is read first.\n")
        f.write("lemma\tpos\twhen\tcameo\troles\tnote\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows ({len(specific)} patterns, {len(default)} defaults) to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
