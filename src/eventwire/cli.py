"""The ``eventwire`` command: a thin shell over the library.

Bad input is one line on stderr and exit status 2, never a traceback
(set EVENTWIRE_DEBUG=1 to see one).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
from importlib import resources

import click

from . import api, read
from .errors import EventwireError
from .export import plain, story_records
from .model import Story

DEMO = "demo.jsonl"
#: What ``events --format table`` shows unless told (``--columns``): a row that fits 80 columns.
TABLE_COLUMNS = ("date", "source", "event", "target", "status", "confidence")


def _date_option(value: str | None) -> str | None:
    return read.parse_date(value)


class DateType(click.ParamType):
    """A YYYY-MM-DD date option."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        try:
            return read.parse_date(value)
        except EventwireError as exc:
            self.fail(str(exc), param, ctx)


def store_option(command):
    """``--db FILE`` or ``--parquet DIR``: the store a command reads, passed on as ``db``
    (a Parquet folder written by ``ingest --engine ray`` is queried in place)."""

    @functools.wraps(command)
    def run(*args, db=None, parquet=None, **kwargs):
        if bool(db) == bool(parquet):
            raise click.UsageError("give --db FILE or --parquet DIR")
        if parquet and not os.path.isdir(parquet):
            raise EventwireError(f"{parquet}: no such folder (write one with `eventwire ingest --engine ray --out`)")
        return command(*args, db=db or parquet, **kwargs)

    run = click.option("--parquet", type=click.Path(), help="Parquet folder of `ingest --out`, read in place.")(run)
    return click.option("--db", type=click.Path(), help="DuckDB event database.")(run)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
def cli() -> None:
    """Turn English news stories into political event data (PLOVER/CAMEO)."""


def emit(story: Story, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(story.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for record in story_records(story):
            click.echo(json.dumps(record, ensure_ascii=False))
    else:
        from .render import print_story

        print_story(story)


@cli.command()
@click.argument("path")
@click.option("--date", help="Publication date YYYY-MM-DD that relative dates are anchored on.")
@click.option("--url", help="The story's URL.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json",
              show_default=True, help="json: one object; jsonl: one PLOVER event a line; table: for people.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(), help="Extra actor dictionary (YAML).")
def extract(path: str, date: str | None, url: str | None, fmt: str, actor_files: tuple[str, ...]) -> None:
    """Extract events, actors, quotes, times and quantities from one story (PATH or - for stdin)."""
    date = _date_option(date)
    story = api.extract_story(read.read_story(path, date=date, url=url), actors=actor_files)
    for warning in story.warnings:
        click.echo(f"eventwire: warning: {warning}", err=True)
    emit(story, fmt)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="table", show_default=True)
def demo(fmt: str) -> None:
    """Run the whole pipeline on the sample story that ships with eventwire."""
    record = json.loads(resources.files("eventwire").joinpath("samples", DEMO).read_text(encoding="utf-8"))
    story = api.extract_story(read.from_record(record, DEMO))
    emit(story, fmt)


@cli.command()
@click.argument("sentence")
@click.option("--date", help="Publication date YYYY-MM-DD.")
def explain(sentence: str, date: str | None) -> None:
    """Show why each event in SENTENCE was coded: lexicon row, parse path, status cue."""
    from .render import print_explanation

    story = api.extract(sentence, date=_date_option(date))
    print_explanation(story)


class _Progress:
    """A rich progress bar with stories/s and events found."""

    def __init__(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]:.1f} stories/s"), TextColumn("{task.fields[events]} events"),
                            TimeElapsedColumn(), console=None, transient=False, disable=not sys.stderr.isatty())
        self.task = None
        self.started = 0.0

    def start(self, total: int | None) -> None:
        import time

        self.started = time.perf_counter()
        self.bar.start()
        self.task = self.bar.add_task("ingest", total=total, rate=0.0, events=0)

    def advance(self, n: int, events: int) -> None:
        import time

        done = self.bar.tasks[0].completed + n
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.task, advance=n, rate=rate, events=events)

    def stop(self) -> None:
        self.bar.stop()


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", type=click.Path(), help="DuckDB file (created if missing).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: worker processes into --db; ray: a Ray cluster into the Parquet folder --out.")
@click.option("--out", type=click.Path(), help="Parquet folder the Ray engine writes (created if missing).")
@click.option("--address", help="Ray cluster to join (auto, ray://HOST:PORT) [default: start a local one].")
@click.option("--workers", type=int, default=None, help="Worker processes [default: all cores].")
@click.option("--batch-size", type=int, default=None,
              help="Stories per transaction (local, 32) or per actor call (ray, 8).")
