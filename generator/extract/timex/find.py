"""Time expressions in news text, found and normalised the TimeML (TIMEX3) way.

`find_timexes(doc, dct)` is the entry point: spans from `spans`, values from
`rules.normalise`, resolved against the document creation time (DCT) and, for anaphoric
expressions ("that day", "a year earlier"), against what the document said before.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from ..parsed import text_of
from .calendar import CALENDAR_VALUE as _CALENDAR_VALUE
from .calendar import precision_of, value_at
from .context import TimexContext
from .rules import normalise
from .spans import range_end, timex_spans
from .tense import tense_of
from .words import canonical

__all__ = ["Timex", "TimexContext", "find_timexes", "normalise", "precision_of", "run_jsonl"]

_NAMED_QUARTER = re.compile(r"\d(?:st|nd|rd|th) (?:fiscal )?quarter")


@dataclass(frozen=True)
class Timex:
    start: int      # character offsets in the text given
    end: int
    text: str
    type: str       # "DATE" | "TIME" | "DURATION" | "SET"
    value: str      # TimeML value: "2020-03-23", "P14M", "PRESENT_REF", "XXXX-03-10"...
    mod: str | None = None  # "START", "MID", "END", "APPROX", "LESS_THAN"...


def find_timexes(doc: Doc, dct: dt.date | None) -> list[Timex]:
    """The time expressions of a parsed document (NER and parser run), sorted by start."""
    found: list[tuple[Span, Timex]] = []
    ref = quarter = None
    spans = timex_spans(doc)
    # The dateline is the day the story speaks from: it corrects a feed's date, and dates a
    # story that came with none ("today" under "September 01, 2007" is that day).
    dct = _dateline_day(spans) or dct
    for i, span in enumerate(spans):
        context = TimexContext(tense=tense_of(span), ref=ref, quarter=quarter,
                               before=_words_before(span), after=_word_after(span),
                               apposed=_apposed(span, found), months=_after_months(span, found))
        result = normalise(span.text, dct, context=context) or _end_of_a_range(
            span, spans[max(0, i - 1):i + 2], dct, context)
        if result is None:
            continue
        kind, value, mod = result
        value = _quarter_ended(span, spans[i + 1:i + 2], dct) or value
        found.append((span, Timex(span.start_char, span.end_char, span.text, kind, value, mod)))
        if kind in ("DATE", "TIME") and (_dates_the_main_clause(span) or _dateline(span)):
            ref = _calendar_part(value) or ref
        if _is_reported_quarter(value, span.text, dct):
            quarter = max(quarter or value, value)  # "after a flat second quarter": the past
    return _clocks_on_their_day(_months_of_a_range(found))


_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_BARE_CLOCK = re.compile(r"(?:(?:about|around|approximately|at) )?(?:\d{1,2}(?::\d\d)?(?: [ap]m)?"
                         r"|\d{4}|noon|midnight|midday)(?: (?:[ecmp][sd]t|et|gmt|utc))?"
                         r"(?: in the (?:morning|afternoon|evening|night))?")


def _end_of_a_range(span: Span, neighbours: list[Span], dct: dt.date | None,
                    context: TimexContext) -> tuple[str, str, None] | None:
    """"March 3-5": the 5 is March 5, in the year "March 3" has; "1990-91": 91 is 1991."""
    near = range_end(span, neighbours)
    if near is None:
        return None
    other = next(s for s in neighbours if s is not span and normalise(s.text, None)
                 and normalise(s.text, None)[1] == near)
    found = normalise(other.text, dct, context=context)
    if not found:
        return None
    value, number = found[1], span[0].text
    if len(value) == 4 and value.isdigit():
        year = int(value[:2] + number) if len(number) == 2 else int(number)
        return ("DATE", f"{year:04d}", None) if year > int(value) or other.start > span.start \
            else None
    if not _DAY.fullmatch(value[:10]) and not value.startswith("XXXX-"):
        return None
    try:
        if value[:4].isdigit():
            day = dt.date(int(value[:4]), int(value[5:7]), int(number))
            return "DATE", day.isoformat(), None
        dt.date(2000, int(value[5:7]), int(number))     # a leap year: any day some year has
    except ValueError:
        return None
    return "DATE", f"{value[:8]}{int(number):02d}", None


_BARE_QUARTER = re.compile(r"(?:(?:the|its|that) )?(?:(?:fiscal|latest|current|same) )*quarter")


def _quarter_ended(span: Span, following: list[Span], dct: dt.date | None) -> str | None:
    """"the quarter ended Sept. 30", "the quarter ending March 31", "the quarter to June": the
    quarter that day or month is in, whatever quarter the report spoke of before."""
    doc = span.doc
    if not following or not _BARE_QUARTER.fullmatch(canonical(span.text)) \
            or span.end + 1 != following[0].start \
            or doc[span.end].lower_ not in ("ended", "ending", "to", "through"):
        return None
    found = normalise(following[0].text, dct)
    day = _DAY.fullmatch(found[1]) if found else None
    month = re.fullmatch(r"(\d{4})-(\d\d)", found[1]) if found and not day else None
    if month:   # "the quarter through June": the quarter that month ends
        return f"{month[1]}-Q{(int(month[2]) - 1) // 3 + 1}"
    return value_at(dt.date.fromisoformat(day[0]), "quarter") if day else None


_MONTH_ALONE = re.compile(r"(?:\d{4}|XXXX)-(\d\d)")
_RANGE_WORDS = {"to", "through", "until", "till", "and", "or", "-", "\u2013"}


def _months_of_a_range(found: list[tuple[Span, Timex]]) -> list[tuple[Span, Timex]]:
    """"from October to May", "in April and May": a month with no year of its own that ends a
    range of months is in the year that puts it after the first (2012-10 to 2013-05), whatever
    its own tense made of it."""
    out = list(found)
    for i in range(1, len(out)):
        (before, first), (span, timex) = out[i - 1], out[i]
        a, b = _MONTH_ALONE.fullmatch(first.value), _MONTH_ALONE.fullmatch(timex.value)
        gap = [t.lower_ for t in span.doc[before.end:span.start]]
        if not (a and b and first.value[:4].isdigit() and len(gap) == 1 and gap[0] in _RANGE_WORDS
                and not re.search(r"\d", span.text)):
            continue
        year = int(first.value[:4]) + (1 if int(b[1]) < int(a[1]) else 0)
        out[i] = (span, replace(timex, value=f"{year:04d}-{b[1]}"))
    return out


def _clocks_on_their_day(found: list[tuple[Span, Timex]]) -> list[Timex]:
    """"The blast occurred at 10:35 a.m. Friday", "the first flight, Tuesday, at 18:00 UTC": a
    clock time with no day of its own is on the one day its sentence names, if it names one."""
    days_in: dict[int, set[str]] = {}
    for span, timex in found:
        day = _DAY.match(timex.value)
        if day and timex.type in ("DATE", "TIME"):
            days_in.setdefault(span.sent.start, set()).add(day[0])
    out = []
    for span, timex in found:
        others = days_in.get(span.sent.start, set()) - {timex.value[:10]}
        if timex.type == "TIME" and _BARE_CLOCK.fullmatch(canonical(timex.text)) \
                and len(others) == 1:
            timex = replace(timex, value=others.pop() + timex.value[10:])
        out.append(timex)
    return out


def _apposed(span: Span, found: list[tuple[Span, Timex]]) -> str | None:
    """"after Oct. 12, the day before the crash": the date an expression stands in apposition
    to, right before it with only a comma between."""
    if not found or span.start < 2 or span.doc[span.start - 1].text != ",":
        return None
    previous, timex = found[-1]
    return _calendar_part(timex.value) if previous.end == span.start - 1 else None


def _after_months(span: Span, found: list[tuple[Span, Timex]]) -> bool:
    """"For the nine months, net rose to $5 million from $4 million a year earlier": the
    comparison is with the same months of the year before, not with the reported quarter."""
    for previous, timex in reversed(found):
        if previous.sent.start != span.sent.start or "-Q" in timex.value:
            return False
        if timex.type == "DURATION" and re.fullmatch(r"P\d+M", timex.value):
            return True
    return False


_EMBEDDED = frozenset({"xcomp", "acl", "relcl", "pcomp"})


def _dates_the_main_clause(span: Span) -> bool:
    """"On 10 March, Ghani signed a decree to release prisoners on March 14": a later "that
    day" means the day of the signing, not a date inside the decree's own clause."""
    token = span.root
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token.dep_ not in _EMBEDDED
    return True


