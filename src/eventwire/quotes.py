"""The quote stage: who said what.

Finds quoted spans (typographic and straight quotes, across paragraphs when a
paragraph opens a quote and the next continues it), tells speech from mere
mentions (slogans, titles, nicknames), finds the speaker through the speech verb
(``data/speech_verbs.tsv``) and the story's actor chain, and records reported
speech without quotation marks ("he said that ...") as ``indirect``. Events inside
a quotation become ``reported``, attributed to the speaker. Unbalanced quotation
marks never drop the story: what is there is recovered and a warning says so.
"""

from __future__ import annotations

import re

from . import arguments as args
from .model import Quote, Span, Speaker
from .parse import Parsed

OPEN, CLOSE = "“«", "”»"
#: Words before a quotation that make it a name, not speech ("his slogan “Stop the Steal”").
NAMING = frozenset("slogan slogans motto dubbed called so-called nicknamed titled entitled named headline "
                   "book memoir novel play film movie song album show campaign operation hashtag label term "
                   "phrase".split())


MARKUP = re.compile(r"<[A-Za-z/][^<>]{0,500}>")
_MARKS = re.compile(f'["{OPEN}{CLOSE}]')


def quote_spans(text: str) -> tuple[list[tuple[int, int]], int]:
    """(start, end) of quoted contents in one paragraph, and how many marks were unmatched.

    Curly marks say which way they face; a straight mark opens at the start or after a
    space or bracket and closes otherwise, so mixed marks pair (\"...” is one quote). An
    opening curly mark right after words, inside a quotation, is taken as the closing one.
    Quotation marks inside markup that leaked into the text (``<tweet author="...">``)
    are ignored."""
    masked = MARKUP.sub(lambda m: " " * len(m.group()), text)
    spans, unmatched, open_at = [], 0, None
    for mark in _MARKS.finditer(masked):
        i, ch = mark.start(), mark.group()
        after_space = i == 0 or masked[i - 1].isspace() or masked[i - 1] in "([{—–-"
        if ch == '"' or ch in OPEN and open_at is not None and not after_space:
            ch = OPEN[0] if after_space else CLOSE[0]  # an opening mark right after words closes (a typo: ",“ said")
        if ch in OPEN:
            if open_at is not None:
                unmatched += 1  # an opening mark inside a quotation: the earlier one never closed
            open_at = i + 1
        elif ch in CLOSE:
            if open_at is None:
                unmatched += 1
            else:
                spans.append((open_at, i))
                open_at = None
    if open_at is not None and open_at < len(text):
        spans.append((open_at, len(text)))  # runs to the paragraph end (maybe continued)
        unmatched += 1
    return sorted(spans), unmatched


def _with_closing_marks(span):
    """The span without trailing punctuation, but with the closing quotation mark of a
    quotation that ends it (“... a “whiner.”" keeps ".”")."""
    doc, last = span.doc, span.end - 1
    while last > span.start and doc[last].is_punct and doc[last].text not in CLOSE + '"':
        last -= 1
    end = last + 1
    while end < len(doc) and end - last <= 2 and doc[end].is_punct and doc[end].text in CLOSE + '".,!?' \
            and any(t.text in CLOSE + '"' for t in doc[end:min(len(doc), last + 3)]):
        end += 1
    while end - 1 > last and doc[end - 1].text not in CLOSE + '"':
        end -= 1  # never end on a period outside the quotation
    return doc[span.start:end]


def _titled(content: str) -> bool:
    """A few words, each capitalised but the short ones: a name or title ("Meet the Press")."""
    words = content.split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() for w in words if len(w) > 3)


