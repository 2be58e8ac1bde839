"""Rules for expressions that name a calendar unit: dates, months, years, decades, centuries,
quarters and halves, seasons and holidays ("March 10", "last April", "fiscal 1989",
"the 1990s", "the third quarter", "last fall", "Thanksgiving")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .calendar import SEASON_START, easter, in_year_near, nearest, nth_weekday, shift, value_at
from .context import (DAY, MONTH, NEXT_WORDS, PAST_WORDS, RELATION, SEASON, UNKNOWN, WEEKDAY, YEAR, Anchor, Groups,
                      Rules, TimexContext, make_date, military_clock, step_of, year_of)
from .words import DECADE_WORDS, MONTHS, SEASONS, WEEKDAYS

RULES = Rules()


def _ref_year(anchor: Anchor) -> int | None:
    ref = anchor.ref("year")
    return ref.year if ref else None


@RULES.add(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})",
           r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",
           r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})")
def _slashed(m, anchor: Anchor):
    """US order, as news writes it: 7/8/07 is July 8; but 14/03/2011 can only be March 14, the
    day first, as 14.03.2011 is; 2011/03/14 has the year first."""
    y = int(m["y"])
    year = y if y >= 1000 else 1900 + y if y > 30 else 2000 + y
    day = make_date(year, int(m["m"]), int(m["d"])) or make_date(year, int(m["d"]), int(m["m"]))
    return ("DATE", day.isoformat()) if day else None


_LONGEST = {month: calendar.monthrange(2000, month)[1] for month in range(1, 13)}  # a leap year


@RULES.add(rf"(?:(?:this|next|coming|last|past) )*(?:{WEEKDAY} )?{MONTH} {DAY}(?: {YEAR}| (?P<rel>this|last|next) year)?",
           rf"(?:(?:this|next|coming|last|past) )*(?:{WEEKDAY} )?{DAY} (?:of )?{MONTH}(?: {YEAR}| (?P<rel>this|last|next) year)?")
def _month_day(m, anchor: Anchor):
    month, day = MONTHS[m["month"]], int(m["day"])
    year = year_of(m["year"])
    if not year and m["rel"] and anchor.dct:    # "on February 17 this year", "March 3 last year"
        year = anchor.dct.year + step_of(m["rel"])
    # "September 31" is no day of any year: not a date, so no value (the words stay text).
    if not 1 <= day <= _LONGEST[month]:
        return None
    if year:
        found = make_date(year, month, day)         # None for "February 29 1987"
        return ("DATE", found.isoformat()) if found else None
    if anchor.dct and m["wd"]:  # "Saturday, April 25": the year in which it is a Saturday
        years = [y for y in range(anchor.dct.year - 1, anchor.dct.year + 2)
                 if (make_date(y, month, day) or dt.date.min).isoweekday() == WEEKDAYS[m["wd"]]]
        if len(years) == 1:
            return "DATE", f"{years[0]:04d}-{month:02d}-{day:02d}"
    near = in_year_near(anchor.dct, month, day, anchor.ctx.tense) if anchor.dct else None
    if near:        # None: February 29 with no leap year within a year of the story
        return "DATE", near.isoformat()
    year = _ref_year(anchor)
    if year and make_date(year, month, day):
        return "DATE", f"{year:04d}-{month:02d}-{day:02d}"
    return "DATE", f"XXXX-{month:02d}-{day:02d}"


@RULES.add(r"(?P<day>\d{1,2})(?:st|nd|rd|th)")
def _day_of_month(m, anchor: Anchor):
    """"on the 21st": a day of the month the text is in, the month the story last named, else
    the story's own month or, as the tense says, the one just before or after it."""
    day = int(m["day"])
    if not anchor.definite or not 1 <= day <= 31:
        return None
    ref = anchor.ref("month")
    if ref:
        found = make_date(ref.year, ref.month, day)
        return ("DATE", found.isoformat()) if found else None
    dct = anchor.dct
    if not dct:
        return "DATE", f"XXXX-XX-{day:02d}"
    months = [shift(dct.replace(day=1), "month", step) for step in (-1, 0, 1)]
    days = [d for d in (make_date(mo.year, mo.month, day) for mo in months) if d]
    return "DATE", nearest(days, dct, anchor.ctx.tense).isoformat()


