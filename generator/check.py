"""`briefing check`: what a reader or CI should not ship. Broken links, two pages that would
share one URL, two pages for one entity, front matter that does not parse, hand edits inside
generated regions, and pages nothing links to.

It sees what the site will publish: a page hidden with `hide: true` is not published, so the
links inside it are not checked, and a link to it is broken."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import Path

from generator.atomic import as_read
from generator.read.frontmatter import hidden, page_curation, page_kind, read_front_matter
from generator.read.markers import page_stamp, regions
from generator.read.pages import is_listing, read_pages
from generator.write.accept import commands, conflicted, read_accepted
from generator.write.backlinks import LINK
from .exceptions import Problem

_ANCHOR = re.compile(r'id="(s\d+)"')


def check(content: Path, last_good: dict[str, dict] | None = None) -> list[Problem]:
    """`last_good`: the curation the generator last read from each page (`Store.curation`), which
    a page whose front matter is broken keeps: whether it is hidden."""
    pages = read_pages(content)
    problems, hid = _front_matter(pages, last_good or {})
    published = {p: t for p, t in pages.items() if p not in hid}
    problems += _broken_links(published, hid)
    problems += _collisions(published)
    problems += _twins(pages)
    problems += _conflicts(content, pages)
    problems += _unlinked(published)
    return sorted(problems)


def _front_matter(pages: dict[str, str], last_good: dict[str, dict]) -> tuple[list[Problem], set[str]]:
    """Front matter that does not parse (the site would show it as text) or curation keys of
    the wrong type; and which pages are hidden."""
    found, hid = [], set()
    for path, text in pages.items():
        front = read_front_matter(text)
        if front.broken:
            found.append(Problem(path, front.error, "error", front.line))
            if hidden(last_good.get(path, {})):
                hid.add(path)
            continue
        if hidden(front.meta):
            hid.add(path)
        stamped = page_stamp(text)
        kind = page_kind(path, stamped[0] if stamped else None)
        found += [Problem(path, message, "warning", line) for message, line in page_curation(text, kind).problems]
    return found, hid


def _broken_links(pages: dict[str, str], hid: set[str]) -> list[Problem]:
    anchors = {p: set(_ANCHOR.findall(t)) for p, t in pages.items()}
    found = []
    for path, text in pages.items():
        for number, line in enumerate(text.splitlines(), start=1):
            for match in LINK.finditer(line):
                link, anchor = match[2], (match[3] or "")[1:]
                if "://" in link:
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
                if target in hid:
                    found.append(Problem(path, f"line {number}: link to {link}, a page hidden with "
                                               "`hide: true` (not published)", "error"))
                elif target not in pages:
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


def _twins(pages: dict[str, str]) -> list[Problem]:
    """Two files whose stamps say they are the page of one entity (a page copied, or renamed
    while the generator wrote it again): the generator follows one of them only."""
    by_id = defaultdict(list)
    for path, text in sorted(pages.items()):
        stamped = page_stamp(text)
        if stamped is not None:
            by_id[stamped[0]].append(path)
    return [Problem(paths[0], f"{', '.join(paths[1:])} is the page of the same {page_id.partition('/')[0]} "
                              f"(the `briefing:` line of their front matter): keep one of them", "error")
            for page_id, paths in by_id.items() if len(paths) > 1]


def _conflicts(content: Path, pages: dict[str, str]) -> list[Problem]:
    """One line per region a human edited and has not settled with `briefing accept`, with the
    commands that settle it."""
    accepted = read_accepted(content)
    found = []
    for path, text in pages.items():
        if not any(r.edited for r in regions(text)):
            continue
        beside = content / (path + ".generated")
        try:
            generated = as_read(beside.read_bytes())
        except (OSError, UnicodeDecodeError):
            generated = None
        for name in conflicted(text, generated, accepted.get(path)):
            newer = f" (the generator's is in {Path(path).name}.generated)" if generated is not None else ""
            found.append(Problem(path, f"hand edit inside generated region {name}{newer}: "
                                       f"{commands(path, [name])}", "error"))
    return found


def _unlinked(pages: dict[str, str]) -> list[Problem]:
    linked = {posixpath.normpath(posixpath.join(posixpath.dirname(path), match[2]))
              for path, text in pages.items() for match in LINK.finditer(text)}
    return [Problem(p, "no page links here") for p in sorted(pages)
            if p not in linked and not is_listing(p)]
