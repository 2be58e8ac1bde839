"""The hand-edit contract: generated regions are the generator's, everything else the human's.

A page is front matter plus a body in which generated regions sit between
`<!-- briefing:begin NAME -->` and `<!-- briefing:end NAME CHECKSUM -->`. The checksum of a
region's content tells whether a human edited inside it. The `briefing` front-matter key,
`ID SKELETON REGIONS`, records which entity the page is for, a hash of everything outside the
regions as the generator wrote it (did a human touch the page at all?) and a hash of the region
names the generator wrote (did a human delete a region, or does the template have a new one?).

`merge_page` is pure. Only `write_if_changed` and `remove_leftovers` touch the disk.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import atomic
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
    # A region missing from the page was deleted by a human, unless the generator now writes
    # regions it did not write last time (a new template): then the missing ones go back in.
    stamped = _stamp_match(old)
    same_regions = stamped is not None and stamped["regions"] == _names(new)
    merged = _replace_regions(old, new, add_missing=not same_regions)
    # The old stamp stays, so the page stays "touched"; only its list of regions follows `new`.
    merged = _STAMP.sub(lambda m: f"briefing: {m['id']} {m['skeleton']} {_names(new)}\n", merged, count=1)
    if conflicts:
        return MergeResult(old, conflicts, merged)
    return MergeResult(merged)


def _replace_regions(old: str, new: str, add_missing: bool) -> str:
    """Old page with each region's content taken from `new`. With `add_missing`, a region the
    new page has and the old lacks goes in after the region that precedes it in `new`. A
    region the new page no longer has is emptied. Everything outside regions stays byte for byte."""
    fresh = {r.name: r for r in regions(new)}
    order = [r.name for r in regions(new)]
    present = {r.name for r in regions(old)} | (set() if add_missing else set(order))
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
    """A page whose subject left the sources but that a human edited. Its first region says
    so and the others are emptied: what they held is gone from the sources and links to pages
    that are gone. A region a human edited stays as it is."""
    pieces, cursor, noticed = [], 0, False
    for r in regions(text):
        pieces.append(text[cursor:r.start])
        if r.edited:
            pieces.append(text[r.start:r.end])
        else:
            pieces.append(region(r.name, "" if noticed else notice))
            noticed = True
        cursor = r.end
    pieces.append(text[cursor:])
    return "".join(pieces)


# --- line ends and the disk ----------------------------------------------------------

BOM = "\ufeff"


def crlf(text: str) -> bool:
    """Every line ends in CRLF: an editor saved the whole page that way."""
    return "\r\n" in text and text.count("\n") == text.count("\r\n")


def to_lf(text: str) -> str:
    """A page saved with CRLF throughout, as LF; any other page as it is, byte for byte."""
    return text.replace("\r\n", "\n") if crlf(text) else text


def as_read(data: bytes) -> str:
    """A page's bytes as the generator reads them: without a byte-order mark (as Notepad saves
    a page), and as LF when saved with CRLF throughout. Writing puts both back (`_as_saved`).
    Raises UnicodeDecodeError for a file that is not UTF-8."""
    return to_lf(data.decode("utf-8").removeprefix(BOM))


def _as_saved(text: str, before: bytes | None) -> bytes:
    """`text` in the form of the file it replaces: its byte-order mark and CRLF line ends."""
    if before is None:
        return text.encode()
    old = before.decode(errors="replace")
    if crlf(old):
        text = text.replace("\n", "\r\n")
    if old.startswith(BOM) and not text.startswith(BOM):
        text = BOM + text
    return text.encode()


_TEMP = ".briefing-tmp"


def remove_leftovers(folder: Path) -> None:
    """Temporary files of a run killed between writing them and renaming them into place."""
    for tmp in folder.rglob(f".*{_TEMP}"):
        tmp.unlink(missing_ok=True)


def _replace(path: Path, data: bytes, before: bytes | None, new: bool,
             still: Callable[[], bool] = lambda: True) -> Seen:
    """Write `data` to a temporary file beside `path` and rename it into place, unless `still()`
    says, at the last moment, that the file is no longer what the data was made against.
    Returns the size and time of the file put in place (the rename keeps them), None if none was:
    what this run wrote, told apart from a save that lands on the page right after."""
    if not new:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}{_TEMP}")
    try:
        # Created like any new file (0666 less the umask), or with the mode of the file it replaces.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        mode = None
        if before is not None:
            try:
                mode = stat.S_IMODE(path.stat().st_mode)
            except FileNotFoundError:
                pass
        atomic.write_new(fd, data, mode)
        if not still():
            Path(tmp).unlink(missing_ok=True)
            return None
        written = seen_now(tmp)
        atomic.rename(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def write_if_changed(path: Path, text: str, keep_crlf: bool = False, new: bool = False) -> bool:
    """Write atomically (temporary file, then rename) and only when the bytes differ, so a
    reader never sees half a page and `mkdocs serve` is not woken by its own writes. With
    `keep_crlf`, a file that has CRLF line ends throughout keeps them. No fsync: the rename
    alone keeps readers from half a page, and syncing each of thousands of pages costs minutes.
    `new` says the caller knows there is no such file yet and its folder exists: a cold build
    of thousands of pages is spared a read, and a folder made, for each."""
    before = None
    if not new:
        try:
            before = path.read_bytes()
        except FileNotFoundError:
            pass
    data = _as_saved(text, before) if keep_crlf else text.encode()
    if before == data:
        return False
    return _replace(path, data, before, new) is not None


# --- a page written while a human may be saving it ------------------------------------------

Seen = tuple[int, int] | None       # (size, mtime_ns) of a file as a run found it; None: no file


def _look(path: Path) -> tuple[Seen, bytes | None]:
    """The file's size and time, and its bytes, read from one open file."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            return (info.st_size, info.st_mtime_ns), handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return None, None


