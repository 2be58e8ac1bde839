"""The vocabulary of time expressions, and the canonical form the timex rules read them in.

`canonical("the last twenty-four hours")` gives "the last 24 hours": lower case, hyphens and
punctuation gone, number words as digits, ordinals as "3rd", "a"/"an" as 1 before a unit. The
rules in `rules` are regular expressions over that form, so each is written once.
"""

from __future__ import annotations

import functools
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {  # ISO numbers, Monday = 1
    "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thurs": 4, "thur": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
             "overnight": "NI", "midday": "MI", "daytime": "DT"}
# Duration unit -> (designator, is a time unit: written after "T" in an ISO 8601 duration)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("Y", False),
    "centurie": ("Y", False), "century": ("Y", False),
}
UNIT_SCALE = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100}
ADVERB_SETS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
               "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
               "biweekly": "P2W", "bimonthly": "P2M", "biannually": "P6M", "semiannually": "P6M"}

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}
VAGUE_COUNTS = {"few", "several", "some", "many", "numerous", "various"}

_UNIT_WORDS = {u + s for u in UNITS for s in ("", "s")} | {"centuries", "half", "dozen"}
_TOKEN = re.compile(r"\d+(?:[:/.]\d+)*(?:st|nd|rd|th|s)?|[a-z]+")


@functools.lru_cache(maxsize=1 << 14)
def canonical(text: str) -> str:
    """The expression as the rules read it: "Twenty-four hours" -> "24 hours"."""
    t = text.lower().replace("\u2019", "'").replace("`", "'")
    t = re.sub(r"\b([ap])\.\s?m\b\.?|(?<=\d)\s?([ap])m\b", lambda m: f" {m[1] or m[2]}m", t)
    t = re.sub(r"\b(\d{1,2})\.([0-5]\d)\s+(?=[ap]m\b)", r"\1:\2 ", t)  # "7.30pm", the British way
    t = re.sub(r"\b(\d{4})-(\d\d)-(\d\d)\b", r"\2/\3/\1", t)  # ISO date -> the M/D/Y form
    t = re.sub(r"'(\d0)s\b", r"19\1s", t)           # the '80s
    t = re.sub(r"(?<![\w'])'(\d\d)\b",              # fiscal '89, since '08
               lambda m: ("19" if int(m[1]) > 30 else "20") + m[1], t)
    t = re.sub(r"'s\b|(?<=s)'", "", t)               # possessives: "last year's"
    t = re.sub(r"\bthis past\b", "past", t)          # "this past weekend": the one just gone
    # "midyear", "mid-week", "midmorning": the middle of the unit, as "mid-March" is of March
    t = re.sub(r"\bmid-?(year|month|week|morning|afternoon)\b", r"mid \1", t)
    t = re.sub(r"\b(?:a |one )?(quarter|half)[- ]century\b",  # "a quarter-century": 25 years
               lambda m: "25 years" if m[1] == "quarter" else "50 years", t)
    tokens = _TOKEN.findall(t.replace("-", " "))
    return " ".join(_fold_fractions(_fold_numbers(tokens)))


def _fold_numbers(tokens: list[str]) -> list[str]:
    tokens = ["one" if w in ("a", "an") and nxt in ("hundred", "thousand") else w
              for w, nxt in zip(tokens, tokens[1:] + [""])]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word in ("a", "an", "another") and _unit_follows(tokens, i + 1) \
                and not _second_of_a_run(tokens, i + 1):
            out.extend(["another", "1"] if word == "another" else ["1"])  # "an additional year"
            i += 1
            continue
        if word == "couple" and _unit_follows(tokens, i + 1 + (following == "of")):
            out.append("2")     # "the next couple of years"
            i += 2 if following == "of" else 1
            continue
        if (word, following) in (("half", "a"), ("half", "an"), ("a", "half"), ("an", "half")) \
                and (not out or out[-1] != "and"):
            out.append("0.5")
            i += 2
            continue
        if word in ("a", "an") and following in ("few", "couple"):
            out.append("x" if following == "few" else "2")
            i += 3 if following == "couple" and i + 2 < len(tokens) and tokens[i + 2] == "of" else 2
            continue
        if word in VAGUE_COUNTS and following in _UNIT_WORDS:
            out.append("x")
            i += 1
            continue
        ordinal = _ordinal(tokens, i)
        if ordinal:
            out.append(ordinal[1])
            i = ordinal[0]
            continue
        end, value = _number_run(tokens, i)
        if end > i:
            out.append(str(value))
            i = end
        else:
            out.append(word)
            i += 1
    return out