@click.option("--max-bytes", type=int, default=5_000_000, show_default=True, help="Larger stories fail.")
@click.option("--window", "window_days", type=int, default=None, help="Days apart that reports may be one event [2].")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(), help="Extra actor dictionary (YAML).")
@click.option("--text-column", default="text", show_default=True, help="Parquet inputs: the story's text or HTML.")
@click.option("--id-column", default="id", show_default=True, help="Parquet inputs: the story's id.")
@click.option("--date-column", default="published", show_default=True, help="Parquet inputs: its publication date.")
@click.option("--date", "default_date", metavar="YYYY-MM-DD", help="Publication date of inputs that carry none.")
@click.option("--date-from-filename", "date_pattern", metavar="PATTERN",
              help="Regular expression finding an undated input's date in its file name: groups year, month, "
                   "day, or one group (or the match) as YYYY-MM-DD or YYYYMMDD. Before --date.")
def ingest(paths, db, engine, out, address, workers, batch_size, max_bytes, window_days, actor_files, text_column,
           id_column, date_column, default_date, date_pattern) -> None:
    """Extract stories from files, folders and globs (text, HTML, JSON Lines, WARC, Parquet)
    into an event database, or on Ray into a Parquet folder."""
    from .archives import Columns
    from .store.ingest import Dating

    common = dict(max_bytes=max_bytes, actor_files=tuple(actor_files), progress=_Progress(),
                  window_days=window_days, columns=Columns(text_column, id_column, date_column),
                  dating=Dating(default_date, date_pattern))
    if batch_size is not None:
        common["batch_size"] = batch_size
    if engine == "ray":
        if not out or db or workers:
            raise click.UsageError("--engine ray writes to --out DIR (not --db; its workers are the cluster's CPUs)")
        from .store.distributed import ingest_ray

        summary = ingest_ray(list(paths), out, address=address, **common)
    else:
        if not db or out or address:
            raise click.UsageError("the local engine writes to --db FILE (--out and --address are for --engine ray)")
        from .store import ingest as run_ingest

        summary = run_ingest(list(paths), db, workers=workers, **common)
    for failure in summary.failures[:20]:
        click.echo(f"failed: {failure.item}: {failure.reason}", err=True)
    if len(summary.failures) > 20:
        click.echo(f"... and {len(summary.failures) - 20} more (see the failures table)", err=True)
    versions = f" (new versions of known ids {summary.versions})" if summary.versions else ""
    ignored = f", archive records that are no news page {summary.ignored}" if summary.ignored else ""
    click.echo(f"read {summary.read}, stored {summary.stored}{versions}, duplicates {summary.duplicates}, "
               f"failed {summary.failed}, already ingested {summary.skipped}{ignored}; "
               f"events found {summary.events}")
    if summary.failed:
        sys.exit(1)


def filter_options(command):
    """The event filters of ``store.query.FILTERS`` as options, bounds and choices included."""
    from .store.query import FILTERS

    for f in reversed(FILTERS):
        allowed = f.allowed()
        if allowed:
            kind = click.Choice(allowed, case_sensitive=False)
        elif f.kind is int:
            kind = click.IntRange(f.ge, f.le)
        elif f.kind is float:
            kind = click.FloatRange(f.ge, f.le)
        elif f.kind is dt.date:
            kind = DateType()
        else:
            kind = str
        command = click.option("--" + f.name.replace("_", "-"), f.name, type=kind, help=f.help)(command)
    return command


