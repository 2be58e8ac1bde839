"""A partial date (month and day, weekday, month alone) takes its year or week from the tense of
the verb it hangs on and the story's date; each case is a sentence written for the test, read
in a story dated Tuesday 2021-04-20 unless it says otherwise."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

from generator.extract.timex.find import find_timexes

pytestmark = pytest.mark.slow

APRIL = dt.date(2021, 4, 20)  # a Tuesday
ROOT = Path(__file__).resolve().parents[1]


def dated(nlp, text, dct=APRIL):
    return [(t.text, t.value) for t in find_timexes(nlp(text), dct) if t.type in ("DATE", "TIME")]


@pytest.mark.parametrize("text, expected", [
    # month and day
    ("The accord signed on June 3rd by Chile and Vietnam cut tariffs.", "2020-06-03"),
    ("Chile and Vietnam signed the accord on June 3rd.", "2020-06-03"),
    ("Chile and Vietnam have signed the accord on June 3rd.", "2020-06-03"),
    ("Chile and Vietnam will meet on June 3rd.", "2021-06-03"),
    ("Chile and Vietnam are to meet on June 3rd.", "2021-06-03"),
    ("Chile and Vietnam could meet on June 3rd.", "2021-06-03"),
    ("Chile and Vietnam may meet on June 3rd.", "2021-06-03"),
    ("The storm is forecast to arrive on June 3rd.", "2021-06-03"),
    # a modal does not push a date just gone into next year
    ("The talks should have begun on April 2nd.", "2021-04-02"),
    ("The talks could start on April 2nd, officials said.", "2021-04-02"),
    # the present tense of what is scheduled: the nearer one
    ("The festival opens on June 3rd.", "2021-06-03"),
    ("The treaty takes effect on March 1.", "2021-03-01"),
    ("The harvest begins in August.", "2021-08"),
    # month alone
    ("Exports fell in August.", "2020-08"),
    ("Exports will recover in August.", "2021-08"),
    ("Exports could recover in August.", "2021-08"),
    # weekday
    ("The minister resigned on Friday.", "2021-04-16"),
    ("The minister will resign on Friday.", "2021-04-23"),
    ("The minister may resign on Friday.", "2021-04-23"),
    # a present or present progressive with a day named is a timetable, an arrangement: the
    # day to come, even when the one gone is nearer
    ("The minister is resigning Friday.", "2021-04-23"),
    ("The two leaders meet separately Friday with the envoy.", "2021-04-23"),
    ("The talks resume on Monday in Geneva.", "2021-04-26"),
    ("The trial opens on Tuesday.", "2021-04-20"),
    # but a verb whose past is written as its present ("hurt", "cut") may be a past
    ("Heavy rains hurt crops across the region on Friday.", "2021-04-16"),
    ("Lenders cut rates on Friday.", "2021-04-16"),
    # and a day before a quotation is not the quotation's
    ('The mayor on Thursday: "We are not going to respond to rumours."', "2021-04-15"),
    # but a present of saying reports what was said, and a day in a possessive is not placed
    # by the verb at all
    ("The minister says Friday that the talks failed.", "2021-04-16"),
    ("The notes are convertible at a premium over Friday's closing price.", "2021-04-16"),
    ("The report on the attack on Friday blames the guards.", "2021-04-16"),
    ("Damage from the storm on Friday is estimated at five million dollars.", "2021-04-16"),

    # "overnight": the night before the story's day, or the coming one
    ("Rebels shelled the town overnight, officials said.", "2021-04-19TNI"),
    ("The storm will reach the coast overnight.", "2021-04-20TNI"),
    ("The storm is forecast to reach the coast overnight.", "2021-04-20TNI"),
])
def test_a_partial_date_takes_its_year_from_the_tense(nlp, text, expected):
    assert [v for _, v in dated(nlp, text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Buses would run to the coast from May 3, with the third departing each Friday from "
     "September 6.", "2021-09-06"),
    ("Two buses ran to the coast in March, with the third departing on September 6.",
     "2020-09-06"),
])
def test_an_ing_form_is_in_the_time_of_the_clause_it_qualifies(nlp, text, expected):
    """It has no tense of its own: "departing" is as ahead as "would run", as past as "ran"."""
    assert dated(nlp, text)[-1] == ("September 6", expected)


def test_a_date_before_the_that_of_a_clause_is_not_in_it(nlp):
    """"brushed aside criticism on Thursday that sanctions could damage trade": a parser may
    hang "on Thursday" on "damage"; the date stands before the "that", outside that clause, so
    its modal does not send the Thursday a week ahead."""
    words = ["He", "brushed", "criticism", "on", "Thursday", "that", "sanctions", "could",
             "damage", "trade", "."]
    heads = [8, 8, 1, 1, 3, 8, 8, 8, 8, 8, 8]     # the misreading: all under "damage"
    deps = ["nsubj", "advmod", "dobj", "prep", "pobj", "mark", "nsubj", "aux", "ROOT", "dobj",
            "punct"]
    tags = ["PRP", "JJ", "NN", "IN", "NNP", "IN", "NNS", "MD", "VB", "NN", "."]
    pos = ["PRON", "ADJ", "NOUN", "ADP", "PROPN", "SCONJ", "NOUN", "AUX", "VERB", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos,
              ents=["O", "O", "O", "O", "B-DATE", "O", "O", "O", "O", "O", "O"],
              sent_starts=[True] + [False] * 10)
    assert [(t.text, t.value) for t in find_timexes(doc, APRIL)] == [("Thursday", "2021-04-15")]


@pytest.mark.parametrize("text, expected", [
    # what was planned lies ahead of the planning: of the two Thursdays, the nearer
    ("Protesters planned a large rally in the capital on Thursday.", "2021-04-22"),
    ("A memorial service planned for Monday was cancelled.", "2021-04-19"),
    ("The summit was set for Washington in May.", "2021-05"),
    ("The prosecutor has scheduled a news conference Thursday.", "2021-04-22"),
    # a deadline given lies ahead
    ("The agency has given the family until 9 a.m. Friday to reply.", "2021-04-23T09:00"),
    # a date chosen as the object of "set", "pick"...: the nearer one, even from a past tense
    ("The board has set April 28 as the deadline for bids.", "2021-04-28"),
    ("The rebels picked Thursday for the attack.", "2021-04-22"),
    ("The board set April 2 as the deadline for bids.", "2021-04-02"),
    # a state kept up to now, in the present perfect, lasts on until the date: ahead
    ("The government has kept the markets closed until Friday.", "2021-04-23"),
    ("The government has continued to hold the markets closed until Friday.", "2021-04-23"),
    # but a past perfect or a plain past looks back
    ("The government had kept the markets closed until Friday.", "2021-04-16"),
    # but a plan announced, or an attempt that failed, is in the past
    ("The company announced a merger on Monday.", "2021-04-19"),
    ("Neither he nor his aides could be reached Monday.", "2021-04-19"),
    ("Officials could not reach the pilot on Monday.", "2021-04-19"),
])
def test_a_date_of_something_planned_lies_ahead(nlp, text, expected):
    assert [v for _, v in dated(nlp, text)] == [expected]


@pytest.mark.parametrize("text", [
    "The ministers met on September 31 to sign it.",
    "The deal of February 30, 2021, was never signed.",
])
def test_an_impossible_date_has_no_value(nlp, text):
    assert dated(nlp, text) == []


def test_a_date_with_its_comma_apart_is_found(nlp):
    """Tokenised text writes "October 10 , 2008": still one date."""
    text = "Banks recover hundreds of points , before losing them in minutes\nOctober 10 , 2008\n"
    assert dated(nlp, text, None) == [("October 10 , 2008", "2008-10-10")]


def test_a_dateline_is_the_day_the_story_speaks_from(nlp):
    """Filed under the 20th, the story's own dateline says the 10th: "the day" is the 10th."""
    text = ("Dow recovers hundreds of points\nOctober 10, 2008\n"
            "After a large fall at the start of the day, the Dow recovered.")
    assert dated(nlp, text, dt.date(2008, 10, 20)) == [
        ("October 10, 2008", "2008-10-10"), ("the start of the day", "2008-10-10")]