def _dateline_day(spans: list[Span]) -> dt.date | None:
    """The day a story's dateline gives ("October 10, 2008" on a line of its own under the
    headline): the day the story speaks from, when it differs from the date it was filed
    under (a feed's date can be a later day the story was indexed on)."""
    for span in spans[:3]:
        if _dateline(span):
            found = normalise(span.text, None)
            if found and re.fullmatch(r"\d{4}-\d\d-\d\d", found[1]):
                return dt.date.fromisoformat(found[1])
    return None


def _dateline(span: Span) -> bool:
    """A date on a line of its own near the top ("October 10, 2008" under the headline) is
    the story's own date: "the day", "that morning" after it mean that day."""
    doc = span.doc
    before = doc[max(0, span.start - 1)] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    opening = text_of(doc)[:span.start_char].count("\n") <= 2  # headline, then the dateline
    return opening and (before is None or "\n" in before.text_with_ws) \
        and (after is None or "\n" in after.text or "\n" in span[-1].whitespace_)


def _is_reported_quarter(value: str, text: str, dct: dt.date | None) -> bool:
    """A quarter named by number and already over: the one a company report is about, if it
    is the latest one named."""
    m = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if not m or not _NAMED_QUARTER.search(canonical(text)):
        return False
    return dct is None or (int(m[1]), int(m[2])) < (dct.year, (dct.month - 1) // 3 + 1)


def _words_before(span: Span, n: int = 3) -> str:
    return " ".join(t.lower_ for t in span.doc[max(0, span.start - n):span.start])


def _word_after(span: Span) -> str:
    return span.doc[span.end].lower_ if span.end < len(span.doc) else ""


def _calendar_part(value: str) -> str | None:
    """"2020-03-23" of "2020-03-23T14:00": the part of a value a later "that day" can refer to."""
    m = _CALENDAR_VALUE.match(value)
    return m[0] if m and (m.end() == len(value) or value[m.end()] == "T") else None


def _parse_dct(text: str | None) -> dt.date | None:
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", text or "")
    return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def timex_record(timex: Timex) -> dict:
    record = {"start": timex.start, "end": timex.end, "text": timex.text, "type": timex.type,
              "value": timex.value}
    if timex.mod:
        record["mod"] = timex.mod
    return record


def run_jsonl(infile, outfile, nlp) -> None:
    """JSON lines {"doc_id", "dct", "text"} in, {"doc_id", "timexes": [...]} out, in order."""
    rows = (json.loads(line) for line in infile if line.strip())
    pairs = ((row["text"], row) for row in rows)
    for doc, row in nlp.pipe(pairs, as_tuples=True):
        timexes = find_timexes(doc, _parse_dct(row.get("dct")))
        outfile.write(json.dumps({"doc_id": row["doc_id"],
                                  "timexes": [timex_record(t) for t in timexes]}) + "\n")