# Adjectives that may stand between "a" and the unit it counts: "an additional year".
_COUNT_ADJECTIVES = {"additional", "extra", "full", "whole", "entire", "further", "single"}


def _unit_follows(tokens: list[str], i: int) -> bool:
    while i < len(tokens) and tokens[i] in _COUNT_ADJECTIVES:
        i += 1
    return i < len(tokens) and tokens[i] in _UNIT_WORDS - {"half"}


_RUN_WORDS = {"straight", "consecutive", "successive", "full"}


def _second_of_a_run(tokens: list[str], i: int) -> bool:
    """"a second day", "a second consecutive year": "second" is a rank, not the unit "a"
    counts."""
    j = i + 1
    while j < len(tokens) and tokens[j] in _RUN_WORDS:
        j += 1
    return tokens[i] == "second" and j < len(tokens) and tokens[j] in _UNIT_WORDS


def _ordinal(tokens: list[str], i: int) -> tuple[int, str] | None:
    """"twenty-first" -> "21st"; "second" only when it cannot be the unit (a second quarter)."""
    word = tokens[i]
    tens = 0
    if word in TENS and i + 1 < len(tokens) and tokens[i + 1] in ORDINALS:
        tens, i = TENS[word], i + 1
        word = tokens[i]
    if word not in ORDINALS:
        return None
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    previous = tokens[i - 1] if i > 0 else ""
    if word == "second" and not tens \
            and following not in _UNIT_WORDS | _RUN_WORDS | {"quarter", "half"} \
            and previous not in ("the", "its", "fiscal"):
        return None
    n = tens + ORDINALS[word]
    suffix = "th" if 10 < n % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return i + 1, f"{n}{suffix}"


def _number_run(tokens: list[str], i: int) -> tuple[int, int]:
    """The number spelled from tokens[i:], as (end index, value); end == i when there is none.

    "nineteen ninety six" is a year (1996): two two-digit groups side by side.
    """
    total = current = 0
    end = i
    while end < len(tokens):
        word = tokens[end]
        if word in ("hundred", "thousand") and end > i:
            if word == "hundred":
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * 1000, 0
            end += 1
            continue
        if word == "and" and end > i and current % 100 == 0:  # "two thousand and five"
            end += 1
            continue
        group, after = _two_digits(tokens, end)
        if after == end:
            break
        if current == 0 or current % 100 == 0:
            current += group
        elif 10 < current < 100 and group >= 10 and total == 0:
            current = current * 100 + group
        else:
            break
        end = after
    if end > i and tokens[end - 1] == "and":
        end -= 1
    return end, total + current


def _two_digits(tokens: list[str], i: int) -> tuple[int, int]:
    word = tokens[i]
    if word in TENS:
        value = TENS[word]
        if i + 1 < len(tokens) and 0 < ONES.get(tokens[i + 1], 0) < 10:
            return value + ONES[tokens[i + 1]], i + 2
        return value, i + 1
    if word in ONES:
        return ONES[word], i + 1
    return 0, i


def _fold_fractions(tokens: list[str]) -> list[str]:
    """"5 1/2 hours", "two and a half years", "a minute and a half", "half an hour", "a quarter of
    an hour" -> decimals."""
    text = " ".join(tokens)
    text = re.sub(r"\b(\d+) quarters? of 1 hour\b", lambda m: f"{int(m[1]) * 0.25:g} hour", text)
    text = re.sub(r"\b(\d+) 1/2\b", lambda m: f"{int(m[1])}.5", text)
    text = re.sub(r"\b(\d+) and a half\b", lambda m: f"{int(m[1])}.5", text)
    unit = "(" + "|".join(sorted(_UNIT_WORDS - {"half", "dozen"}, key=len, reverse=True)) + ")"
    text = re.sub(rf"\b(\d+) {unit} and a half\b", lambda m: f"{int(m[1])}.5 {m[2]}", text)
    return text.split()
