"""bench/anchoring_timebank.py on a hand-written TimeML document and hand-made exported events."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>doc1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
The company <EVENT eid="e1" class="OCCURRENCE">sold</EVENT> its plant on <TIMEX3 tid="t1" type="DATE" value="1998-01-05">Monday</TIMEX3> &amp; <EVENT eid="e2" class="REPORTING">said</EVENT> it <EVENT eid="e3" class="OCCURRENCE">will</EVENT> <EVENT eid="e4" class="OCCURRENCE">close</EVENT> more for a <TIMEX3 tid="t2" type="DURATION" value="P1W">week</TIMEX3>. It <EVENT eid="e5" class="OCCURRENCE">rose</EVENT> in <TIMEX3 tid="t3" type="DATE" value="FUTURE_REF">the future</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" polarity="POS" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" polarity="POS" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="FUTURE" polarity="POS" />
<MAKEINSTANCE eventID="e5" eiid="ei5" tense="PAST" polarity="POS" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2" />
<TLINK lid="l3" relType="DURING" eventInstanceID="ei4" relatedToTime="t2" />
<TLINK lid="l4" relType="IS_INCLUDED" eventInstanceID="ei4" relatedToTime="t0" />
<TLINK lid="l5" relType="BEFORE" eventInstanceID="ei5" relatedToTime="t0" />
<TLINK lid="l6" relType="IS_INCLUDED" eventInstanceID="ei5" relatedToTime="t3" />
<TLINK lid="l7" relType="SIMULTANEOUS" eventInstanceID="ei1" relatedToEventInstance="ei2" />
</TimeML>
"""


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("anchoring_timebank", ROOT / "bench" / "anchoring_timebank.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module         # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def doc(bench, tmp_path):
    path = tmp_path / "doc1.tml"
    path.write_text(TML, encoding="utf-8")
    return bench.read_tml(path)


def test_anchored_events_with_their_date_values(doc):
    """Either direction of the link; durations, event-event links, BEFORE and non-ISO values left out."""
    assert doc.dct == "1998-01-08"
    assert [(e.word, e.values, e.not_done) for e in doc.events] == [
        ("sold", {"1998-01-05": False}, False), ("said", {"1998-01-08": True}, False),
        ("close", {"1998-01-08": True}, True)]


def test_offsets_point_at_the_event_word_in_the_plain_text(doc):
    assert "&" in doc.text and "<" not in doc.text
    assert all(doc.text[e.start:e.end] == e.word for e in doc.events)


def test_event_stands_for_gold_when_quote_spans_it_and_title_has_its_stem(bench, doc):
    placed = bench.Placed(doc.text)
    quote = "The company sold its plant on Monday & said"
    spans = placed.spans(quote)
    assert len(spans) == 1
    sold, said = doc.events[0], doc.events[1]
    right = {"title": "Company sells plant", "date": "1998-01-05"}
    other_word = {"title": "Company plant", "date": "1998-01-05"}
    elsewhere = {"title": "Company sells plant", "date": "1998-01-05"}
    found = bench.standing_for(sold, [(right, spans), (other_word, spans), (elsewhere, placed.spans("It rose"))])
    assert found == [right]
    assert bench.standing_for(said, [(right, spans)]) == []


@pytest.mark.parametrize("dates, verdict", [
    (["1998-01-05"], "right"), (["1998-01-05", None], "right"), (["1998-01"], "wrong"),
    (["1998-01-06"], "wrong"), ([None], "undated"), ([], "missing")])
def test_date_judged_against_the_gold_value_at_least_as_precise(bench, dates, verdict):
    assert bench.judge(["1998-01-05"], [{"date": d} for d in dates]) == verdict
