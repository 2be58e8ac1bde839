"""What every timex rule works from: the surrounding context, the anchor dates, the shared
pattern pieces and the rule lists they are registered in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .words import MONTHS, SEASONS, WEEKDAYS


@dataclass(frozen=True)
class TimexContext:
    """What the surrounding text says about an expression."""
    # of the governing verb: "past", "past-open" (a term set in the past: "payable Dec. 7"),
    # "present", "future", "modal", "planned" (of what a plan is for: "planned a rally Saturday")
    tense: str | None = None
    ref: str | None = None      # the latest date value earlier in the document
    quarter: str | None = None  # the quarter the document reports on ("1989-Q3"), once named
    before: str = ""            # the words just before the expression, lower case
    after: str = ""             # the word just after it, lower case
    apposed: str | None = None  # the date it stands in apposition to: "Oct. 12, the day..."
    months: bool = False        # its sentence spoke of a span of months before it: "nine months"


@dataclass(frozen=True)
class Anchor:
    """The dates a relative expression can be resolved against."""
    dct: dt.date | None
    ctx: TimexContext
    definite: bool = False  # the expression began with "the"
    article: bool = False   # it began with "a" or "an" ("a year", not "one year")
    mod: str | None = None  # the modifier taken off it: "early morning" names one morning

    def ref(self, grain: str) -> dt.date | None:
        """The date the expression stands in apposition to, else the document's latest date,
        if it is at least as precise as `grain`."""
        ref = self.ctx.apposed or self.ctx.ref or ""
        m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", ref)
        if not m or (grain == "day" and not m[3]) or (grain in ("month", "week") and not m[2]):
            return None
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))

    def ref_or_dct(self, grain: str) -> dt.date | None:
        return self.ref(grain) or self.dct


class Groups(dict):
    """A match's named groups, None for those its pattern lacks; [0] is the whole text."""

    def __init__(self, m: re.Match):
        super().__init__(m.groupdict(), **{})
        self[0] = m[0]

    def __missing__(self, key):
        return None


class Rules(list):
    """An ordered list of (compiled pattern, function); the first that matches and answers wins."""

    def add(self, *patterns: str):
        def register(fn):
            for pattern in patterns:
                self.append((re.compile(pattern), fn))
            return fn
        return register


def group(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


MONTH = rf"(?P<month>{group(MONTHS)})"
WEEKDAY = rf"(?P<wd>{group(WEEKDAYS)})"
SEASON = rf"(?P<season>{group(SEASONS)})"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>\d{4})"
NUM = r"(?P<num>\d+(?:\.\d+)?|x)"
UNIT = (r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|quarter|year|decade"
        r"|centur(?:y|ie))(?P<plural>s?)")
PAST_WORDS = ("last", "past", "previous", "prior", "preceding")
NEXT_WORDS = ("next", "coming", "following", "upcoming")
RELATION = rf"(?P<rel>this|current|{group(PAST_WORDS + NEXT_WORDS)})"
UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
           "half": "XXXX-HX", "season": "XXXX-XX", "year": "XXXX", "decade": "XXX",
           "century": "XX"}


def step_of(rel: str | None) -> int:
    """-1 for "last", +1 for "next", 0 for "this" or nothing."""
    return -1 if rel in PAST_WORDS else 1 if rel in NEXT_WORDS else 0


def military_clock(figures: str, *, marked: bool = False, day: bool = False) -> bool:
    """Whether four figures ("1430", "0600") are a clock time rather than a year: written with a
    leading zero, or marked by a time zone or "hours", they are ("0600", "2200 GMT", "1430
    hours"); before a day ("1430 on Friday")
    they are when no recent year reads that way ("for 2014 on Monday" keeps its year). After
    "at" alone they are not: "the index closed at 1150" is a level, no time (see `_year`)."""
    if not re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", figures):
        return False
    if figures[0] == "0" or marked:
        return True
    return day and not 1900 <= int(figures) < 2100


def year_of(text: str | None) -> int | None:
    return int(text) if text and 1000 <= int(text) <= 2199 else None


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
