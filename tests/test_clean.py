import pytest

from eventwire import clean
from eventwire.errors import InputError

STORY = """Ministers meet in Vienna

VIENNA, June 3 (Reuters) - Austrian Chancellor Karl Beispiel met Hungarian officials on Tuesday.
Energy at the centre
The two sides discussed gas supplies.
We use cookies to improve your experience. Accept all cookies to continue.
Dear reader, the comments section is closed for maintenance."""


def test_paragraph_kinds_and_offsets():
    paras = clean.paragraphs(STORY, "Ministers meet in Vienna")
    kinds = [p.kind for p in paras]
    assert kinds == ["title", "dateline", "body", "subheading", "body", "boilerplate", "boilerplate"]
    for p in paras:
        assert STORY[p.start:p.end] == p.text
    assert paras[1].text == "VIENNA, June 3 (Reuters) -"
    assert paras[2].text.startswith("Austrian Chancellor")


@pytest.mark.parametrize("line", ["Promises of continuity", "Changes set under the new cabinet",
                                  "Rebels Seize Port City as Talks Stall in Geneva.",  # title case with a stop
                                  "Old Friends Help Lisbon Court New Investors"])
def test_subheadings(line):
    assert clean.is_heading(line)


@pytest.mark.parametrize("line", ["The talks ended on Monday.", "He said: “We will return”",
                                  "officials met", "Kim Jong Un met Xi Jinping in Beijing.",
                                  "Paris Agrees."])  # too few words to tell a title
def test_not_subheadings(line):
    assert not clean.is_heading(line)


@pytest.mark.parametrize("text", ["Russia shells Kharkiv", "Rebels Seize Port City as Talks Stall."])
def test_a_lone_line_is_the_story_not_its_heading(text):
    assert [p.kind for p in clean.paragraphs(text)] == ["body"]
    assert [p.kind for p in clean.paragraphs(text + "\n\nThe shelling went on for hours.")][0] == "title"


def test_a_feed_items_fields_are_boilerplate():
    assert clean.is_boilerplate("TITLE: Ban on beef to be lifted LINK: https://example.org/beef-ban?utm_source=rss")
    assert not clean.is_boilerplate("The title of the bill links the ban to trade.")


def test_news_about_cookies_is_not_boilerplate():
    assert not clean.is_boilerplate("The bakery's owner said sales of cookies fell by a third in May.")


def test_non_english_story_is_refused():
    german = ("Die Regierung hat am Montag beschlossen, die Gespräche mit den Nachbarländern "
              "fortzusetzen, obwohl die Opposition dagegen protestiert und eine Abstimmung im "
              "Parlament verlangt hatte, wie ein Sprecher des Ministeriums in Berlin mitteilte.")
    with pytest.raises(InputError, match="not an English story"):
        clean.check_english(german)
    clean.check_english("The government decided on Monday to continue the talks with its neighbours, "
                        "although the opposition protested and had demanded a vote in parliament, "
                        "a spokesman for the ministry said in Berlin.")


WRAPPED_PARAGRAPHS = [
    "Kenyan President Amani Njoroge said on Monday that Ugandan troops had attacked a border post "
    "near Busia, killing three police officers, and he demanded an apology from Kampala.",
    "Uganda denied the charge. Its foreign minister said the soldiers had been fired on first and "
    "accused Nairobi of provoking the clash to win votes ahead of the election.",
    "Kenyan police arrested two Ugandan traders in Busia on Tuesday, and Tanzania urged both "
    "governments to hold talks in Arusha before the end of the month.",
]


def _wrapped(width: int = 72) -> tuple[str, str]:
    import textwrap

    plain = "Kenya condemns Uganda\n\n" + "\n\n".join(WRAPPED_PARAGRAPHS)
    return plain, "Kenya condemns Uganda\n\n" + "\n\n".join(textwrap.fill(p, width) for p in WRAPPED_PARAGRAPHS)


@pytest.mark.parametrize("width", [60, 72, 80])
def test_hard_wrapped_lines_are_reflowed_into_paragraphs(width):
    plain, wrapped = _wrapped(width)
    assert clean.wrap_width(wrapped.split("\n")) is not None
    flowed = clean.paragraphs(wrapped, "Kenya condemns Uganda")
    assert [(p.kind, p.text) for p in flowed] == [(p.kind, p.text) for p in clean.paragraphs(plain, "Kenya condemns Uganda")]
    for p in flowed:  # the offsets are the text's own: only line breaks read as spaces
        assert wrapped[p.start:p.end].replace("\n", " ") == p.text


def test_short_lines_that_end_sentences_are_not_wrapped_text():
    lines = "Kenya condemned Uganda.\nPeru praised Chile on Monday.\nSpain met France.\nChad condemned Niger.\n"
    assert clean.wrap_width(lines.split("\n")) is None
    assert len(clean.paragraphs(lines)) == 4
    one_per_line = "\n".join(WRAPPED_PARAGRAPHS * 2)  # a paragraph per line, however long
    assert len(clean.paragraphs(one_per_line)) == 6


def test_a_hard_wrapped_story_gives_the_events_of_the_unwrapped_one(extract):
    plain, wrapped = _wrapped(72)

    def coded(text):
        return sorted((e.event_type, str(e.source and e.source.code), str(e.target and e.target.code))
                      for e in extract(text, date="2024-05-06").events)

    assert coded(plain) and coded(wrapped) == coded(plain)
