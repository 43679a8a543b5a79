import datetime as dt

import pytest

from eventwire.time import Normaliser, precision

MONDAY = dt.date(2025, 1, 6)


@pytest.mark.parametrize("text, tense, kind, value, mod", [
    ("Monday", "past", "DATE", "2025-01-06", None),
    ("later Monday", "present", "DATE", "2025-01-06", None),
    ("Friday", "past", "DATE", "2025-01-03", None),
    ("Friday", "future", "DATE", "2025-01-10", None),
    ("last Friday", "past", "DATE", "2025-01-03", None),
    ("late last year", "past", "DATE", "2024", "END"),
    ("early December", "past", "DATE", "2024-12", "START"),
    ("December", "past", "DATE", "2024-12", None),
    ("December", "future", "DATE", "2025-12", None),
    ("last June", "past", "DATE", "2024-06", None),
    ("December 3", "past", "DATE", "2024-12-03", None),
    ("January 6, 2021", "past", "DATE", "2021-01-06", None),
    ("6 January 2021", "past", "DATE", "2021-01-06", None),
    ("2023", "past", "DATE", "2023", None),
    ("the 1990s", "past", "DATE", "199", None),
    ("March 2024", "past", "DATE", "2024-03", None),
    ("the fourth quarter", "past", "DATE", "2024-Q4", None),
    ("the third quarter of 2023", "past", "DATE", "2023-Q3", None),
    ("next week", "future", "DATE", "2025-W03", None),
    ("this week", "present", "DATE", "2025-W02", None),
    ("last month", "past", "DATE", "2024-12", None),
    ("three years ago", "past", "DATE", "2022", None),
    ("two days ago", "past", "DATE", "2025-01-04", None),
    ("yesterday", "past", "DATE", "2025-01-05", None),
    ("tomorrow", "future", "DATE", "2025-01-07", None),
    ("this morning", "past", "TIME", "2025-01-06TMO", None),
    ("Monday night", "past", "TIME", "2025-01-06TNI", None),
    ("two weeks", "past", "DURATION", "P2W", None),
    ("just over a week", "past", "DURATION", "P1W", "MORE_THAN"),
    ("decades", "past", "DURATION", "PXDE", None),
    ("three hours", "past", "DURATION", "PT3H", None),
    ("every Monday", "past", "SET", "XXXX-WXX-1", None),
    ("weekly", "past", "SET", "P1W", None),
    ("now", "present", "DATE", "PRESENT_REF", None),
    ("recently", "past", "DATE", "PAST_REF", None),
    ("last summer", "past", "DATE", "2024-SU", None),
    ("nineteen ninety-six", "past", "DATE", "1996", None),
    ("the nineties", "past", "DATE", "199", None),
    ("Saturday, January 11", "future", "DATE", "2025-01-11", None),
    ("last Oct. 23", "none", "DATE", "2024-10-23", None),
    ("5 p.m. EST Jan. 9", "none", "TIME", "2025-01-09T17:00", None),
    ("last night", "past", "TIME", "2025-01-05TNI", None),
    ("last Thanksgiving", "past", "DATE", "2024-11-28", None),
    ("2 1/2 years", "past", "DURATION", "P2Y6M", None),
    ("the end of the year", "future", "DATE", "2025", "END"),
    ("year-end", "future", "DATE", "2025", "END"),
    ("Friday", "none", "DATE", "2025-01-03", None),  # news reports what happened
    ("Feb. 1", "none", "DATE", "2025-02-01", None),  # ... unless the later date is clearly nearer
    ("Friday", "prospective", "DATE", "2025-01-10", None),
    ("each July", "past", "SET", "XXXX-07", None),
    ("earlier yesterday", "past", "DATE", "2025-01-05", None),
    ("for the year", "past", "DATE", "2025", None),  # news: the current year ...
    ("a year", "past", "DURATION", "P1Y", None),
    ("mid-afternoon", "past", "TIME", "2025-01-06TAF", "MID"),
    ("the morning", "past", "TIME", "2025-01-06TMO", None),
    ("overnight", "past", "TIME", "2025-01-05TNI", None),
    ("4 in the morning", "past", "TIME", "2025-01-06T04:00", None),
    ("this coming Saturday, January eleventh", "none", "DATE", "2025-01-11", None),
    ("the week of January 20", "none", "DATE", "2025-W04", None),
    ("Tuesday nights", "past", "SET", "XXXX-WXX-2TNI", None),
    ("earlier in the year", "past", "DATE", "2025", None),
    ("eight trading days", "past", "DURATION", "P8D", None),
])
def test_normalise(text, tense, kind, value, mod):
    t = Normaliser(MONDAY, tense)(text)
    assert (t.type, t.value, t.mod) == (kind, value, mod)


def test_quarter_reference_dates_year_earlier_comparisons():
    assert Normaliser(MONDAY, "past", "2024-Q3")("the year-ago third quarter").value == "2023-Q3"
    assert Normaliser(MONDAY, "past", "2024-Q3")("the comparable year-ago quarter").value == "2023-Q3"
    assert Normaliser(MONDAY, "past", "2024-Q3")("a year earlier").value == "2023-Q3"
    assert Normaliser(MONDAY, "past", "2024-Q3")("the quarter").value == "2024-Q3"
    assert Normaliser(MONDAY, "past")("a year earlier").value == "2024"


@pytest.mark.parametrize("sentence, expected", [
    ("Spain met Morocco on Friday.", "2025-01-03"),  # past tense
    ("Spain will meet Morocco on Friday.", "2025-01-10"),  # future tense
    ("The talks are scheduled to open Friday.", "2025-01-10"),  # a plan
    ("Spain extended the deadline to Feb. 3.", "2025-02-03"),  # a deadline, not when it was extended
    ("Spain signed a deal in December.", "2024-12"),
])
def test_tense_of_the_governing_verb_decides_direction(extract, sentence, expected):
    times = extract(sentence, date="2025-01-06").times
    assert [t.value for t in times] == [expected]


