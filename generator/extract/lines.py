"""Sentence starts the text's layout gives, set before the parser runs.

A headline or a dateline has no full stop, so the parser runs it into the first sentence of
the story ("Steve Jobs resigns August 25 2011 Steve Jobs has resigned as..."), and every
event or title built from that sentence swallows it. Layout says where they end: a
paragraph break always ends a sentence, and so does the line break after a first line, or a
line of a few words, that ends without a stop when the next line opens with a capital. A
single line break inside a paragraph (text wrapped by hand) does not.
The parser keeps sentence starts set before it, so the component sits in front of it.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import LINE_STOPS

NAME = "briefing_lines"


@Language.component(NAME)
def mark_line_starts(doc: Doc) -> Doc:
    starts = line_starts(doc)
    if starts:
        # In one array: setting `is_sent_start` token by token checks the whole Doc each time.
        marks = doc.to_array([SENT_START])
        for token in starts:
            marks[token.i] = 1
        doc.from_array([SENT_START], marks)
    return doc


def line_starts(doc: Doc) -> list:
    """The tokens that begin a sentence because of the layout before them."""
    starts, previous, lines, words = [], None, 0, 0    # words: on the line so far
    text = doc.text         # made anew from the tokens on each read: once, here
    for token in doc:
        if token.is_space:
            continue
        if previous is not None:
            breaks = text[previous.idx + len(previous):token.idx].count("\n")
            # A headline (the first line) or a dateline (a short line: "April 04, 2009") ends
            # without a stop, and the story goes on in capitals on the next line.
            unstopped = (lines == 0 or words <= _DATELINE_WORDS) and previous.text[-1:] not in LINE_STOPS \
                and token.text[:1].isupper()
            if breaks >= 2 or breaks == 1 and unstopped:
                starts.append(token)
            if breaks:
                lines, words = lines + 1, 0
        words += not token.is_punct
        previous = token
    return starts


_DATELINE_WORDS = 6