@pytest.mark.parametrize("text, expected", [
    ("The quake hit the region a week ago.", "2021-04-13"),
    ("The quake hit the region two weeks ago.", "2021-04-06"),
    ("The quake hit the region six weeks ago.", "2021-W10"),
])
def test_a_week_or_two_ago_is_a_day_longer_is_a_week(nlp, text, expected):
    assert [v for _, v in dated(nlp, text)] == [expected]


def test_the_benchmark_reports_mistakes_by_type(tmp_path):
    doc = {"doc_id": "d1", "corpus": "TimeBank test", "dct": "2021-04-20",
           "text": "Rebels attacked on Friday. Talks lasted three days. Markets rose in the summer.",
           "timexes": [
               {"start": 19, "end": 25, "text": "Friday", "type": "DATE", "value": "2021-04-09"},
               {"start": 40, "end": 50, "text": "three days", "type": "DURATION", "value": "P3D"}]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(doc) + "\n")
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "timex_tempeval.py"), "--path",
                          str(gold), "--by-type", "3"], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert any(line.split()[:6] == ["DATE", "1", "0", "1", "0", "1"] for line in lines), out.stdout
    assert any(line.split()[:6] == ["DURATION", "1", "0", "0", "0", "0"] for line in lines)
    assert any("'Friday' 2021-04-09 -> 'Friday' 2021-04-16" in line for line in lines)
    assert any("'the summer'" in line or "'summer'" in line for line in lines)