@cli.command()
@store_option
@filter_options
@click.option("--sort", default="day", show_default=True, help="Column to sort by.")
@click.option("--desc", is_flag=True, help="Sort in descending order.")
@click.option("--limit", type=click.IntRange(0, 100_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--columns", help=f"Comma-separated columns, or 'all' [table: {','.join(TABLE_COLUMNS)}; "
                                "csv, json: all]. Besides the store's: date, source, event, target.")
def events(db, sort, desc, limit, offset, fmt, columns, **filters) -> None:
    """List deduplicated events, filtered."""
    from .store import open as open_store
    from .store.query import events_sql, filter_from, rows

    chosen = _columns(columns, fmt)
    flt = filter_from(sort=sort, descending=desc, limit=limit, offset=offset, **filters)
    with open_store(db) as store:
        items = rows(store.con, *events_sql(flt))
    _print_records(chosen, [{c: _event_value(e, c) for c in chosen} for e in items], fmt, title=f"{len(items)} events")


def _columns(spec: str | None, fmt: str) -> list[str]:
    """The columns ``--columns`` names (checked), or the format's default."""
    from .store.query import EVENT_FIELDS

    stored = list(EVENT_FIELDS)
    if spec is None:
        return list(TABLE_COLUMNS) if fmt == "table" else stored
    if spec.strip() == "all":
        return stored
    chosen = [c.strip() for c in spec.split(",") if c.strip()]
    known = [*TABLE_COLUMNS[:4], *stored]
    unknown = [c for c in chosen if c not in known]
    if unknown or not chosen:
        raise EventwireError(f"unknown column {', '.join(unknown) or repr(spec)}; choose from {', '.join(dict.fromkeys(known))}")
    return chosen


def _event_value(e: dict, column: str):
    """An event's value in ``column``: the store's, or one of the readable ones."""
    if column == "date":
        return e["day"] or e["date"]
    if column in ("source", "target"):
        code, name = e[f"{column}_code"], e[f"{column}_name"]
        return f"{name or code} [{code}]" if code else name
    if column == "event":
        return f"{e['event_type']} {e['cameo']}"
    if column == "confidence" and e["confidence"] is not None:
        return round(e["confidence"], 2)
    return e[column]


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.argument("query")
def sql(db, fmt, query) -> None:
    """Run read-only SQL on an event database."""
    from .store import open as open_store

    with open_store(db) as store:
        _print_frame(store.sql(query), fmt)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["plover-jsonl", "gdelt", "csv", "parquet", "geojson"]),
              required=True)
@click.option("--out", required=True, type=click.Path(), help="File (a folder for parquet).")
def export(db, fmt, out) -> None:
    """Write the deduplicated events as PLOVER JSON Lines, GDELT 2.0 TSV, CSV, Parquet or
    GeoJSON (the located events as points)."""
    from .store import open as open_store
    from .store.export import export as run_export

    with open_store(db) as store:
        n = run_export(store, fmt, out)
    click.echo(f"wrote {n} events to {out}", err=True)


@cli.command()
@click.option("--db", type=click.Path(), help="Event database to serve (opened read-only).")
@click.option("--parquet", type=click.Path(), help="Parquet folder of `ingest --out` to serve in place.")
@click.option("--demo", is_flag=True, help="Ingest the bundled sample story into a temporary database and serve it.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int, help="Server processes.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Host name the server answers to besides loopback names (repeatable).")
@click.option("--extract-timeout", type=click.FloatRange(0.1, 3600), default=60, show_default=True,
              help="Seconds a POST /api/extract may take before it is answered with a timeout (504).")
def serve(db, parquet, demo, host, port, workers, allow_hosts, extract_timeout) -> None:
    """Serve the dashboard and JSON API over an event database."""
    import tempfile

    from .serve import serve as run_server
    from .store import ingest as run_ingest
    from .store.parquet import open_views

    if [bool(db), bool(parquet), demo].count(True) != 1:
        raise click.UsageError("give --db FILE, --parquet DIR or --demo")
    if parquet:
        if not os.path.isdir(parquet):
            raise EventwireError(f"{parquet}: no such folder (write one with `eventwire ingest --engine ray --out`)")
        db = open_views(parquet)
    with tempfile.TemporaryDirectory() as tmp:
        if demo:
            db = f"{tmp}/demo.duckdb"
            sample = resources.files("eventwire").joinpath("samples", DEMO)
            with resources.as_file(sample) as path:
                run_ingest([str(path)], db, workers=1)
        elif not os.path.exists(db):
            raise EventwireError(f"{db}: no such database (create it with `eventwire ingest`)")
        def announce():
            click.echo(f"eventwire: serving {'the demo story' if demo else parquet or db} on http://{host}:{port}/",
                       err=True)

        run_server(db, host=host, port=port, workers=workers, allow_hosts=tuple(allow_hosts), announce=announce,
                   extract_timeout=extract_timeout)


def _print_frame(df, fmt: str, title: str | None = None) -> None:
    columns = [str(c) for c in df.columns]
    records = [dict(zip(columns, map(plain, row))) for row in df.itertuples(index=False, name=None)]
    _print_records(columns, records, fmt, title)


def _print_records(columns: list[str], records: list[dict], fmt: str, title: str | None = None) -> None:
    """Plain-valued records as CSV (lists joined by ';', never a Python repr), JSON, or a
    rich table that wraps to the terminal's width."""
    if fmt == "csv":
        import csv

        from .store.export import csv_value

        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: csv_value(r[c]) for c in columns} for r in records)
    elif fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for col in columns:
            table.add_column(col, overflow="fold", no_wrap=col in ("date", "day", "confidence"))
        for r in records:
            table.add_row(*[_cell(r[c]) for c in columns])
        Console().print(table)


