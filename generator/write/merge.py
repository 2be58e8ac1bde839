"""The hand-edit contract: generated regions are the generator's, everything else the human's.

The regions and the stamp that mark what the generator wrote are in `read.markers`.
`merge_page` is pure. `replace_page` and `remove_page` touch the disk, and only where the page
is still as this run found it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.atomic import Seen, _as_saved, _look, _replace, as_read, seen_now, write_if_changed
from generator.read.markers import page_stamp, region, regions, restamp_regions, same_region_names, touched


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
    merged = _replace_regions(old, new, add_missing=not same_region_names(old, new))
    # The old stamp stays, so the page stays "touched"; only its list of regions follows `new`.
    merged = restamp_regions(merged, new)
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