def impossible(words: str) -> bool:
    """Whether words (in canonical form) name a day no calendar has: "september 31",
    "february 29 1987", "9/31/87". Such words are no time expression at all, whole or in part."""
    for pattern, fn in RULES:
        if fn is _month_day or fn is _slashed:
            m = pattern.fullmatch(words)
            if m:       # with no anchor these rules answer for any real day, if only "XXXX-09-30"
                return fn(Groups(m), _NO_ANCHOR) is None
    return False


_NO_ANCHOR = Anchor(None, TimexContext())


@RULES.add(rf"{MONTH}(?: of)? {YEAR}", rf"{MONTH}(?: of)? (?P<rel>this|last|next) year")
def _month_year(m, anchor: Anchor):
    month = MONTHS[m["month"]]
    year = year_of(m["year"])
    if not year and anchor.dct:
        year = anchor.dct.year + step_of(m["rel"])
    return "DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"


@RULES.add(rf"(?:{RELATION} )?{MONTH}")
def _month(m, anchor: Anchor):
    month, rel = MONTHS[m["month"]], m["rel"]
    dct = anchor.dct
    if not dct:
        year = _ref_year(anchor)
        return "DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"
    if rel in PAST_WORDS:  # the month just gone is "last month": "last February" is a year back
        year = dct.year if month < dct.month - 1 else dct.year - 1
    elif rel in NEXT_WORDS:
        year = dct.year if month > dct.month else dct.year + 1
    elif rel:
        year = dct.year
    else:
        year = in_year_near(dct, month, None, anchor.ctx.tense).year
    return "DATE", f"{year:04d}-{month:02d}"


@RULES.add(rf"(?:(?:fiscal|calendar|fiscal year|calendar year|year|fy|model year) )?{YEAR}"
           r"(?: (?:fiscal |calendar |model )?year)?", r"fy (?P<yy>\d\d)")
def _year(m, anchor: Anchor):
    if m[0] == m["year"] and military_clock(m["year"]):
        return None     # "0600": a clock time, which the clock rule values
    if m[0] == m["year"] and anchor.ctx.before.split()[-1:] == ["at"] and not 1900 <= int(m["year"]) < 2100:
        return None     # "the index closed at 1150": a level; "at 2008 prices" is a year
    year = year_of(m["year"]) if m["year"] else _two_digit_year(m["yy"])
    return ("DATE", f"{year:04d}") if year else None


def _two_digit_year(text: str) -> int:
    """"FY12", "3Q98": news of this century or the last one."""
    return 1900 + int(text) if int(text) > 30 else 2000 + int(text)


@RULES.add(r"(?:latest|most recent|last (?:full|complete)) (?:fiscal |calendar |full )?year")
def _latest_year(m, anchor: Anchor):
    """"the latest fiscal year": the last one completed, not the one under way."""
    return "DATE", f"{anchor.dct.year - 1:04d}" if anchor.dct else UNKNOWN["year"]


_HALF_OF = r"(?:(?P<half>1st|last|latter|2nd) half of (?:the )?)?"


@RULES.add(_HALF_OF + r"(?P<cent>1\d|20)?(?P<dec>\d)0s",
           _HALF_OF + rf"(?P<word>{'|'.join(DECADE_WORDS)})")
def _decade(m, anchor: Anchor):
    """"the 1990s" is 199; "the last half of the '80s" is the end of 198."""
    mod = {None: None, "1st": "START"}.get(m["half"], "END")
    if m["word"]:
        return "DATE", f"19{DECADE_WORDS[m['word']]}", mod
    century = m["cent"] or "19"
    if m["cent"] and m["dec"] == "0" and century < "20":
        return "DATE", century, mod   # "the 1800s": the century ("the 2000s" is a decade)
    return "DATE", f"{century}{m['dec']}", mod


@RULES.add(r"(?P<n>\d{1,2})(?:st|nd|rd|th) century")
def _century(m, anchor: Anchor):
    return "DATE", f"{int(m['n']) - 1:02d}"


