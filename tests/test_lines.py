"""Sentence starts from the layout: a headline without a stop, and paragraph breaks, end a
sentence; a line wrapped by hand inside a paragraph does not. On the tokenizer alone."""

from __future__ import annotations

import spacy

from generator.extract.lines import line_starts

nlp = spacy.blank("en")


def starts(text: str) -> list[str]:
    return [t.text for t in line_starts(nlp(text))]


def test_a_headline_without_a_stop_is_a_sentence_of_its_own():
    assert starts("Steve Jobs resigns August 25 2011\nSteve Jobs has resigned.") == ["Steve"]


def test_a_paragraph_break_ends_a_sentence_even_without_a_stop():
    assert starts("Shares fell.\n\nAnalysts said\n\nthe fall was expected.") == ["Analysts", "the"]


def test_a_line_wrapped_inside_a_paragraph_goes_on():
    assert starts("The minister said he would stay\non as chairman of the board.") == []


def test_a_first_line_ending_in_a_stop_needs_no_mark_and_later_lines_are_not_headlines():
    assert starts("Shares fell on Monday.\nTraders said\nthe fall was expected.") == []


def test_a_dateline_of_a_few_words_is_a_sentence_of_its_own():
    assert starts("US stocks log gains\nApril 04 , 2009\nUnited States stock indexes posted gains.") == \
        ["April", "United"]


def test_a_long_wrapped_line_going_on_with_a_name_stays_one_sentence():
    assert starts("Shares fell on Monday.\nThe minister said on Tuesday that the government would ask\n"
                  "Parliament for more money.") == []