class QuoteFinder:
    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.speech = args.grammar().speech
        self.last_cued: Quote | None = None  # the last direct quote with a speech verb of its own
        self.last_cued_block = -1  # and its paragraph
        self.indirect_by_cue: dict[int, Quote] = {}

    def speech_verb(self, sent, lo: int, hi: int, reach: int = 15):
        """The speech verb (or belief verb: "“...,” he concluded") of ``sent`` nearest the
        quoted tokens [lo, hi), outside them and at most ``reach`` tokens away (a title late
        in a long sentence is not what was said)."""
        best, best_gap = None, reach + 1
        for tok in sent:
            kind = self.speech.get(tok.lemma_.lower())
            if lo <= tok.i < hi or tok.pos_ != "VERB" or kind not in ("speech", "belief"):
                continue
            gap = lo - tok.i if tok.i < lo else tok.i - hi
            if gap < best_gap:
                best, best_gap = tok, gap
        return best

    def governing_speech_verb(self, span):
        """A speech verb the quotation hangs from through complements ("said that ... to a
        “strong alliance”"), not across an adverbial clause ("remarked, alluding to “X”")."""
        node = span.root
        while node.head.i != node.i and node.dep_ not in ("advcl", "relcl", "parataxis"):
            node = node.head
            if node.pos_ == "VERB" and self.speech.get(node.lemma_.lower()) == "speech":
                return node
        return None

    def speaker(self, b: int, verb) -> tuple[Speaker | None, Speaker | None]:
        subject = args.subject(verb)
        if subject is not None and subject.dep_ == "nsubj" and verb.dep_ == "relcl" and any(
                c.dep_ == "poss" and c.lower_ == "whose" for c in subject.children):
            subject = verb.head  # "Choi Sang-mok, ... whose office said"
        speaker = self._as_speaker(b, subject)
        addressee = None
        if verb.lemma_.lower() == "tell":
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            addressee = self._as_speaker(b, objs[0]) if objs else None
        return speaker, addressee

    def _as_speaker(self, b: int, tok) -> Speaker | None:
        if tok is None:
            return None
        refs = args.actors_of(self.parsed, b, tok)
        if refs:
            r = refs[0]
            return Speaker(r.name, r.code or None, r.start, r.end, r.actor_id)
        span = tok.doc[tok.left_edge.i:tok.i + 1]
        start, end = self.parsed.span_offsets(b, span)
        return Speaker(span.text, None, start, end)

    def cue(self, b: int, verb) -> Span:
        start = self.parsed.char(b, verb)
        return Span(verb.text, start, start + len(verb.text))

    def is_mention(self, doc, first: int, content: str) -> bool:
        """A name or title: after a naming word of its own sentence ("the slogan “...”"), or a
        few capitalised words with no sentence punctuation."""
        sent_start = doc[first + 1].sent.start if first + 1 < len(doc) else first
        if any(t.lower_ in NAMING and not self._says(t) for t in doc[max(0, sent_start, first - 3):first]):
            return True
        titled = _titled(content)
        if titled and first > 0 and (doc[first - 1].tag_ == "POS" or doc[first - 1].lower_ in ("on", "with")):
            return True  # ABC’s “This Week.”, on “Meet the Press”, an interview with “Fox News Sunday.”
        return titled and not content.rstrip().endswith((".", ",", "?", "!"))

    def _says(self, tok) -> bool:
        """A naming verb with a speaker of its own ("Obama called the holiday “...”", "what he
        called a “breach”") reports words; "so-called", "a film called" only name."""
        return tok.pos_ == "VERB" and self.speech.get(tok.lemma_.lower()) == "speech" and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)

    def run(self) -> None:
        story = self.parsed.story
        story.quotes = []
        carry = False
        for b, block in enumerate(self.parsed.blocks):
            spans, unmatched = quote_spans(block.text)
            if unmatched and not (carry and block.text.lstrip()[:1] in OPEN + '"'):
                story.warnings.append(f"unbalanced quotation marks in the paragraph at offset {block.offset}")
            carry = bool(spans) and spans[-1][1] == len(block.text) and unmatched > 0
            for lo, hi in spans:
                self.direct(b, block, lo, hi)
            self.indirect(b, block, spans)
        story.quotes.sort(key=lambda q: q.start)
        self.attribute_events()

    def direct(self, b, block, lo: int, hi: int) -> None:
        doc = block.doc
        raw = block.text[lo:hi]
        content = raw.strip()
        if not content:
            return
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is None:
            return
        sents = [(s, i) for s, i in block.sentences if s.start < span.end and span.start < s.end]
        sidx = sents[0][1] if sents else -1
        start = block.offset + lo + (len(raw) - len(raw.lstrip()))
        quote = Quote(content, start, start + len(content), "direct", None, sentence_index=sidx)
        governing = self.governing_speech_verb(span)
        nearby = [v for v in (self.speech_verb(s, span.start - 1, span.end + 1) for s, _ in reversed(sents)) if v]
        previous = self.last_cued if self.last_cued_block >= b - 1 else None  # no narration in between
        opens = span.start <= (sents[0][0].start + 1 if sents else span.start)
        goes_on = opens and previous is not None and start - previous.end < 400 and content.endswith(
            (".", "?", "!", ","))  # “Here he is,” she said. “Donald’s here.”
        # a scare quote, or a title with a comma inside the marks ("the “Defeat Crooked Hillary PAC,” with")
        scare = len(content.split()) <= 3 or content.endswith(",") and _titled(content.rstrip(","))
        if self.is_mention(doc, span.start - 1, content) or (scare and governing is None and not nearby and not goes_on):
            quote.kind = "mention"  # a name, a title or a scare quote: no one is said to speak
            self.parsed.story.quotes.append(quote)
            return
        after_mark = span.end + 1 if span.end < len(doc) and doc[span.end].text in CLOSE + '"' else span.end
        closes = doc[span.end - 1].is_punct or after_mark >= len(doc) or doc[after_mark].is_punct  # “...,” he said
        # a verb after the quotation is its cue only when the quotation ends a clause:
        # not in “criminals” and “rapists” while calling ...
        verb = next((v for v in nearby if v.i < span.end or closes), None)
        if governing is not None and not opens:
            verb = governing  # inside a clause, the verb that reports it, not a nearer one ("too early to tell")
        if verb is None and sents:
            nxt = [(s, i) for s, i in block.sentences if s.start >= span.end][:1]
            if nxt and nxt[0][0].start - span.end <= 2:
                verb = self.speech_verb(nxt[0][0], span.start, span.end)
                if verb is not None and any(t.text in OPEN + '"' for t in doc[verb.i:nxt[0][0].end]):
                    verb = None  # "To which she said, “...”": that verb cues its own quotation
        if verb is None:
            verb = governing
        if verb is None and opens and previous is not None and start - previous.end < 400:
            # a quotation that goes on after "..., Blinken said." or into the next paragraph
            quote.speaker, quote.cue, quote.addressee = previous.speaker, previous.cue, previous.addressee
            self.last_cued, self.last_cued_block = quote, b
        elif verb is None:  # a partial quote: the speaker is the subject of the clause around it
            gov = span.root.head
            while gov.pos_ not in ("VERB", "AUX") and gov.head.i != gov.i:
                gov = gov.head
            if gov.pos_ in ("VERB", "AUX"):
                quote.speaker = self._as_speaker(b, args.subject(gov))
                self.reported_clause(b, gov, span, quote)
        else:
            quote.speaker, quote.addressee = self.speaker(b, verb)
            quote.cue = self.cue(b, verb)
            self.last_cued, self.last_cued_block = quote, b
            if not opens:
                self.reported_clause(b, verb, span, quote)
        self.parsed.story.quotes.append(quote)

    def reported_clause(self, b: int, verb, span, quote: Quote) -> None:
        """For words quoted inside reported speech ("called Trump “crazy”", "urged them to
        “consider” leaving", "said that Clinton should “lead by example.”", "Clinton had “put
        the biggest crack” in the ceiling, she said", "But, he added, he did not support
        quarantines “willy-nilly.”"), record the reported clause that holds them too, as an
        indirect quote."""
        doc = verb.doc
        last_word = max((t.i for t in span if not t.is_punct), default=span.end - 1)
        if verb.dep_ == "parataxis" and verb.i < span.start and verb.head.left_edge.i <= span.start:
            first = verb.right_edge.i + 1  # the clause goes on after the parenthetical "he added,"
            while first < span.start and (doc[first].is_punct or doc[first].dep_ == "cc"):
                first += 1
            self._clause(b, verb, doc[first:verb.head.right_edge.i + 1], span, quote)
            return
        args = [c for c in verb.children if c.dep_ not in ("punct", "cc", "conj")]
        holder = next((c for c in args if c.left_edge.i <= span.start and last_word <= c.right_edge.i), None)
        end = holder.right_edge.i + 1 if holder is not None else 0
        if holder is None and verb.i < span.start:  # the parse splits the quotation over two arguments
            inside = [c for c in verb.children if c.dep_ != "punct" and c.i > verb.i
                      and c.left_edge.i <= last_word and span.start <= c.right_edge.i]
            if len(inside) > 1 and inside[0].left_edge.i <= span.start and last_word <= inside[-1].right_edge.i:
                holder, end = inside[0], inside[-1].right_edge.i + 1
        if holder is None or verb.i > span.start and (holder.i > verb.i or holder.dep_ != "ccomp"):
            return  # after the quotation, the verb's cue only to a clause it reports
        first = holder.left_edge.i
        if holder.dep_ in ("oprd", "xcomp", "acomp", "prep", "advmod", "dobj"):
            # "called the system “rotten”", "referred to immigrants as “criminals”": with the object
            obj = next((c for c in reversed(args) if verb.i < c.i < holder.i and c.dep_ in ("dobj", "prep")), None)
            if obj is not None:
                pobj = [g for g in obj.children if g.dep_ == "pobj"] if obj.dep_ == "prep" else [obj]
                first = pobj[0].left_edge.i if pobj else first
        if holder.dep_ in ("oprd", "prep", "acomp", "xcomp"):
            # a naming verb's complement: "what he called a “rant”", "an explosion the mayor described as “...”"
            what = next((c for c in verb.children if c.i < verb.i and c.tag_ in ("WP", "WDT")), None)
            first = verb.head.left_edge.i if verb.dep_ == "relcl" and verb.head.i < verb.i else \
                what.i if what is not None else first
        self._clause(b, verb, doc[first:end], span, quote)

    def _clause(self, b: int, verb, clause, span, quote: Quote) -> None:
        clause = _with_closing_marks(clause)
        words = sum(not t.is_punct for t in clause)
        if words <= sum(not t.is_punct for t in span) + 1 or words > 80:
            return  # no more than the quotation itself
        self._add_indirect(b, clause, quote.speaker, quote.cue or self.cue(b, verb), quote.addressee,
                           quote.sentence_index)

    def _add_indirect(self, b: int, content, speaker, cue, addressee, sentence_index: int) -> None:
        """One indirect quote per speech verb and reported clause: the longer reading wins."""
        start, end = self.parsed.span_offsets(b, content)
        quote = Quote(content.text, start, end, "indirect", speaker, cue, addressee, sentence_index)
        same = self.indirect_by_cue.get(cue.start)
        if same is not None and same.start < end and start < same.end:
            if end - start <= same.end - same.start:
                return
            self.parsed.story.quotes.remove(same)
        self.indirect_by_cue[cue.start] = quote
        self.parsed.story.quotes.append(quote)

    def indirect(self, b, block, spans) -> None:
        doc = block.doc
        quoted = {i for lo, hi in spans for i in range(lo, hi)}
        for sent, sidx in block.sentences:
            for verb in sent:
                if verb.pos_ != "VERB" or self.speech.get(verb.lemma_.lower()) != "speech" or verb.idx in quoted:
                    continue  # a speech verb inside a quotation belongs to the quoted speaker
                for comp in verb.children:
                    if comp.dep_ != "ccomp" or comp.idx in quoted:
                        continue
                    content = doc[comp.left_edge.i:comp.right_edge.i + 1]
                    while len(content) > 1 and content[0].dep_ == "mark":
                        content = content[1:]
                    if len(content) < 3 or content.start_char in quoted:
                        continue
                    speaker, addressee = self.speaker(b, verb)
                    self._add_indirect(b, _with_closing_marks(content), speaker, self.cue(b, verb), addressee, sidx)

    def attribute_events(self) -> None:
        story = self.parsed.story
        from .model import ActorRef
        for quote in story.quotes:
            if quote.kind != "direct" or quote.speaker is None:
                continue
            for event in story.events:
                if quote.start <= event.trigger.start < quote.end and event.attributed_to is None:
                    s = quote.speaker
                    actor = next((a for a in story.actors if a.id == s.actor_id), None)
                    event.attributed_to = ActorRef(s.name, s.start, s.end, s.code or "",
                                                   actor.country if actor else None,
                                                   actor.sector if actor else None, s.name, s.actor_id)
                    if event.status == "asserted":
                        event.status = "reported"
                        event.evidence += f"; status reported: inside a quotation of {s.name}"


def find_quotes(parsed: Parsed) -> None:
    """The quote stage: fill ``story.quotes`` and attribute events inside quotations."""
    QuoteFinder(parsed).run()
