"""Extraction: one source in, plain facts out. Pure, so it can be cached and run in parallel.

Several processes each load the model once and turn their share of the sources into DocFacts
themselves: only the small facts travel back, never a parsed Doc.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import multiprocessing
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from .agreements import find_agreements
from .events import find_events
from .mentions import find_mentions
from .model import DocFacts, Sentence, Source, TimexFact
from .timex import find_timexes


def extract(source: Source, nlp) -> DocFacts:
    return facts_from_doc(source, nlp(source.text))


BATCH = 16          # documents per nlp.pipe batch
CHUNK = 4 * BATCH   # documents per task: whole batches, so any process count parses the same batches


def extract_many(sources: Sequence[Source], model: str, processes: int = 1,
                 chunk: int | None = None, background: bool = False) -> Iterator[list[DocFacts]]:
    """Facts for the sources, in their order, a chunk at a time; `processes` > 1 spreads the
    chunks over that many worker processes. Chunks are whole batches, so the same batches are
    parsed whatever the process count, and the facts are the same too. With `background`, even
    one process is a worker: parsing starts at once, while the caller goes on with other work."""
    if chunk is None:       # enough chunks to keep every process busy, none under a batch
        per_process = -(-len(sources) // (BATCH * max(processes, 1)))
        chunk = BATCH * max(1, min(CHUNK // BATCH, per_process))
    chunks = [sources[i:i + chunk] for i in range(0, len(sources), chunk)]
    processes = max(1, min(processes, len(chunks)))
    # The model is loaded, or the workers started, before this returns: a progress bar's
    # thread started afterwards is never forked into a worker.
    if processes == 1 and not background:
        nlp = _load(model)
        return (_facts(nlp, chunk) for chunk in chunks)
    return Workers(processes, model, chunks)


class Workers:
    """Worker processes parsing chunks; iterate for their facts in order, or close to stop them."""

    def __init__(self, processes: int, model: str, chunks: list):
        self.pool = concurrent.futures.ProcessPoolExecutor(processes, mp_context=_context(),
                                                           initializer=_start_worker, initargs=(model,))
        self.futures = [self.pool.submit(_worker_facts, chunk) for chunk in chunks]

    def __iter__(self) -> Iterator[list[DocFacts]]:
        try:
            for future in self.futures:
                yield future.result()
        finally:
            self.close()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def _context():
    # Forking skips re-importing spaCy in every worker; where there is no fork, spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _load(model: str):
    from .nlp import load

    return load(model)


_worker_nlp = None      # the model, loaded once in each worker process


def _start_worker(model: str) -> None:
    global _worker_nlp
    _worker_nlp = _load(model)


def _worker_facts(chunk: Sequence[Source]) -> list[DocFacts]:
    return _facts(_worker_nlp, chunk)


def _facts(nlp, chunk: Sequence[Source]) -> list[DocFacts]:
    docs = nlp.pipe((s.text for s in chunk), batch_size=BATCH)
    return [facts_from_doc(source, doc) for source, doc in zip(chunk, docs)]


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
