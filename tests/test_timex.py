"""Time expressions: normalisation rules (pure) and spans found in parsed text (slow, model)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract.timex.find import TimexContext, find_timexes, normalise, precision_of, run_jsonl

MONDAY = dt.date(2020, 3, 23)  # a Monday


def value(text, dct=MONDAY, **context):
    found = normalise(text, dct, context=TimexContext(**context))
    return found[1] if found else None


@pytest.mark.parametrize("text, expected", [
    ("Monday", "2020-03-23"),
    ("on Sunday", "2020-03-22"),
    ("Sunday", "2020-03-22"),
    ("Friday", "2020-03-20"),
    ("last Friday", "2020-03-20"),
    ("next Friday", "2020-03-27"),
    ("today", "2020-03-23"),
    ("yesterday", "2020-03-22"),
    ("tomorrow", "2020-03-24"),
    ("two days ago", "2020-03-21"),
    ("three weeks ago", "2020-W10"),
    ("last week", "2020-W12"),
    ("next week", "2020-W14"),
    ("this week", "2020-W13"),
    ("last month", "2020-02"),
    ("this month", "2020-03"),
    ("last year", "2019"),
    ("this year", "2020"),
    ("next year", "2021"),
    ("five years ago", "2015"),
    ("the weekend", "2020-W12-WE"),
])
def test_relative_to_publication_date(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, dct, expected", [
    ("the day before last Tuesday", MONDAY, "2020-03-16"),
    ("the day after Christmas", MONDAY, "2019-12-26"),
    ("the day after 3 March 2020", None, "2020-03-04"),
    ("the day before last Tuesday", None, "XXXX-XX-XX"),
])
def test_the_day_before_a_named_day(text, dct, expected):
    assert value(text, dct) == expected


def test_modifiers_of_relative_dates():
    assert normalise("late last year", MONDAY) == ("DATE", "2019", "END")
    assert normalise("earlier this month", MONDAY) == ("DATE", "2020-03", "START")
    assert normalise("early next week", MONDAY) == ("DATE", "2020-W14", "START")


def test_modifiers_of_relative_dates_without_a_dct_keep_the_modifier_only():
    assert normalise("late last year", None) == ("DATE", "XXXX", "END")
    assert normalise("earlier this month", None) == ("DATE", "XXXX-XX", "START")
    assert normalise("mid-2019", None) == ("DATE", "2019", "MID")


def test_weekday_in_the_future_tense_looks_ahead():
    assert value("Friday", tense="future") == "2020-03-27"
    assert value("Monday", tense="future") == "2020-03-23"


@pytest.mark.parametrize("text, dct, tense, expected", [
    ("March 10", MONDAY, None, "2020-03-10"),
    ("April 2", MONDAY, None, "2020-04-02"),
    ("December 20", dt.date(2020, 1, 5), "past", "2019-12-20"),
    ("December 20", dt.date(2020, 1, 5), None, "2019-12-20"),
    ("Jan. 14", dt.date(2020, 1, 5), "future", "2020-01-14"),
    ("Jan. 14", dt.date(2020, 1, 15), "future", "2020-01-14"),  # a day late, not a year early
    ("the 3rd of May", MONDAY, "future", "2020-05-03"),
    ("January", MONDAY, None, "2020-01"),
    ("in November", MONDAY, "past", "2019-11"),
    ("November", MONDAY, "past", "2019-11"),
    ("November", MONDAY, "future", "2020-11"),
    ("last April", MONDAY, None, "2019-04"),
    ("last February", MONDAY, None, "2019-02"),
    ("Saturday, April 25", dt.date(2015, 4, 24), "past", "2015-04-25"),
])
def test_month_and_day_without_a_year(text, dct, tense, expected):
    assert value(text, dct, tense=tense) == expected


@pytest.mark.parametrize("text, expected", [
    ("10 March 2020", ("DATE", "2020-03-10", None)),
    ("March 10, 2020", ("DATE", "2020-03-10", None)),
    ("2020-03-10", ("DATE", "2020-03-10", None)),
    ("3/10/2020", ("DATE", "2020-03-10", None)),
    ("May 2020", ("DATE", "2020-05", None)),
    ("1998", ("DATE", "1998", None)),
    ("fiscal 1997", ("DATE", "1997", None)),
    ("the 1990s", ("DATE", "199", None)),
    ("the mid-1990s", ("DATE", "199", "MID")),
    ("the '80s", ("DATE", "198", None)),
    ("the twentieth century", ("DATE", "19", None)),
    ("early 2020", ("DATE", "2020", "START")),
    ("the third quarter of 1998", ("DATE", "1998-Q3", None)),
    ("the first half of 1989", ("DATE", "1989-H1", None)),
    ("the summer of 1994", ("DATE", "1994-SU", None)),
    ("nineteen ninety-six", ("DATE", "1996", None)),
    ("the year two thousand", ("DATE", "2000", None)),
    ("Christmas 2019", ("DATE", "2019-12-25", None)),
    ("Thanksgiving 1999", ("DATE", "1999-11-25", None)),
    ("post-1959", ("DATE", "1959", "AFTER")),
])
def test_explicit_dates_need_no_anchor(text, expected):
    assert normalise(text, None) == expected
    assert normalise(text, MONDAY) == expected


@pytest.mark.parametrize("text, dct, expected", [
    ("the third quarter", dt.date(2020, 10, 23), "2020-Q3"),
    ("third-quarter", dt.date(2020, 10, 23), "2020-Q3"),
    ("the fourth quarter", dt.date(2020, 10, 23), "2020-Q4"),
    ("the fourth quarter", MONDAY, "2019-Q4"),  # not begun in March, so last year's
    ("the third quarter", MONDAY, "2019-Q3"),
    ("next year's first quarter", MONDAY, "2021-Q1"),
    ("this summer", MONDAY, "2020-SU"),
    ("this summer", dt.date(2020, 11, 2), "2020-SU"),
    ("last fall", MONDAY, "2019-FA"),
    ("summer", dt.date(2020, 11, 2), "2020-SU"),
])
def test_quarters_and_seasons(text, dct, expected):
    assert value(text, dct, tense="past") == expected


@pytest.mark.parametrize("text, expected", [
    ("the last half of 2019", ("DATE", "2019-H2", None)),
    ("the latter half of 2019", ("DATE", "2019-H2", None)),
    ("the final quarter of 2018", ("DATE", "2018-Q4", None)),
    ("the first half of the 1990s", ("DATE", "199", "START")),
    ("the last half of the '80s", ("DATE", "198", "END")),
])
@pytest.mark.parametrize("dct", [MONDAY, None])
def test_the_last_half_of_a_year_or_decade(text, expected, dct):
    assert normalise(text, dct) == expected


@pytest.mark.parametrize("text, dct, expected", [
    ("the latest fiscal year", MONDAY, "2019"),
    ("the most recent year", MONDAY, "2019"),
    ("the latest fiscal year", None, "XXXX"),
    ("the first quarter of the year", MONDAY, "2020-Q1"),
    ("the fourth quarter of the year", MONDAY, "2020-Q4"),
    ("the first quarter of the year", None, "XXXX-Q1"),
])
def test_the_latest_year_and_a_quarter_of_the_year(text, dct, expected):
    assert value(text, dct, tense="past") == expected


@pytest.mark.parametrize("dct", [MONDAY, None])
def test_two_quarters_of_a_year_are_its_half(dct):
    assert normalise("the first two quarters of 2021", dct)[:2] == ("DATE", "2021-H1")
    assert normalise("the last two quarters of 2019", dct)[:2] == ("DATE", "2019-H2")


@pytest.mark.parametrize("dct, ref, expected", [
    (MONDAY, None, "2020-03-22TNI"),
    (MONDAY, "2020-03-20", "2020-03-19TNI"),   # the news is about Friday
    (MONDAY, "2019-11-02", "2020-03-22TNI"),   # an old date is not what the news is about
    (None, "2020-03-20", "2020-03-19TNI"),
    (None, None, "XXXX-XX-XXTNI"),
])
def test_overnight_is_the_night_before_the_day_of_the_news(dct, ref, expected):
    assert value("overnight", dct, ref=ref) == expected


def test_a_last_quarter_without_a_year_is_the_one_before_this_one():
    assert value("last quarter") == "2019-Q4"
    assert value("the last quarter", None) == "XXXX-QX"


def test_a_year_earlier_in_a_quarterly_report_is_that_quarter_a_year_back():
    report = TimexContext(quarter="2019-Q4")
    assert normalise("a year earlier", MONDAY, context=report)[1] == "2018-Q4"
    assert normalise("the year-ago period", MONDAY, context=report)[1] == "2018-Q4"
    assert normalise("the quarter", MONDAY, context=report)[1] == "2019-Q4"
    assert value("a year ago") == "2019"


@pytest.mark.parametrize("text, expected", [
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("right now", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("the past", "PAST_REF"),
    ("the future", "FUTURE_REF"),
    ("the near future", "FUTURE_REF"),
    ("soon", "FUTURE_REF"),
    ("as soon as possible", "FUTURE_REF"),
    ("the near term", "FUTURE_REF"),
    ("then current", "PAST_REF"),
    ("the short term", "FUTURE_REF"),
])
def test_vague_references(text, expected):
    assert normalise(text, MONDAY) == ("DATE", expected, None)
    assert normalise(text, None) == ("DATE", expected, None)


@pytest.mark.parametrize("text, expected", [
    ("14 months", "P14M"),
    ("within 14 months", "P14M"),
    ("three years", "P3Y"),
    ("two-week", "P2W"),
    ("24 hours", "PT24H"),
    ("twenty four hours", "PT24H"),
    ("the last twenty-four hours", "PT24H"),
    ("three-year", "P3Y"),
    ("a decade", "P10Y"),
    ("the past three months", "P3M"),
    ("5 1/2 hours", "PT5H30M"),
    ("two and a half years", "P2Y6M"),
    ("a minute and a half", "PT1M30S"),
    ("half an hour", "PT30M"),
    ("several years", "PXY"),
    ("a few days", "PXD"),
    ("a couple of weeks", "P2W"),
    ("years", "PXY"),
    ("the first nine months", "P9M"),
    ("50 years old", "P50Y"),
])
@pytest.mark.parametrize("dct", [MONDAY, None])
def test_durations(text, expected, dct):
    assert normalise(text, dct)[:2] == ("DURATION", expected)


@pytest.mark.parametrize("text, expected", [
    ("an additional year", "P1Y"),
    ("another year", "P1Y"),
    ("another two years", "P2Y"),
    ("a full week", "P1W"),
    ("a single day", "P1D"),
    ("the next couple of years", "P2Y"),
])
@pytest.mark.parametrize("dct", [MONDAY, None])
def test_an_adjective_between_the_article_and_the_unit_still_counts_one(text, expected, dct):
    assert normalise(text, dct)[:2] == ("DURATION", expected)


@pytest.mark.parametrize("text, expected", [
    ("three days later", "P3D"),
    ("a day earlier", "P1D"),
    ("a few days later", "PXD"),
    ("two weeks later", "P2W"),
    ("an hour later", "PT1H"),
])
@pytest.mark.parametrize("dct", [MONDAY, None])
def test_days_later_counted_from_an_event_are_a_length(text, expected, dct):
    assert normalise(text, dct)[:2] == ("DURATION", expected)


def test_a_year_earlier_is_still_a_date():
    assert value("a year earlier") == "2019"
    assert value("three months later", ref="2020-01-10") == "2020-04"


@pytest.mark.parametrize("text, expected", [
    ("a quarter of an hour", "PT15M"),
    ("three quarters of an hour", "PT45M"),
    ("weeks or months", "PXW"),
])
def test_fractions_of_an_hour_and_vague_alternatives(text, expected):
    assert normalise(text, MONDAY)[:2] == ("DURATION", expected)


def test_duration_mods():
    assert normalise("more than four hours", MONDAY) == ("DURATION", "PT4H", "MORE_THAN")
    assert normalise("about two years", MONDAY) == ("DURATION", "P2Y", "APPROX")
    assert normalise("at least 30 days", MONDAY) == ("DURATION", "P30D", "EQUAL_OR_MORE")


@pytest.mark.parametrize("text", [
    "three years", "14 months", "two-week", "24 hours", "the past three months", "a decade",
    "several weeks", "within 18 months", "for three years", "the next two years", "5 1/2 hours",
])
@pytest.mark.parametrize("dct", [MONDAY, None])
def test_durations_never_get_a_date_value(text, dct):
    kind, found, _ = normalise(text, dct, context=TimexContext(tense="past", ref="2020-03-01"))
    assert kind == "DURATION"
    assert found.startswith("P") and precision_of(found) is None


@pytest.mark.parametrize("text, expected", [
    ("every week", "P1W"),
    ("weekly", "P1W"),
    ("each year", "P1Y"),
    ("daily", "P1D"),
    ("every two months", "P2M"),
    ("twice a year", "P1Y"),
    ("every Thursday", "XXXX-WXX-4"),
    ("Tuesday nights", "XXXX-WXX-2TNI"),
    ("each July", "XXXX-07"),
])
@pytest.mark.parametrize("dct", [MONDAY, None])
def test_sets(text, expected, dct):
    assert normalise(text, dct)[:2] == ("SET", expected)


def test_a_rate_is_a_set_but_a_count_is_a_duration():
    assert normalise("a year", MONDAY, context=TimexContext(before="at 15"))[:2] == ("SET", "P1Y")
    assert normalise("one year", MONDAY, context=TimexContext(before="at 15"))[:2] == \
        ("DURATION", "P1Y")


@pytest.mark.parametrize("text, expected", [
    ("10 a.m.", "2020-03-23T10:00"),
    ("10:35 p.m.", "2020-03-23T22:35"),
    ("noon Thursday", "2020-03-19T12:00"),
    ("9 a.m. Tuesday", "2020-03-17T09:00"),
    ("18:00 UTC", "2020-03-23T18:00Z"),
    ("this morning", "2020-03-23TMO"),
    ("tonight", "2020-03-23TNI"),
    ("overnight", "2020-03-22TNI"),
    ("last night", "2020-03-22TNI"),
    ("Friday night", "2020-03-20TNI"),
    ("yesterday afternoon", "2020-03-22TAF"),
    ("mid-afternoon yesterday", "2020-03-22TAF"),
    ("mid afternoon", "2020-03-23TAF"),
    ("late Friday night", "2020-03-20TNI"),
    ("5 p.m. EST March 30", "2020-03-30T17:00"),
    ("5 p.m. EST, March 30", "2020-03-30T17:00"),
    ("16:08 UTC", "2020-03-23T16:08Z"),
    ("0800 GMT", "2020-03-23T08:00Z"),
])
def test_times_of_day(text, expected):
    assert normalise(text, MONDAY)[:2] == ("TIME", expected)


@pytest.mark.parametrize("text, expected", [
    ("yesterday", "XXXX-XX-XX"),
    ("last month", "XXXX-XX"),
    ("next week", "XXXX-WXX"),
    ("last year", "XXXX"),
    ("Friday", "XXXX-WXX-5"),
    ("March 14", "XXXX-03-14"),
    ("November", "XXXX-11"),
    ("the third quarter", "XXXX-Q3"),
    ("10 a.m.", "XXXX-XX-XXT10:00"),
    ("5 p.m. EST March 30", "XXXX-03-30T17:00"),
    ("mid-afternoon yesterday", "XXXX-XX-XXTAF"),
    ("that day", "XXXX-XX-XX"),
])
def test_without_a_dct_no_year_is_invented(text, expected):
    assert value(text, None) == expected


def test_without_a_dct_the_documents_own_dates_anchor_what_is_safe():
    assert value("that day", None, ref="2020-03-10") == "2020-03-10"
    assert value("the same day", None, ref="2020-03-10") == "2020-03-10"
    assert value("March 14", None, ref="2019-11-02") == "2019-03-14"
    assert value("yesterday", None, ref="2020-03-10") == "XXXX-XX-XX"


@pytest.mark.parametrize("text", ["34", "the Olympic", "Mr. Smith", "", "   ", "morning", "80486",
                                  "5 EST March", "the morning session", "post one day"])
def test_not_time_expressions(text):
    assert normalise(text, MONDAY) is None


@pytest.mark.parametrize("value_, expected", [
    ("2020-03-23", "day"), ("2020-03", "month"), ("2020", "year"), ("2020-W12", None),
    ("2020-SU", None), ("199", None), ("P14M", None), ("PRESENT_REF", None),
    ("XXXX-03-10", None), ("2020-03-23T14:00", None), ("2020-Q3", None),
])
def test_precision_of(value_, expected):
    assert precision_of(value_) == expected


@settings(derandomize=True, max_examples=200)
@given(text=st.text(max_size=40), use_dct=st.booleans(), tense=st.sampled_from(
    [None, "past", "present", "future"]))
def test_normalise_never_raises_and_precision_matches_the_shape(text, use_dct, tense):
    found = normalise(text, MONDAY if use_dct else None, context=TimexContext(tense=tense))
    if found is None:
        return
    kind, found_value, _ = found
    assert kind in ("DATE", "TIME", "DURATION", "SET")
    precision = precision_of(found_value)
    shapes = {"day": r"\d{4}-\d\d-\d\d", "month": r"\d{4}-\d\d", "year": r"\d{4}", None: r".*"}
    assert re.fullmatch(shapes[precision], found_value)
    if kind == "DURATION":
        assert found_value.startswith("P")


# --- on parsed text ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp_model():
    from generator.extract import nlp as nlp_module

    return nlp_module.load(nlp_module.choose_model(None))


def found_in(nlp_model, text, dct=MONDAY):
    return [(t.text, t.type, t.value) for t in find_timexes(nlp_model(text), dct)]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("The ministers met on Sunday in Geneva.", [("Sunday", "DATE", "2020-03-22")]),
    ("The ministers will meet on Friday in Geneva.", [("Friday", "DATE", "2020-03-27")]),
    ("Prices fell sharply last month.", [("last month", "DATE", "2020-02")]),
    ("The truce was signed on 10 March 2020 in Doha.", [("10 March 2020", "DATE", "2020-03-10")]),
    ("Troops must withdraw within 14 months.", [("14 months", "DURATION", "P14M")]),
    ("The company is currently in talks.", [("currently", "DATE", "PRESENT_REF")]),
    ("Talks resumed at 10 a.m. this morning.",
     [("10 a.m. this morning", "TIME", "2020-03-23T10:00")]),
    ("Talks resumed this morning.", [("this morning", "TIME", "2020-03-23TMO")]),
    ("Inspectors visit the site every week.", [("every week", "SET", "P1W")]),
    ("Its profit rose in the third quarter.", [("the third quarter", "DATE", "2019-Q3")]),
    ("The 52-year-old minister resigned yesterday.", [("yesterday", "DATE", "2020-03-22")]),
])
def test_found_in_text(nlp_model, text, expected):
    assert found_in(nlp_model, text) == expected


@pytest.mark.slow
def test_spans_are_document_offsets_in_order(nlp_model):
    text = "On Monday the envoys met. Two days later, on March 25, they signed the deal."
    timexes = find_timexes(nlp_model(text), MONDAY)
    assert timexes == sorted(timexes, key=lambda t: t.start)
    assert all(text[t.start:t.end] == t.text for t in timexes)
    assert ("March 25", "2020-03-25") in [(t.text, t.value) for t in timexes]


@pytest.mark.slow
def test_without_a_dct_that_day_is_the_last_explicit_date(nlp_model):
    text = "The accord was signed on 10 March 2020. Fighting broke out again that same day."
    values = {t.text: t.value for t in find_timexes(nlp_model(text), None)}
    assert values["10 March 2020"] == "2020-03-10"
    assert values["that same day"] == "2020-03-10"


@pytest.mark.slow
def test_without_a_dct_a_day_takes_the_year_of_the_last_full_date(nlp_model):
    text = "The talks opened on 2 March 2019. A ceasefire followed on March 14."
    values = {t.text: t.value for t in find_timexes(nlp_model(text), None)}
    assert values["March 14"] == "2019-03-14"


@pytest.mark.slow
def test_run_jsonl(nlp_model):
    rows = [{"doc_id": "a", "dct": "2020-03-23T08:00", "text": "They met yesterday."},
            {"doc_id": "b", "dct": None, "text": "They met in early 2020."}]
    out = io.StringIO()
    run_jsonl(io.StringIO("".join(json.dumps(r) + "\n" for r in rows)), out, nlp_model)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[0] == {"doc_id": "a", "timexes": [
        {"start": 9, "end": 18, "text": "yesterday", "type": "DATE", "value": "2020-03-22"}]}
    assert records[1]["timexes"][0]["value"] == "2020"
    assert records[1]["timexes"][0]["mod"] == "START"


@pytest.mark.slow
def test_that_day_is_the_day_of_the_main_clause_not_of_a_clause_inside_it(nlp_model):
    text = ("The council met on 2 June 2021. That day, the mayor signed an order to close the "
            "market on June 9. On the same day, the police chief resigned.")
    values = [(t.text, t.value) for t in find_timexes(nlp_model(text), None)]
    assert ("June 9", "2021-06-09") in values
    assert ("the same day", "2021-06-02") in values


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # A duty or a possibility is not a time: the nearest March 10 is the one just gone.
    ("The talks should begin on March 10, a deadline that has passed.", "2020-03-10"),
    ("The talks could start on March 10, officials said.", "2020-03-10"),
    # "will" does look ahead.
    ("The talks will begin on March 30.", "2020-03-30"),
])
def test_modal_verbs_other_than_will_do_not_push_a_date_into_next_year(nlp_model, text, expected):
    values = [t.value for t in find_timexes(nlp_model(text), MONDAY) if t.type == "DATE"]
    assert values == [expected]


# --- a day no calendar has: no value, and the run goes on ---------------------------------

@pytest.mark.parametrize("text", ["September 31", "31 September", "Saturday, September 31",
                                  "November 31 1986", "Nov. 31, 1986", "February 30",
                                  "February 29 1987", "9/31/87"])
@pytest.mark.parametrize("dct", [MONDAY, dt.date(2022, 3, 3), None])
def test_an_impossible_date_has_no_value(text, dct):
    assert normalise(text, dct) is None


@pytest.mark.parametrize("dct, expected", [(dt.date(1987, 3, 3), "1988-02-29"),
                                           (dt.date(2022, 3, 3), "XXXX-02-29"),
                                           (None, "XXXX-02-29")])
def test_february_29_is_in_a_leap_year_near_the_story_or_has_no_year(dct, expected):
    assert value("February 29", dct) == expected
    assert value("February 29 1988", dct) == "1988-02-29"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The contract expires on November 31 1986, the company said on Tuesday.",
    "Shares will be paid on September 31, the company said on Tuesday.",
    "The dividend is payable Sept 31, 1987, the company said on Tuesday.",
    "The board meets on Saturday, September 31, the company said on Tuesday.",
])
@pytest.mark.parametrize("dct", [dt.date(1987, 3, 3), None])
def test_an_impossible_date_in_a_story_stays_text_and_the_rest_is_found(nlp_model, text, dct):
    found = find_timexes(nlp_model(text), dct)
    assert [t.text for t in found] == ["Tuesday"]
    assert "31" not in " ".join(t.value for t in found)
