"""Extraction: one source in, plain facts out. Pure, so it can be cached and run in parallel
(`workers.extract_many`)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator

from spacy.tokens import Doc

from generator.extract.timex.find import find_timexes
from generator.model import DocFacts, Sentence, Source, TimexFact
from .shingles import signature
from .agreements import find_agreements
from .events import find_events
from .mentions import find_mentions
from .parsed import text_of


# The longest text given to the model at once. spaCy refuses more than `nlp.max_length`
# characters (error E088, a million by default), and its parser and recogniser need memory in
# proportion to the text: a longer source is parsed in pieces, cut between paragraphs.
PIECE = 100_000


def extract(source: Source, nlp) -> DocFacts:
    return facts_from_doc(source, next(parse(nlp, [source.text])))


def parse(nlp, texts: list[str], batch_size: int | None = None) -> Iterator[Doc]:
    """Each text parsed, one Doc each, however long: a text over the limit is parsed in pieces
    (`pieces_of`) joined into one Doc whose text is the text itself, so that every offset,
    sentence and quote lands where it is in the source."""
    limit = min(PIECE, nlp.max_length)
    pieces = [pieces_of(text, limit) for text in texts]
    options = {} if batch_size is None else {"batch_size": batch_size}
    parsed = iter(nlp.pipe((piece for cut in pieces for piece in cut), **options))
    for cut in pieces:          # one at a time, as the model gives them: a chunk's Docs are large
        part = [next(parsed) for _ in cut]
        yield part[0] if len(part) == 1 else Doc.from_docs(part, ensure_whitespace=False,
                                                           exclude=["user_data"])


_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"),
           re.compile(r"\s+"))


def pieces_of(text: str, limit: int = PIECE) -> list[str]:
    """`text` cut into pieces of at most `limit` characters that join back into it: each cut
    after the last paragraph break within the limit, else the last line break, sentence end or
    space, else (one "word" as long as the limit) at the limit itself."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        end = limit
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if 0 < m.end() < limit]
            if ends and ends[-1] > limit // 4:      # not a sliver: a long text then has few pieces
                end = ends[-1]
                break
        pieces.append(text[start:start + end])
        start += end
    pieces.append(text[start:])
    return pieces


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
    count, sample = signature(source.text)
    return DocFacts(source_id=source.id, sha256=source.sha256, sentences=tuple(sentences),
                    mentions=tuple(mentions), timexes=tuple(timexes), events=tuple(events),
                    agreements=tuple(agreements), shingles=count, shingle_sample=sample)


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
        if sentences and _CLOSING_ONLY.fullmatch(stripped) and "\n" not in text[sentences[-1].end:offset]:
            # A closing quote mark or bracket the parser set apart ('... expressed. "') ends
            # the sentence before it: quoted alone, that sentence would open a quote it never closes.
            last = sentences[-1]
            sent_of[start:end] = [len(sentences) - 1] * (end - start)
            stop = offset + len(stripped)
            sentences[-1] = Sentence(start=last.start, end=stop, text=text[last.start:stop])
            return
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
_CLOSING_ONLY = re.compile(r"[\"'”’»)\]]+")


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
