"""eval audit: the judgements file, matching by offsets and the precision it prints, on
hand-made stories and events (no ../shared)."""

import subprocess
import sys
from types import SimpleNamespace as NS

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import audit
from eventwire.evaluate.events import part

HEADER = "\t".join(audit.COLUMNS) + "\n"


def event(trigger, type_="CONSULT", cameo="040", source=None, target=None):
    ref = lambda span: None if span is None else NS(start=span[0], end=span[1])  # noqa: E731
    return NS(trigger=NS(start=trigger[0], end=trigger[1]), event_type=type_, cameo=cameo,
              source=ref(source), target=ref(target))


def judgement(story, trigger, verdicts, type_="CONSULT", cameo="040", source=None, target=None):
    key = audit.event_key(event(trigger, type_, cameo, source, target))
    return audit.Judgement(story, key, dict(zip(audit.VERDICTS, verdicts)))


def test_a_judgement_matches_only_the_same_trigger_type_code_and_roles():
    today = {"a.txt": [event((10, 15), source=(0, 5), target=(20, 25)),
                       event((40, 45), "ACCUSE", "112", source=(30, 35)),
                       event((60, 66), "ASSAULT", "190")]}
    judged = [judgement("a.txt", (10, 15), "yyyy", source=(0, 5), target=(20, 25)),  # same
              judgement("a.txt", (40, 45), "yyy-", "ACCUSE", "112", source=(28, 35)),  # source moved
              judgement("a.txt", (60, 66), "nn--", "COERCE", "170"),  # type changed
              judgement("a.txt", (80, 85), "nn--"),  # trigger no longer codes
              judgement("b.txt", (10, 15), "nn--")]  # story gives nothing today
    assert [s for _, s in audit.match(judged, today)] == ["matched", "changed", "changed", "gone", "gone"]


def test_precision_is_over_matched_judgements_and_roles_over_coded_roles():
    today = {"a.txt": [event((0, 4), source=(5, 9), target=(10, 14)), event((20, 24), source=(25, 29)),
                       event((30, 34), "ASSAULT", "190"), event((40, 44), "ASSAULT", "190", target=(45, 49))]}
    judged = [judgement("a.txt", (0, 4), "yyyn", source=(5, 9), target=(10, 14)),
              judgement("a.txt", (20, 24), "yny-", source=(25, 29)),  # an event of the wrong type
              judgement("a.txt", (30, 34), "nn--", "ASSAULT", "190"),
              judgement("a.txt", (40, 44), "yy-y", "ASSAULT", "190", target=(45, 49)),
              judgement("a.txt", (50, 54), "yyyy"),  # gone: not in the precision
              judgement("a.txt", (60, 64), "????")]  # not judged yet: left out
    result = audit.score(audit.match(judged, today))
    assert (result["judged"], result["matched"], result["gone"]) == (5, 4, 1)
    total = result["total"]
    assert (total["n"], total["event"], total["type"]) == (4, 3, 2)
    assert (total["source"], total["source_n"], total["target"], total["target_n"]) == (2, 2, 1, 2)
    assert result["by_type"]["ASSAULT"]["n"] == 2 and result["by_type"]["ASSAULT"]["type"] == 1


def test_judgements_file_round_trips_and_holds_no_text(tmp_path):
    key = audit.event_key(event((3, 9), "REQUEST", "020", source=(0, 2)))
    path = tmp_path / "j.tsv"
    row = audit.row_of("polnear/dev/text/x.txt", key, dict(zip(audit.VERDICTS, "yyy-")))
    path.write_text(HEADER + "\t".join(row) + "\n")
    [j] = audit.load(path)
    assert j.key == key and j.key.target is None and j.verdicts["event"] == "y"
    assert row[1:7] == ["3", "9", "0", "2", "-", "-"]


@pytest.mark.parametrize("line", ["a.txt\t1\t2\n", "a.txt\tx\t2\t-\t-\t-\t-\tCONSULT\t040\ty\ty\t-\t-\n",
                                  "a.txt\t1\t2\t-\t-\t-\t-\tCONSULT\t040\tmaybe\ty\t-\t-\n"])
def test_a_malformed_judgement_is_an_input_error(tmp_path, line):
    path = tmp_path / "j.tsv"
    path.write_text(HEADER + line)
    with pytest.raises(InputError):
        audit.load(path)


def test_the_packaged_judgements_load_and_are_judged():
    judged = audit.load()
    assert len(judged) >= 200
    assert all(j.verdicts["event"] in "yn" for j in judged)
    assert all(not j.story.startswith("/") and ".." not in j.story for j in judged)


def test_stories_split_by_the_events_part_rule_on_their_id():
    assert {part("polnear/dev/text/a.txt"), part("geo/GeoWebNews/1.txt"), part("geo/GeoWebNews/2.txt"),
            part("geo/GeoWebNews/3.txt"), part("geo/GeoWebNews/4.txt")} == {"tune", "check"}


STORY = ("The foreign minister of France met the Iranian ambassador in Paris on Monday.\n\n"
         "Russian troops attacked the Ukrainian town of Bakhmut on Tuesday.\n")


def _data_dir(tmp_path):
    folder = tmp_path / "data" / "geo" / "GeoWebNews"
    folder.mkdir(parents=True)
    (folder / "1.txt").write_text(STORY, encoding="utf-8")
    return tmp_path / "data"


def test_sample_then_audit_round_trip_on_a_hand_made_story(tmp_path, capsys):
    data = _data_dir(tmp_path)
    out = tmp_path / "sample.tsv"
    rows = audit.sample(str(data), 5, 1, 5, str(out), exclude=None)
    assert rows and all(r[0] == "geo/GeoWebNews/1.txt" for r in rows)
    view = capsys.readouterr().out
    assert "[" in view and "]" in view
    # judge every sampled event right, then score: all still matched
    judged = [r[:9] + ["y", "y", "-" if r[3] == "-" else "y", "-" if r[5] == "-" else "y"] for r in rows]
    path = tmp_path / "j.tsv"
    path.write_text(HEADER + "".join("\t".join(r) + "\n" for r in judged))
    result = audit.run(str(data), path)
    assert result["all"]["matched"] == len(rows) and result["all"]["gone"] == 0
    assert result["all"]["total"]["event"] == len(rows)
    # a judgement whose trigger moved no longer matches, and the printout says so
    moved = judged[0][:1] + [str(int(judged[0][1]) + 1), judged[0][2]] + judged[0][3:]
    path.write_text(HEADER + "\t".join(moved) + "\n")
    result = audit.run(str(data), path)
    assert result["all"]["gone"] == 1 and result["all"]["matched"] == 0
    assert "no longer matched 1.000 (1/1)" in capsys.readouterr().out


def test_cli_bad_judgements_file_is_one_line_error(tmp_path):
    path = tmp_path / "j.tsv"
    path.write_text(HEADER + "a.txt\t1\n")
    run = subprocess.run([sys.executable, "-m", "eventwire", "eval", "audit", "--data", str(tmp_path),
                          "--judgements", str(path)], capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
