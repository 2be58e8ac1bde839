"""The hand-edit contract: generated regions are the generator's, everything else the human's.

A page is front matter plus a body in which generated regions sit between
`<!-- briefing:begin NAME -->` and `<!-- briefing:end NAME CHECKSUM -->`. The checksum of a
region's content tells whether a human edited inside it; a hash of everything outside the
regions (kept in the `briefing` front-matter key) tells whether a human touched the page at all.

`merge_page` is pure. `write_if_changed` is the only function here that touches the disk.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .sources import FRONT_MATTER

_REGION = re.compile(
    r"<!-- briefing:begin (?P<name>[\w-]+) -->\n(?P<body>.*?)<!-- briefing:end (?P=name)(?: (?P<sum>[0-9a-f]{12}))? -->",
    re.S)
_STAMP = re.compile(r"^briefing: (?P<id>\S+) (?P<skeleton>[0-9a-f]{12})\n", re.M)


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
                   edited=m["sum"] is not None and checksum(m["body"]) != m["sum"])
            for m in _REGION.finditer(text)]


def region_span(text: str, name: str) -> tuple[int, int] | None:
    """Where the first region called `name` is, as `regions` finds it, without checking sums."""
    for m in _REGION.finditer(text):
        if m["name"] == name:
            return m.start(), m.end()
    return None


def skeleton(text: str) -> str:
    """Everything a human owns: the page without region contents and without the stamp."""
    text = _STAMP.sub("", text, count=1)
    return _REGION.sub(lambda m: f"<!-- briefing:region {m['name']} -->", text)


def stamp(page_id: str, text: str) -> str:
    """Put `briefing: ID SKELETON` in the front matter, recording what the generator wrote."""
    text = _STAMP.sub("", text, count=1)
    front = FRONT_MATTER.match(text)
    line = f"briefing: {page_id} {checksum(skeleton(text))}\n"
    if front is None:
        return f"---\n{line}---\n\n{text}"
    at = front.end("yaml") if front["yaml"] else len("---\n")
    return text[:at] + line + text[at:]


def page_stamp(text: str) -> tuple[str, str] | None:
    """(page id, skeleton hash) of a generated page; None for a page a human wrote."""
    front = FRONT_MATTER.match(text)
    match = _STAMP.search(front["yaml"] or "") if front else None
    return (match["id"], match["skeleton"]) if match else None


def touched(text: str) -> bool:
    """Did a human change anything since the generator last wrote this page?"""
    found = page_stamp(text)
    if found is None:
        return True
    return found[1] != checksum(skeleton(text)) or any(r.edited for r in regions(text))


@dataclass(frozen=True)
class MergeResult:
    text: str                       # what the page should hold now
    conflicts: tuple[str, ...] = ()  # regions a human edited: `text` keeps the human's version
    generated: str | None = None    # on conflict: what the generator would have written


def merge_page(old: str | None, new: str) -> MergeResult:
    """The page to write, given what is on disk (`old`) and what the generator renders (`new`,
    already stamped)."""
    if old is None or not touched(old):
        return MergeResult(new)
    conflicts = tuple(r.name for r in regions(old) if r.edited)
    merged = _replace_regions(old, new)
    if conflicts:
        return MergeResult(old, conflicts, merged)
    return MergeResult(merged)


def _replace_regions(old: str, new: str) -> str:
    """Old page with each region's content taken from `new`. A region the new page has and
    the old lacks goes in after the region that precedes it in `new`; a region the new page
    no longer has is emptied. Everything outside regions stays byte for byte."""
    fresh = {r.name: r for r in regions(new)}
    order = [r.name for r in regions(new)]
    present = {r.name for r in regions(old)}
    pieces, cursor = [], 0
    for r in regions(old):
        pieces.append(old[cursor:r.start])
        pieces.append(region(r.name, fresh[r.name].body if r.name in fresh else ""))
        cursor = r.end
        for name in _following_missing(r.name, order, present):
            pieces.append(f"\n\n{region(name, fresh[name].body)}")
            present.add(name)
    pieces.append(old[cursor:])
    text = "".join(pieces)
    missing = [n for n in order if n not in present]
    if missing:
        text = text.rstrip("\n") + "".join(f"\n\n{region(n, fresh[n].body)}" for n in missing) + "\n"
    # The old stamp stays: it records what the generator once wrote, so the page stays "touched".
    return text


def _following_missing(name: str, order: list[str], present: set[str]) -> list[str]:
    """New regions that come right after `name` in the new page's order."""
    if name not in order:
        return []
    out = []
    for following in order[order.index(name) + 1:]:
        if following in present:
            break
        out.append(following)
    return out


def orphan(text: str, notice: str) -> str:
    """A page whose subject left the sources but that a human edited: its regions say so."""
    pieces, cursor = [], 0
    for i, r in enumerate(regions(text)):
        pieces.append(text[cursor:r.start])
        pieces.append(region(r.name, notice if i == 0 else r.body))
        cursor = r.end
    pieces.append(text[cursor:])
    return "".join(pieces)


# --- the disk ------------------------------------------------------------------------

def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically (temporary file, then rename) and only when the bytes differ, so a
    reader never sees half a page and `mkdocs serve` is not woken by its own writes.
    No fsync: the rename alone keeps readers from half a page, and a page lost to a power cut
    is written again by the next run, while syncing every one of thousands costs minutes."""
    data = text.encode()
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
