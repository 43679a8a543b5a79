import pytest


def quantities(story):
    return [(q.text, q.value, q.unit, q.op, q.approximate) for q in story.quantities]


def test_quantities(extract):
    story = extract("The missile flew around 1,100 kilometres (680 miles). Thousands of troops and "
                    "hundreds of civilians fled as more than 2.5 million people lost power. "
                    "The three-way talks in 2023 cost $4 million.", date="2025-01-06")
    q = quantities(story)
    assert ("around 1,100 kilometres", 1100, "km", "~", True) in q
    assert ("680 miles", 680, "mi", "=", False) in q
    assert ("Thousands of troops", 1000, "troop", ">=", True) in q
    assert ("hundreds of civilians", 100, "civilian", ">=", True) in q
    assert ("more than 2.5 million people", 2_500_000, "people", ">", False) in q
    assert not any(t.startswith(("three", "2023")) for t, *_ in q)
    for item in story.quantities:
        assert story.text[item.start:item.end] == item.text


TEXT = ("Chilean Foreign Minister Rosa Vidal arrived in Lima on Monday. "
        "“We are ready to talk,” Vidal said. “Our doors are open.”\n"
        "Peru's president told Vidal that Peru “will not be rushed”.\n"
        "Protesters chanted their slogan “Hands Off Lima” outside the palace.\n"
        "“The talks went well,” said the Peruvian foreign ministry.")


def test_direct_quotes_and_speakers(extract):
    story = extract(TEXT, date="2025-01-06")
    direct = [(q.text, q.speaker.name if q.speaker else None) for q in story.quotes if q.kind == "direct"]
    assert ("We are ready to talk,", "Rosa Vidal") in direct
    assert ("will not be rushed", "Peru government") not in direct
    assert any(t == "Our doors are open." for t, _ in direct)
    told = next(q for q in story.quotes if q.text == "will not be rushed")
    assert told.addressee is not None and told.addressee.name == "Rosa Vidal"
    for q in story.quotes:
        assert story.text[q.start:q.end] == q.text


def test_slogans_are_not_speech(extract):
    story = extract(TEXT, date="2025-01-06")
    slogan = next(q for q in story.quotes if q.text == "Hands Off Lima")
    assert slogan.kind == "mention" and slogan.speaker is None


def test_speaker_has_actor_code_and_cue(extract):
    story = extract(TEXT, date="2025-01-06")
    q = next(q for q in story.quotes if q.text == "We are ready to talk,")
    assert q.speaker.code == "CHL GOV" and q.cue.text == "said"


def test_indirect_speech(extract):
    story = extract("Vidal said that Chile would reopen its embassy.", date="2025-01-06")
    q = story.quotes[0]
    assert q.kind == "indirect" and q.text == "Chile would reopen its embassy" and q.cue.text == "said"


def test_unbalanced_quotes_keep_the_story(extract):
    story = extract("“We will not give up, the minister said. Chile condemned Peru.", date="2025-01-06")
    assert any("unbalanced" in w for w in story.warnings)
    assert story.quotes and story.events


def test_scare_quotes_are_mentions_but_governed_words_are_speech(extract):
    story = extract("The governing party held a “unity” lunch in Lima on Monday. Chilean Foreign Minister Rosa "
                    "Vidal said that Chile remained committed to the treaty, to regional trade and, above all, "
                    "to a “strong alliance” with Peru.", date="2025-01-06")
    quotes = {q.text: q for q in story.quotes}
    assert quotes["unity"].kind == "mention" and quotes["unity"].speaker is None
    assert quotes["strong alliance"].kind == "direct"
    assert quotes["strong alliance"].speaker.name == "Rosa Vidal" and quotes["strong alliance"].cue.text == "said"


def quotes(story, kind):
    return [q.text for q in story.quotes if q.kind == kind]


def test_partial_quotation_in_reported_speech_gives_its_clause_once(extract):
    story = extract("Vidal said on Monday that Peru is a “bully,” a “liar” and a “menace.”", date="2025-01-06")
    assert quotes(story, "indirect") == ["that Peru is a “bully,” a “liar” and a “menace.”"]
    assert quotes(story, "direct") == ["bully,", "liar", "menace."]


