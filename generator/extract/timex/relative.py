"""Rules for expressions that point from the time of writing: "yesterday", "on Monday",
"next week", "last year", "three days ago", "now", "recently", "the future"."""

from __future__ import annotations

import datetime as dt
import re

from .calendar import shift, value_at, weekday_near
from .context import NUM, PAST_WORDS, RELATION, UNIT, UNKNOWN, WEEKDAY, Anchor, Rules, step_of
from .words import WEEKDAYS

RULES = Rules()

_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2,
              "day after tomorrow": 2}
_GRAIN = {"day": "day", "night": "day", "week": "week", "fortnight": "week", "month": "month",
          "quarter": "quarter", "year": "year", "decade": "year", "centurie": "year",
          "century": "year"}


def _day(anchor: Anchor, day: dt.date | None, offset: int = 0) -> tuple[str, str]:
    return "DATE", (day + dt.timedelta(days=offset)).isoformat() if day else UNKNOWN["day"]


@RULES.add("today|yesterday|tomorrow|day before yesterday|day after tomorrow")
def _today(m, anchor: Anchor):
    return _day(anchor, anchor.dct, _DAY_WORDS[m[0]])


@RULES.add(r"(?:(?P<that>that|same|that same|this same|that very|the very) )?day")
def _that_day(m, anchor: Anchor):
    """"that day" is the day the text last named; "the day" the day of writing, unless it
    stands in apposition to a date ("Oct. 12, the day before the crash")."""
    if not (m["that"] or anchor.definite):
        return None
    if m["that"] or anchor.ctx.apposed:
        return _day(anchor, anchor.ref("day"))
    return _day(anchor, anchor.dct)


@RULES.add(r"\d{1,3}(?:st|nd|rd|th) (?:straight |consecutive |successive |full )?"
           r"(?P<unit>day|week|month|year)(?: in a row)?")
def _nth_day(m, anchor: Anchor):
    """"Today is the eighth day of the operation", "it's the second day of an offensive", "the
    strike is in its third week", "trading is halted for a second straight day": in the
    present tense, the day (week, month) of writing; told
    in the past, one of a story the text tells."""
    if anchor.ctx.tense != "present" or not (anchor.definite or anchor.article):
        return None
    if m["unit"] == "day":
        return _day(anchor, anchor.dct)
    return "DATE", value_at(anchor.dct, m["unit"]) if anchor.dct else UNKNOWN[m["unit"]]


@RULES.add(r"(?P<dir>next|following|previous|prior|preceding) day|day (?P<dir2>before|after)")
def _next_day(m, anchor: Anchor):
    offset = 1 if (m["dir"] or m["dir2"]) in ("next", "following", "after") else -1
    return _day(anchor, anchor.ref_or_dct("day"), offset)


@RULES.add(rf"(?:{RELATION} )?{WEEKDAY}(?: (?P<week>this|last|next) week)?")
def _weekday(m, anchor: Anchor):
    weekday = WEEKDAYS[m["wd"]]
    if not anchor.dct:
        return "DATE", f"XXXX-WXX-{weekday}"
    base = anchor.dct
    if m["week"]:
        base = shift(base, "week", step_of(m["week"]))
        return "DATE", weekday_near(base, weekday, "this", None).isoformat()
    if m["rel"] in ("previous", "preceding", "prior", "following"):  # counted from the text's day
        base = anchor.ref_or_dct("day")
    rel = {-1: "last", 1: "next"}.get(step_of(m["rel"])) or ("this" if m["rel"] else None)
    return "DATE", weekday_near(base, weekday, rel, anchor.ctx.tense).isoformat()


@RULES.add(rf"(?:(?P<rel>{'|'.join(PAST_WORDS)}|this|next|coming|that) )?weekend")
def _weekend(m, anchor: Anchor):
    """A weekend is written as the ISO week of its Saturday: 2020-W12-WE."""
    dct = anchor.dct
    if not dct:
        return "DATE", "XXXX-WXX-WE"
    rel = m["rel"]
    if rel == "this" or (not rel and dct.isoweekday() >= 6):
        saturday = weekday_near(dct, 6, "this", None)
    elif rel in PAST_WORDS or (not rel and anchor.ctx.tense not in ("future", "modal")):
        saturday = weekday_near(dct, 6, "last", None)
    else:
        saturday = weekday_near(dct, 6, "next", None)
    return "DATE", value_at(saturday, "week") + "-WE"


@RULES.add(rf"{RELATION} (?:fiscal |calendar )?(?P<unit>week|month|quarter|year)",
           r"(?P<that>that|same|that same) (?P<unit>week|month|quarter|year)")
