"""Slugs: the file names of pages, made from names and paths that may hold anything.

A slug is lowercase ASCII letters, digits and single hyphens, so it is the same file on every
filesystem, cannot climb out of its folder, and needs no escaping in a link. Unique per folder,
assigned in sorted order, so the same inputs always give the same slugs.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath

from slugify import slugify

MAX_LENGTH = 72
SOURCE_LENGTH = 80
RESERVED = frozenset({"index"})      # each section's own page: `actors/index.md`
_SUFFIX_LENGTH = 8


@functools.lru_cache(maxsize=1 << 17)
def slug(text: str, max_length: int = MAX_LENGTH) -> str:
    """`Ali Khan / Jr` -> `ali-khan-jr`. A name with no letter that transliterates to ASCII
    (emoji, symbols) gets `untitled-` and a short hash of itself, so it keeps its page.
    Memoised: slugifying is slow, and a rebuild asks again for most of the last one's slugs."""
    made = slugify(text, max_length=max_length, word_boundary=True)
    return made or f"untitled-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def unique_slugs(items: Sequence[tuple[str, str]], reserved: Iterable[str] = RESERVED) -> list[str]:
    """(sort key, wanted slug) pairs -> one unique slug each, in the order given. Clashes,
    and reserved names, get -2, -3 in the order of the sort keys."""
    taken = set(reserved)
    result: list[str] = [""] * len(items)
    for index in sorted(range(len(items)), key=lambda i: (items[i], i)):
        wanted = items[index][1] or "untitled"
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{wanted}-{n}", n + 1
        taken.add(candidate)
        result[index] = candidate
    return result


def source_ids(paths: Iterable[str]) -> dict[str, str]:
    """A stable, unique slug per path: `reports/2020 Kabul.txt` -> `reports-2020-kabul`.
    Paths with the same slug all get their suffix added (`a-txt`, `a-md`), then a counter."""
    paths = sorted(set(paths))
    base = {p: slugify(_without_suffix(p), max_length=SOURCE_LENGTH) or "source" for p in paths}
    counts = Counter(base.values())
    wanted = []
    for p in paths:
        made = base[p]
        if counts[made] > 1:
            suffix = slugify(PurePosixPath(p).suffix, max_length=_SUFFIX_LENGTH)
            made = f"{made}-{suffix}" if suffix else made
        wanted.append((p, made))
    return dict(zip(paths, unique_slugs(wanted)))


def _without_suffix(path: str) -> str:
    suffix = PurePosixPath(path).suffix
    return path[:-len(suffix)] if suffix else path
