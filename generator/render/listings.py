"""Long lists cut into pages a browser can load: the timeline, the section indexes and the long
lists of an entity page each hold at most `PAGE_ROWS` entries a page. Pure functions: which
entries go on which page, and what that page is called; the renderer makes the pages.

A list no longer than `PAGE_ROWS` stays whole, on the page it has always been on: a small wiki
is not split at all.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Entries a page holds. The largest entries (a timeline line: a date, an event, four actors and a
# quote, each a link) make about 0.6 KB of HTML each, with Material's page around them about 30 KB:
# 500 of them stay well below 500 KB a page.
PAGE_ROWS = 500
# On an entity page, a long list keeps this many entries, half the most recent and half the most
# cited, and a subpage holds all of them.
KEPT_ROWS = 50


@dataclass(frozen=True)
class Part:
    slug: str           # "1987-03", "1987-03-2", "a", "undated"
    label: str          # "March 1987", "March 1987 (2 of 3)", "A"
    items: tuple


def _label(period: str) -> str:
    if period == "undated":
        return "Undated"
    if len(period) == 7:
        return f"{calendar.month_name[int(period[5:7])]} {period[:4]}"
    return period


def _numbered(slug: str, label: str, items: Sequence, rows: int) -> list[Part]:
    """One part, or several of at most `rows` entries each: "1987-03", "1987-03-2", ..."""
    if len(items) <= rows:
        return [Part(slug, label, tuple(items))]
    count = (len(items) + rows - 1) // rows
    return [Part(slug if n == 0 else f"{slug}-{n + 1}", f"{label} ({n + 1} of {count})",
                 tuple(items[n * rows:(n + 1) * rows])) for n in range(count)]


def by_period(items: Sequence, date_of: Callable[[object], str | None], rows: int | None = None) -> list[Part]:
    """Items (in the order they are to be read) by year, a large year by month, a large month in
    numbered parts; items without a date last, as "undated". A date given only to the year stays
    in its year's first part."""
    rows = rows or PAGE_ROWS
    years: dict[str, list] = {}
    for item in items:
        date = date_of(item)
        years.setdefault(date[:4] if date else "undated", []).append(item)
    parts: list[Part] = []
    for year in sorted(years, key=lambda y: (y == "undated", y)):
        found = years[year]
        if len(found) <= rows or year == "undated":
            parts += _numbered(year, _label(year), found, rows)
            continue
        months: dict[str, list] = {}
        for item in found:
            date = date_of(item)
            months.setdefault(date[:7] if len(date) >= 7 else year, []).append(item)
        for month in sorted(months):
            parts += _numbered(month, _label(month), months[month], rows)
    return parts


def by_letter(items: Sequence, name_of: Callable[[object], str], rows: int | None = None) -> list[Part]:
    """Items by the first letter of their name (a to z, "other" for the rest), in name order,
    a large letter in numbered parts."""
    rows = rows or PAGE_ROWS
    letters: dict[str, list] = {}
    for item in sorted(items, key=lambda i: (name_of(i).casefold(), name_of(i))):
        first = name_of(item)[:1].casefold()
        letters.setdefault(first if "a" <= first <= "z" else "other", []).append(item)
    parts: list[Part] = []
    for letter in sorted(letters, key=lambda x: (x == "other", x)):
        parts += _numbered(letter, "Other" if letter == "other" else letter.upper(), letters[letter], rows)
    return parts


def paged(slug: str, label: str, items: Sequence, rows: int | None = None) -> list[Part]:
    return _numbered(slug, label, items, rows or PAGE_ROWS)


def kept(items: Sequence, recent: Callable[[object], object], cited: Callable[[object], object],
         keep: int | None = None) -> list:
    """Of a long list (in reading order), the entries an entity page keeps: half the most recent,
    then the most cited of the rest, in the list's own order. A list of `keep` or fewer is whole."""
    keep = keep or KEPT_ROWS
    if len(items) <= keep:
        return list(items)
    order = range(len(items))
    newest = set(sorted(order, key=lambda i: (recent(items[i]), i), reverse=True)[:keep // 2])
    rest = [i for i in order if i not in newest]
    most = sorted(rest, key=lambda i: (-cited(items[i]), i))[:keep - len(newest)]
    return [items[i] for i in sorted({*newest, *most})]


def timeline_parts(events: Sequence, rows: int | None = None) -> list[Part] | None:
    """The timeline's parts, in date order with the undated last (as its year files read), or
    None when it is short enough for one page."""
    rows = rows or PAGE_ROWS
    if len(events) <= rows:
        return None
    ordered = sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))
    return by_period(ordered, lambda e: e.date, rows)
