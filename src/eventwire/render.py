"""Tables for people: ``extract --format table``, ``demo`` and ``explain``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .model import ActorRef, Story


def _actor(ref: ActorRef | None) -> str:
    if ref is None:
        return "-"
    return f"{ref.name} [{ref.code}]" if ref.code else ref.name


def events_table(story: Story) -> Table:
    table = Table(title=f"Events ({len(story.events)})", show_lines=False, expand=True)
    for col in ("#", "date", "source", "event", "target", "status", "trigger", "conf"):
        table.add_column(col, overflow="fold")
    for n, e in enumerate(story.events):
        kind = f"{e.event_type} {e.cameo}" + (f" ({e.mode})" if e.mode else "")
        status = e.status + (f" by {e.attributed_to.name}" if e.attributed_to else "")
        date = e.date or "?" if e.date_precision != "story" else f"({e.date})"
        table.add_row(str(n), date, _actor(e.source), kind, _actor(e.target), status,
                      f"s{e.sentence_index}: {e.trigger.text}", f"{e.confidence:.2f}")
    return table


def print_story(story: Story, console: Console | None = None) -> None:
    console = console or Console()
    head = story.title or story.id
    console.print(f"[bold]{head}[/bold]  published {story.published or 'unknown'}  {story.url or ''}")
    console.print(events_table(story))
    actors = Table(title=f"Actors ({len(story.actors)})")
    for col in ("code", "name", "office", "mentions"):
        actors.add_column(col, overflow="fold")
    for a in story.actors:
        actors.add_row(a.code or "-", a.name, a.office or "", ", ".join(dict.fromkeys(m.text for m in a.mentions)))
    console.print(actors)
    quotes = Table(title=f"Quotes ({len(story.quotes)})")
    for col in ("kind", "speaker", "text"):
        quotes.add_column(col, overflow="fold")
    for q in story.quotes:
        who = f"{q.speaker.name} [{q.speaker.code}]" if q.speaker and q.speaker.code else (q.speaker.name if q.speaker else "-")
        quotes.add_row(q.kind, who, q.text)
    console.print(quotes)
    times = ", ".join(f"{t.text} = {t.value or '?'}{' (' + t.mod + ')' if t.mod else ''}" for t in story.times)
    quantities = ", ".join(f"{q.text} = {q.op if q.op != '=' else ''}{q.value:g} {q.unit or ''}".strip()
                           for q in story.quantities)
    console.print(f"[bold]Times:[/bold] {times or '-'}")
    console.print(f"[bold]Quantities:[/bold] {quantities or '-'}")
    for w in story.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")


def print_explanation(story: Story, console: Console | None = None) -> None:
    console = console or Console()
    if not story.events:
        console.print("No event coded. Actors found: " + (", ".join(
            f"{a.name} [{a.code}]" for a in story.actors) or "none"))
    for n, e in enumerate(story.events):
        console.print(f"[bold]{n}. {e.event_type}[/bold] CAMEO {e.cameo} ({e.mode or '-'}), "
                      f"quad {e.quad_class}, Goldstein {e.goldstein:+g}, status {e.status}, confidence {e.confidence}")
        console.print(f"   source: {_actor(e.source)}   target: {_actor(e.target)}   date: {e.date} ({e.date_precision})")
        console.print(f"   why: {e.evidence}")
    for e in story.rejected:
        console.print(f"[dim]not coded: {e.event_type} CAMEO {e.cameo} '{e.trigger.text}' "
                      f"(sentence {e.sentence_index}); why: {e.evidence}[/dim]")
