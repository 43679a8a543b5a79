import gzip
import json

import pytest

from eventwire import read
from eventwire.errors import InputError

PAGE = """<!DOCTYPE html><html><head><title>Border talks resume | Example News</title>
<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Border talks resume</h1>
<p>Indian and Chinese officials met in New Delhi on Thursday to discuss the disputed border,
the foreign ministry said in a statement released late in the evening.</p>
<p>The two delegations agreed to hold another round of talks next month, according to
officials familiar with the discussions, who spoke on condition of anonymity.</p>
</article><footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def test_plain_text_with_title_line():
    story = read.from_text("Talks resume in Geneva\n\nDiplomats met on Monday.", date="2024-05-06")
    assert story.title == "Talks resume in Geneva"
    assert story.published == "2024-05-06"
    assert len(story.id) == 16


def test_plain_text_without_title_line():
    assert read.from_text("Diplomats met on Monday.\nThey talked.").title is None


def test_same_text_same_id_whatever_whitespace():
    assert read.story_id("A  b\nc") == read.story_id("A b c")


def test_html_main_text_and_date():
    story = read.from_html(PAGE, url="https://example.org/talks")
    assert "disputed border" in story.text
    assert "Sport" not in story.text and "All rights reserved" not in story.text
    assert story.published == "2024-05-02"
    assert story.url == "https://example.org/talks"


def test_html_without_text_is_refused():
    with pytest.raises(InputError, match="no article text"):
        read.from_html("<html><body><nav>Home</nav></body></html>")


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [json.dumps({"id": "a", "text": "Officials met on Monday.", "published": "2024-01-01"}),
             "{not json", json.dumps({"id": "b", "url": "x"}),
             json.dumps({"id": "c", "html": PAGE})]
    path = tmp_path / "stories.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    out = list(read.iter_jsonl(read.read_bytes(str(path)), "stories"))
    assert out[0].id == "a" and out[0].published == "2024-01-01"
    assert isinstance(out[1], InputError) and "invalid JSON" in str(out[1])
    assert isinstance(out[2], InputError) and "neither 'text' nor 'html'" in str(out[2])
    assert out[3].id == "c" and "disputed border" in out[3].text


@pytest.mark.parametrize("content, message", [
    (b"", "empty story"),
    (b"   \n\n", "empty story"),
    (b"\x00\x01\x02binary\x00data", "binary data"),
])
def test_unreadable_input(tmp_path, content, message):
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read.read_story(str(path))


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Officials met in Paris.".encode() + b"\xff\xfe more.")
    story = read.read_story(str(path))
    assert "\ufffd" in story.text
    assert any("invalid UTF-8" in w for w in story.warnings)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read.read_story(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read.read_story(str(tmp_path))


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "06/01/2025"])
def test_invalid_date(value):
    with pytest.raises(InputError, match="invalid date"):
        read.parse_date(value)
