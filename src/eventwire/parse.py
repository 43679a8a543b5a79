"""Parse the story's news paragraphs with spaCy, keeping story offsets.

Only ``body`` paragraphs are parsed; headlines, subheadings and boilerplate
become ``Sentence`` records of their own kind and are never coded.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span as SpacySpan, Token

from .clean import Paragraph, is_boilerplate
from .model import ActorRef, Sentence, Story
from .nlp import pipe
from .repair import repair


def word_ids(words) -> frozenset[int]:
    """The ids spaCy gives these strings, as ``doc.to_array(LOWER)`` (or LEMMA) holds them:
    a quick first test of which tokens can matter to a stage."""
    return frozenset(get_string_id(w) for w in words)


@dataclass(slots=True)
class Block:
    """One parsed paragraph: its spaCy ``Doc`` and where it starts in the story."""

    doc: Doc
    offset: int
    sentences: list[tuple[SpacySpan, int]] = field(default_factory=list)  # (span, story index)
    text: str = ""  # the paragraph (doc.text), given or built once
    _ents: tuple | None = field(default=None, repr=False, compare=False)  # doc.ents, read once

    def __post_init__(self):
        self.text = self.text or self.doc.text

    def ents_in(self, span: SpacySpan) -> list[SpacySpan]:
        """``span.ents`` (the entities wholly inside ``span``) without rebuilding the doc's
        entity spans for every sentence that asks."""
        if self._ents is None:
            self._ents = tuple(self.doc.ents)
        return [e for e in self._ents if span.start <= e.start and e.end <= span.end]

    @property
    def length(self) -> int:
        return len(self.text)

    def sentence_of(self, i: int) -> int:
        """Story index of the coded sentence that holds token ``i``, or -1."""
        k = bisect_right(self.sentences, i, key=lambda pair: pair[0].start) - 1
        return self.sentences[k][1] if k >= 0 and i < self.sentences[k][0].end else -1


@dataclass
class Parsed:
    """A story with its parse: what every stage after parsing reads and adds to."""

    story: Story
    blocks: list[Block]
    #: (block index, token index) -> the actor mentions that cover that token.
    mentions: dict[tuple[int, int], list[ActorRef]] = field(default_factory=dict)
    #: (block index, token index) -> country named by an adjective ("Russian equipment").
    modifiers: dict[tuple[int, int], ActorRef] = field(default_factory=dict)
    #: (block index, token index) of a group pronoun -> token index of the subject it refers
    #: to ("Syria says *it* will ..." -> Syria).
    antecedents: dict[tuple[int, int], int] = field(default_factory=dict)
    #: (block index, token index) of each event's trigger, parallel to ``story.events``.
    triggers: list[tuple[int, int]] = field(default_factory=list)

    def sentences(self):
        """Yield ``(block index, block, spaCy sentence, story sentence index)``."""
        for b, block in enumerate(self.blocks):
            for sent, index in block.sentences:
                yield b, block, sent, index

    def char(self, b: int, token: Token) -> int:
        return self.blocks[b].offset + token.idx

    def span_offsets(self, b: int, span: SpacySpan) -> tuple[int, int]:
        offset = self.blocks[b].offset
        return offset + span.start_char, offset + span.end_char

    def span_at(self, b: int, start: int, end: int) -> SpacySpan | None:
        """The tokens of block ``b`` covering story offsets ``start:end`` (``span_offsets`` undone)."""
        block = self.blocks[b]
        return block.doc.char_span(start - block.offset, end - block.offset, alignment_mode="expand")

    def actors_at(self, b: int, token: Token) -> list[ActorRef]:
        return self.mentions.get((b, token.i), [])

    def modifiers_of(self, b: int, token: Token) -> list[ActorRef]:
        """Countries named by adjectives on ``token`` ("Russian military equipment")."""
        out = [self.modifiers[(b, t.i)] for t in (token, *token.children) if (b, t.i) in self.modifiers]
        return out


def parse(nlp, story: Story, paragraphs: list[Paragraph], docs: list[Doc] | None = None) -> Parsed:
    """Run spaCy over the body paragraphs (or take ``docs`` parsed already, one per body
    paragraph) and number every sentence of the story."""
    body = [p for p in paragraphs if p.kind == "body"]
    docs = iter(docs if docs is not None else pipe(nlp, [p.text for p in body], 64))
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    for para in paragraphs:
        if para.kind != "body":
            sentences.append(Sentence(len(sentences), para.text, para.start, para.end, para.kind))
            continue
        block = Block(repair(next(docs)), para.start, text=para.text)
        for sent in block.doc.sents:
            text = para.text[sent.start_char:sent.end_char]  # sent.text, without joining its tokens again
            kind = "boilerplate" if is_boilerplate(text) else "body"  # "Reporting by ..." in a paragraph
            start, end = para.start + sent.start_char, para.start + sent.end_char
            sentences.append(Sentence(len(sentences), text, start, end, kind))
            if kind == "body":
                block.sentences.append((sent, len(sentences) - 1))
        blocks.append(block)
    story.sentences = sentences
    return Parsed(story, blocks)


def parse_doc(doc: Doc, story: Story) -> Parsed:
    """Wrap a document already parsed by a user's pipeline as a one-paragraph story."""
    block = Block(repair(doc), 0)
    for sent in doc.sents:
        story.sentences.append(Sentence(len(story.sentences), sent.text, sent.start_char, sent.end_char))
        block.sentences.append((sent, len(story.sentences) - 1))
    return Parsed(story, [block])
