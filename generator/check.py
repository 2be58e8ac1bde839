"""`briefing check`: what a reader or CI should not ship. Broken links, two pages that would
share one URL, hand edits inside generated regions, and pages nothing links to."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import Path

from .backlinks import LINK, LISTING_PAGES
from .exceptions import Problem
from .generate import read_pages
from .merge import regions

_ANCHOR = re.compile(r'id="(s\d+)"')


def check(content: Path) -> list[Problem]:
    pages = read_pages(content)
    problems: list[Problem] = []
    problems += _broken_links(pages)
    problems += _collisions(pages)
    problems += _conflicts(content, pages)
    problems += _unlinked(pages)
    return sorted(problems)


def _broken_links(pages: dict[str, str]) -> list[Problem]:
    anchors = {p: set(_ANCHOR.findall(t)) for p, t in pages.items()}
    found = []
    for path, text in pages.items():
        for number, line in enumerate(text.splitlines(), start=1):
            for match in LINK.finditer(line):
                link, anchor = match[2], (match[3] or "")[1:]
                if "://" in link:
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
                if target not in pages:
                    found.append(Problem(path, f"line {number}: broken link to {link}", "error"))
                elif re.fullmatch(r"s\d+", anchor) and anchor not in anchors[target]:
                    found.append(Problem(path, f"line {number}: {link} has no sentence #{anchor}", "error"))
    return found


def _collisions(pages: dict[str, str]) -> list[Problem]:
    """Pages whose URLs differ only in case clash on case-insensitive hosts and file systems."""
    by_url = defaultdict(list)
    for path in pages:
        by_url[path.casefold()].append(path)
    return [Problem(paths[0], f"same URL as {', '.join(paths[1:])} on a case-insensitive host", "error")
            for paths in by_url.values() if len(paths) > 1]


def _conflicts(content: Path, pages: dict[str, str]) -> list[Problem]:
    found = []
    for path, text in pages.items():
        edited = [r.name for r in regions(text) if r.edited]
        if edited:
            found.append(Problem(path, f"hand edit inside generated region(s) {', '.join(edited)}: "
                                       f"move the text outside the markers, or compare with "
                                       f"{Path(path).name}.generated and delete that file", "error"))
    return found


def _unlinked(pages: dict[str, str]) -> list[Problem]:
    linked = {posixpath.normpath(posixpath.join(posixpath.dirname(path), match[2]))
              for path, text in pages.items() for match in LINK.finditer(text)}
    return [Problem(p, "no page links here") for p in sorted(pages)
            if p not in linked and p not in LISTING_PAGES]
