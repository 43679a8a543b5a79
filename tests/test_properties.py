"""extract never raises on arbitrary text: the pipeline must survive whatever a corpus holds."""

from hypothesis import HealthCheck, given, settings, strategies as st

import eventwire

quotes = st.text(alphabet="\"“”‘’'«»", min_size=1, max_size=60)
digits = st.text(alphabet="0123456789,.%$ -", min_size=1, max_size=80)
punctuation = st.text(alphabet=".,;:!?()[]{}-–—…/\\*&^#@", min_size=1, max_size=80)
html = st.lists(st.sampled_from(["<p>", "</p>", "<script>alert(1)</script>", "<b>Spain</b>", "&amp;",
                                 "<img onerror=x>", "attacked", "France", "\n"]), max_size=30).map("".join)
words = st.lists(st.sampled_from(["Spain", "attacked", "France", "said", "“", "”", "on", "Monday",
                                  "and", ",", "the", "president", "he", "not", "3", "troops"]),
                 min_size=1, max_size=400).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), quotes, digits, punctuation, html, words),
       st.sampled_from([None, "2024-02-29"]))
def test_extract_never_raises(text, date):
    if not text.strip():
        return
    try:
        story = eventwire.extract(text, date=date)
    except eventwire.InputError:
        return  # a clear refusal (not English, ...) is allowed; a crash is not
    for item in [*story.events, *story.quotes, *story.times, *story.quantities]:
        assert 0 <= item.start <= item.end <= len(story.text) if hasattr(item, "start") else True
    story.to_dict()
