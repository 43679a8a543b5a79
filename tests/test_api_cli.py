import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

import eventwire
from eventwire.cli import cli
from eventwire.nlp import load_model

STORY = ("Turkish President Deniz Kaya visited Baghdad on Monday.\n"
         "Kaya met Iraqi officials and condemned attacks on Turkish troops. “We will not wait,” Kaya said.\n")


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True, text=True,
                          input=stdin, timeout=120)


def test_json_output_is_story_to_dict(tmp_path, extract):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    result = CliRunner().invoke(cli, ["extract", str(path), "--date", "2024-06-03"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed == extract(STORY, date="2024-06-03").to_dict()
    assert set(printed) == {"story", "events", "quotes", "times", "quantities", "places", "actors"}
    event = printed["events"][0]
    for key in ("event_type", "mode", "contexts", "cameo", "quad_class", "goldstein", "source", "target",
                "trigger", "date", "date_precision", "status", "attributed_to", "confidence",
                "sentence", "sentence_index"):
        assert key in event
    assert set(event["source"]) >= {"text", "start", "end", "code", "country", "sector", "name"}


def test_readme_event_example_is_what_extract_prints(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    intro = readme.index("An event, as printed by `eventwire extract story.txt --date 2024-03-14")
    sentence = re.search(r'story.txt holding "(.+?)":', readme[intro:], re.S).group(1).replace("\n", " ")
    block = readme.index("```json", intro)
    documented = json.loads(readme[block + 7:readme.index("```", block + 7)])
    path = tmp_path / "story.txt"
    path.write_text(sentence + "\n")
    result = CliRunner().invoke(cli, ["extract", str(path), "--date", "2024-03-14", "--format", "json"])
    assert json.loads(result.output)["events"] == [documented]


def test_jsonl_prints_one_plover_record_a_line(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    result = CliRunner().invoke(cli, ["extract", str(path), "--date", "2024-06-03", "--format", "jsonl"])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and all(r["event"] for r in records)
    assert {r["actor"] for r in records} == {"TUR GOV"}


def test_table_and_demo_print_events():
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Events" in result.output and "ASSAULT" in result.output and "Anna Kowalczyk" in result.output


def test_stdin(extract):
    result = run_cli("extract", "-", "--date", "2024-06-03", stdin=STORY)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["events"]


@pytest.mark.parametrize("setup, args, message", [
    (None, ["extract", "missing.txt"], "no such file"),
    ("dir", ["extract", "{tmp}"], "is a directory"),
    (b"\x00\x01\x02\x03", ["extract", "{file}"], "binary data"),
    (b"", ["extract", "{file}"], "empty story"),
    (b"Spain met France.", ["extract", "{file}", "--date", "2024-02-30"], "invalid date"),
    ("Die Regierung hat am Montag beschlossen, die Gespräche mit den Nachbarländern fortzusetzen, "
     "obwohl die Opposition dagegen protestiert und eine Abstimmung im Parlament verlangt hatte, "
     "wie ein Sprecher des Ministeriums in Berlin am Abend mitteilte.".encode(),
     ["extract", "{file}"], "not an English story"),
])
def test_bad_input_is_one_line_and_nonzero(tmp_path, setup, args, message):
    path = tmp_path / "story.txt"
    if isinstance(setup, bytes):
        path.write_bytes(setup)
    args = [a.format(tmp=tmp_path, file=path) for a in args]
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_invalid_utf8_is_said_on_stderr(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"Spain condemned France on Monday \xff\xfe.")
    result = run_cli("extract", str(path), "--date", "2024-06-03")
    assert result.returncode == 0 and "invalid UTF-8" in result.stderr
    assert json.loads(result.stdout)["events"]


def test_explain_says_why():
    result = CliRunner().invoke(cli, ["explain", "Spain condemned France on Monday.", "--date", "2024-06-03"])
    assert "ACCUSE" in result.output and "verbs.tsv row" in result.output and "condemn" in result.output


def test_spacy_component():
    nlp = load_model()
    own = spacy.load(nlp.path) if hasattr(nlp, "path") else nlp
    if "eventwire" not in own.pipe_names:
        own.add_pipe("eventwire", config={"date": "2024-06-03"})
    doc = own("Kenya condemned Uganda on Monday.")
    assert [(e.event_type, e.source.code, e.target.code, e.date) for e in doc._.events] == [
        ("ACCUSE", "KEN", "UGA", "2024-06-03")]


def test_one_model_per_process(extract):
    extract("Spain met France.")
    from eventwire.pipeline import get_pipeline
    assert get_pipeline() is get_pipeline() is get_pipeline(()) and get_pipeline().nlp is load_model()


def test_extract_html():
    html = ("<html><head><meta property='article:published_time' content='2024-06-03'></head><body>"
            "<article><p>Kenya condemned Uganda on Monday over the border clashes that killed "
            "several people in the region last week, officials said in Nairobi.</p></article></body></html>")
    story = eventwire.extract_html(html, url="https://example.org/k")
    assert story.published == "2024-06-03"
    assert any(e.event_type == "ACCUSE" for e in story.events)