def seen_now(path: Path) -> Seen:
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return info.st_size, info.st_mtime_ns


_ATTEMPTS = 5


def replace_page(path: Path, text: str, seen: Seen, base: str | None = None) -> tuple[str, Seen]:
    """Write the page `text` (stamped, LF) over `path`, but only over the page as this run found
    it: `seen` is the file's size and time then, `base` the text merged with, when the run read
    it. A page someone saved since is read again and `text` merged with it once more, so that
    nothing they wrote is lost; the last look is taken right before the rename.
    Returns what happened:
    - "written" or "unchanged";
    - "merged": someone saved the page meanwhile, and it now holds their text and the new regions;
    - "kept": they saved an edit inside a generated region meanwhile: their page is left as it
      is and the new version goes beside it, in `.generated`;
    - "hand": the page is now one a human wrote (no stamp): left as it is;
    and the size and time of the page as this run left it (None where it left the human's), so
    that a save landing right after the write is not taken for this run's page."""
    merged = False
    for _ in range(_ATTEMPTS):
        now, before = _look(path)
        current = None
        if before is not None:
            try:
                current = as_read(before)
            except UnicodeDecodeError:
                return "hand", None
        if now != seen or (base is not None and current is not None and current != base):
            if current is not None:
                if page_stamp(current) is None:
                    return "hand", None
                result = merge_page(current, text)
                if result.conflicts:
                    write_if_changed(path.with_name(path.name + ".generated"), result.generated or "")
                    return "kept", None
                text = result.text
            seen, base, merged = now, current, True
        data = _as_saved(text, before)
        if before == data:
            return ("merged" if merged else "unchanged"), now
        written = _replace(path, data, before, new=False, still=lambda: seen_now(path) == now)
        if written is not None:
            return ("merged" if merged else "written"), written
    # Saved again and again while this run tried to write: the human's page stays.
    write_if_changed(path.with_name(path.name + ".generated"), text)
    return "kept", None


def remove_page(path: Path, seen: Seen) -> bool:
    """Delete a page, unless someone saved it since the run found it (`seen`)."""
    if seen_now(path) != seen:
        return False
    path.unlink(missing_ok=True)
    return True