@RULES.add(r"(?P<rel>this|current|next) (?P<grain>decade|century)")
def _this_decade(m, anchor: Anchor):
    if m["rel"] == "next" and anchor.definite:
        return None  # "over the next decade": the ten years to come, a length of time
    if not anchor.dct:
        return "DATE", UNKNOWN[m["grain"]]
    return "DATE", value_at(shift(anchor.dct, m["grain"], step_of(m["rel"])), m["grain"])


# --- quarters and halves: the language of company reports --------------------------------

_PART = (r"(?:(?P<n>[1-4])(?:st|nd|rd|th)|(?P<last>last|latter|final)) (?:fiscal )?"
         r"(?P<part>quarter|half)")
_PART_YEAR = (r"(?:(?P<y1>\d{4}) |(?P<rel>this|last|next) year |fiscal |calendar )?"
              + _PART + r"(?: of (?:fiscal |calendar |the year )?(?P<y2>\d{4})| (?P<y3>\d{4})"
              r"| of (?P<rel2>this|last|next) year| of the (?:current )?(?P<this>year)"
              r"| (?P<ago>1 year (?:ago|earlier)))?")


@RULES.add(_PART_YEAR, r"fiscal " + _PART_YEAR)
def _quarter(m, anchor: Anchor):
    """"the third quarter" of the DCT's year, or of the year before when it is yet to start.
    "The last half of 1989" is its second half; a "last quarter" with no year is the one before
    this one, which the relative rules give."""
    part = m["part"]
    if m["last"] and not (m["y1"] or m["y2"] or m["y3"] or m["rel"] or m["rel2"] or m["this"]):
        return None
    n = int(m["n"]) if m["n"] else 4 if part == "quarter" else 2
    if part == "half" and n > 2:
        return None
    prefix = "Q" if part == "quarter" else "H"
    year = year_of(m["y1"] or m["y2"] or m["y3"])
    if not year:
        dct = anchor.dct
        if not dct:
            return "DATE", f"XXXX-{prefix}{n}"
        year = dct.year + step_of(m["rel"] or m["rel2"]) - (1 if m["ago"] else 0)
        start = dt.date(year, (n - 1) * (3 if prefix == "Q" else 6) + 1, 1)
        if not (m["rel"] or m["rel2"] or m["ago"] or m["this"]):
            year = _part_year(year, start, anchor)
    return "DATE", f"{year:04d}-{prefix}{n}"


def _part_year(year: int, start: dt.date, anchor: Anchor) -> int:
    """The year of a quarter or half named without one: a part yet to start is last year's if
    the verb is past, or if it is months away and the verb does not look ahead ("profit in the
    second half" in March is of the half just reported, "expects a profit in the second half"
    of the one to come)."""
    dct = anchor.dct
    if start > dct and (anchor.ctx.tense in ("past", "past-open") or (
            (start - dct).days > 100 and anchor.ctx.tense not in ("future", "modal", "planned"))):
        return year - 1
    return year


@RULES.add(r"(?:(?P<y1>\d{4}) )?q (?P<n>[1-4])(?: (?:of )?(?:(?P<y2>\d{4})|(?P<yy>\d\d)))?",
           r"(?P<n>[1-4]) q(?: (?:(?P<y2>\d{4})|(?P<yy>\d\d)))?",
           r"(?P<half>h) (?P<n>[12]) (?P<y2>\d{4})")
def _quarter_shorthand(m, anchor: Anchor):
    """"Q3", "Q3 2012", "3Q12", "H1 2013": a quarter or half in the shorthand of company reports."""
    prefix, n = ("H" if m["half"] else "Q"), int(m["n"])
    year = year_of(m["y1"] or m["y2"]) or (_two_digit_year(m["yy"]) if m["yy"] else None)
    if not year:
        if not anchor.dct:
            return "DATE", f"XXXX-{prefix}{n}"
        start = dt.date(anchor.dct.year, (n - 1) * (3 if prefix == "Q" else 6) + 1, 1)
        year = _part_year(anchor.dct.year, start, anchor)
    return "DATE", f"{year:04d}-{prefix}{n}"


@RULES.add(r"(?P<which>1st|last) (?:2|two) quarters of (?:fiscal )?(?P<year>\d{4})")
def _two_quarters(m, anchor: Anchor):
    """"the first two quarters of 1990" is its first half."""
    return "DATE", f"{m['year']}-H{1 if m['which'] == '1st' else 2}"


