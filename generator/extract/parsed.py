"""What extraction reads of a parsed document as a whole, read the cheap way.

Extraction makes several passes over each document, each for a few kinds of word (proper
nouns, verbs, adverbs...). Iterating a Doc makes a Token object of every word, and reading
`pos_` looks a string up each time; spaCy's arrays give the same words for a fraction of
that. And `Doc.text` joins every token's text again each time it is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.attrs import LEMMA, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token


def ids(names: Iterable[str]) -> frozenset[int]:
    """Tags or lemmas as the numbers spaCy stores them under."""
    return frozenset(map(get_string_id, names))


# Nouns, common and proper: where names of actors and of agreements are looked for.
NOUNS = ids(["NOUN", "PROPN"])


def tagged(doc: Doc, tags: frozenset[int], lemmas: frozenset[int] = frozenset()) -> Iterator[Token]:
    """The tokens whose part of speech is in `tags`, or whose lemma is in `lemmas`, in order."""
    if lemmas:
        rows = doc.to_array([POS, LEMMA]).tolist()
        return (doc[i] for i, (pos, lemma) in enumerate(rows) if pos in tags or lemma in lemmas)
    return (doc[i] for i, pos in enumerate(doc.to_array(POS).tolist()) if pos in tags)


def text_of(doc: Doc) -> str:
    """`doc.text`, joined once per document."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


_TEXT = "briefing.text"