@pytest.mark.parametrize("text, clauses", [
    pytest.param("Vidal called the Peruvian plan “a threat to the region.”",
                 ["the Peruvian plan “a threat to the region.”"], id="object complement keeps the object"),
    pytest.param("Peru had “put the biggest crack” yet in the treaty, Vidal said in a video message.\n\n"
                 "But, Castillo added, he did not support sanctions “at any price.”",
                 ["Peru had “put the biggest crack” yet in the treaty", "he did not support sanctions “at any price.”"],
                 id="speech verb after the clause or in parentheses"),
    pytest.param('The Security Council called the overnight nuclear test "a clear violation and in flagrant '
                 'disregard" of five previous Security Council resolutions.',
                 ['the overnight nuclear test "a clear violation and in flagrant disregard"'],
                 id="quotation the parse splits over two arguments"),
    pytest.param("Peru condemned what Vidal called a “brazen breach” of the treaty. Lima was hit by an "
                 "attack that Castillo described as “an intentional act.”",
                 ["what Vidal called a “brazen breach” of the treaty",
                  "an attack that Castillo described as “an intentional act.”"],
                 id="relative naming verb starts with what it names"),
])
def test_reported_clause_around_a_partial_quotation(extract, text, clauses):
    assert quotes(extract(text, date="2025-01-06"), "indirect") == clauses


def test_naming_verb_with_a_speaker_reports_words(extract):
    story = extract("Vidal called the treaty “a betrayal of the region.” Castillo starred in a film called "
                    "“Lost Highway.”", date="2025-01-06")
    assert [(q.text, q.kind) for q in story.quotes if q.kind != "indirect"] == [
        ("a betrayal of the region.", "direct"), ("Lost Highway.", "mention")]


def test_speech_verb_inside_a_quotation_is_not_the_narrators(extract):
    story = extract("Vidal was asked, “If you had known he lied, would you have told him it was over?”",
                    date="2025-01-06")
    assert quotes(story, "indirect") == []
    assert [q.speaker.name for q in story.quotes if q.kind == "direct"] == ["Vidal"]


def test_quotation_continues_after_a_sentence_ending_in_a_naming_word(extract):
    story = extract("“We will not sign,” Vidal said during the campaign. “Our answer is no.”", date="2025-01-06")
    assert [(q.kind, q.speaker.name) for q in story.quotes] == [("direct", "Vidal"), ("direct", "Vidal")]


def test_short_continuation_after_a_cued_quotation_is_speech(extract):
    story = extract("“We will talk,” Vidal said. “Not today.”", date="2025-01-06")
    assert [(q.text, q.kind, q.speaker.name) for q in story.quotes] == [
        ("We will talk,", "direct", "Vidal"), ("Not today.", "direct", "Vidal")]


def test_speech_verb_of_the_next_sentence_cues_its_own_quotation(extract):
    story = extract("Peru hosted the talks.\n\n“We will not sign.” To which Vidal said, “Then we leave.”",
                    date="2025-01-06")
    assert [(q.text, q.cue and q.cue.text) for q in story.quotes] == [("We will not sign.", None),
                                                                       ("Then we leave.", "said")]


def test_partial_quotation_takes_the_verb_that_reports_its_clause(extract):
    story = extract("Vidal said that it was too early to tell whether Peru had signed, and there was "
                    "“no evidence” yet of a deal.", date="2025-01-06")
    quote = next(q for q in story.quotes if q.kind == "direct")
    assert (quote.text, quote.cue.text, quote.speaker.name) == ("no evidence", "said", "Vidal")


def test_titles_with_a_comma_inside_the_marks_are_mentions(extract):
    story = extract("The Peru Alliance became the “Defeat The Treaty Committee,” with Vidal as its chair. "
                    "Vidal spoke in an interview with “Lima Evening News.”", date="2025-01-06")
    assert [q.kind for q in story.quotes] == ["mention", "mention"]


def test_quotation_after_a_narrated_paragraph_does_not_go_on_with_the_last_speaker(extract):
    story = extract("“We will talk,” Vidal said.\n\n“We will win.”\n\nThe talks then collapsed over fishing rights "
                    "in the south.\n\n“Who knows?”", date="2025-01-06")
    assert [(q.text, q.speaker and q.speaker.name) for q in story.quotes] == [
        ("We will talk,", "Vidal"), ("We will win.", "Vidal"), ("Who knows?", None)]


def test_quotation_with_its_own_verb_is_not_a_continuation(extract):
    story = extract("“We will talk,” Vidal said.\n\n“Peru could win the vote,” Vidal concluded.\n\n"
                    "“The reality is, talks failed,“ said Castillo.", date="2025-01-06")
    assert [(q.text, q.cue.text) for q in story.quotes] == [
        ("We will talk,", "said"), ("Peru could win the vote,", "concluded"),
        ("The reality is, talks failed,", "said")]  # a mistyped closing mark still closes
