"""Rules for lengths of time and recurrences: "three years", "two-week", "the past 24 hours",
"several months" (DURATION) and "every week", "daily", "twice a year", "Tuesday nights" (SET).
A duration's value is always an ISO 8601 period ("P3Y", "PT24H"), never a date."""

from __future__ import annotations

import re

from .context import MONTH, NUM, SEASON, UNIT, WEEKDAY, Anchor, Rules
from .words import ADVERB_SETS, DAY_PARTS, MONTHS, SEASONS, UNIT_SCALE, UNITS, WEEKDAYS

RULES = Rules()

# Words that may stand around the count and unit of a duration without changing it.
_FILLERS = {
    "a", "an", "another", "additional", "first", "last", "past", "next", "previous", "following",
    "coming", "latest", "final", "remaining", "entire", "full", "whole", "more", "extra",
    "straight", "consecutive", "long", "old", "trading", "business", "calendar", "working",
    "period", "term", "span", "in", "row", "running", "all", "those", "these", "initial",
    "further", "fiscal", "other", "1st", "later", "earlier", "recent", "ahead", "upcoming", "single",
}
# A fraction of a unit is written in the next smaller one: 2.5 years = P2Y6M.
_SMALLER = {("Y", False): (12, "M", False), ("M", False): (30, "D", False),
            ("W", False): (7, "D", False), ("D", False): (24, "H", True),
            ("H", True): (60, "M", True), ("M", True): (60, "S", True)}
_COUNTED = re.compile(rf"(?:{NUM}|(?P<low>\d+) (?:to|or) \d+) {UNIT}(?: (?:or|and) [a-z]+s)?")
_UNCOUNTED = re.compile(rf"{UNIT}(?: (?:or|and) [a-z]+s)?")


def period(count: str, unit: str) -> str | None:
    """ISO 8601 period: ("3", "year") -> "P3Y", ("2.5", "hour") -> "PT2H30M", ("x", "day") -> "PXD".
    """
    designator, is_time = UNITS[unit]
    if count == "x":
        return f"P{'T' if is_time else ''}X{designator}"
    amount = float(count) * UNIT_SCALE.get(unit, 1)
    whole = int(amount)
    parts = [(whole, designator, is_time)] if whole else []
    if amount > whole and (designator, is_time) in _SMALLER:
        factor, smaller, smaller_is_time = _SMALLER[designator, is_time]
        parts.append((round((amount - whole) * factor), smaller, smaller_is_time))
    if not parts:
        return None
    date_part = "".join(f"{n}{d}" for n, d, t in parts if not t)
    time_part = "".join(f"{n}{d}" for n, d, t in parts if t)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


@RULES.add(rf"(?P<word>{'|'.join(ADVERB_SETS)})")
def _adverb_set(m, anchor: Anchor):
    return "SET", ADVERB_SETS[m["word"]]


@RULES.add(r"(?:every|each) other (?P<unit>second|minute|hour|day|night|week|month|year)")
def _every_other(m, anchor: Anchor):
    """"every other day": every second one."""
    return "SET", period("2", m["unit"])


@RULES.add(rf"(?:every|each|per) (?:{NUM} )?{UNIT}",
           rf"(?:once|twice|x times|\d+ times|several times) (?:a|an|1|every|each|per) {UNIT}",
           rf"(?:\d+|x) (?:day|night|hour)s (?:a|an|1|every|each|per) {UNIT}")
def _every(m, anchor: Anchor):
    return "SET", period(m["num"] or "1", m["unit"])


@RULES.add(rf"1 {UNIT}")
def _per_unit(m, anchor: Anchor):
    """"15 a year", "$40 million a year": a rate, so a recurrence."""
    before = anchor.ctx.before.split()[-1:]
    if anchor.article and before and re.fullmatch(
            r"\$?[\d.,]*\d[\d.,%]*|times|once|twice|million|billion|percent|cents?|dollars?"
            r"|tons?|barrels?", before[0]):
        return "SET", period("1", m["unit"])
    return None


@RULES.add(rf"(?:every|each) {WEEKDAY}s?(?: (?P<part>{'|'.join(DAY_PARTS)})s?)?",
           rf"{WEEKDAY}s(?: (?P<part>{'|'.join(DAY_PARTS)})s?)?",
           rf"{WEEKDAY} (?P<part>{'|'.join(DAY_PARTS)})s")
def _every_weekday(m, anchor: Anchor):
    part = f"T{DAY_PARTS[m['part']]}" if m["part"] else ""
    return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd']]}{part}"


@RULES.add(r"(?:(?:every|each) )?weekends|(?:every|each) weekend")
def _weekends(m, anchor: Anchor):
    """"on weekends", "every weekend": each weekend of any week."""
    return "SET", "XXXX-WXX-WE"


@RULES.add(rf"(?:every|each) {MONTH}")
def _every_month(m, anchor: Anchor):
    return "SET", f"XXXX-{MONTHS[m['month']]:02d}"


@RULES.add(rf"(?:every|each) {SEASON}")
def _every_season(m, anchor: Anchor):
    """"every spring": each spring of any year."""
    return "SET", f"XXXX-{SEASONS[m['season']]}"


@RULES.add(rf"(?:every|each) (?P<part>{'|'.join(DAY_PARTS)})")
def _every_part(m, anchor: Anchor):
    return "SET", f"XXXX-XX-XXT{DAY_PARTS[m['part']]}"


@RULES.add(r"(?:past|last|next|coming|previous) (?P<unit>decade|century)")
def _past_decade(m, anchor: Anchor):
    """"the past decade": the ten years up to now, a length of time."""
    return "DURATION", period("1", m["unit"])


@RULES.add(r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))(?P<plural>s?)"
           r" long")
def _unit_long(m, anchor: Anchor):
    """"a year-long inquiry", "decades-long": as long as one unit, or as several."""
    return "DURATION", period("x" if m["plural"] else "1", m["unit"])


@RULES.add(r".+")
def _duration(m, anchor: Anchor):
    """A count and a unit with nothing but fillers around them ("the past three months"), or a
    plural unit alone ("years", "several weeks")."""
    if re.match(r"(?:\d+(?:\.\d+)?|x) (?:next|last|past|previous|coming|following) ", m[0]):
        return None  # "turn 60 next year": a count of something else before a date
    text = " ".join(w for w in m[0].split() if w not in _FILLERS)
    counted = _COUNTED.fullmatch(text)
    if counted:
        count = "x" if counted["low"] else counted["num"]
    else:
        counted, count = _UNCOUNTED.fullmatch(text), "x"
        if not counted or not counted["plural"]:
            return None  # a bare "year" is no length
    value = period(count, counted["unit"])
    return ("DURATION", value) if value else None
