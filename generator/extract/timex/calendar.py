"""Calendar arithmetic for time expressions: shifting a date by units, writing it as a TimeML value
at a granularity, and choosing which occurrence of a yearly or weekly date a text means."""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
                   8: "SU", 9: "FA", 10: "FA", 11: "FA"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PRECISION = {4: "year", 7: "month", 10: "day"}
CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")


def precision_of(value: str) -> str | None:
    """"day", "month" or "year" for a plain calendar date value; None for anything else.
    Here, apart from spaCy, so that resolution can use it without loading spaCy."""
    return _PRECISION.get(len(value)) if CALENDAR_VALUE.fullmatch(value) else None


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """`day` moved by n units (negative: back). Unknown units leave it where it is."""
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120,
              "century": 1200}.get(unit)
    return add_months(day, months * n) if months else day


def value_at(day: dt.date, grain: str) -> str:
    """The TimeML value of the `grain` (day, week, month...) that contains `day`."""
    if grain == "day":
        return day.isoformat()
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if grain == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if grain == "half":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if grain == "season":
        return f"{day.year:04d}-{SEASON_OF_MONTH[day.month]}"
    if grain == "decade":
        return f"{day.year // 10:03d}"      # TimeML writes a decade as its first three digits
    if grain == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def nearest(candidates: list[dt.date], anchor: dt.date, tense: str | None) -> dt.date:
    """Which of several occurrences (same day in consecutive years, say) a text means.

    News looks back: the coming one only if it is less than half as far as the last one. A
    future-tense verb wants the coming one (unless the last one is only days gone); a past-tense
    verb the last one, unless the coming one is within two months (deadlines: "the offer was
    extended to Nov. 16").
    """
    past = max((c for c in candidates if c <= anchor), default=None)
    future = min((c for c in candidates if c >= anchor), default=None)
    if past is None or future is None:
        return future or past
    ahead, back = (future - anchor).days, (anchor - past).days
    if tense == "future":  # unless it is a few days gone and a whole year ahead: "by Jan. 14"
        return past if back <= 7 and ahead > 180 else future
    if tense == "past":  # "signed on June 3rd" in April: last June; but a day or two after
        return future if ahead <= 7 else past  # the story's date is a story filed early
    if tense == "past-month":  # "was set for April" in March: a month alone, same rule
        return future if ahead <= 31 else past
    if tense == "past-open":  # "payable Dec. 7", "the Jan. 14 deadline": a term, maybe ahead
        return future if ahead <= 60 and back > 60 else past
    if tense in ("modal", "planned", "present"):  # a possibility, a duty, a plan, or a present
        # tense of what is scheduled ("the harvest begins in August"): the nearer one
        return future if ahead <= back else past
    return future if ahead * 2 <= back else past


def in_year_near(anchor: dt.date, month: int, day: int | None, tense: str | None) -> dt.date | None:
    """`month` (and `day`) in the year before, of or after `anchor`, as the tense suggests;
    None when none of the three years has that day (February 29 far from a leap year).

    A month alone is compared by its first day with the anchor's month, so "March" in a text of
    March 23 is this March whatever the tense.
    """
    start = anchor.replace(day=1) if day is None else anchor
    if day is None and tense == "past":
        tense = "past-month"
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        last = calendar.monthrange(year, month)[1]
        if day is None or day <= last:
            candidates.append(dt.date(year, month, day or 1))
    return nearest(candidates, start, tense)


def weekday_near(anchor: dt.date, weekday: int, relation: str | None, tense: str | None) -> dt.date:
    """The day named by a weekday (ISO number) seen from `anchor`.

    News reports look back: a bare "Monday" is the latest Monday not after the anchor unless the
    verb is in the future tense. "last"/"next" skip the anchor's own day; "this" stays in its week.
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if relation == "last":
        return anchor - dt.timedelta(days=back or 7)
    if relation == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if relation == "this":
        return anchor + dt.timedelta(days=weekday - anchor.isoweekday())
    if tense in ("future", "modal", "present"):  # "could arrive Thursday"; "the trial opens
        # Monday", "they are meeting Friday": a present with a day named is a timetable
        return anchor + dt.timedelta(days=ahead)
    if tense == "planned":  # "planned a rally on Saturday": the nearer Saturday
        return anchor + dt.timedelta(days=ahead) if ahead < back else anchor - dt.timedelta(days=back)
    return anchor - dt.timedelta(days=back)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday (ISO number) of a month; n = -1 for the last one."""
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).isoweekday() == weekday]
    return dt.date(year, month, days[n if n < 0 else n - 1])


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)
