"""The marks the generator leaves in a page, and how they are found again.

A page is front matter plus a body in which generated regions sit between
`<!-- briefing:begin NAME -->` and `<!-- briefing:end NAME CHECKSUM -->`. The checksum of a
region's content tells whether a human edited inside it. The `briefing` front-matter key,
`ID SKELETON REGIONS`, records which entity the page is for, a hash of everything outside the
regions as the generator wrote it (did a human touch the page at all?) and a hash of the region
names the generator wrote (did a human delete a region, or does the template have a new one?).

Rendering writes these marks, reading a page finds them, and `write.merge` keeps what a human
wrote around them: so they live here, at the bottom, where every stage may use them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .sources import FRONT_MATTER

# The generator writes every end marker with its region's checksum: markers without one are a
# human's text (an example in a fenced block, say), never a region to fill or empty.
_REGION = re.compile(
    r"<!-- briefing:begin (?P<name>[\w-]+) -->\n(?P<body>.*?)<!-- briefing:end (?P=name) (?P<sum>[0-9a-f]{12}) -->",
    re.S)
# The same pattern in its parts, for `region_span`.
_BEGIN = "<!-- briefing:begin "
_REGION_HEAD = re.compile(r"<!-- briefing:begin (?P<name>[\w-]+) -->\n")
_REGION_TAIL = re.compile(r" [0-9a-f]{12} -->")
_STAMP = re.compile(r"^briefing: (?P<id>\S+) (?P<skeleton>[0-9a-f]{12})(?: (?P<regions>[0-9a-f]{12}))?\n", re.M)


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def region(name: str, body: str) -> str:
    body = body if not body or body.endswith("\n") else body + "\n"
    return f"<!-- briefing:begin {name} -->\n{body}<!-- briefing:end {name} {checksum(body)} -->"


@dataclass(frozen=True)
class Region:
    name: str
    body: str
    start: int
    end: int
    edited: bool


def regions(text: str) -> list[Region]:
    return [Region(m["name"], m["body"], m.start(), m.end(),
                   edited=checksum(m["body"]) != m["sum"])
            for m in _REGION.finditer(text)]


def region_span(text: str, name: str) -> tuple[int, int] | None:
    """Where the first region called `name` is, as `regions` finds it, without checking sums.
    The pattern is tried only where a region begins, and each region's end is looked for as
    plain text: the pattern's own scan of a long body, a character at a time, is the slow part."""
    at = text.find(_BEGIN)
    while at >= 0:
        head = _REGION_HEAD.match(text, at)
        if head is None:
            at = text.find(_BEGIN, at + 1)
            continue
        end, closing = head.end(), f"<!-- briefing:end {head['name']}"
        while (end := text.find(closing, end)) >= 0:
            tail = _REGION_TAIL.match(text, end + len(closing))
            if tail is not None:
                break
            end += 1
        if end < 0:             # never closed: no region here, as for the pattern
            at = text.find(_BEGIN, at + 1)
            continue
        if head["name"] == name:
            return at, tail.end()
        at = text.find(_BEGIN, tail.end())
    return None


def skeleton(text: str) -> str:
    """Everything a human owns: the page without region contents and without the stamp."""
    text = _STAMP.sub("", text, count=1)
    return _REGION.sub(lambda m: f"<!-- briefing:region {m['name']} -->", text)


def _names(text: str) -> str:
    return checksum(" ".join(r.name for r in regions(text)))


def stamp(page_id: str, text: str, known: tuple[str, list[str]] | None = None) -> str:
    """Put `briefing: ID SKELETON REGIONS` in the front matter, recording what the generator wrote.
    `known`: the text's skeleton and region names, from a caller that has just made them (and no
    stamp) and need not find them again."""
    if known is None:
        text = _STAMP.sub("", text, count=1)
        known = skeleton(text), [r.name for r in regions(text)]
    front = FRONT_MATTER.match(text)
    line = f"briefing: {page_id} {checksum(known[0])} {checksum(' '.join(known[1]))}\n"
    if front is None:
        return f"---\n{line}---\n\n{text}"
    at = front.end("yaml") if front["yaml"] else len("---\n")
    return text[:at] + line + text[at:]


def _stamp_match(text: str) -> re.Match | None:
    front = FRONT_MATTER.match(text)
    return _STAMP.search(front["yaml"] or "") if front else None


def page_stamp(text: str) -> tuple[str, str] | None:
    """(page id, skeleton hash) of a generated page; None for a page a human wrote."""
    match = _stamp_match(text)
    return (match["id"], match["skeleton"]) if match else None


def touched(text: str) -> bool:
    """Did a human change anything since the generator last wrote this page?"""
    found = page_stamp(text)
    if found is None:
        return True
    return found[1] != checksum(skeleton(text)) or any(r.edited for r in regions(text))


def same_region_names(old: str, new: str) -> bool:
    """Does the stamp of `old` list the regions `new` has (the template has no new region)?"""
    stamped = _stamp_match(old)
    return stamped is not None and stamped["regions"] == _names(new)


def restamp_regions(text: str, new: str) -> str:
    """`text` with its stamp kept, but for the list of region names, which becomes `new`'s."""
    return _STAMP.sub(lambda m: f"briefing: {m['id']} {m['skeleton']} {_names(new)}\n", text, count=1)
