"""Normalising one time expression to a TimeML (TIMEX3) type, value and mod.

The expression is put in canonical form (`words.canonical`), a modifier such as "early",
"about" or "or so" is taken off as the mod, and the rest is matched, whole, against the rules of
`dates`, `relative` and `durations` in that order, then against the compound
rules here, which combine the others ("9 a.m. Tuesday", "Friday night", "the week of March 6").
Relative expressions are resolved against the document creation time (DCT); without one they
keep X's where the date cannot be known, so no year is ever invented.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from . import dates, durations, relative
from .calendar import nth_weekday, value_at
from .context import UNKNOWN, Anchor, Groups, Rules, TimexContext, military_clock
from .words import DAY_PARTS, MONTHS, WEEKDAYS, canonical

Result = tuple[str, str, str | None]

_PREFIX_MODS = [
    (r"(?:the )?(?:very )?(?:(?:early|earlier)(?: in| on)?|beginning of|start of|dawn of)",
     "START"),
    (r"(?:the )?(?:mid|middle of|midst of)", "MID"),
    (r"(?:the )?(?:(?:late|later)(?: in| on)?|end of|close of)", "END"),
    (r"(?:about|around|approximately|roughly|some|circa|sometime|some time)", "APPROX"),
    (r"(?:nearly|almost|less than|fewer than|under|just under)", "LESS_THAN"),
    (r"(?:more than|over|upwards of|just over|longer than)", "MORE_THAN"),
    (r"(?:at least|no less than|not less than)", "EQUAL_OR_MORE"),
    (r"(?:at most|no more than|not more than|up to|within)", "EQUAL_OR_LESS"),
    (r"post(?= \d{4}\b| \d{3}0s\b)", "AFTER"),  # "post-1959", not "the post one day"
    # Prepositions are no part of the expression; callers may pass them in ("for three years").
    (r"(?:for|in|on|at|since|during|throughout|until|till|by|from|of)", None),
]
_SUFFIX_MODS = [(r"or so", "APPROX"), (r"or (?:more|longer)", "EQUAL_OR_MORE"),
                (r"or later|and beyond|or after", "ON_OR_AFTER"), (r"or earlier", "ON_OR_BEFORE")]
_DAY_VALUE = re.compile(r"(?P<day>(?:\d{4}|XXXX)-(?:\d\d-\d\d|XX-XX|WXX-\d))(?:T[A-Z]{2})?")
# An hour needs its minutes or "a.m."/"p.m.": in "5 p.m. EST Nov. 9" the 9 is a day, not a time.
_CLOCK = (r"(?:(?P<h>\d{1,2})(?=:| [ap]m\b| o clock\b)(?::(?P<mi>\d\d))?(?P<oc> o clock)?"
          r"(?: (?P<ap>am|pm))?"
          r"|(?P<named>noon|midday|midnight)"
          r"|(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?P<hrs> hours| hrs)?)")
_ZONES = (r"(?P<tz>est|edt|cst|cdt|mst|mdt|pst|pdt|et|gmt|utc|bst|cet|local time|local"
          r"|(?:eastern|central|mountain|pacific)(?: standard| daylight)?(?: time)?)")
_PART = rf"(?P<part>{'|'.join(DAY_PARTS)})"

COMPOUND_RULES = Rules()
_ORDINAL_DAY = re.compile(r"(?:(?:the|its|their|our|his|her) )?\d{1,2}(?:st|nd|rd|th)")


def normalise(text: str, dct: dt.date | None, *, context: TimexContext | None = None
              ) -> Result | None:
    """(type, value, mod) for one expression, or None if it is not a time expression."""
    words, mod = _strip_mods(canonical(text))
    if _ORDINAL_DAY.fullmatch(words) and not re.search(r"\d", text):
        return None     # "the second", "the eighth day": a rank; "the 21st" may be a day
    article = re.match(r"(?:a|an|per)\s", text.strip().lower()) is not None
    found = _match(words, Anchor(dct, context or TimexContext(), article=article, mod=mod))
    if not found:
        return None
    kind, value, *own_mod = found
    return kind, value, mod or (own_mod[0] if own_mod else None)


def impossible_date(text: str) -> bool:
    """"September 31", "Nov. 31, 1986": a day no calendar has, which is no time expression
    (nor is any part of it: "September" alone would be a value the text never gave)."""
    words, _ = _strip_mods(canonical(text))
    return dates.impossible(re.sub(r"^(?:the|its|their|our|a|an) ", "", words))


def _match(words: str, anchor: Anchor):
    determiner = re.match(r"(?:the|its|their|our|a|an) ", words)
    if determiner:
        words = words[determiner.end():]
        anchor = Anchor(anchor.dct, anchor.ctx, definite=determiner[0] not in ("a ", "an "),
                        article=anchor.article, mod=anchor.mod)
    for fn, m in _matching(words):
        found = fn(Groups(m), anchor)
        if found:
            return found
    return None


@functools.lru_cache(maxsize=1 << 14)
def _matching(words: str) -> tuple:
    """Every rule whose pattern the words match, in order, with its match: which patterns match
    depends on the words only, and the same expressions recur from document to document."""
    return tuple((fn, m) for rules in (dates.RULES, relative.RULES, COMPOUND_RULES,
                                       durations.RULES)
                 for pattern, fn in rules for m in [pattern.fullmatch(words)] if m)


@functools.lru_cache(maxsize=1 << 14)
def _strip_mods(words: str) -> tuple[str, str | None]:
    """Take off one leading and one trailing modifier. "year end" reads as "the end of the year"."""
    mod = None
    for pattern, name in _PREFIX_MODS:
        m = re.match(rf"(?:{pattern}) (?=\S)", words)
        if m:
            words, mod = words[m.end():], name
            if name:
                break
    if re.fullmatch(r"\w+ end", words):
        return "the " + words[:-4], mod or "END"
    if mod in ("START", "MID", "END") and words in ("year", "month", "week"):
        return "the " + words, mod     # "by mid-year": the middle of this year
    if " or so " in words:  # "a week or so ago"
        return words.replace(" or so ", " "), mod or "APPROX"
    for pattern, name in _SUFFIX_MODS:
        m = re.search(rf"(?<=\S) (?:{pattern})$", words)
        if m:
            return words[:m.start()], mod or name
    return words, mod


def _day_of(words: str | None, anchor: Anchor) -> str | None:
    """The day value of a sub-expression ("Tuesday", "Nov. 9"), or None if it names no day."""
    if not words:
        return anchor.dct.isoformat() if anchor.dct else UNKNOWN["day"]
    found = _match(words, anchor)
    day = _DAY_VALUE.fullmatch(found[1]) if found else None
    return day["day"] if day else None


@COMPOUND_RULES.add(rf"(?:(?P<pre>.+?) (?:at )?)?{_CLOCK}(?: {_ZONES})?(?: (?:on )?(?P<post>.+))?")
def _clock_time(m, anchor: Anchor):
    """"10:35 a.m.", "noon Thursday", "5 p.m. EST Nov. 9": the day (the DCT's if none) at a time."""
    if m["named"]:
        hour, minute = {"noon": 12, "midday": 12, "midnight": 24}[m["named"]], 0
    elif m["hh"]:  # "0800 UTC", "0600 hours", "1430 on Friday"
        if not military_clock(m["hh"] + m["mm"], marked=bool(m["tz"] or m["hrs"]),
                              day=bool(m["pre"] or m["post"])):
            return None
        hour, minute = int(m["hh"]), int(m["mm"])
    elif m["ap"] or m["mi"] or m["oc"]:
        hour, minute = int(m["h"]) % 12 + (12 if m["ap"] == "pm" else 0), int(m["mi"] or 0)
        if not m["ap"]:
            hour = int(m["h"])
    else:
        return None
    if hour > 24 or minute > 59 or (m["pre"] and m["post"]):
        return None
    day = _day_of(m["pre"] or m["post"], anchor)
    if not day:
        return None
    zone = "Z" if m["tz"] in ("gmt", "utc") else ""
    return "TIME", f"{day}T{hour:02d}:{minute:02d}{zone}"


@COMPOUND_RULES.add(rf"(?:(?P<pre>.+) )?{_PART}", rf"{_PART} (?P<post>.+)")
def _part_of_day(m, anchor: Anchor):
    """"this morning", "Friday night", "last night", "tonight", "(mid-)afternoon yesterday":
    a day and the part of it."""
    part, pre = DAY_PARTS[m["part"]], m["pre"] or m["post"]
    if m["part"] == "tonight" and not pre:
        day = anchor.dct.isoformat() if anchor.dct else UNKNOWN["day"]
    elif m["part"] == "overnight" and not pre and anchor.ctx.tense in ("future", "modal"):
        day = anchor.dct.isoformat() if anchor.dct else UNKNOWN["day"]  # "will arrive overnight"
    elif m["part"] == "overnight" and not pre:  # the night before the day the news is about
        base, ref = anchor.dct, anchor.ref("day")
        if ref and (not base or dt.timedelta(0) <= base - ref <= dt.timedelta(days=7)):
            base = ref
        day = (base - dt.timedelta(days=1)).isoformat() if base else UNKNOWN["day"]
    elif pre in ("this", "that", "same", "that same", "next", "following", "previous", "last"):
        base = anchor.dct if pre == "this" or (pre == "last" and part == "NI") \
            else anchor.ref_or_dct("day")
        offset = {"next": 1, "following": 1, "previous": -1, "last": -1}.get(pre, 0)
        if pre == "last" and part != "NI":
            return None
        day = (base + dt.timedelta(days=offset)).isoformat() if base else UNKNOWN["day"]
    elif pre:
        day = _day_of(pre, anchor)
    elif anchor.definite or anchor.mod in ("START", "MID", "END"):  # "by mid-afternoon"
        base = anchor.ref_or_dct("day")
        day = base.isoformat() if base else UNKNOWN["day"]
    else:
        return None  # "morning" alone names no particular one
    if day and pre and pre.split()[0] in ("every", "each"):
        return "SET", f"{day}T{part}"   # "every Sunday morning": a recurrence, not one morning
    return ("TIME", f"{day}T{part}") if day else None


@COMPOUND_RULES.add(r"day (?P<dir>before|after) (?P<day>.+)")
def _day_before(m, anchor: Anchor):
    """"the day before last Tuesday's hearing": a day counted from a day the text names."""
    day = _day_of(m["day"], anchor)
    if not day or not day[0].isdigit():
        return ("DATE", UNKNOWN["day"]) if day else None
    shifted = dt.date.fromisoformat(day) + dt.timedelta(days=1 if m["dir"] == "after" else -1)
    return "DATE", shifted.isoformat()


@COMPOUND_RULES.add(r"week (?:of|beginning|starting|ending) (?P<day>.+)")
def _week_of(m, anchor: Anchor):
    day = _day_of(m["day"], anchor)
    if not day or not day[0].isdigit():
        return None
    return "DATE", value_at(dt.date.fromisoformat(day), "week")


_MONTH_VALUE = re.compile(r"(?P<year>\d{4}|XXXX)-(?P<month>\d\d)")
_NTH = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _month_of(words: str, anchor: Anchor) -> re.Match | None:
    """The month value of a sub-expression ("April", "May 2012"), or None if it names no month."""
    found = _match(words, anchor)
    return _MONTH_VALUE.fullmatch(found[1]) if found and found[0] == "DATE" else None


@COMPOUND_RULES.add(r"(?P<n>1st|2nd|3rd|4th|last|final) week (?:of|in) (?P<month>.+)")
def _week_of_month(m, anchor: Anchor):
    """"the first week of April" is the week of April 1-7 that holds most of them (the ISO week
    of April 4); "the last week of February" the one of its last four days."""
    month = _month_of(m["month"], anchor)
    if not month:
        return None
    if month["year"] == "XXXX":
        return "DATE", UNKNOWN["week"]
    year, number = int(month["year"]), int(month["month"])
    if m["n"] in ("last", "final"):
        day = dt.date(year, number, calendar.monthrange(year, number)[1] - 3)
    else:
        day = dt.date(year, number, 7 * (_NTH[m["n"]] - 1) + 4)
    return "DATE", value_at(day, "week")


_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))