def test_neighbouring_expressions_are_joined(extract):
    story = extract("Spain sanctioned Morocco on Wednesday night after talks at 9 a.m. Tuesday.", date="2025-01-09")
    assert [(t.text, t.value) for t in story.times] == [("Wednesday night", "2025-01-08TNI"),
                                                         ("9 a.m. Tuesday", "2025-01-07T09:00")]


def test_year_earlier_follows_the_quarter_the_story_reports(extract):
    story = extract("Acme said third-quarter profit rose to $5 million. A year earlier, Acme earned $3 million.",
                    date="2024-10-25")
    assert [(t.text, t.value) for t in story.times] == [("third-quarter", "2024-Q3"), ("A year earlier", "2023-Q3")]


def test_the_year_ended_is_a_period():
    assert Normaliser(MONDAY, "past")("the year", after="ended June 30").value == "P1Y"


@pytest.mark.parametrize("text, value", [
    ("that year", "2023"), ("later that year", "2023"), ("the following year", "2024"),
    ("the previous month", "2023-02"), ("earlier that day", "2023-03-14"), ("the next day", "2023-03-15"),
    ("that day", "2023-03-14"),
])
def test_anaphoric_expressions_count_from_the_last_named_date(text, value):
    assert Normaliser(MONDAY, "past", None, "2023-03-14")(text).value == value


def test_part_of_day_without_a_day_is_of_the_day_just_named():
    assert Normaliser(MONDAY, "past", None, "2025-01-03")("the morning").value == "2025-01-03TMO"
    assert Normaliser(MONDAY, "past")("morning") is None  # "morning talk show"


def test_anaphoric_expressions_without_a_named_date_count_from_publication():
    assert Normaliser(MONDAY, "past", None, "2023")("that day").value == "2025-01-06"
    assert Normaliser(MONDAY, "past")("the following year").value == "2026"


def test_the_year_period_of_an_earnings_report_is_its_quarter(extract):
    story = extract("Acme said third-quarter profit rose. Sales were higher than in the 2023 period.",
                    date="2024-10-25")
    assert [(t.text, t.value) for t in story.times] == [("third-quarter", "2024-Q3"), ("the 2023 period", "2023-Q3")]


def test_story_dates_anaphora_and_completes_what_the_recogniser_leaves_out(extract):
    story = extract("Spain signed a deal with Morocco in 2019. Spain expelled the ambassador that year. "
                    "Spain said this year's talks failed. Trade was lower than a year earlier.", date="2025-01-06")
    assert [(t.text, t.value) for t in story.times] == [
        ("2019", "2019"), ("that year", "2019"), ("this year", "2025"), ("a year earlier", "2024")]


def test_frequency_adverb_is_a_set_but_a_frequency_adjective_is_not(extract):
    story = extract("Protesters gather daily outside the Chilean embassy. Chile pays a quarterly dividend.",
                    date="2025-01-06")
    assert [(t.text, t.type, t.value) for t in story.times] == [("daily", "SET", "P1D")]


def test_named_historical_date_from_context():
    t = Normaliser(MONDAY, "past")("January 6", after="riot at the")
    assert t.value == "2021-01-06"


def test_no_anchor_leaves_relative_values_unresolved():
    assert Normaliser(None, "past")("last year").resolved is False
    assert Normaliser(None, "past")("last year").value is None
    t = Normaliser(None, "past")("Friday")
    assert (t.value, t.resolved) == ("XXXX-WXX-5", False)
    assert Normaliser(None, "past")("March 3, 2020").value == "2020-03-03"


@pytest.mark.parametrize("value, mod, expected", [
    ("2025-01-06", None, "day"), ("2024-12", None, "month"), ("2024", None, "year"),
    ("2024", "END", "approx"), ("2024-W49", None, "approx"), ("2024-Q4", None, "approx"),
    ("PAST_REF", None, "unknown"), (None, None, "unknown"),
])
def test_precision(value, mod, expected):
    assert precision(value, mod) == expected


def test_events_dated_by_tense_in_context(extract):
    story = extract("Spain and Morocco will meet on Friday. Morocco sanctioned Spain on Friday.",
                    date="2025-01-06")
    dates = {e.event_type: e.date for e in story.events}
    assert dates == {"AGREE": "2025-01-10", "SANCTION": "2025-01-03"}  # "will meet" is AGREE in PLOVER


def test_story_without_date_flags_unresolved_times(extract):
    story = extract("Spain sanctioned Morocco on Friday.")
    assert story.times[0].resolved is False
    assert story.events[0].date is None or "X" in story.events[0].date
    assert any("no publication date" in w for w in story.warnings)


def test_event_without_time_expression_takes_story_date(extract):
    story = extract("Spain sanctioned Morocco.", date="2025-01-06")
    assert (story.events[0].date, story.events[0].date_precision, story.events[0].time) == ("2025-01-06", "story", None)


@pytest.mark.parametrize("text, date", [
    ("It was next season's CAF Cup.", None),
    ("It was next season's CAF Cup.", "2025-01-06"),
    ('</blockquote><svg style="display:none">h', "2025-01-06"),
    ("Chile sanctioned Peru last Monday.", "0001-01-01"),
    ("The talks ended during the week of May 6.", None),
])
def test_time_expressions_never_raise(extract, text, date):
    """An expression with nothing left to normalise, or a date before the calendar's first
    day, has no value; the story is still extracted."""
    assert extract(text, date=date).text == text