def _cell(value) -> str:
    """A table cell: missing values (None, NaN, NaT, pandas' NA) blank, lists as lists."""
    value = plain(value)
    return "" if value is None else str(value)


@cli.group(name="eval")
def evaluate() -> None:
    """Score eventwire on the evaluation data in ../shared/data."""


@evaluate.command(name="extraction")
@click.option("--data", "data_dir", default="../shared/data", show_default=True, type=click.Path())
def eval_extraction(data_dir: str) -> None:
    """Main-text extraction from news HTML: shingle precision/recall/F1."""
    from .evaluate.extraction import run

    run(data_dir)


@evaluate.command(name="events")
@click.option("--data", "data_dir", default="../shared/data", show_default=True, type=click.Path())
def eval_events(data_dir: str) -> None:
    """Event coding: PLOVER gold records, ConfliBERT quad classes and actor spans."""
    from .evaluate.events import run

    run(data_dir)


@evaluate.command(name="geo")
@click.option("--data", "data_dir", default="../shared/data", show_default=True, type=click.Path())
@click.option("--misses", type=click.Choice(["tune", "check"]), default=None,
              help="Also list that part's gold toponyms resolved more than 161 km off (study tune only).")
def eval_geo(data_dir: str, misses: str | None) -> None:
    """Place names and coordinates on GeoWebNews, with the most populous match as the baseline."""
    from .evaluate.geo import run

    run(data_dir, misses)


@evaluate.command(name="actors")
@click.option("--data", "data_dir", default="../shared/data", show_default=True, type=click.Path())
@click.option("--articles", type=click.IntRange(1, 100_000), default=None,
              help="PolNeAR: an evenly spread sample of this many articles (default all).")
@click.option("--skip-gold", is_flag=True, help="Only the PolNeAR shares.")
@click.option("--misses", type=click.Choice(["tune", "check"]), default=None,
              help="Only the gold records, listing that part's misses (study tune only).")
def eval_actors(data_dir: str, articles: int | None, skip_gold: bool, misses: str | None) -> None:
    """Actor codes: PLOVER gold countries; coded sources and targets on PolNeAR."""
    from .evaluate.actors import run

    run(data_dir, articles=articles, gold=not skip_gold, misses=misses)


@evaluate.command(name="quotes")
@click.option("--data", "data_dir", default="../shared/data", show_default=True, type=click.Path())
@click.option("--split", type=click.Choice(["dev", "train"]), default="dev", show_default=True)
def eval_quotes(data_dir: str, split: str) -> None:
    """Quotations and speakers on PolNeAR, with textacy as the baseline."""
    from .evaluate.quotes import run

    run(data_dir, split)


@evaluate.command(name="audit")
@click.option("--data", "data_dir", default="../shared/data", show_default=True, type=click.Path())
@click.option("--sample", "n", type=click.IntRange(min=1), default=None,
              help="Draw this many events to judge instead of scoring the judgements.")
@click.option("--seed", default=17, show_default=True, help="Seed of the sample.")
@click.option("--stories", default=40, show_default=True, type=click.IntRange(min=1),
              help="Stories to draw the sample's events from.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Write the sample's unjudged rows (TSV) here.")
@click.option("--judgements", type=click.Path(dir_okay=False), default=None,
              help="Judgements file (default: the packaged data/audit.tsv).")
def eval_audit(data_dir: str, n: int | None, seed: int, stories: int, out: str | None,
               judgements: str | None) -> None:
    """Precision audit on real news no event scorer uses, from hand judgements by offsets."""
    from .evaluate import audit

    path = judgements or audit.JUDGEMENTS
    if n is None:
        audit.run(data_dir, path)
    else:
        audit.sample(data_dir, n, seed, stories, out, exclude=path)


@evaluate.command(name="time")
@click.option("--data", "data_dir", default="../shared/data", show_default=True, type=click.Path())
@click.option("--errors", "show_errors", default=0, show_default=True, help="Print this many wrong expressions.")
def eval_time(data_dir: str, show_errors: int) -> None:
    """Time expressions on TimeBank + AQUAINT, with spaCy + dateparser as the baseline."""
    from .evaluate.time import run

    run(data_dir, show_errors)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("eventwire: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:  # one line, as every bad input is
        ctx = getattr(exc, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        click.echo(f"eventwire: error: {exc.format_message()}{hint}", err=True)
        sys.exit(exc.exit_code)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # never a traceback for the user
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        click.echo(f"eventwire: internal error: {type(exc).__name__}: {exc} (set EVENTWIRE_DEBUG=1 for details)",
                   err=True)
        sys.exit(3)


__all__ = ["cli", "main"]
