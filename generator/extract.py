"""Extraction: one source in, plain facts out. Pure, so it can be cached and run in parallel
(`workers.extract_many`)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from .agreements import find_agreements
from .events import find_events
from .mentions import find_mentions
from .model import DocFacts, Sentence, Source, TimexFact
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


def _sentences(doc: Doc) -> tuple[list[Sentence], dict[int, int]]:
    """Sentences as the parser splits them, also split at paragraph breaks it runs across."""
    sentences: list[Sentence] = []
    sent_of: dict[int, int] = {}
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text and token.i > start:
                _add(doc, start, token.i, sentences, sent_of)
                start = token.i
        _add(doc, start, sent.end, sentences, sent_of)
    return sentences, sent_of


def _add(doc: Doc, start: int, end: int, sentences: list[Sentence], sent_of: dict[int, int]) -> None:
    span = doc[start:end]
    text = span.text.strip()
    if not text:
        for i in range(start, end):
            sent_of[i] = max(len(sentences) - 1, 0)
        return
    offset = span.start_char + (len(span.text) - len(span.text.lstrip()))
    for i in range(start, end):
        sent_of[i] = len(sentences)
    sentences.append(Sentence(start=offset, end=offset + len(text), text=text))


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