def test_overnight_of_a_sudden_change_is_no_time(nlp):
    assert dated(nlp, "The singer became a star overnight.") == []


@pytest.mark.parametrize("text, expected", [
    ("He was shot on the night of Oct. 23 at his home.", [("Oct. 23", "1998-10-23")]),
    ("The ship sank in the early hours of Saturday.", [("Saturday", "1998-11-21")]),
    ("Police arrested him in the small hours of Friday morning.",
     [("Friday morning", "1998-11-20TMO")]),
])
def test_the_night_of_a_date_is_that_date(nlp, text, expected):
    """"the night of Oct. 23", "the early hours of Saturday": the date says which night; "the
    night" or "the early hours" alone is no other time."""
    assert dated(nlp, text, dt.date(1998, 11, 21)) == expected


@pytest.mark.parametrize("text, expected", [
    # a month at the end of a period in the subject takes the tense of the sentence's verb,
    # however many words it hangs through
    ("Exports in the three months to August rose by a tenth.", "2020-08"),
    ("Output in the six months through November fell by a fifth.", "2020-11"),
    ("Exports in the three months to August will rise by a tenth.", "2021-08"),
])
def test_a_month_deep_in_the_subject_takes_the_sentence_tense(nlp, text, expected):
    assert [v for _, v in dated(nlp, text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    # the day something is set for, after a verb of setting or moving, lies ahead of the
    # setting: the nearer of the two days either side of the story's, not the one gone
    ("The meeting was rescheduled for Friday.", "2021-04-23"),
    ("The court set a hearing for Friday.", "2021-04-23"),
    ("The union called a strike for Friday.", "2021-04-23"),
    # what was done on a day stays in the past
    ("The union held a strike on Friday.", "2021-04-16"),
])
def test_a_day_something_is_set_for_lies_ahead(nlp, text, expected):
    assert [v for _, v in dated(nlp, text)] == [expected]