@COMPOUND_RULES.add(rf"(?P<first>{_MONTH_NAME})(?: to| through)? (?P<last>{_MONTH_NAME})"
                    r"(?: (?P<y>\d{4}))? (?:quarter|period)",
                    rf"quarter (?:ended|ending|to|through) (?P<end>.+)")
def _quarter_of_months(m, anchor: Anchor):
    """"the July-September quarter", "the April to June period", "the quarter through June": a
    calendar quarter named by its months, its year that of its last month."""
    if m["end"]:
        last = _month_of(m["end"], anchor)
        if last is None:
            found = _match(m["end"], anchor)
            day = _DAY_VALUE.fullmatch(found[1]) if found else None
            last = _MONTH_VALUE.match(day["day"]) if day else None
        if last is None:
            return None
    else:
        first, end = MONTHS[m["first"]], MONTHS[m["last"]]
        if (end - first) % 12 != 2:
            return None     # not three months: no quarter
        last = _month_of(f"{m['last']} {m['y']}" if m["y"] else m["last"], anchor)
        if last is None or (first - 1) % 3:
            return ("DATE", f"{last['year']}-QX") if last is not None else None
    quarter = (int(last["month"]) - 1) // 3 + 1
    return "DATE", f"{last['year']}-Q{quarter}"