def _this_unit(m, anchor: Anchor):
    """"last month", "next week", "this year"; "the following year" counts from the text's date."""
    unit, rel = m["unit"], m["rel"]
    if m["that"]:
        base = anchor.ref(unit)
        return "DATE", value_at(base, unit) if base else UNKNOWN[unit]
    base = anchor.ref_or_dct(unit) if rel in ("following", "previous", "preceding", "prior") \
        else anchor.dct
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", anchor.ctx.quarter or "")
    if unit == "quarter" and quarter and rel in ("following", "previous", "preceding", "prior"):
        # "growth slowed in the fourth quarter from the previous quarter": the one before that
        base = dt.date(int(quarter[1]), 3 * int(quarter[2]) - 2, 1)
    if not base:
        return "DATE", UNKNOWN[unit]
    return "DATE", value_at(shift(base, unit, step_of(rel)), unit)


@RULES.add(r"(?:full |fiscal |calendar )*(?P<unit>week|month|year)")
def _the_unit(m, anchor: Anchor):
    """"the year" on its own is the current one; "the year ended March 31" a stretch of time."""
    if not anchor.definite:
        return None
    unit = m["unit"]
    if anchor.ctx.after in ("ended", "ending", "through", "to") and anchor.mod is None:
        # but "until the end of the month to respond" is a point in time
        return "DURATION", f"P1{unit[0].upper()}"
    return "DATE", value_at(anchor.dct, unit) if anchor.dct else UNKNOWN[unit]


@RULES.add(r"(?P<unit>week|month|year) (?P<dir>before|after)")
def _unit_before(m, anchor: Anchor):
    """"the year before", "the month after": one unit from the date the text last named."""
    if not anchor.definite:
        return None
    unit = m["unit"]
    base = anchor.ref_or_dct(unit)
    if not base:
        return "DATE", UNKNOWN[unit]
    return "DATE", value_at(shift(base, unit, -1 if m["dir"] == "before" else 1), unit)


@RULES.add(rf"{NUM} {UNIT} (?P<dir>ago|earlier|before|later|after|hence|from now|back|since"
           r"|previously|prior)")
def _units_ago(m, anchor: Anchor):
    """"three weeks ago": the week three weeks before the DCT; "a year earlier" counts from the
    text's date. "Three days later", "a day earlier" count from an event the text tells of, so
    TimeML keeps only their length (the duration rules give it), as for "two hours later".
    """
    backward = m["dir"] in ("ago", "earlier", "before", "back", "since", "previously", "prior")
    from_text = m["dir"] in ("earlier", "before", "later", "after", "previously", "prior")
    grain = _GRAIN.get(m["unit"])
    if not grain or (from_text and grain in ("day", "week")):
        return None
    if m["num"] == "x":
        return "DATE", "PAST_REF" if backward else "FUTURE_REF"
    count = round(float(m["num"]) * {"decade": 10, "century": 100, "centurie": 100,
                                     "fortnight": 2}.get(m["unit"], 1))
    base = anchor.ref_or_dct(grain) if from_text else anchor.dct
    if grain == "week" and count <= 2 and not from_text:
        # "a week ago", "two weeks from now": news means the same weekday, one day
        grain, count = "day", count * 7
    if not base:
        return "DATE", UNKNOWN[grain]
    return "DATE", value_at(shift(base, grain, -count if backward else count), grain)


_PRESENT = ("now|right now|just now|currently|current|presently|at present|present|these days"
            "|nowadays|this time|this moment|the moment|the present time|at this time")
_PAST = ("recently|recent|lately|past|previously|formerly|earlier|once|in the past"
         "|more recently|most recently|then current|x (?:years|months|weeks|days) ago|years ago"
         "|(?:past|earlier|previous|bygone) (?:years|decades|eras?)|old days")
_FUTURE = ("future|near future|foreseeable future|distant future|immediate future|soon|later"
           "|as soon as possible"
           "|later date|(?:near|short|long|longer|medium) term|someday"
           "|future (?:years|decades|months|quarters|weeks|days)")


_MODALS = {"will", "would", "could", "might", "may", "shall", "should", "can", "'ll"}


@RULES.add(r"(?:1|some) day")
def _one_day(m, anchor: Anchor):
    """"Islam will one day be...": between a modal and its verb, an indefinite future."""
    before = anchor.ctx.before.split()[-1:]
    return ("DATE", "FUTURE_REF") if before and before[0] in _MODALS else None


@RULES.add(_PRESENT)
def _present(m, anchor: Anchor):
    return "DATE", "PRESENT_REF"


@RULES.add(_PAST)
def _past(m, anchor: Anchor):
    return "DATE", "PAST_REF"


@RULES.add(_FUTURE)
def _future(m, anchor: Anchor):
    return "DATE", "FUTURE_REF"