def _reported_quarter(anchor: Anchor) -> str | None:
    """The quarter a report is about: the one the text named, else the last one completed."""
    if anchor.ctx.quarter:
        return anchor.ctx.quarter
    if anchor.dct:
        return value_at(shift(anchor.dct, "quarter", -1), "quarter")
    return None


@RULES.add(r"(?:(?:latest|same|most recent|recent|reporting|fiscal|that) )*(?:quarter|period)"
           r"(?: just ended)?")
def _the_quarter(m, anchor: Anchor):
    """"the quarter", "the latest period": the quarter being reported on."""
    quarter = _reported_quarter(anchor)
    if m[0] in ("period", "same period") and not anchor.ctx.quarter:
        return None
    return ("DATE", quarter) if quarter else ("DATE", UNKNOWN["quarter"])


@RULES.add(r"(?:(?:comparable|corresponding|same|1|a|the) )*(?:year (?:ago|earlier)|prior year)"
           r"(?: (?:fiscal )?(?:quarter|period|3 months))?",
           r"(?:(?:comparable|corresponding|same) )*(?:quarter|period) (?:1 year (?:ago|earlier)"
           r"|(?:of )?(?:last|the previous|the prior) year)",
           r"last year (?:quarter|period)",
           rf"(?:year earlier|year ago|{YEAR}) (?:\d(?:st|nd|rd|th) )?(?:quarter|period)",
           r"1 year (?:ago|earlier)")
def _year_ago_quarter(m, anchor: Anchor):
    """"a year earlier", "the year-ago period" in a quarterly report: that quarter, a year back;
    after "for the nine months" in the same sentence, the year before."""
    quarter = anchor.ctx.quarter
    if anchor.ctx.months and not re.search(r"quarter|period", m[0]):
        return "DATE", f"{anchor.dct.year - 1:04d}" if anchor.dct else UNKNOWN["year"]
    if not quarter and not re.search(r"quarter|period|months", m[0]):
        if m[0].startswith("1 year"):
            return None  # a plain "a year ago": the relative rules take it
        return "DATE", f"{anchor.dct.year - 1:04d}" if anchor.dct else UNKNOWN["year"]
    quarter = quarter or _reported_quarter(anchor)
    if not quarter:
        return "DATE", UNKNOWN["quarter"]
    named = re.search(r"\b(\d{4})\b", m[0])
    number = re.search(r"\b(\d)(?:st|nd|rd|th)\b", m[0])
    year = int(named[1]) if named else int(quarter[:4]) - 1
    return "DATE", f"{year:04d}-Q{number[1] if number else quarter[-1]}"


# --- seasons and holidays ----------------------------------------------------------------

@RULES.add(rf"(?:{RELATION} )?{SEASON}(?: (?:of )?(?:{YEAR}|(?P<yrel>this|last|next) year))?")
def _season(m, anchor: Anchor):
    code = SEASONS[m["season"]]
    year = year_of(m["year"])
    if m["yrel"] and anchor.dct:    # "the spring of last year"
        year = anchor.dct.year + step_of(m["yrel"])
    if year:
        return "DATE", f"{year:04d}-{code}"
    if not anchor.dct:
        return "DATE", f"XXXX-{code}"
    dct = anchor.dct
    starts = [dt.date(y, SEASON_START[code], 1) for y in range(dct.year - 2, dct.year + 2)]
    latest = max(s for s in starts if s <= dct)
    upcoming = min(s for s in starts if s > dct)
    in_it = latest + dt.timedelta(days=91) > dct
    step = step_of(m["rel"])
    if step < 0:
        chosen = latest.replace(year=latest.year - 1) if in_it else latest
    elif step > 0:
        chosen = upcoming
    elif m["rel"] or in_it:  # "this summer": the one of this year, whether gone or to come
        chosen = latest if in_it else dt.date(dct.year, SEASON_START[code], 1)
    else:
        chosen = nearest([latest, upcoming], dct, anchor.ctx.tense)
    return "DATE", f"{chosen.year:04d}-{code}"


