"""What a person meets at the command line and in the README: a readable events table,
CSV with plain values, one-line errors for bad options and actor files, named pipes that
never hang, and a spaCy snippet that runs with what the README installs."""

import csv
import io
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ingest_records

from eventwire import read
from eventwire.actors import lexicon
from eventwire.cli import cli
from eventwire.errors import InputError

STORIES = [
    {"id": "a", "published": "2024-05-06", "url": "https://wire.example/a",
     "text": "Kenyan President Amani Njoroge condemned the Ugandan government on Monday over the border clashes."},
    {"id": "b", "published": "2024-05-20", "url": "https://daily.example/b",
     "text": "Peru and Chile signed a trade agreement in Lima on Tuesday. Chile praised Peru on Tuesday."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ingest_records(tmp_path_factory.mktemp("usage"), STORIES)


def run_cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("width", [80, 120, 200])
def test_events_table_is_readable_at_any_width(db, width):
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(cli, ["events", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= width for line in lines)
    header = next(line for line in lines if "date" in line and "confidence" in line)
    assert [w for w in re.split(r"[\s┃│]+", header) if w] == ["date", "source", "event", "target", "status", "confidence"]
    assert "[KEN GOV]" in result.output and "Njoroge" in result.output  # name [code], wrapped if need be
    assert "ACCUSE 1" in result.output  # the event type with its CAMEO code
    assert "00:00:00" not in result.output and not re.search(r"\d\.\d{5,}", result.output)
    assert not re.search(r"\b[0-9a-f]{16}\b", result.output)  # no event ids unless asked


def test_columns_adds_what_is_asked_and_refuses_what_is_not(db):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["events", "--db", db, "--columns", "date,event,outlet"])
    assert result.exit_code == 0 and "outlet" in result.output and "daily.example" in result.output
    assert "status" not in result.output
    chosen = CliRunner().invoke(cli, ["events", "--db", db, "--format", "csv", "--columns", "event,source,url"])
    assert chosen.output.splitlines()[0] == "event,source,url"
    bad = run_cli("events", "--db", db, "--columns", "date,nosuch")
    assert bad.returncode == 2 and "unknown column nosuch" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_csv_holds_plain_values_never_python_reprs(db):
    result = CliRunner().invoke(cli, ["sql", "--db", db, "--format", "csv",
                                      "SELECT event_id, statuses, contexts, [1, 2] AS pair FROM events"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and {r["statuses"] for r in rows} <= {"asserted", "reported", "asserted;reported"}
    assert {r["pair"] for r in rows} == {"1;2"}
    assert "[" not in result.output and "'" not in result.output
    events = CliRunner().invoke(cli, ["events", "--db", db, "--format", "csv"])
    first = next(csv.DictReader(io.StringIO(events.output)))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", first["day"]) and len(first["confidence"]) <= 8


def test_an_unknown_event_type_is_a_one_line_error(db):
    result = run_cli("events", "--db", db, "--type", "NOTATYPE")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "'NOTATYPE' is not one of" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("text, message", [
    ("people: 5", "'people' must be a list"),
    ("people: [1, 2]", "people entry 1 must be a mapping with name"),
    ("people: {X: 5}", "'people' must be a list"),
    ("people:\n  - name: Jane Doe\n    roles: [FRA GOV]", "roles entry 1 must be a mapping with code"),
    ("people:\n  - name: Jane Doe\n    aliases: Jane", "'aliases' must be a list"),
    ("organisations: [{code: FRA REB}]", "organisations entry 1 must be a mapping with name and code"),
    ("people: [unclosed", "not valid YAML at line 2"),
    ("- just\n- a list", "expected a mapping"),
])
def test_a_malformed_actor_file_is_a_one_line_error(tmp_path, text, message):
    path = tmp_path / "mine.yaml"
    path.write_text(text + "\n")
    with pytest.raises(InputError) as raised:
        lexicon.build((str(path),), converted=False)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_malformed_actor_file_is_no_internal_error_at_the_command_line(tmp_path):
    (tmp_path / "story.txt").write_text("Kenya condemned Uganda on Monday.\n")
    (tmp_path / "mine.yaml").write_text("people: [1, 2]\n")
    result = run_cli("extract", str(tmp_path / "story.txt"), "--actors", str(tmp_path / "mine.yaml"))
    assert result.returncode == 2 and "internal error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "people entry 1" in result.stderr


def test_a_named_pipe_is_read_and_never_hangs(tmp_path, monkeypatch):
    import os

    pipe = tmp_path / "story.fifo"
    os.mkfifo(pipe)
    monkeypatch.setattr(read, "FIFO_WAIT", 0.5, raising=False)
    outcome = []

    def no_writer():
        try:
            read.read_story(str(pipe))
        except InputError as exc:
            outcome.append(str(exc))

    reader = threading.Thread(target=no_writer, daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "reading a named pipe nobody writes to hangs"  # it used to wait for ever
    assert outcome and "named pipe had nothing written" in outcome[0]

    def write():
        time.sleep(0.2)
        with open(pipe, "w") as f:
            f.write("Kenya condemned Uganda on Monday.\n")

    threading.Thread(target=write).start()
    assert read.read_story(str(pipe), date="2024-05-06").text.startswith("Kenya condemned Uganda")


def test_the_readme_spacy_snippet_runs_with_what_the_readme_installs():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    intro = readme.index("Inside your own spaCy pipeline")
    start = readme.index("```python", intro) + len("```python")
    code = readme[start:readme.index("```", start)]
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - the documented snippet, as a user runs it
    assert [(e.event_type, e.source.code, e.target.code) for e in scope["doc"]._.events] == [("ACCUSE", "KEN", "UGA")]
