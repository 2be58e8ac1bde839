"""Extraction: one source in, plain facts out. Pure, so it can be cached and run in parallel
(`workers.extract_many`)."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.tokens import Doc

from .agreements import find_agreements
from .events import find_events
from .mentions import find_mentions
from .model import DocFacts, Sentence, Source, TimexFact
from .parsed import text_of
from .timex import find_timexes


def extract(source: Source, nlp) -> DocFacts:
    return facts_from_doc(source, nlp(source.text))


def facts_from_doc(source: Source, doc: Doc) -> DocFacts:
    sentences, sent_of = _sentences(doc)
    mentions = find_mentions(doc, sent_of)
    mention_at = _mention_tokens(doc, mentions)
    dct = dt.date.fromisoformat(source.date) if source.date else None
    timexes = [TimexFact(start=t.start, end=t.end, text=t.text, type=t.type, value=t.value,
                         sent=sent_of[_token_at(doc, t.start)], mod=t.mod)
               for t in find_timexes(doc, dct)]
    agreements = find_agreements(doc, sent_of, mentions, mention_at, timexes)
    events = find_events(doc, sent_of, mentions, mention_at, timexes, agreements)
    return DocFacts(source_id=source.id, sha256=source.sha256, sentences=tuple(sentences),
                    mentions=tuple(mentions), timexes=tuple(timexes), events=tuple(events),
                    agreements=tuple(agreements))


def _sentences(doc: Doc) -> tuple[list[Sentence], list[int]]:
    """Sentences as the parser splits them, also split at paragraph breaks it runs across.
    Returns them and, for each token, the number of its sentence. Works on the text and the
    tokens' offsets rather than on Token objects: it runs once per document, for every token."""
    text = text_of(doc)
    starts = doc.to_array("IDX").tolist()
    lengths = doc.to_array("LENGTH").tolist()
    # Tokens holding a line break (spaCy keeps line breaks as tokens of their own).
    breaks = sorted({bisect.bisect_right(starts, m.start()) - 1 for m in _NEWLINE.finditer(text)})
    sentences: list[Sentence] = []
    sent_of = [0] * len(doc)

    def add(start: int, end: int) -> None:
        first, last = starts[start], starts[end - 1] + lengths[end - 1]
        raw = text[first:last]
        stripped = raw.strip()
        if not stripped:
            sent_of[start:end] = [max(len(sentences) - 1, 0)] * (end - start)
            return
        offset = first + (len(raw) - len(raw.lstrip()))
        sent_of[start:end] = [len(sentences)] * (end - start)
        sentences.append(Sentence(start=offset, end=offset + len(stripped), text=stripped))

    for sent in doc.sents:
        start = sent.start
        for token in breaks[bisect.bisect_right(breaks, start):bisect.bisect_left(breaks, sent.end)]:
            add(start, token)
            start = token
        add(start, sent.end)
    return sentences, sent_of


_NEWLINE = re.compile("\n")


def _mention_tokens(doc: Doc, mentions) -> dict[int, int]:
    at: dict[int, int] = {}
    for index, mention in enumerate(mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        for token in span or ():
            at.setdefault(token.i, index)
    return at


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else len(doc) - 1
