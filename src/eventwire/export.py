"""Output records in the formats the field already reads."""

from __future__ import annotations

from .model import Event, Story, to_plain


def plover_record(story: Story, event: Event, n: int) -> dict:
    """One event as a PLOVER-style JSON record (field names follow the PLOVER manual)."""
    src, tgt = event.source, event.target
    return {
        "id": f"{story.id}-{n}",
        "date": event.date,
        "date_precision": event.date_precision,
        "event": event.event_type,
        "mode": event.mode,
        "context": event.contexts,
        "actor": src.code if src else None,
        "actor_text": src.text if src else None,
        "actor_name": src.name if src else None,
        "recipient": tgt.code if tgt else None,
        "recipient_text": tgt.text if tgt else None,
        "recipient_name": tgt.name if tgt else None,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "status": event.status,
        "attributed_to": event.attributed_to.code or event.attributed_to.name if event.attributed_to else None,
        "confidence": event.confidence,
        "trigger": to_plain(event.trigger),
        "location": event.location.text if event.location else None,
        "text": event.sentence,
        "story_id": story.id,
        "url": story.url,
        "published": story.published,
        "version": event.ontology,
    }
