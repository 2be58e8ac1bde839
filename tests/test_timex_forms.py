"""Forms of time expressions news writes and TimeML marks: company-report shorthand ("Q3",
"FY2012"), ranges ("March 3-5", "1990-91"), clock times ("10 o'clock"), recurrences ("twice a
year", "every other day", "held annually"), centuries and decades ("the 1800s"), lengths
("over the next decade"), and holidays and their weekends ("the Labor Day weekend"). Each
sentence is written for the test and read in a story dated Thursday 2013-03-14."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.timex.find import TimexContext, find_timexes, normalise

THURSDAY = dt.date(2013, 3, 14)


def value(text, dct=THURSDAY, **context):
    found = normalise(text, dct, context=TimexContext(**context))
    return found[:2] if found else None


@pytest.mark.parametrize("text, tense, expected", [
    ("Q3", "past", ("DATE", "2012-Q3")),        # not begun yet, and spoken of as done
    ("Q3", "future", ("DATE", "2013-Q3")),
    ("Q1", "present", ("DATE", "2013-Q1")),
    ("Q4 2011", None, ("DATE", "2011-Q4")),
    ("2011 Q4", None, ("DATE", "2011-Q4")),
    ("3Q12", None, ("DATE", "2012-Q3")),
    ("3Q98", None, ("DATE", "1998-Q3")),
    ("H1 2013", None, ("DATE", "2013-H1")),
    ("FY2012", None, ("DATE", "2012")),
    ("FY12", None, ("DATE", "2012")),
    ("FY 2014", None, ("DATE", "2014")),
])
def test_company_report_shorthand(text, tense, expected):
    assert value(text, tense=tense) == expected


def test_shorthand_without_a_story_date_keeps_the_year_unknown():
    assert value("Q3", None) == ("DATE", "XXXX-Q3")
    assert value("3Q12", None) == ("DATE", "2012-Q3")


@pytest.mark.parametrize("text, tense, expected", [
    ("the second half", "future", "2013-H2"),   # "expects a profit in the second half"
    ("the second half", "modal", "2013-H2"),
    ("the second half", None, "2012-H2"),       # months away, no verb looking ahead: reported
    ("the second half", "past", "2012-H2"),
    ("the fourth quarter", "future", "2013-Q4"),
    ("the fourth quarter", "present", "2012-Q4"),
])
def test_a_part_of_the_year_to_come_looks_ahead_only_with_the_verb(text, tense, expected):
    assert value(text, tense=tense) == ("DATE", expected)


@pytest.mark.parametrize("text, expected", [
    ("10 o'clock", ("TIME", "2013-03-14T10:00")),
    ("at 7 o'clock", ("TIME", "2013-03-14T07:00")),
    ("every other day", ("SET", "P2D")),
    ("every other week", ("SET", "P2W")),
    ("twice a year", ("SET", "P1Y")),
    ("three times a week", ("SET", "P1W")),
    ("the 1800s", ("DATE", "18")),
    ("the 1900s", ("DATE", "19")),
    ("the 2000s", ("DATE", "200")),             # the decade, as people say it
    ("the 1990s", ("DATE", "199")),
    ("the next decade", ("DURATION", "P10Y")),  # "over the next decade"
    ("next decade", ("DATE", "202")),
    ("the past decade", ("DURATION", "P10Y")),
    ("a quarter-century", ("DURATION", "P25Y")),
    ("half a century", ("DURATION", "P50Y")),
    ("a quarter century ago", ("DATE", "1988")),
])
def test_clock_times_recurrences_centuries_and_decades(text, expected):
    assert value(text) == expected


def dated(nlp, text, dct=THURSDAY):
    return [(t.text, t.type, t.value) for t in find_timexes(nlp(text), dct)]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # each end of a range is an expression of its own, the bare day in the month of the other
    ("The talks will be held March 3-5 in Geneva.",
     [("March 3", "DATE", "2014-03-03"), ("5", "DATE", "2014-03-05")]),
    ("The talks were held on April 24 and 25.",
     [("April 24", "DATE", "2012-04-24"), ("25", "DATE", "2012-04-25")]),
    ("The festival ran from 3 to 5 March.",
     [("3", "DATE", "2013-03-03"), ("5 March", "DATE", "2013-03-05")]),
    ("The crisis of 2007-2008 hurt exports.",
     [("2007", "DATE", "2007"), ("2008", "DATE", "2008")]),
    ("The 1990-91 recession hurt exports.", [("1990", "DATE", "1990"), ("91", "DATE", "1991")]),
    # two dates offered as alternatives are two expressions, as a range is
    ("The talks will resume on March 20 or 21.",
     [("March 20", "DATE", "2013-03-20"), ("21", "DATE", "2013-03-21")]),
    ("The storm could hit Tuesday or Wednesday.",
     [("Tuesday", "DATE", "2013-03-19"), ("Wednesday", "DATE", "2013-03-20")]),
    # but "weeks or months" is one vague length
    ("The repairs will take weeks or months.", [("weeks or months", "DURATION", "PXW")]),
    # a score or a vote is no range of dates
    ("The bill passed on a 3-2 vote on Tuesday.", [("Tuesday", "DATE", "2013-03-12")]),
    ("The conference ran Dec. 31-Jan. 2.",
     [("Dec. 31", "DATE", "2012-12-31"), ("Jan. 2", "DATE", "2013-01-02")]),
])
def test_ranges(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("Q3 results were strong.", [("Q3", "DATE", "2012-Q3")]),
    ("The bank lost money in Q4 2011.", [("Q4 2011", "DATE", "2011-Q4")]),
    ("The bank lost money in 3Q12.", [("3Q12", "DATE", "2012-Q3")]),
    ("Sales for FY2012 rose.", [("FY2012", "DATE", "2012")]),
    ("The bank expects a profit in the second half.", [("the second half", "DATE", "2013-H2")]),
    ("The meeting ended at 10 o'clock.", [("10 o'clock", "TIME", "2013-03-14T10:00")]),
    ("The board meets twice a year.", [("twice a year", "SET", "P1Y")]),
    ("The index is updated every other day.", [("every other day", "SET", "P2D")]),
    ("The firm was founded in the 1800s.", [("the 1800s", "DATE", "18")]),
    ("The tax will be phased in over the next decade.",
     [("the next decade", "DURATION", "P10Y")]),
    # a season after a preposition of time; "the fall" of a regime or in prices is none
    ("The court will hear arguments in the fall.", [("the fall", "DATE", "2013-FA")]),
    ("The economy slowed during the winter.", [("the winter", "DATE", "2012-WI")]),
    ("Prices dropped after the fall of the regime.", []),
    ("The deal closed in the spring of last year.",
     [("the spring of last year", "DATE", "2012-SP")]),
    ("The fall in prices hurt farmers.", []),
    # an hour and the part of the day that says which half of the day it is in; a zone in words
    ("The fire started at about 2 in the morning.",
     [("about 2 in the morning", "TIME", "2013-03-14T02:00")]),
    ("She left at two in the afternoon on Tuesday.",
     [("two in the afternoon", "TIME", "2013-03-12T14:00"), ("Tuesday", "DATE", "2013-03-12")]),
    ("The call is at 8 a.m. Eastern time.", [("8 a.m. Eastern time", "TIME", "2013-03-14T08:00")]),
    # a clock time written the British way; a season every year; the week a day is in
    ("The match starts at 7.30pm.", [("7.30pm", "TIME", "2013-03-14T19:30")]),
    ("The price rose 7.30 percent.", []),
    ("The tournament is held every spring.", [("every spring", "SET", "XXXX-SP")]),
    ("The vote is scheduled for the week of April 8.",
     [("the week of April 8", "DATE", "2013-W15")]),
    # a week or a half of a month
    ("The report is due in the first week of April.",
     [("the first week of April", "DATE", "2013-W14")]),
    ("Sales fell in the last week of February.",
     [("the last week of February", "DATE", "2013-W09")]),
    ("The first half of March was cold.", [("The first half of March", "DATE", "2013-03")]),
    # a count of something else before a date is no length
    ("She will turn 60 next year.", [("next year", "DATE", "2014")]),
    # how many days a week, and weekends, are recurrences
    ("The clinic opens three days a week.", [("three days a week", "SET", "P1W")]),
    ("The market is open on weekends.", [("weekends", "SET", "XXXX-WXX-WE")]),
    ("The shop is open every weekend.", [("every weekend", "SET", "XXXX-WXX-WE")]),
    # how often something happens is a recurrence; the period of a rate is not
    ("The ceremony is held annually in the capital.", [("annually", "SET", "P1Y")]),
    ("The company expects sales to rise 8% annually.", []),
    ("The plant would produce about 10,000 units annually.", []),
    # a year cut to two digits after a preposition of time; a date in figures
    ("The index closed at its lowest level since '82.", [("'82", "DATE", "1982")]),
    ("Rents have doubled since '08.", [("'08", "DATE", "2008")]),
    ("The studio released Artbox '11 to good reviews.", []),
    ("The plant was sold on 7/8/07 to a rival.", [("7/8/07", "DATE", "2007-07-08")]),
    ("The stock fell 3/4 of a point.", []),
    # the n-th week or month of something, told in the present, is the one of writing; a rank
    # ("its third") is no day of the month
    ("The strike is in its third week.", [("its third week", "DATE", "2013-W11")]),
    ("It is the fourth straight month of decline.",
     [("the fourth straight month", "DATE", "2013-03")]),
    ("The champion won her third title.", []),
    # a length after a verb of lasting, in a sentence long enough for the recogniser to miss it
    ("The envoy came with some 40 experts for a visit likely to last over a week.",
     [("over a week", "DURATION", "P1W")]),
    ("Inspectors arrived with some 30 experts for a mission expected to last over a month.",
     [("over a month", "DURATION", "P1M")]),
])
def test_forms_found_in_text(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # holidays on the n-th weekday of a month, or on a fixed day, the year from the tense
    ("Banks close on Presidents' Day.", [("Presidents' Day", "DATE", "2013-02-18")]),
    ("The president will speak on Presidents Day.", [("Presidents Day", "DATE", "2014-02-17")]),
    ("The march was held on Martin Luther King Jr. Day.",
     [("Martin Luther King Jr. Day", "DATE", "2013-01-21")]),
    ("Parades filled the streets on St. Patrick's Day 2012.",
     [("St. Patrick's Day 2012", "DATE", "2012-03-17")]),
    ("The store opened on Columbus Day 2012.", [("Columbus Day 2012", "DATE", "2012-10-08")]),
    ("Florists expect a rush before Mother's Day.", [("Mother's Day", "DATE", "2013-05-12")]),
    # a holiday weekend is the weekend next to the day: before a Monday, after a Thursday
    ("Traffic deaths rose over the Labor Day weekend.",
     [("the Labor Day weekend", "DATE", "2012-W35-WE")]),
    ("Shoppers crowded malls on Thanksgiving weekend.",
     [("Thanksgiving weekend", "DATE", "2012-W47-WE")]),
    ("The park will reopen after the Memorial Day weekend.",
     [("the Memorial Day weekend", "DATE", "2013-W21-WE")]),
    # a holiday's week is the week the day is in (Easter 2013 is Sunday, March 31)
    ("Pilgrims will crowd the city in Easter week.", [("Easter week", "DATE", "2013-W13")]),
    ("Shops stayed shut during Christmas week.", [("Christmas week", "DATE", "2012-W52")]),
])
def test_holidays_and_their_weekends(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("The following day, police arrested him.", [("The following day", "DATE", "2013-03-15")]),
    # "the year before": a year back from the date the text last named
    ("In 2010, exports rose; the year before, they had fallen.",
     [("2010", "DATE", "2010"), ("the year before", "DATE", "2009")]),
    ("The results are due two days from now.", [("two days from now", "DATE", "2013-03-16")]),
    ("The index fell this past week.", [("this past week", "DATE", "2013-W10")]),
    ("Protesters gathered this past weekend.", [("this past weekend", "DATE", "2013-W10-WE")]),
    # a day of the month, after a preposition that dates something; a rank is no date
    ("The vote was held on the 2nd.", [("the 2nd", "DATE", "2013-03-02")]),
    ("The vote will be held on the 21st.", [("the 21st", "DATE", "2013-03-21")]),
    ("The president arrived on March 2 and left on the 5th.",
     [("March 2", "DATE", "2013-03-02"), ("the 5th", "DATE", "2013-03-05")]),
    ("He finished the 21st in the race.", []),
    # the n-th day of something is a day when the present tense makes it the day of writing
    ("It is the second day of the offensive.", [("the second day", "DATE", "2013-03-14")]),
    ("The first day of the trial went badly.", []),
    # a bare plural unit counted from an event is a vague length, as "two hours later" is a length
    ("Hours later, the rebels retreated.", [("Hours", "DURATION", "PTXH")]),
    ("Days later, the rebels retreated.", [("Days", "DURATION", "PXD")]),
    # how long something lasts, written as an adjective
    ("A year-long inquiry found a decade-long pattern of abuse.",
     [("year-long", "DURATION", "P1Y"), ("decade-long", "DURATION", "P10Y")]),
    ("They left their third day-long meeting.", [("day-long", "DURATION", "P1D")]),
    # the quarter before the one the report is about, not before the story's own quarter
    ("Growth slowed in the fourth quarter from the previous quarter.",
     [("the fourth quarter", "DATE", "2012-Q4"), ("the previous quarter", "DATE", "2012-Q3")]),
    # "the quarter ended Sept. 30" is the quarter of its end, whatever quarter came before
    ("Profit soared in the fiscal first quarter. For the quarter ended Sept. 30, it rose.",
     [("the fiscal first quarter", "DATE", "2013-Q1"), ("the quarter", "DATE", "2012-Q3"),
      ("Sept. 30", "DATE", "2012-09-30")]),
    # the end of a month is a point in time, even before "to"
    ("The firm has until the end of the month to respond.",
     [("the end of the month", "DATE", "2013-03")]),
])
def test_anaphoric_and_vague_forms_found_in_text(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a programme or a paper named after a time is no time
    ('Baker, speaking on ABC News\' "This Week," said the request was valid.', []),
    ("This is VOA Today.", []),
    ("He told USA Today that he would resign.", []),
    ("The senator said on CBS's \"60 Minutes\" that he would resign.", []),
    ("The senator spoke for 60 minutes.", [("60 minutes", "DURATION", "PT60M")]),
    ("Today, the minister resigned.", [("Today", "DATE", "2013-03-14")]),
    ('"Today we won," he said.', [("Today", "DATE", "2013-03-14")]),
    ('The minister said "This week was hard."', [("This week", "DATE", "2013-W11")]),
    ("Stocks Fall Sharply Today As Oil Rises", [("Today", "DATE", "2013-03-14")]),
])
def test_a_name_written_like_a_time_is_none(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.parametrize("text, value", [("February 17 this year", "1987-02-17"),
                                         ("March 3 last year", "1986-03-03"),
                                         ("17 February next year", "1988-02-17")])
def test_a_month_and_day_of_this_last_or_next_year(text, value):
    assert normalise(text, dt.date(1987, 3, 18))[1] == value


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # four figures on a 24-hour clock are a time, not the year they would spell
    ("The hearing was moved to 1430 on Friday.", [("1430 on Friday", "TIME", "2013-03-15T14:30")]),
    ("The convoy leaves at 0600 tomorrow.", [("0600 tomorrow", "TIME", "2013-03-15T06:00")]),
    ("The ferry sank at 0200 hours.", [("0200 hours", "TIME", "2013-03-14T02:00")]),
    ("The ferry sank at 1430 hours.", [("1430 hours", "TIME", "2013-03-14T14:30")]),
    ("A curfew begins at 2200 local time.", [("2200 local time", "TIME", "2013-03-14T22:00")]),
    # after "at" alone, four figures are a level, neither a time nor a year
    ("The S&P 500 index closed at 1150.", []),
    # a recent year stays a year, whatever stands around it
    ("Wages are still below their level at 2008 prices.", [("2008", "DATE", "2008")]),
    ("The abbey was built around 1430.", [("around 1430", "DATE", "1430")]),
    # minutes without "a.m." after a preposition of time; the part of the day gives the half
    ("The blaze started at 3:15.", [("3:15", "TIME", "2013-03-14T03:15")]),
    ("The blaze started at 3:15 in the afternoon.",
     [("3:15 in the afternoon", "TIME", "2013-03-14T15:15")]),
])
def test_clock_times_in_figures(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a day of a month cut short the way news writes dates, even where the recogniser reads a name
    ("Hotels emptied after the Aug. 7 Embassy bombings in Nairobi.",
     [("Aug. 7", "DATE", "2012-08-07")]),
    ("Bookings fell after the Aug. 7 Embassy bombings in Nairobi.",
     [("Aug. 7", "DATE", "2012-08-07")]),
])
def test_a_day_of_a_shortened_month_before_a_name(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # the n-th day or week of a run, told in the present, is the day or week of writing;
    # "a second" there is a rank, not one second
    ("Trading is halted for a second straight day.",
     [("a second straight day", "DATE", "2013-03-14")]),
    ("The strike is now in a second straight week.",
     [("now", "DATE", "PRESENT_REF"), ("a second straight week", "DATE", "2013-W11")]),
    ("Exports are falling for a third consecutive month.",
     [("a third consecutive month", "DATE", "2013-03")]),
    # told in the past it is one of the story's days, which the text does not name
    ("Trading was halted for a second consecutive day.", []),
    ("The ball hung in the air for a second longer.", []),
])
def test_the_nth_day_of_a_run(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a range of years before the noun it qualifies: the noun is no part of either end
    ("The 2011-12 season was a success.", [("2011", "DATE", "2011"), ("12", "DATE", "2012")]),
    ("Ticket sales for the 2009-10 season fell.",
     [("2009", "DATE", "2009"), ("10", "DATE", "2010")]),
])
def test_a_range_of_years_before_a_noun(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # the end of a hyphenated word is no time of its own
    ("Shares of the bank fell in after-hours trading.", []),
    ("Shares of the bank fell 3 percent in after-hours trading on Friday.",
     [("Friday", "DATE", "2013-03-08")]),
])
def test_the_end_of_a_hyphenated_word_is_no_time(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
def test_a_length_after_a_hyphenated_word_is_still_found(nlp):
    found = dated(nlp, "Profit in the year-earlier nine months was higher.")
    assert [(kind, value) for _, kind, value in found] == [("DURATION", "P9M")]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # the middle of the year, month or week of writing, in one word or two, as "mid-March" is
    ("The merger should close by mid-year.", [("mid-year", "DATE", "2013")]),
    ("The merger should close by midyear.", [("midyear", "DATE", "2013")]),
    ("The index slipped in midweek trading.", [("midweek", "DATE", "2013-W11")]),
    ("The index had recovered by midmorning.", [("midmorning", "TIME", "2013-03-14TMO")]),
    # "midday" stays noon
    ("The markets closed at midday.", [("midday", "TIME", "2013-03-14T12:00")]),
])
def test_the_middle_of_a_unit_in_one_word(nlp, text, expected):
    assert dated(nlp, text) == expected


def test_the_middle_of_a_unit_carries_its_mod():
    assert normalise("mid-year", THURSDAY) == ("DATE", "2013", "MID")
    assert normalise("midweek", THURSDAY) == ("DATE", "2013-W11", "MID")


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a part of a day named from the day of writing, wherever the recogniser loses it
    ("The bill was passed in the Commons last night.", [("last night", "TIME", "2013-03-13TNI")]),
    ("The measure was approved in the Senate this morning.",
     [("this morning", "TIME", "2013-03-14TMO")]),
])
def test_a_part_of_a_day_named_from_today(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # the days of the church year counted from Easter (Easter 2013 is Sunday, March 31; 2012
    # April 8), the year from the tense as for any holiday
    ("The pope will celebrate Mass on Palm Sunday.", [("Palm Sunday", "DATE", "2013-03-24")]),
    ("Pilgrims will gather on Good Friday.", [("Good Friday", "DATE", "2013-03-29")]),
    ("The pope washed feet on Holy Thursday.", [("Holy Thursday", "DATE", "2012-04-05")]),
    ("Rome fills up during Holy Week.", [("Holy Week", "DATE", "2013-W13")]),
    ("Lent began on Ash Wednesday.", [("Ash Wednesday", "DATE", "2013-02-13")]),
    # and the shopping days after Thanksgiving
    ("Shoppers crowded stores on Black Friday.", [("Black Friday", "DATE", "2012-11-23")]),
])
def test_days_counted_from_easter_and_thanksgiving(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # the n-th weekday, or the first or last day, of a month or a year
    ("Applications close on the last day of March.",
     [("the last day of March", "DATE", "2013-03-31")]),
    ("Voting will start on the first Monday of April.",
     [("the first Monday of April", "DATE", "2013-04-01")]),
    ("The board will meet on the second Tuesday in May.",
     [("the second Tuesday in May", "DATE", "2013-05-14")]),
    ("The firm was founded on the first day of 2010.",
     [("the first day of 2010", "DATE", "2010-01-01")]),
    # the first day of something else is no day of the calendar
    ("The first day of the trial went badly.", []),
])
def test_the_nth_weekday_or_day_of_a_month(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # "early in", "late in" a month or a year is one expression, as "early 2014" is
    ("The accord was signed earlier in March.", [("earlier in March", "DATE", "2013-03")]),
    ("The accord was signed late in February.", [("late in February", "DATE", "2013-02")]),
    ("The accord will be signed early in 2014.", [("early in 2014", "DATE", "2014")]),
])
def test_early_or_late_in_a_month_or_year(nlp, text, expected):
    assert dated(nlp, text) == expected


def test_early_or_late_in_carries_its_mod():
    assert normalise("early in 2014", THURSDAY) == ("DATE", "2014", "START")
    assert normalise("late in February", THURSDAY) == ("DATE", "2013-02", "END")


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a calendar quarter named by its months, or by the month it runs to
    ("Profit rose in the July-September quarter.",
     [("the July-September quarter", "DATE", "2012-Q3")]),
    ("Profit rose in the April to June quarter.",
     [("the April to June quarter", "DATE", "2012-Q2")]),
    ("Profit rose in the quarter through June.", [("the quarter through June", "DATE", "2012-Q2")]),
    # TimeML's two expressions for "the quarter ended <day>" stay two
    ("Profit rose in the quarter ended Sept. 30.",
     [("the quarter", "DATE", "2012-Q3"), ("Sept. 30", "DATE", "2012-09-30")]),
])
def test_a_quarter_named_by_its_months(nlp, text, expected):
    assert dated(nlp, text) == expected


def test_three_months_that_are_no_calendar_quarter_keep_the_quarter_unknown():
    assert normalise("the February-April quarter", THURSDAY)[:2] == ("DATE", "2013-QX")


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a decade in words, capitalised or not; a person's decade of life is an age
    ("Punk music was born in the Seventies.", [("the Seventies", "DATE", "197")]),
    ("Rents soared in the late nineties.", [("the late nineties", "DATE", "199")]),
    ("The minister is in her forties.", []),
])
def test_a_decade_in_words(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # lengths the recogniser misses: a fortnight, and a count with a half written as one word
    ("The bank will reopen in a fortnight.", [("a fortnight", "DURATION", "P2W")]),
    ("The hearing lasted four-and-a-half hours.",
     [("four-and-a-half hours", "DURATION", "PT4H30M")]),
])
def test_a_fortnight_and_a_hyphenated_half(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # every such part of such a day is a recurrence, as "every Sunday" is
    ("The market is held every Sunday morning.",
     [("every Sunday morning", "SET", "XXXX-WXX-7TMO")]),
    ("The club meets each Friday night.", [("each Friday night", "SET", "XXXX-WXX-5TNI")]),
])
def test_every_part_of_a_weekday_is_a_recurrence(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # how often, every two weeks or months, or twice a year
    ("The newsletter is published biweekly.", [("biweekly", "SET", "P2W")]),
    ("The newsletter is published bimonthly.", [("bimonthly", "SET", "P2M")]),
    ("The rates are reviewed semiannually.", [("semiannually", "SET", "P6M")]),
])
def test_recurrences_of_two_weeks_months_or_half_years(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a month ending a range of months is after the first, in the next year if need be; "May"
    # there is the month, not the verb
    ("The ski season runs from November to May.",
     [("November", "DATE", "2012-11"), ("May", "DATE", "2013-05")]),
    ("The roadworks lasted from January until May.",
     [("January", "DATE", "2013-01"), ("May", "DATE", "2013-05")]),
    ("The ministers said March may be too late.", [("March", "DATE", "2013-03")]),
])
def test_the_months_of_a_range(nlp, text, expected):
    assert dated(nlp, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a date in figures whose first number cannot be a month is written day first; a year
    # written first leads; dots stand for slashes in the day-first way
    ("The clinic opened on 14/03/2011.", [("14/03/2011", "DATE", "2011-03-14")]),
    ("The clinic opened on 2011/03/14.", [("2011/03/14", "DATE", "2011-03-14")]),
    ("The clinic opened on 14.03.2011.", [("14.03.2011", "DATE", "2011-03-14")]),
    # the US order stays first where both read
    ("The clinic opened on 7/8/07.", [("7/8/07", "DATE", "2007-07-08")]),
])
def test_dates_in_figures_day_first_or_year_first(nlp, text, expected):
    assert dated(nlp, text) == expected
