"""One query layer (store/query.py) behind the CLI, the HTTP API and the Python API."""

import json

import pytest
from click.testing import CliRunner
from conftest import ingest_records
from fastapi.testclient import TestClient

import eventwire
from eventwire.cli import cli
from eventwire.errors import EventwireError
from eventwire.serve import create_app
from eventwire.store import query

STORIES = [
    {"id": "a", "published": "2024-05-06", "url": "https://wire.example/a",
     "text": "Kenya condemned Uganda on Monday. Ugandan troops attacked Kenyan police on Sunday."},
    {"id": "b", "published": "2024-05-20", "url": "https://www.daily.example/b",
     "text": "Peru and Chile signed a trade agreement in Lima on Tuesday. Chile praised Peru on Tuesday."},
    {"id": "c", "published": "2024-06-03", "url": "https://post.example/c",
     "text": "Serbian police arrested dozens of protesters in Belgrade on Monday. Kosovo condemned Serbia."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ingest_records(tmp_path_factory.mktemp("query"), STORIES)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), base_url="http://localhost")


def test_every_filter_is_a_cli_option_and_an_api_parameter(client):
    help_text = CliRunner().invoke(cli, ["events", "--help"]).output
    params = {p["name"] for p in client.get("/api/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]}
    for f in query.FILTERS:
        assert "--" + f.name.replace("_", "-") in help_text
        assert f.api_name in params
    assert {"sort", "desc", "limit", "offset"} <= params


@pytest.mark.parametrize("filters", [
    {}, {"actor": "KEN"}, {"recipient": "PER"}, {"country": "SRB"}, {"type": "ACCUSE"}, {"quad_class": 3},
    {"status": "asserted"}, {"since": "2024-05-20"}, {"until": "2024-05-19"}, {"text": "Belgrade"},
    {"min_confidence": 0.9}, {"outlet": "daily.example"}, {"story_id": "c"}, {"actor": "chl", "type": "support"},
])
def test_cli_api_and_python_give_the_same_events(db, client, filters):
    api_params = {next(f.api_name for f in query.FILTERS if f.name == k): v for k, v in filters.items()}
    api = client.get("/api/events", params={**api_params, "limit": 500}).json()
    args = [a for k, v in filters.items() for a in ("--" + k.replace("_", "-"), str(v))]
    out = CliRunner().invoke(cli, ["events", "--db", db, "--format", "json", "--limit", "500", *args])
    assert out.exit_code == 0, out.output
    with eventwire.open(db) as store:
        frame = store.events(limit=500, **filters)
    ids = [e["event_id"] for e in api["items"]]
    assert ids == [e["event_id"] for e in json.loads(out.output)] == list(frame["event_id"])
    assert api["total"] == len(ids)
    if filters and "status" not in filters:  # every event here is asserted
        assert len(ids) < client.get("/api/events", params={"limit": 500}).json()["total"]


def test_filters_select_what_they_say(client):
    def items(**params):
        return client.get("/api/events", params={**params, "limit": 500}).json()["items"]

    assert items(outlet="daily.example") and {e["outlet"] for e in items(outlet="daily.example")} == {"daily.example"}
    assert {e["story_id"] for e in items(story_id="c")} == {"c"}
    assert items(q="100%") == [] and items(q="_") == []  # LIKE wildcards are literal


@pytest.mark.parametrize("args, message", [
    (["--type", "NOTATYPE"], "Invalid value for '--type'"),
    (["--status", "rumoured"], "Invalid value for '--status'"),
    (["--quad-class", "7"], "Invalid value for '--quad-class'"),
    (["--since", "last week"], "invalid date"),
])
def test_cli_refuses_bad_filters(db, args, message):
    result = CliRunner().invoke(cli, ["events", "--db", db, *args])
    assert result.exit_code == 2 and message in result.output + str(result.exception)


@pytest.mark.parametrize("path, params", [
    ("/api/events", {"type": "NOTATYPE"}),
    ("/api/events", {"status": "rumoured"}),
    ("/api/timeline", {"type": "NOTATYPE"}),
])
def test_api_refuses_unknown_values(client, path, params):
    res = client.get(path, params=params)
    assert res.status_code == 400 and "unknown" in res.json()["error"]


@pytest.mark.parametrize("path, params", [
    ("/api/quotes", {"offset": "9999999999999999999999"}),
    ("/api/events", {"offset": "9999999999999999999999"}),
    ("/api/events", {"limit": "-1"}),
    ("/api/network", {"limit": "100000"}),
    ("/api/actors", {"limit": "0"}),
    ("/api/events", {"min_confidence": "2"}),
    ("/api/events", {"quad_class": "99999999999999999999"}),
])
def test_every_number_is_bounded(client, path, params):
    res = client.get(path, params=params)
    assert res.status_code == 422 and res.json()["status"] == 422
    assert client.get("/api/stats").status_code == 200  # the connection is still good


def test_python_filters_are_checked():
    with pytest.raises(EventwireError, match="unknown type"):
        query.filter_from(type="NOTATYPE")
    with pytest.raises(EventwireError, match="outside"):
        query.filter_from(limit=10**12)
    with pytest.raises(EventwireError, match="unknown filter"):
        query.filter_from(colour="red")


def test_timeline_has_every_period_and_network_no_bare_sectors(client):
    weeks = client.get("/api/timeline", params={"interval": "week"}).json()
    assert weeks["periods"] == ["2024-04-29", "2024-05-06", "2024-05-13", "2024-05-20", "2024-05-27", "2024-06-03"]
    assert "2024-05-27" not in {s["period"] for s in weeks["series"]}  # an empty week is on the axis
    network = client.get("/api/network").json()
    ids = {n["id"] for n in network["nodes"]}
    assert ids and all(len(i.split()[0]) == 3 and i.split()[0].isupper() for i in ids)
    assert not ids & {"GOV", "MIL", "COP", "CVL", "LEG"}


def test_sql_table_prints_missing_values_blank(db):
    """`sql --format table` on NULLs of every kind (pandas' NA, NaN, NaT, None) and lists."""
    import pandas as pd

    from eventwire.cli import _cell

    result = CliRunner().invoke(cli, ["sql", "--db", db, "--format", "table",
                                      "SELECT NULL::INTEGER AS n, NULL::VARCHAR AS s, NULL::DATE AS d, "
                                      "NULL::DOUBLE AS x, [1, 2] AS l, 'kept' AS k"])
    assert result.exit_code == 0, result.output
    assert "kept" in result.output and "[1, 2]" in result.output
    assert [_cell(v) for v in (pd.NA, float("nan"), pd.NaT, None, [None], 3)] == ["", "", "", "", "[None]", "3"]


def test_the_stored_api_rows_are_the_event_columns_in_day_order(db):
    """The events table holds each event's API row (``doc``), derived at rebuild: it must
    say what the columns say, as ``export.plain`` would, and the table is in day order."""
    import duckdb

    from eventwire.export import plain

    con = duckdb.connect(db, read_only=True)
    try:
        cur = con.execute(f"SELECT {query.EVENT_COLUMNS}, doc FROM events")
        names = [d[0] for d in cur.description][:-1]
        found = cur.fetchall()
        days = [r[0] for r in con.execute("SELECT day FROM events").fetchall()]
    finally:
        con.close()
    assert found
    for row in found:
        assert json.loads(row[-1]) == {k: plain(v) for k, v in zip(names, row[:-1])}
    dated = [d for d in days if d is not None]
    assert dated == sorted(dated) and days[:len(dated)] == dated  # undated events last
