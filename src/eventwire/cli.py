"""The ``eventwire`` command: a thin shell over the library.

Bad input is one line on stderr and exit status 2, never a traceback
(set EVENTWIRE_DEBUG=1 to see one).
"""

from __future__ import annotations

import json
import os
import sys
from importlib import resources

import click

from . import api, read
from .errors import EventwireError
from .export import plover_record
from .model import Story

DEMO = "demo.jsonl"


def _date_option(value: str | None) -> str | None:
    return read.parse_date(value)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
def cli() -> None:
    """Turn English news stories into political event data (PLOVER/CAMEO)."""


def emit(story: Story, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(story.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for n, event in enumerate(story.events):
            click.echo(json.dumps(plover_record(story, event, n), ensure_ascii=False))
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


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("eventwire: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
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
