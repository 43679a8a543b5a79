import gzip
import os
import threading
import time
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


def _in_thread(call, limit: float = 10.0):
    """``call()``'s result or exception, from a daemon thread given ``limit`` seconds, so
    a read that blocks fails the test instead of hanging the suite."""
    out = {}

    def run():
        try:
            out["value"] = call()
        except BaseException as exc:  # handed to the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit)
    assert not thread.is_alive(), f"still blocked after {limit} s"
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.fixture
def fifo(tmp_path, monkeypatch):
    """A named pipe; reads of it give up after half a second of silence. A reader still
    blocked at the end is released by opening the pipe for writing."""
    monkeypatch.setattr(read, "FIFO_WAIT", 0.5)
    path = tmp_path / "story.fifo"
    os.mkfifo(path)
    yield path
    try:  # a reader still blocked in open() or read() sees the end of the pipe
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:  # ENXIO: nobody reads it
        pass


def _writer(path, *parts: bytes, pause: float = 0.1) -> threading.Thread:
    """A thread that opens ``path`` for writing and writes ``parts`` with pauses between."""
    def write():
        with open(path, "wb", buffering=0) as pipe:
            for part in parts:
                time.sleep(pause)
                pipe.write(part)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_named_pipe_is_read_as_a_stream_to_its_end(fifo):
    writer = _writer(fifo, b"Officials met in Paris ", b"on Monday.\n", b"They talked.\n")
    story = _in_thread(lambda: read.read_story(str(fifo), date="2024-05-06"))
    writer.join(5)
    assert story.text == "Officials met in Paris on Monday.\nThey talked.\n"
    assert story.published == "2024-05-06"


def test_named_pipe_nobody_writes_to_is_an_error_not_a_hang(fifo):
    start = time.monotonic()
    with pytest.raises(InputError, match="named pipe had nothing written to it for 0.5 s"):
        _in_thread(lambda: read.read_story(str(fifo)))
    assert time.monotonic() - start < 5


def test_named_pipe_whose_writer_falls_silent_is_an_error(fifo):
    release = threading.Event()

    def write():
        with open(fifo, "wb", buffering=0) as pipe:
            pipe.write(b"Officials met in Paris.")
            release.wait(10)

    threading.Thread(target=write, daemon=True).start()
    try:
        with pytest.raises(InputError, match="fell silent after 23 bytes"):
            _in_thread(lambda: read.read_story(str(fifo)))
    finally:
        release.set()


def test_named_pipe_closed_without_writing_is_an_empty_story(fifo):
    _writer(fifo)
    with pytest.raises(InputError, match="empty story"):
        _in_thread(lambda: read.read_story(str(fifo)))


def test_named_pipe_larger_than_the_limit_is_refused_while_reading(fifo):
    _writer(fifo, b"word " * 4000, pause=0)
    with pytest.raises(InputError, match="story too large"):
        _in_thread(lambda: read.read_story(str(fifo), max_bytes=1000))


def test_extract_command_on_a_named_pipe(fifo, monkeypatch, capsys):
    """``eventwire extract PIPE``: a one-line error and exit 2 with no writer; the events of
    what a writer sends otherwise."""
    from eventwire import cli

    def run(*args):
        monkeypatch.setattr("sys.argv", ["eventwire", "extract", *args])
        try:
            cli.main()
        except SystemExit as exc:
            return exc.code
        return 0

    assert _in_thread(lambda: run(str(fifo))) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "named pipe had nothing written to it" in err
    _writer(fifo, b"Russian forces attacked Kharkiv on Monday.\n")
    assert _in_thread(lambda: run(str(fifo), "--date", "2024-03-14", "--format", "jsonl"), 120) == 0
    assert "Kharkiv" in capsys.readouterr().out
