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


@pytest.mark.parametrize("line", ["Promises of continuity", "Changes set under the new cabinet"])
def test_subheadings(line):
    assert clean.is_heading(line)


@pytest.mark.parametrize("line", ["The talks ended on Monday.", "He said: “We will return”",
                                  "officials met"])
def test_not_subheadings(line):
    assert not clean.is_heading(line)


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