_FULL_WEEKDAY = "|".join(w for w in WEEKDAYS if w.endswith("day"))


@COMPOUND_RULES.add(rf"(?P<n>1st|2nd|3rd|4th|5th|last|final) (?P<wd>{_FULL_WEEKDAY}|day) (?:of|in)"
                    r" (?P<month>.+)")
def _nth_day_of_month(m, anchor: Anchor):
    """"the first Monday of April", "the last Friday in June", "the last day of March": one day
    of the month named (of the year named: "the first day of 2014")."""
    n = -1 if m["n"] in ("last", "final") else _NTH.get(m["n"], 5)
    month = _month_of(m["month"], anchor)
    if month is None:
        found = _match(m["month"], anchor)
        year = found[1] if found and found[0] == "DATE" else None
        if not year or not re.fullmatch(r"\d{4}", year) or m["wd"] != "day":
            return None
        return "DATE", f"{year}-01-01" if n == 1 else f"{year}-12-31" if n == -1 else None
    if month["year"] == "XXXX":
        return "DATE", UNKNOWN["day"]
    year, number = int(month["year"]), int(month["month"])
    if m["wd"] == "day":
        last = calendar.monthrange(year, number)[1]
        return ("DATE", f"{year:04d}-{number:02d}-{1 if n == 1 else last:02d}") \
            if n in (1, -1) else None
    try:
        return "DATE", nth_weekday(year, number, WEEKDAYS[m["wd"]], n).isoformat()
    except IndexError:
        return None     # "the fifth Monday" of a month that has four


@COMPOUND_RULES.add(r"(?P<which>1st|2nd|last|latter) half (?:of|in) (?P<month>.+)")
def _half_of_month(m, anchor: Anchor):
    """"the first half of March": the month, its start (TimeML has no value for half a month)."""
    month = _month_of(m["month"], anchor)
    if not month:
        return None
    return "DATE", month[0], "START" if m["which"] == "1st" else "END"


@COMPOUND_RULES.add(r"(?P<h>\d{1,2})(?::(?P<mi>[0-5]\d))?(?: o clock)? in the "
                   r"(?P<part>morning|afternoon|evening|night)")
def _hour_of_the_part(m, anchor: Anchor):
    """"4 in the morning", "9 in the evening": a clock time, the part of the day saying which
    half of the day its hour is in."""
    hour = int(m["h"])
    if not 1 <= hour <= 12:
        return None
    if m["part"] in ("afternoon", "evening") or m["part"] == "night" and hour >= 6:
        hour = hour % 12 + 12
    elif m["part"] == "morning" and hour == 12:
        hour = 0
    day = anchor.dct.isoformat() if anchor.dct else UNKNOWN["day"]
    return "TIME", f"{day}T{hour:02d}:{m['mi'] or '00'}"
