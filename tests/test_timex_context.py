"""Time expressions read in context: what the words around an expression say about which date
it means, and where TimeML draws its edges. Each case is a sentence written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.timex.find import find_timexes

pytestmark = pytest.mark.slow

MONDAY = dt.date(2020, 3, 23)  # a Monday


def found(nlp, text, dct=MONDAY):
    return [(t.text, t.type, t.value) for t in find_timexes(nlp(text), dct)]


def values(nlp, text, dct=MONDAY):
    return {t.text: t.value for t in find_timexes(nlp(text), dct)}


OCTOBER = dt.date(2019, 10, 30)


@pytest.mark.parametrize("text, dct, expected", [
    # A date that bounds or starts something lies ahead, whatever the tense of the verb.
    ("The board named a new chief executive, effective Feb. 1.", OCTOBER, "2020-02-01"),
    ("The bank has extended its credit line through January.", OCTOBER, "2020-01"),
    ("The lender wants the loan repaid by February.", OCTOBER, "2020-02"),
    ("The hearing was postponed until Thursday.", MONDAY, "2020-03-26"),
    ("The envoy could arrive as early as Thursday.", MONDAY, "2020-03-26"),
    # ... unless the verb puts it in the past of a past, or nothing bounds it.
    ("The company had bought shares through Feb. 1.", OCTOBER, "2019-02-01"),
    ("The board named a new chief executive on Feb. 1.", OCTOBER, "2019-02-01"),
    ("The hearing took place on Thursday.", MONDAY, "2020-03-19"),
])
def test_deadlines_and_start_dates_look_ahead(nlp, text, dct, expected):
    dates = [v for t, kind, v in found(nlp, text, dct) if kind == "DATE"]
    assert dates[-1] == expected


@pytest.mark.parametrize("dct, expected", [(MONDAY, "2020-03-30T17:00"), (None, "XXXX-03-30T17:00")])
def test_a_clock_time_and_the_day_after_it_are_one_expression(nlp, dct, expected):
    text = "The offer was extended until 5 p.m. EST March 30."
    assert found(nlp, text, dct) == [("5 p.m. EST March 30", "TIME", expected)]


def test_a_length_of_a_year_is_two_expressions(nlp):
    text = "Exports grew 4% in the first nine months of 2019."
    assert found(nlp, text) == [("the first nine months", "DURATION", "P9M"),
                                ("2019", "DATE", "2019")]


@pytest.mark.parametrize("text", [
    "Aid will flow as soon as the border opens.",
    "The rebels left soon after the truce was signed.",
])
def test_soon_as_a_conjunction_is_no_time(nlp, text):
    assert found(nlp, text) == []


def test_as_soon_as_possible_is_the_future(nlp):
    text = "The ministry wants the wells capped as soon as possible."
    assert found(nlp, text) == [("as soon as possible", "DATE", "FUTURE_REF")]


@pytest.mark.parametrize("dct", [MONDAY, None])
def test_the_near_term_is_the_future(nlp, dct):
    text = "Analysts see little relief in the near term."
    assert found(nlp, text, dct) == [("the near term", "DATE", "FUTURE_REF")]


def test_a_quarter_named_with_an_adjective_is_found(nlp):
    text = "After a weak second quarter, the brewer raised prices."
    assert ("second quarter", "DATE", "2019-Q2") in found(nlp, text)


def test_the_reported_quarter_is_the_latest_one_named(nlp):
    text = ("The brewer posted fourth-quarter profit of $5 million, after a weak second quarter. "
            "Profit was $3 million a year earlier.")
    assert values(nlp, text)["a year earlier"] == "2018-Q4"


@pytest.mark.parametrize("dct, expected", [(MONDAY, "2020-03-22TAF"), (None, "XXXX-XX-XXTAF")])
def test_a_part_of_the_day_before_its_day(nlp, dct, expected):
    text = "In Paris at mid-afternoon yesterday, the shares were up 2%."
    assert ("mid-afternoon yesterday", "TIME", expected) in found(nlp, text, dct)


@pytest.mark.parametrize("dct", [MONDAY, None])
def test_a_count_of_days_later_is_a_length_and_later_is_left_out(nlp, dct):
    text = "The talks broke down. Three days later, the rebels attacked."
    assert found(nlp, text, dct) == [("Three days", "DURATION", "P3D")]


def test_the_then_current_price_is_in_the_past(nlp):
    text = "Holders may sell at the then current market price."
    assert found(nlp, text) == [("then current", "DATE", "PAST_REF")]


def test_a_length_and_a_half_is_one_expression(nlp):
    text = "But a minute and a half later, the pilot called again."
    assert found(nlp, text) == [("a minute and a half", "DURATION", "PT1M30S")]


def test_two_vague_lengths_joined_by_or_are_one(nlp):
    text = "The prisoner probably died within weeks or months of his capture."
    assert found(nlp, text) == [("weeks or months", "DURATION", "PXW")]


@pytest.mark.parametrize("text, expected", [
    ("Pension funds hold more than a quarter of the bonds.", []),
    ("The vote took a quarter of an hour.", [("a quarter of an hour", "DURATION", "PT15M")]),
    ("The miner posted a loss for the third quarter of $5 million.",
     [("the third quarter", "DATE", "2019-Q3")]),
])
def test_a_quarter_of_something_is_a_share_not_three_months(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("dct, expected", [(MONDAY, "2020-03-20T10:35"),
                                           (None, "XXXX-XX-XXT10:35")])
def test_a_clock_time_is_on_the_day_its_sentence_names(nlp, dct, expected):
    text = "The bomb went off on Friday in the capital at about 10:35 a.m., witnesses said."
    clock = [v for t, kind, v in found(nlp, text, dct) if kind == "TIME"]
    assert clock == [expected]


def test_a_clock_time_takes_an_explicit_date_even_without_a_dct(nlp):
    text = "On 12 May 2019 the plane left its hangar and took off at 08:30 UTC."
    assert ("08:30 UTC", "TIME", "2019-05-12T08:30Z") in found(nlp, text, None)


def test_a_clock_time_with_a_zone_the_recogniser_misses(nlp):
    text = "The index was down 2% at 16:08 UTC, its lowest level this year."
    assert ("16:08 UTC", "TIME", "2020-03-23T16:08Z") in found(nlp, text)


def test_this_morning_stays_on_its_own_day(nlp):
    text = "Officials said this morning that the talks of March 10 had failed."
    assert ("this morning", "TIME", "2020-03-23TMO") in found(nlp, text)


@pytest.mark.parametrize("text, expected", [
    ("The suspect was in his 30s when he moved to Texas.", []),
    ("Prices fell in the 1930s.", [("the 1930s", "DATE", "193")]),
])
def test_a_decade_of_someones_life_is_an_age(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("dct, expected", [(MONDAY, "2020-03-23"), (None, "XXXX-XX-XX")])
def test_today_opening_a_quotation_is_found(nlp, dct, expected):
    text = "``Today, I'm here to tell you we have our suspect,'' the prosecutor said."
    assert ("Today", "DATE", expected) in found(nlp, text, dct)


def test_the_previous_friday_counts_from_the_friday_the_news_is_about(nlp):
    text = ("Shares closed lower Friday. They were hurt by overnight losses in New York and "
            "ended 4% below the previous Friday.")
    values = {t: v for t, kind, v in found(nlp, text)}
    assert values["overnight"] == "2020-03-19TNI"
    assert values["the previous Friday"] == "2020-03-13"


@pytest.mark.parametrize("dct, expected", [(MONDAY, "2019-10-12"), (None, "2019-10-12")])
def test_the_day_in_apposition_to_a_date_is_that_date(nlp, dct, expected):
    text = "Shares have lagged since Oct. 12, 2019, the day before the crash."
    assert ("the day", "DATE", expected) in found(nlp, text, dct)


def test_the_day_alone_is_the_day_of_writing(nlp):
    text = "Shares rose 2% on Oct. 12, 2019. The index ended the day higher."
    assert ("the day", "DATE", "2020-03-23") in found(nlp, text)


@pytest.mark.parametrize("text, expected", [
    ("Experts say the city will one day be the largest in Africa.", ("one day", "DATE", "FUTURE_REF")),
    ("The strike will last one day.", ("one day", "DURATION", "P1D")),
    ("She had been in the post one day when the war began.", ("one day", "DURATION", "P1D")),
])
def test_one_day_between_a_modal_and_its_verb_is_the_future(nlp, text, expected):
    assert found(nlp, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # "would" after a verb of saying: the future as seen when it was said.
    ("Officials announced that the envoy would be travelling Thursday.", "2020-03-26"),
    # What is planned lies ahead of the plan.
    ("On Thursday, the league plans to hold a news conference.", "2020-03-26"),
    # A "would" that is no report stays with the default; a plain present of a day named is
    # a timetable ("the league holds its meeting on Thursday"): the Thursday to come.
    ("The talks would have failed on Thursday without him.", "2020-03-19"),
    ("On Thursday, the league holds its annual meeting.", "2020-03-26"),
    # but a headline tells what happened in the present tense
    ("Stocks tumble on Thursday as oil prices soar\nShares fell sharply.", "2020-03-19"),
])
def test_reported_futures_and_plans_look_ahead(nlp, text, expected):
    assert [v for t, kind, v in found(nlp, text) if kind == "DATE"] == [expected]


def test_a_year_earlier_after_a_span_of_months_is_the_year_before(nlp):
    text = ("The miner posted fourth-quarter profit of $5 million, up from $4 million a year "
            "earlier. For the nine months, profit rose to $9 million from $7 million a year "
            "earlier.")
    values = [v for t, kind, v in found(nlp, text) if t == "a year earlier"]
    assert values == ["2018-Q4", "2019"]


@pytest.mark.parametrize("text, expected", [
    ('The plan failed. "Now, he says, the talks are over."', []),
    ("Prices are now higher, traders said.", [("now", "DATE", "PRESENT_REF")]),
    ("Now the talks are over.", [("Now", "DATE", "PRESENT_REF")]),
])
def test_now_opening_a_sentence_before_a_comma_only_moves_the_talk_on(nlp, text, expected):
    assert found(nlp, text) == expected


def test_the_corresponding_period_last_year_is_one_expression(nlp):
    text = ("The brewer posted a fourth-quarter loss, against a profit of $2 million for the "
            "corresponding period last year.")
    assert ("the corresponding period last year", "DATE", "2018-Q4") in found(nlp, text)


def test_the_day_before_a_named_day_is_one_expression(nlp):
    text = "The day before last Tuesday's hearing, the lawyers met again."
    assert found(nlp, text) == [("The day before last Tuesday", "DATE", "2020-03-16")]


ARTICLE = ("The ministers met on Sunday in Geneva and will meet again next week. Prices fell "
           "sharply last month. The truce was signed on March 10 and must be renewed within 14 "
           "months. Talks first began in early 2019, and the envoys have met every week since "
           "May. On 2 February 2020 the rebels freed 40 prisoners; that day the army also "
           "withdrew. Troops left in 2018 and returned in September 2019.")


@pytest.mark.parametrize("dct, expected", [
    (MONDAY, ["2020-03-22", "2020-W14", "2020-02", "2020-03-10", "P14M", "2019", "P1W",
              "2019-05", "2020-02-02", "2020-02-02", "2018", "2019-09"]),
    # Without a date of writing, only what the text itself fixes is resolved.
    (None, ["XXXX-WXX-7", "XXXX-WXX", "XXXX-XX", "XXXX-03-10", "P14M", "2019", "P1W",
            "2019-05", "2020-02-02", "2020-02-02", "2018", "2019-09"]),
])
def test_every_kind_of_expression_in_one_article(nlp, dct, expected):
    timexes = find_timexes(nlp(ARTICLE), dct)
    assert [t.value for t in timexes] == expected
    kinds = {t.text: t.type for t in timexes}
    assert (kinds["14 months"], kinds["every week"], kinds["Sunday"]) == ("DURATION", "SET", "DATE")
    assert [t.mod for t in timexes if t.text == "early 2019"] == ["START"]


@pytest.mark.parametrize("text, expected", [
    ("The minister will spend about 5 1/2 hours in Kabul.",
     [("about 5 1/2 hours", "DURATION", "PT5H30M")]),
    ("The new jet is almost two and a half years behind schedule.",
     [("almost two and a half years", "DURATION", "P2Y6M")]),
    ("The country imports about three-quarters of its food.", []),
])
def test_lengths_the_recogniser_takes_for_numbers(nlp, text, expected):
    assert found(nlp, text) == expected