def _holiday(name: str, year: int) -> dt.date | None:
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year": (1, 1), "new year day": (1, 1), "new year eve": (12, 31),
             "independence day": (7, 4), "halloween": (10, 31), "valentine day": (2, 14),
             "veterans day": (11, 11), "boxing day": (12, 26), "bastille day": (7, 14),
             "st patrick day": (3, 17), "saint patrick day": (3, 17), "flag day": (6, 14),
             "remembrance day": (11, 11), "armistice day": (11, 11), "canada day": (7, 1)}
    if name in fixed:
        return dt.date(year, *fixed[name])
    if name.startswith("thanksgiving"):
        return nth_weekday(year, 11, 4, 4)
    if name == "election day":
        return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    if name == "labor day":
        return nth_weekday(year, 9, 1, 1)
    if name == "memorial day":
        return nth_weekday(year, 5, 1, -1)
    if name.startswith("martin luther king"):
        return nth_weekday(year, 1, 1, 3)
    if name in ("presidents day", "president day", "washington birthday"):
        return nth_weekday(year, 2, 1, 3)
    if name == "columbus day":
        return nth_weekday(year, 10, 1, 2)
    if name == "mother day":
        return nth_weekday(year, 5, 7, 2)
    if name == "father day":
        return nth_weekday(year, 6, 7, 3)
    if name.startswith("easter"):
        return easter(year) + dt.timedelta(days=1 if name == "easter monday" else 0)
    if name in _FROM_EASTER:
        return easter(year) + dt.timedelta(days=_FROM_EASTER[name])
    if name in ("black friday", "cyber monday"):   # the Friday, the Monday after Thanksgiving
        return nth_weekday(year, 11, 4, 4) + dt.timedelta(days=1 if name == "black friday" else 4)
    return None


# The days of the church year counted from Easter Sunday; "Holy Week" is the week of its
# Thursday.
_FROM_EASTER = {"good friday": -2, "palm sunday": -7, "ash wednesday": -46, "maundy thursday": -3,
                "holy thursday": -3, "holy saturday": -1, "holy week": -3, "pentecost": 49,
                "whit sunday": 49, "ascension day": 39}


HOLIDAYS = (r"christmas(?: day| eve)?|new year(?: day| eve)?|thanksgiving(?: day)?|easter"
            r"(?: sunday| monday)?|good friday|independence day|election day|halloween"
            r"|valentine day|labor day|memorial day|veterans day|boxing day|bastille day"
            r"|martin luther king(?: jr)? day|presidents? day|washington birthday|columbus day"
            r"|mother day|father day|(?:st|saint) patrick day|flag day|palm sunday|ash wednesday"
            r"|(?:maundy|holy) thursday|holy saturday|holy week|pentecost|whit sunday|ascension day"
            r"|black friday|cyber monday|remembrance day|armistice day|canada day")


@RULES.add(rf"(?:{RELATION} )?(?P<name>{HOLIDAYS})(?:(?P<weekend> weekend)|(?P<week> week))?"
           rf"(?: {YEAR})?")
def _named_day(m, anchor: Anchor):
    """"Thanksgiving", "last Christmas", "Labor Day 2012"; "the Labor Day weekend" is the weekend
    next to the day, written as a weekend is (2012-W35-WE); "Easter week" the week of the day."""
    name, year = m["name"], year_of(m["year"])
    if year:
        day = _holiday(name, year)
    elif not anchor.dct:
        return "DATE", "XXXX-WXX-WE" if m["weekend"] else UNKNOWN["week" if m["week"] else "day"]
    else:
        dct = anchor.dct
        options = [_holiday(name, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
        step = step_of(m["rel"])
        if step < 0:
            day = max(d for d in options if d < dct)
        elif step > 0:
            day = min(d for d in options if d > dct)
        else:
            day = nearest(options, dct, anchor.ctx.tense)
    if m["week"] or name == "holy week":  # "Easter week": the week the day is in
        return "DATE", value_at(day, "week")
    if m["weekend"]:
        # the nearer Saturday: before a Monday holiday, after a Thursday or Friday one
        saturday = day + dt.timedelta(days=(6 - day.isoweekday() + 3) % 7 - 3)
        return "DATE", value_at(saturday, "week") + "-WE"
    return "DATE", day.isoformat()
